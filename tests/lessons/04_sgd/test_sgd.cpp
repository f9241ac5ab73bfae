// Lesson 04 — minibatch SGD.  Expected values are computed in the tests from the definitions
// (per-example gradients summed by hand, schedules evaluated by hand), never copied from a run.
#include "optlab_test.hpp"
#include "test_objectives.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "sgd.hpp"

using optlab::Status;

namespace {

#define SGD_CHECK(cond, what, mistake) \
  BOOST_CHECK_MESSAGE((cond), std::string(what) + "\n    likely mistake: " + std::string(mistake))
#define SGD_REQUIRE(cond, what, mistake) \
  BOOST_REQUIRE_MESSAGE((cond), std::string(what) + "\n    likely mistake: " + std::string(mistake))

std::string show(double v) { return optlab::detail::show(v); }

std::string show_batch(const arma::uvec& b) {
  std::string s = "{";
  for (arma::uword i = 0; i < b.n_elem; ++i) s += (i ? "," : "") + std::to_string(b(i));
  return s + "}";
}

using optlab::test::LoggedLeastSquares;

LoggedLeastSquares make_problem(arma::uword n, arma::uword d, std::uint64_t seed, double scale = 1.0,
                                double noise = 0.1) {
  optlab::Rng rng(seed);
  const arma::mat A = scale * rng.normal_mat(n, d);
  const arma::vec w = rng.normal_vec(d);
  const arma::vec y = A * w + noise * rng.normal_vec(n);
  return LoggedLeastSquares(A, y);
}

// The minibatches of each epoch, read back from the log (full evaluations separate epochs).
std::vector<std::vector<arma::uvec>> epochs_of(const LoggedLeastSquares& f) {
  std::vector<std::vector<arma::uvec>> epochs;
  std::vector<arma::uvec> current;
  bool started = false;
  for (const auto& e : f.log) {
    if (e.batch.is_empty()) {
      if (started) epochs.push_back(current);
      current.clear();
      started = true;
    } else {
      current.push_back(e.batch);
    }
  }
  return epochs;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_CASE(epoch_batches_cover_every_example_once) {
  // n = 10, batch 3: slices 3, 3, 3 and the left-over 1 of ONE permutation.
  optlab::Rng rng(7), twin(7);
  const std::vector<arma::uvec> b = optlab::sgd_epoch_batches(10, 3, rng);
  const arma::uvec order = twin.permutation(10);
  std::vector<arma::uword> sizes;
  for (const auto& x : b) sizes.push_back(x.n_elem);
  SGD_REQUIRE(sizes == std::vector<arma::uword>({3, 3, 3, 1}),
              std::to_string(b.size()) + " batches for n = 10, batch_size = 3; expected sizes 3, 3, 3, 1",
              "keep the last partial batch (the n mod batch_size left-over examples) and make no empty batch");
  arma::uvec joined = arma::join_cols(arma::join_cols(b[0], b[1]), arma::join_cols(b[2], b[3]));
  SGD_CHECK(arma::all(joined == order),
            "batches concatenated are not rng.permutation(10) in order: first batch " + show_batch(b[0]) +
                ", permutation starts " + show_batch(order.head(3)),
            "draw the order with exactly one rng.permutation(n) per epoch and cut it into consecutive slices");
  // Other sizes: exact multiple (no empty trailing batch), batch 1, batch n, batch > n.
  optlab::Rng r2(1);
  SGD_CHECK(optlab::sgd_epoch_batches(12, 4, r2).size() == 3, "n = 12, batch_size = 4 does not give 3 batches",
            "when batch_size divides n there is no partial (or empty) last batch");
  SGD_CHECK(optlab::sgd_epoch_batches(5, 1, r2).size() == 5, "batch_size = 1 does not give n batches",
            "batch_size = 1 is plain SGD: one example per update");
  const auto all = optlab::sgd_epoch_batches(5, 5, r2);
  const auto more = optlab::sgd_epoch_batches(5, 50, r2);
  SGD_CHECK(all.size() == 1 && all[0].n_elem == 5 && more.size() == 1 && more[0].n_elem == 5,
            "batch_size = n or > n does not give one batch of all n examples",
            "a batch size above n means one batch of all n (full batch)");
}

BOOST_AUTO_TEST_CASE(epoch_batches_are_reshuffled) {
  optlab::Rng rng(3), twin(3);
  std::vector<arma::uvec> orders;
  for (int e = 0; e < 3; ++e) {
    const auto b = optlab::sgd_epoch_batches(50, 8, rng);
    arma::uvec o;
    for (const auto& x : b) o = arma::join_cols(o, x);
    SGD_REQUIRE(o.n_elem == 50, "epoch " + std::to_string(e) + " has " + std::to_string(o.n_elem) + " indices",
                "every index appears exactly once per epoch, including the last partial batch");
    SGD_CHECK(std::set<arma::uword>(o.begin(), o.end()).size() == 50,
              "epoch " + std::to_string(e) + " repeats an index", "one epoch visits every example exactly once");
    const arma::uvec expected = twin.permutation(50);
    SGD_CHECK(arma::all(o == expected), "epoch " + std::to_string(e) + " is not the next rng.permutation(50)",
              "reshuffle every epoch with exactly one rng.permutation(n) call (no new Rng, no fixed order)");
    orders.push_back(o);
  }
  SGD_CHECK(arma::any(orders[0] != orders[1]) && arma::any(orders[1] != orders[2]),
            "two consecutive epochs use the same order", "reshuffle every epoch: draw a fresh permutation each call");
}

BOOST_AUTO_TEST_CASE(schedule_values) {
  optlab::SGDSchedule c;  // constant 0.1
  optlab::SGDSchedule s;
  s.kind = optlab::SGDScheduleKind::step_decay;
  s.eta0 = 0.1;
  s.gamma = 0.5;
  s.step_epochs = 10;
  optlab::SGDSchedule it;
  it.kind = optlab::SGDScheduleKind::inverse_time;
  it.eta0 = 0.1;
  it.decay = 0.01;
  // By hand: step decay 0.1·0.5^⌊e/10⌋ at e = 0, 9, 10, 25 → 0.1, 0.1, 0.05, 0.025;
  // inverse time 0.1/(1 + 0.01t) at t = 0, 100, 300 → 0.1, 0.05, 0.025; constant 0.1 always.
  const arma::vec got = {optlab::sgd_learning_rate(c, 0, 0),    optlab::sgd_learning_rate(c, 40, 5000),
                         optlab::sgd_learning_rate(s, 0, 0),    optlab::sgd_learning_rate(s, 9, 999),
                         optlab::sgd_learning_rate(s, 10, 7),   optlab::sgd_learning_rate(s, 25, 0),
                         optlab::sgd_learning_rate(it, 0, 0),   optlab::sgd_learning_rate(it, 3, 100),
                         optlab::sgd_learning_rate(it, 0, 300)};
  const arma::vec expected = {0.1, 0.1, 0.1, 0.1, 0.05, 0.025, 0.1, 0.05, 0.025};
  // 1e-15: one pow or one division of exact-ish numbers.
  OPTLAB_CHECK_CLOSE(got, expected, 1e-15,
                     "learning rates [const e0, const e40, step e0, step e9, step e10, step e25, 1/t t0, 1/t t100, "
                     "1/t t300]",
                     "step decay uses the EPOCH, eta0*gamma^floor(epoch/step_epochs); inverse time uses the UPDATE "
                     "count t: eta0/(1 + decay*t), t = 0 for the first update");
}

BOOST_AUTO_TEST_CASE(clip_by_norm_keeps_direction) {
  arma::vec g = {3.0, 4.0};  // ‖g‖ = 5
  optlab::sgd_clip_by_norm(g, 1.0);
  // 1e-15: one division and one multiplication.
  OPTLAB_CHECK_CLOSE(g, arma::vec({0.6, 0.8}), 1e-15, "clip (3,4) to norm 1",
                     "clip by norm: rescale the whole vector by max_norm/||g|| (clamping each component to "
                     "[-c, c] changes the direction)");
  arma::vec h = {3.0, 4.0};
  optlab::sgd_clip_by_norm(h, 10.0);
  OPTLAB_CHECK_CLOSE(h, arma::vec({3.0, 4.0}), 0.0, "clip (3,4) to norm 10",
                     "leave g alone when ||g|| <= max_norm (clipping only shortens)");
  arma::vec z = {3.0, 4.0};
  optlab::sgd_clip_by_norm(z, 0.0);
  OPTLAB_CHECK_CLOSE(z, arma::vec({3.0, 4.0}), 0.0, "clip with max_norm = 0", "max_norm = 0 means no clipping");
  arma::vec w = {1.0};
  BOOST_CHECK_THROW(optlab::sgd_clip_by_norm(w, -1.0), optlab::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// The run: every epoch visits every example once, in the order of Rng(seed)'s permutations.
BOOST_AUTO_TEST_CASE(every_example_once_per_epoch_reshuffled) {
  const LoggedLeastSquares f = make_problem(10, 3, 11);
  optlab::SGDOptions o;
  o.batch_size = 3;
  o.seed = 5;
  o.schedule.eta0 = 0.05;
  o.stop.gtol = 0;
  o.stop.max_iterations = 3;  // 3 epochs
  const optlab::Result r = optlab::sgd_minimize(f, arma::vec(3, arma::fill::zeros), o);
  optlab::test::plot_run(r);

  const auto epochs = epochs_of(f);
  SGD_REQUIRE(epochs.size() == 3,
              std::to_string(epochs.size()) + " epochs found in the evaluation log, expected 3 (each ending with one "
                                              "full value_gradient)",
              "one iteration = one epoch: evaluate the full f and gradient once after each epoch");
  optlab::Rng twin(5);
  for (size_t e = 0; e < epochs.size(); ++e) {
    arma::uvec seen;
    for (const auto& b : epochs[e]) seen = arma::join_cols(seen, b);
    SGD_CHECK(seen.n_elem == 10 && std::set<arma::uword>(seen.begin(), seen.end()).size() == 10,
              "epoch " + std::to_string(e) + " visits " + std::to_string(seen.n_elem) + " examples in " +
                  std::to_string(epochs[e].size()) + " batches, expected all 10 in 4 batches (3+3+3+1)",
              "keep the last partial batch: every example must be visited once per epoch");
    const arma::uvec expected = twin.permutation(10);
    SGD_CHECK(seen.n_elem == 10 && arma::all(seen == expected),
              "epoch " + std::to_string(e) + " order " + show_batch(seen) + " is not the epoch's permutation " +
                  show_batch(expected),
              "reshuffle every epoch: call sgd_epoch_batches (one rng.permutation) per epoch with Rng rng(opts.seed)");
  }
  if (epochs.size() == 3 && !epochs[0].empty() && !epochs[1].empty())
    SGD_CHECK(epochs[0].size() != epochs[1].size() || arma::any(epochs[0][0] != epochs[1][0]) ||
                  arma::any(epochs[0].back() != epochs[1].back()),
              "epoch 1 uses the same batches as epoch 0",
              "reshuffle every epoch: the batches must be drawn anew for each epoch, not once before the loop");
  SGD_CHECK(r.iterations == 3 && r.trace.rows.size() == 4,
            "iterations = " + std::to_string(r.iterations) + ", expected 3 epochs",
            "record one RunMonitor row per epoch (plus x0)");
}

// Each update is x ← x − η_t·(1/|B|)Σ_{i∈B}∇fᵢ(x): rebuilt from the log with hand-summed gradients.
static void check_updates(const optlab::SGDSchedule& sched, const std::string& label) {
  const LoggedLeastSquares f = make_problem(7, 3, 21);
  optlab::SGDOptions o;
  o.batch_size = 3;  // batches of 3, 3, 1
  o.seed = 9;
  o.schedule = sched;
  o.stop.gtol = 0;
  o.stop.max_iterations = 4;
  const optlab::Result r = optlab::sgd_minimize(f, arma::vec{0.5, -0.5, 1.0}, o);
  optlab::test::plot_run(r);

  std::vector<const LoggedLeastSquares::Event*> upd;
  for (const auto& e : f.log)
    if (!e.batch.is_empty()) upd.push_back(&e);
  SGD_REQUIRE(upd.size() == 12, label + ": " + std::to_string(upd.size()) + " minibatch evaluations, expected 12",
              "4 epochs x 3 batches (3+3+1): one batch_value_gradient per update, last partial batch kept");
  for (size_t t = 0; t < upd.size(); ++t) {
    const int epoch = static_cast<int>(t / 3);
    double eta = sched.eta0;
    if (sched.kind == optlab::SGDScheduleKind::step_decay)
      eta = sched.eta0 * std::pow(sched.gamma, epoch / sched.step_epochs);
    if (sched.kind == optlab::SGDScheduleKind::inverse_time) eta = sched.eta0 / (1 + sched.decay * double(t));
    arma::vec mean(3, arma::fill::zeros);
    for (arma::uword i : upd[t]->batch) mean += f.example_gradient(upd[t]->x, i);
    mean /= static_cast<double>(upd[t]->batch.n_elem);
    const arma::vec expected = upd[t]->x - eta * mean;
    const arma::vec actual = t + 1 < upd.size() ? upd[t + 1]->x : r.x;
    // 1e-13: one matrix-vector product of 3-vectors, summed in a different order than ours.
    const optlab::test::Outcome o1 = optlab::test::close(
        actual, expected, 1e-13, label + ": iterate after update t = " + std::to_string(t) + " (epoch " +
                                     std::to_string(epoch) + ", batch of " + std::to_string(upd[t]->batch.n_elem) + ")",
        "x <- x - eta_t * (mean over the batch of the example gradients), with eta_t = sgd_learning_rate(schedule, "
        "epoch, t); the mean over the batch, not the sum (the tutorial's C = sum c_i would make the step grow with "
        "|B|)");
    BOOST_CHECK_MESSAGE(o1.ok, o1.message);
    if (!o1.ok) break;
  }
  // The trace's alpha is the rate of each epoch's last update (NaN for x0).
  SGD_REQUIRE(r.trace.rows.size() == 5, label + ": trace has " + std::to_string(r.trace.rows.size()) + " rows",
              "one row per epoch plus x0");
  for (int e = 0; e < 4; ++e) {
    const long t_last = 3 * e + 2;
    double eta = sched.eta0;
    if (sched.kind == optlab::SGDScheduleKind::step_decay) eta = sched.eta0 * std::pow(sched.gamma, e / sched.step_epochs);
    if (sched.kind == optlab::SGDScheduleKind::inverse_time) eta = sched.eta0 / (1 + sched.decay * double(t_last));
    SGD_CHECK(std::abs(r.trace.rows[e + 1].alpha - eta) <= 1e-15 * eta,
              label + ": trace alpha of epoch " + std::to_string(e) + " = " + show(r.trace.rows[e + 1].alpha) +
                  ", expected " + show(eta),
              "record the learning rate of the epoch's last update: mon.record(x, f, g, eta)");
  }
}

BOOST_AUTO_TEST_CASE(updates_follow_the_rule_inverse_time) {
  optlab::SGDSchedule s;
  s.kind = optlab::SGDScheduleKind::inverse_time;
  s.eta0 = 0.2;
  s.decay = 0.5;
  check_updates(s, "inverse_time");
}

BOOST_AUTO_TEST_CASE(updates_follow_the_rule_step_decay) {
  optlab::SGDSchedule s;
  s.kind = optlab::SGDScheduleKind::step_decay;
  s.eta0 = 0.2;
  s.gamma = 0.5;
  s.step_epochs = 2;
  check_updates(s, "step_decay");
}

// batch_size = N: one batch holding every example, whose mean gradient is ∇f — full-batch GD.
BOOST_AUTO_TEST_CASE(full_batch_equals_gradient_descent) {
  const optlab::Dataset d = optlab::curve_1d(40, 1);
  const optlab::MLP net = optlab::MLP::make({1, 8, 1}, optlab::Activation::tanh);
  const optlab::MLPProblem prob(net, d.X, d.T, optlab::Loss::mse, 0.0, "curve_1d 1-8-1");
  const arma::vec x0 = net.init(optlab::Init::xavier, 2);
  const double eta = 0.3;
  optlab::SGDOptions o;
  o.schedule.eta0 = eta;
  o.batch_size = 40;
  o.stop.gtol = 0;
  o.stop.max_iterations = 50;
  const optlab::Result r = optlab::sgd_minimize(prob, x0, o);
  optlab::SGDOptions big = o;
  big.batch_size = 1000;  // > N: still one batch of all N
  const optlab::Result rb = optlab::sgd_minimize(prob, x0, big);
  optlab::test::plot_run(r);

  // Plain gradient descent, written out here: x ← x − η∇f(x), 50 times.
  arma::vec x = x0;
  for (int k = 0; k < 50; ++k) x -= eta * prob.gradient(x);
  // 1e-10: the batch sums the examples in a shuffled order, so each step differs from GD by
  // rounding (~1e-16 relative); 50 steps of a contracting map keep that far below 1e-10.
  OPTLAB_CHECK_CLOSE(r.x, x, 1e-10, "SGD with batch_size = N vs full-batch GD after 50 epochs",
                     "the minibatch gradient is the mean over the batch (a batch of all N is exactly the full "
                     "gradient); a sum would make the step N times larger");
  OPTLAB_CHECK_CLOSE(rb.x, x, 1e-10, "SGD with batch_size > N vs full-batch GD",
                     "a batch size above N means one batch of all N examples");
  OPTLAB_CHECK_CLOSE(r.f, prob.value(x), 1e-10, "f at the end of the run", "record the FULL f after each epoch");
}

// An objective with huge curvature (λ ~ 1e4): at η = 0.1 plain SGD explodes, clipped SGD moves
// at most η·c per update.
BOOST_AUTO_TEST_CASE(clipping_bounds_the_step) {
  const LoggedLeastSquares f = make_problem(20, 3, 4, 100.0);
  optlab::SGDOptions o;
  o.schedule.eta0 = 0.1;
  o.batch_size = 20;  // one update per epoch, so the trace's step_norm is one step
  o.clip_norm = 1.0;
  o.stop.gtol = 0;
  o.stop.max_iterations = 60;
  const arma::vec x0 = {2.0, -2.0, 2.0};
  optlab::Result r = optlab::sgd_minimize(f, x0, o);
  optlab::SGDOptions raw = o;
  raw.clip_norm = 0;
  optlab::Result rr = optlab::sgd_minimize(f, x0, raw);
  r.method = "clipped";
  rr.method = "unclipped";
  optlab::test::plot_runs({&r, &rr}, {.title = "04: clipping by norm on a steep least-squares problem"});

  double worst = 0;
  for (const auto& row : r.trace.rows) worst = std::max(worst, row.step_norm);
  // Each step is η·ĝ with ‖ĝ‖ ≤ c = 1: ‖Δx‖ ≤ 0.1 up to rounding.
  SGD_CHECK(worst <= 0.1 * (1 + 1e-12), "largest step of the clipped run = " + show(worst) + " > eta*c = 0.1",
            "clip the minibatch gradient by its norm before the update (clamping each component allows "
            "sqrt(n) times longer steps)");
  SGD_CHECK(r.x.is_finite() && std::isfinite(r.f) && r.f < f.value(x0),
            "the clipped run did not reduce f: " + r.summary(), "apply sgd_clip_by_norm(g, clip_norm) to every "
                                                                "minibatch gradient");
  SGD_CHECK(!rr.converged() && rr.status != Status::max_iterations,
            "without clipping the run should blow up at eta = 0.1 (lambda ~ 1e4): " + rr.summary(),
            "clip_norm = 0 must mean no clipping");
  SGD_CHECK(rr.x.is_finite(), "the exploding run returned a non-finite x", "RunMonitor returns the last finite iterate; "
                                                                            "stop the epoch when the batch gradient is "
                                                                            "not finite");
}

// A learning rate far above 2/L must end with a status, not a NaN.
BOOST_AUTO_TEST_CASE(divergence_is_reported) {
  const LoggedLeastSquares f = make_problem(30, 4, 8, 3.0);
  optlab::SGDOptions o;
  o.schedule.eta0 = 2.0;
  o.batch_size = 5;
  o.stop.max_iterations = 10000;
  const optlab::Result r = optlab::sgd_minimize(f, arma::vec(4, arma::fill::ones), o);
  optlab::test::plot_run(r);
  SGD_CHECK(r.status == Status::diverged || r.status == Status::non_finite,
            "status " + optlab::to_string(r.status) + ", expected diverged or non_finite: " + r.summary(),
            "use RunMonitor once per epoch; stop the epoch (mon.stop(non_finite)) when the batch gradient is not "
            "finite");
  SGD_CHECK(r.x.is_finite() && std::isfinite(r.f), "returned x/f not finite: " + r.summary(),
            "never apply a non-finite minibatch gradient; RunMonitor returns the last finite iterate");
}

// Small batches add noise: at a constant rate SGD hovers above the minimum (a noise floor),
// the 1/t schedule lets the noise average out.
BOOST_AUTO_TEST_CASE(decay_beats_the_noise_floor) {
  const LoggedLeastSquares f = make_problem(100, 5, 17, 1.0, 0.5);
  const double f_star = f.value(f.minimizer());
  optlab::SGDOptions o;
  o.schedule.eta0 = 0.1;
  o.batch_size = 1;
  o.seed = 3;
  o.stop.gtol = 0;
  o.stop.max_iterations = 60;
  optlab::Result rc = optlab::sgd_minimize(f, arma::vec(5, arma::fill::zeros), o);
  rc.method = "constant_rate";
  o.schedule.kind = optlab::SGDScheduleKind::inverse_time;
  o.schedule.decay = 0.01;
  optlab::Result rd = optlab::sgd_minimize(f, arma::vec(5, arma::fill::zeros), o);
  rd.method = "inverse_time_rate";
  optlab::test::plot_runs({&rc, &rd}, {.title = "04: batch size 1, constant vs 1/t learning rate", .f_star = f_star});

  // Average the gap f − f* over the last 10 epochs (single epochs fluctuate).
  const auto tail_gap = [&](const optlab::Result& r) {
    double s = 0;
    const size_t n = r.trace.rows.size();
    for (size_t k = n - 10; k < n; ++k) s += r.trace.rows[k].f - f_star;
    return s / 10;
  };
  SGD_REQUIRE(rc.trace.rows.size() == 61 && rd.trace.rows.size() == 61, "the runs did not last 60 epochs",
              "max_iterations counts epochs");
  const double gc = tail_gap(rc), gd = tail_gap(rd);
  BOOST_TEST_MESSAGE("noise floor: constant " << gc << ", 1/t " << gd);
  // The constant-rate floor is ∝ η; after ~5000 updates the 1/t rate is ~η₀/50.
  SGD_CHECK(gd < 0.2 * gc,
            "mean f - f* over the last 10 epochs: 1/t schedule " + show(gd) + ", constant " + show(gc) +
                "; expected the 1/t schedule below a fifth of the constant one",
            "evaluate the schedule for every update with t = number of updates so far (counted across epochs)");
}

// Stochastic gradient descent (the tutorial, slide 'Stochastic gradient descent') on a nonlinear
// classifier: two moons, 2-16-16-2 tanh.
BOOST_AUTO_TEST_CASE(trains_two_moons) {
  const optlab::Dataset d = optlab::two_moons(200, 1, 0.1);
  const optlab::MLP net = optlab::MLP::make({2, 16, 16, 2}, optlab::Activation::tanh);
  const optlab::MLPProblem prob(net, d.X, d.T, optlab::Loss::softmax_cross_entropy, 0.0, "two moons 2-16-16-2");
  optlab::SGDOptions o;
  o.schedule.eta0 = 0.3;
  o.batch_size = 16;
  o.seed = 1;
  o.stop.gtol = 1e-6;
  o.stop.max_iterations = 300;
  const optlab::Result r = optlab::sgd_minimize(prob, net.init(optlab::Init::xavier, 1), o);
  optlab::test::plot_run(r, {.title = "04: two moons, 2-16-16-2 tanh, SGD batch 16"});
  const double acc = prob.accuracy(r.x);
  BOOST_TEST_MESSAGE(r.summary() << ", training accuracy " << acc);
  SGD_CHECK(acc >= 0.95, "training accuracy " + show(acc) + " < 0.95 after " + std::to_string(r.iterations) + " epochs",
            "x <- x - eta * (mean minibatch gradient), every example once per epoch");
}

BOOST_AUTO_TEST_CASE(rejects_invalid_arguments) {
  const LoggedLeastSquares f = make_problem(10, 2, 1);
  const arma::vec x0 = {0.0, 0.0};
  const auto names = [](const char* arg) {
    return [arg](const optlab::invalid_argument& e) {
      const bool ok = std::string(e.what()).find(arg) != std::string::npos;
      BOOST_CHECK_MESSAGE(ok, std::string("error message '") + e.what() + "' does not name '" + arg +
                                  "'\n    likely mistake: use optlab::require(..., \"" + arg + "\", value, ...)");
      return true;
    };
  };
  optlab::SGDOptions zero;
  zero.batch_size = 0;
  BOOST_CHECK_EXCEPTION(optlab::sgd_minimize(f, x0, zero), optlab::invalid_argument, names("batch_size"));
  optlab::SGDOptions neg;
  neg.schedule.eta0 = -0.1;
  BOOST_CHECK_EXCEPTION(optlab::sgd_minimize(f, x0, neg), optlab::invalid_argument, names("eta0"));
  optlab::SGDOptions clip;
  clip.clip_norm = -1;
  BOOST_CHECK_EXCEPTION(optlab::sgd_minimize(f, x0, clip), optlab::invalid_argument, names("clip_norm"));
  const optlab::Quadratic q = optlab::Quadratic::valley();  // not a finite sum
  BOOST_CHECK_EXCEPTION(optlab::sgd_minimize(q, x0), optlab::invalid_argument, names("obj"));
  BOOST_CHECK_EXCEPTION(optlab::sgd_minimize(f, arma::vec{0.0}), optlab::invalid_argument, names("x0"));
  optlab::Rng rng(1);
  BOOST_CHECK_EXCEPTION(optlab::sgd_epoch_batches(10, 0, rng), optlab::invalid_argument, names("batch_size"));
  optlab::SGDSchedule bad;
  bad.kind = optlab::SGDScheduleKind::step_decay;
  bad.step_epochs = 0;
  BOOST_CHECK_EXCEPTION(optlab::sgd_learning_rate(bad, 0, 0), optlab::invalid_argument, names("step_epochs"));
}
