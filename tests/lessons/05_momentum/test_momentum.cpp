// Lesson 05 — momentum and Nesterov in Sutskever's velocity form.
// Expected numbers are worked out by hand on the lab's valley f = 0.1x₁² + 2x₂²
// (A = diag(0.2, 4), ∇f = (0.2x₁, 4x₂)) with η = 0.1, μ = 0.9, x₀ = (1, 1), v₀ = 0.
#include "optlab_test.hpp"
#include "test_objectives.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "momentum.hpp"

using optlab::Status;

namespace {

#define MOM_CHECK(cond, what, mistake) \
  BOOST_CHECK_MESSAGE((cond), std::string(what) + "\n    likely mistake: " + std::string(mistake))
#define MOM_REQUIRE(cond, what, mistake) \
  BOOST_REQUIRE_MESSAGE((cond), std::string(what) + "\n    likely mistake: " + std::string(mistake))

std::string show(double v) { return optlab::detail::show(v); }

const char* first_step_mistake = "first v <- mu*v - eta*g, then x <- x + v, starting from v0 = 0";
const char* did_not_move_mistake =
    "update x with the NEW velocity: v <- mu*v - eta*g first, then x <- x + v (with the old v0 = 0 x stays put)";
const char* uphill_mistake = "mind the sign: v <- mu*v - eta*g (the velocity points DOWNhill, against g)";

// Diagnoses a wrong first step from x0 with gradient g0: no move at all, or a move uphill.
void check_first_move(const arma::vec& x0, const arma::vec& x1, const arma::vec& g0, const std::string& who) {
  MOM_CHECK(arma::any(x1 != x0), who + ": x did not move in the first step", did_not_move_mistake);
  MOM_CHECK(arma::dot(x1 - x0, g0) <= 0, who + ": the first step went uphill (g0'(x1 - x0) > 0)", uphill_mistake);
}
const char* second_step_mistake =
    "decay the old velocity by mu: v <- mu*v - eta*g (without the mu factor the velocity never forgets)";
const char* lookahead_mistake =
    "Nesterov takes the gradient at the look-ahead point x + mu*v (oracle.gradient_at(x + mu*v)), not at x";

// Gradient descent x ← x − ηg through lib's driver (the baseline, not the student's code).
optlab::Result run_gd(const optlab::Objective& f, const arma::vec& x0, double eta, const optlab::StopOptions& stop) {
  optlab::DriverOptions d;
  d.stop = stop;
  return optlab::run_update_rule(
      f, x0, [eta](arma::vec& x, const arma::vec& g, long, const optlab::GradientOracle&) { x -= eta * g; }, d, "gd");
}

// The first iteration k at which f_k − f* ≤ tol·(f₀ − f*), or −1.
int iterations_to(const optlab::Result& r, double f_star, double tol) {
  const double gap0 = r.trace.rows.front().f - f_star;
  for (const auto& row : r.trace.rows)
    if (row.f - f_star <= tol * gap0) return row.iteration;
  return -1;
}

// Logs minibatch evaluations only (log_full = false): the tests count the driver's and the
// look-ahead's minibatch gradients.
using optlab::test::LoggedLeastSquares;

}  // namespace

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_CASE(heavy_ball_exact_first_steps) {
  const optlab::Quadratic f = optlab::Quadratic::valley();
  arma::vec x = {1.0, 1.0}, v = {0.0, 0.0};
  // Step 1: g = (0.2, 4);  v₁ = −0.1·g = (−0.02, −0.4);  x₁ = (0.98, 0.6).
  optlab::momentum_step(x, v, f.gradient(arma::vec{1.0, 1.0}), 0.1, 0.9);
  check_first_move(arma::vec{1.0, 1.0}, x, arma::vec{0.2, 4.0}, "heavy ball");
  // 1e-15: a couple of roundings of O(1) numbers.
  OPTLAB_CHECK_CLOSE(v, arma::vec({-0.02, -0.4}), 1e-15, "v1 after the first heavy-ball step", first_step_mistake);
  OPTLAB_CHECK_CLOSE(x, arma::vec({0.98, 0.6}), 1e-15, "x1 after the first heavy-ball step", first_step_mistake);
  // Step 2: g(x₁) = (0.196, 2.4);  v₂ = 0.9·(−0.02, −0.4) − 0.1·(0.196, 2.4) = (−0.0376, −0.6);
  // x₂ = (0.98 − 0.0376, 0.6 − 0.6) = (0.9424, 0).
  optlab::momentum_step(x, v, f.gradient(x), 0.1, 0.9);
  OPTLAB_CHECK_CLOSE(v, arma::vec({-0.0376, -0.6}), 1e-14, "v2 after the second heavy-ball step",
                     second_step_mistake);
  OPTLAB_CHECK_CLOSE(x, arma::vec({0.9424, 0.0}), 1e-14, "x2 after the second heavy-ball step", second_step_mistake);
}

BOOST_AUTO_TEST_CASE(nesterov_exact_first_steps) {
  const optlab::Quadratic f = optlab::Quadratic::valley();
  const optlab::GradientOracle oracle(f, nullptr);
  arma::vec x = {1.0, 1.0}, v = {0.0, 0.0};
  // Step 1: v₀ = 0 so the look-ahead point is x₀ itself: the same step as heavy ball.
  optlab::nesterov_step(x, v, oracle, 0.1, 0.9);
  check_first_move(arma::vec{1.0, 1.0}, x, arma::vec{0.2, 4.0}, "Nesterov");
  OPTLAB_CHECK_CLOSE(v, arma::vec({-0.02, -0.4}), 1e-15, "v1 after the first Nesterov step", first_step_mistake);
  OPTLAB_CHECK_CLOSE(x, arma::vec({0.98, 0.6}), 1e-15, "x1 after the first Nesterov step", first_step_mistake);
  // Step 2: look-ahead y = x₁ + 0.9·v₁ = (0.962, 0.24);  ∇f(y) = (0.1924, 0.96);
  // v₂ = (−0.018 − 0.01924, −0.36 − 0.096) = (−0.03724, −0.456);  x₂ = (0.94276, 0.144).
  optlab::nesterov_step(x, v, oracle, 0.1, 0.9);
  OPTLAB_CHECK_CLOSE(v, arma::vec({-0.03724, -0.456}), 1e-14, "v2 after the second Nesterov step",
                     std::string(lookahead_mistake) + "; and " + second_step_mistake);
  OPTLAB_CHECK_CLOSE(x, arma::vec({0.94276, 0.144}), 1e-14, "x2 after the second Nesterov step",
                     std::string(lookahead_mistake) + "; and " + second_step_mistake);
}

// Through the driver: the first steps coincide, the second differ by exactly
// x₂(Nesterov) − x₂(heavy ball) = −η(∇f(x₁ + μv₁) − ∇f(x₁)) = −η·A·μv₁ = −0.1·diag(0.2, 4)·(−0.018, −0.36)
//                               = (0.00036, 0.144).
BOOST_AUTO_TEST_CASE(nesterov_differs_by_the_lookahead) {
  const optlab::Quadratic f = optlab::Quadratic::valley();
  optlab::MomentumOptions o;
  o.learning_rate = 0.1;
  o.momentum = 0.9;
  o.stop.gtol = 0;
  o.stop.max_iterations = 2;
  const optlab::Result hb = optlab::momentum_minimize(f, arma::vec{1.0, 1.0}, o);
  o.nesterov = true;
  const optlab::Result nag = optlab::momentum_minimize(f, arma::vec{1.0, 1.0}, o);
  optlab::test::plot_runs({&hb, &nag}, {.f_star = 0.0, .contour = &f, .x0 = -0.2, .x1 = 1.2, .y0 = -0.2, .y1 = 1.2});

  MOM_REQUIRE(hb.trace.path.size() == 3 && nag.trace.path.size() == 3,
              "runs kept " + std::to_string(hb.trace.path.size()) + " and " + std::to_string(nag.trace.path.size()) +
                  " iterates, expected x0, x1, x2",
              "pass opts.stop to run_update_rule (DriverOptions::stop)");
  MOM_CHECK(hb.method == "momentum" && nag.method == "nesterov",
            "method names '" + hb.method + "', '" + nag.method + "', expected 'momentum', 'nesterov'",
            "name the run \"nesterov\" when opts.nesterov, else \"momentum\"");
  // v₀ = 0: identical first steps, to the last bit.
  OPTLAB_CHECK_CLOSE(nag.trace.path[1], hb.trace.path[1], 0.0, "x1 Nesterov vs x1 heavy ball",
                     "start from v0 = 0: then the look-ahead point is x0 and both first steps are x0 - eta*g0");
  OPTLAB_CHECK_CLOSE(hb.trace.path[2], arma::vec({0.9424, 0.0}), 1e-14, "x2 of the heavy-ball run",
                     "opts.nesterov = false must use momentum_step with the gradient the driver passes in");
  // 1e-12: the difference of two O(1) vectors, each exact to ~1e-16.
  OPTLAB_CHECK_CLOSE(arma::vec(nag.trace.path[2] - hb.trace.path[2]), arma::vec({0.00036, 0.144}), 1e-12,
                     "x2(Nesterov) - x2(heavy ball)", lookahead_mistake);
}

// μ = 0 turns both methods into plain gradient descent, bit for bit.
BOOST_AUTO_TEST_CASE(zero_momentum_is_gradient_descent) {
  const optlab::Quadratic f = optlab::Quadratic::with_condition(5, 10, 3);
  optlab::StopOptions stop;
  stop.gtol = 0;
  stop.max_iterations = 30;
  const arma::vec x0 = arma::ones(5);
  const optlab::Result gd = run_gd(f, x0, 0.1, stop);
  optlab::MomentumOptions o;
  o.learning_rate = 0.1;
  o.momentum = 0.0;
  o.stop = stop;
  const optlab::Result hb = optlab::momentum_minimize(f, x0, o);
  o.nesterov = true;
  const optlab::Result nag = optlab::momentum_minimize(f, x0, o);
  optlab::test::plot_run(hb, {.f_star = f.min_value()});
  // 1e-14: 30 steps; x + (0·v − ηg) and x − ηg differ at most by rounding.
  OPTLAB_CHECK_CLOSE(hb.x, gd.x, 1e-14, "heavy ball with mu = 0 vs gradient descent",
                     "with mu = 0 the velocity is -eta*g and x <- x + v is a gradient step: use learning_rate as eta "
                     "and momentum as mu");
  OPTLAB_CHECK_CLOSE(nag.x, gd.x, 1e-14, "Nesterov with mu = 0 vs gradient descent",
                     "with mu = 0 the look-ahead point is x itself");
}

// The tutorial's slide 'Challenge: valleys' (an ill-conditioned Hessian): κ = 100.  GD at η = 1/L
// shrinks the flat direction by 1 − 1/κ per step; momentum with μ = 0.9 contracts every direction
// by about √μ ≈ 0.95.
BOOST_AUTO_TEST_CASE(momentum_beats_gd_on_an_ill_conditioned_quadratic) {
  const optlab::Quadratic f = optlab::Quadratic::with_condition(10, 100, 7);
  const double f_star = f.min_value(), eta = 1.0 / f.lipschitz();
  const arma::vec x0 = arma::zeros(10);
  optlab::StopOptions stop;
  stop.gtol = 0;
  stop.max_iterations = 1500;
  stop.ftol = 0;
  optlab::Result gd = run_gd(f, x0, eta, stop);
  optlab::MomentumOptions o;
  o.learning_rate = eta;
  o.momentum = 0.9;
  o.stop = stop;
  o.stop.max_iterations = 400;
  const optlab::Result hb = optlab::momentum_minimize(f, x0, o);
  o.nesterov = true;
  const optlab::Result nag = optlab::momentum_minimize(f, x0, o);
  optlab::test::plot_runs({&gd, &hb, &nag}, {.title = "05: kappa = 100, eta = 1/L, mu = 0.9", .f_star = f_star});

  // Target: the gap f − f* down by 1e-8.  GD needs ≈ ln(1e8)/(2/κ) ≈ 920 steps; heavy ball at
  // rate √0.9 per step ≈ ln(1e8)/(−ln 0.9) ≈ 175; Nesterov is at least as fast here.
  const int k_gd = iterations_to(gd, f_star, 1e-8), k_hb = iterations_to(hb, f_star, 1e-8),
            k_nag = iterations_to(nag, f_star, 1e-8);
  BOOST_TEST_MESSAGE("iterations to 1e-8: gd " << k_gd << ", momentum " << k_hb << ", nesterov " << k_nag);
  MOM_REQUIRE(k_gd > 0, "gradient descent baseline did not reach the target", "(test problem setup)");
  MOM_CHECK(k_hb > 0 && k_hb < 250 && 3 * k_hb < k_gd,
            "heavy ball needed " + std::to_string(k_hb) + " iterations (GD " + std::to_string(k_gd) +
                "), expected under 250 and at least 3x fewer (-1 = never reached)",
            second_step_mistake);
  MOM_CHECK(k_nag > 0 && k_nag < 250 && 3 * k_nag < k_gd,
            "Nesterov needed " + std::to_string(k_nag) + " iterations (GD " + std::to_string(k_gd) +
                "), expected under 250 and at least 3x fewer (-1 = never reached)",
            lookahead_mistake);
}

// A valley like the tutorial's slide 'Challenge: valleys', on the lab's f = 0.1x₁² + 2x₂²: GD
// crawls along the flat floor, momentum builds up speed along it.  Same η = 0.2 for all three.
BOOST_AUTO_TEST_CASE(valley_trajectories) {
  const optlab::Quadratic f = optlab::Quadratic::valley();
  const arma::vec x0 = {-4.0, 1.0};
  optlab::StopOptions stop;
  stop.gtol = 1e-8;
  stop.max_iterations = 2000;
  const optlab::Result gd = run_gd(f, x0, 0.2, stop);
  optlab::MomentumOptions o;
  o.learning_rate = 0.2;
  o.momentum = 0.7;
  o.stop = stop;
  const optlab::Result hb = optlab::momentum_minimize(f, x0, o);
  o.nesterov = true;
  const optlab::Result nag = optlab::momentum_minimize(f, x0, o);
  optlab::test::plot_runs({&gd, &hb, &nag},
                          {.f_star = 0.0, .contour = &f, .x0 = -4.5, .x1 = 1.5, .y0 = -1.5, .y1 = 1.5});
  BOOST_TEST_MESSAGE("iterations to gtol: gd " << gd.iterations << ", momentum " << hb.iterations << ", nesterov "
                                               << nag.iterations);
  // GD's flat direction shrinks by 1 − 0.2·0.2 = 0.96 a step: 0.8·0.96^k ≤ 1e-8 takes ≈ 446 steps;
  // with μ = 0.7 both momentum methods contract it by about √0.7 ≈ 0.84 a step (≈ 100 steps).
  MOM_CHECK(hb.converged() && 2 * hb.iterations < gd.iterations,
            "heavy ball: " + hb.summary() + "; GD needed " + std::to_string(gd.iterations),
            second_step_mistake);
  MOM_CHECK(nag.converged() && 2 * nag.iterations < gd.iterations,
            "Nesterov: " + nag.summary() + "; GD needed " + std::to_string(gd.iterations), lookahead_mistake);
}

// Minibatch Nesterov: the look-ahead gradient comes from the SAME minibatch as the step, at
// x + μv; the update then uses it.  Checked update by update from a log of the evaluations.
BOOST_AUTO_TEST_CASE(minibatch_nesterov_uses_lookahead_on_the_same_batch) {
  optlab::Rng rng(5);
  const arma::mat A = rng.normal_mat(12, 3);
  const LoggedLeastSquares f(A, A * arma::vec{1.0, -2.0, 0.5} + 0.1 * rng.normal_vec(12), /*log_full=*/false);
  optlab::MomentumOptions o;
  o.learning_rate = 0.05;
  o.momentum = 0.9;
  o.nesterov = true;
  o.batch_size = 5;  // batches of 5, 5, 2
  o.seed = 3;
  o.stop.gtol = 0;
  o.stop.max_iterations = 3;  // 3 epochs = 9 updates
  const optlab::Result r = optlab::momentum_minimize(f, arma::vec(3, arma::fill::zeros), o);
  optlab::test::plot_run(r);

  // The driver evaluates each batch at x (its g, unused by Nesterov); the rule then asks the
  // oracle at x + μv on the same batch: the log alternates (x, B), (x + μv, B).
  MOM_REQUIRE(f.log.size() == 18,
              std::to_string(f.log.size()) + " minibatch evaluations in 9 updates, expected 18 (driver + look-ahead)",
              "call oracle.gradient_at exactly once per Nesterov step; pass batch_size and seed to the driver");
  arma::vec v(3, arma::fill::zeros);
  for (size_t s = 0; s < 9; ++s) {
    const auto& at_x = f.log[2 * s];
    const auto& ahead = f.log[2 * s + 1];
    MOM_CHECK(arma::all(at_x.batch == ahead.batch), "update " + std::to_string(s) + ": look-ahead on another batch",
              "use the GradientOracle passed to the rule (it knows the current minibatch)");
    // 1e-14: x + μv is formed from O(1) numbers.
    const optlab::test::Outcome o1 = optlab::test::close(ahead.x, arma::vec(at_x.x + 0.9 * v), 1e-14,
                                                         "update " + std::to_string(s) + ": look-ahead point",
                                                         lookahead_mistake);
    BOOST_CHECK_MESSAGE(o1.ok, o1.message);
    if (!o1.ok) break;
    v = 0.9 * v - 0.05 * f.batch_gradient(ahead.x, ahead.batch);
    const arma::vec next = s + 1 < 9 ? f.log[2 * s + 2].x : r.x;
    const optlab::test::Outcome o2 = optlab::test::close(next, arma::vec(at_x.x + v), 1e-13,
                                                         "update " + std::to_string(s) + ": new x", second_step_mistake);
    BOOST_CHECK_MESSAGE(o2.ok, o2.message);
    if (!o2.ok) break;
  }
}

// A small regression net trained with minibatch momentum (curve_1d, 1-16-1 tanh).
BOOST_AUTO_TEST_CASE(minibatch_momentum_fits_a_curve) {
  const optlab::Dataset d = optlab::curve_1d(100, 1);
  const optlab::MLP net = optlab::MLP::make({1, 16, 1}, optlab::Activation::tanh);
  const optlab::MLPProblem prob(net, d.X, d.T, optlab::Loss::mse, 0.0, "curve_1d 1-16-1");
  const double baseline = optlab::loss_value(optlab::Loss::mse, arma::mat(100, 1, arma::fill::value(arma::mean(d.T.col(0)))), d.T);
  optlab::MomentumOptions o;
  o.learning_rate = 0.05;
  o.momentum = 0.9;
  o.batch_size = 10;
  o.seed = 2;
  o.stop.gtol = 1e-6;
  o.stop.max_iterations = 300;
  const optlab::Result r = optlab::momentum_minimize(prob, net.init(optlab::Init::xavier, 4), o);
  optlab::test::plot_run(r, {.title = "05: curve_1d, 1-16-1 tanh, minibatch momentum"});
  BOOST_TEST_MESSAGE(r.summary() << ", constant predictor " << baseline);
  // The noise variance is 0.05² = 0.0025 and the constant predictor gets 0.21; 0.02 is a tenth
  // of that, first reached after ~80 of the 300 epochs (the run ends near 0.008).
  MOM_CHECK(std::isfinite(r.f) && r.f < 0.02, "training MSE " + show(r.f) + ", expected < 0.02 (constant predictor " +
                                                  show(baseline) + ")",
            std::string(first_step_mistake) + "; " + second_step_mistake);
}

BOOST_AUTO_TEST_CASE(rejects_invalid_arguments) {
  const optlab::Quadratic f = optlab::Quadratic::valley();
  const auto names = [](const char* arg) {
    return [arg](const optlab::invalid_argument& e) {
      const bool ok = std::string(e.what()).find(arg) != std::string::npos;
      BOOST_CHECK_MESSAGE(ok, std::string("error message '") + e.what() + "' does not name '" + arg +
                                  "'\n    likely mistake: use optlab::require(..., \"" + arg + "\", value, ...)");
      return true;
    };
  };
  optlab::MomentumOptions one;
  one.momentum = 1.0;
  BOOST_CHECK_EXCEPTION(optlab::momentum_minimize(f, arma::vec{1.0, 1.0}, one), optlab::invalid_argument,
                        names("momentum"));
  optlab::MomentumOptions neg;
  neg.momentum = -0.1;
  BOOST_CHECK_EXCEPTION(optlab::momentum_minimize(f, arma::vec{1.0, 1.0}, neg), optlab::invalid_argument,
                        names("momentum"));
  optlab::MomentumOptions lr;
  lr.learning_rate = 0;
  BOOST_CHECK_EXCEPTION(optlab::momentum_minimize(f, arma::vec{1.0, 1.0}, lr), optlab::invalid_argument,
                        names("learning_rate"));
  BOOST_CHECK_EXCEPTION(optlab::momentum_minimize(f, arma::vec{1.0}), optlab::invalid_argument, names("x0"));
  arma::vec x = {1.0, 1.0}, v = {0.0};
  BOOST_CHECK_EXCEPTION(optlab::momentum_step(x, v, arma::vec{1.0, 1.0}, 0.1, 0.9), optlab::invalid_argument,
                        names("v"));
}
