// Datasets, minibatches, line searches, the result type, the run monitor and the update-rule
// driver: determinism, termination and the error messages for bad input.
#include <filesystem>

#include "optlab_test.hpp"

using namespace optlab;

namespace {
// Runs `fn`, expects optlab::invalid_argument whose message contains every word of `needles`.
template <class Fn>
void expect_argument_error(Fn fn, std::initializer_list<const char*> needles) {
  try {
    fn();
    BOOST_ERROR("expected optlab::invalid_argument mentioning '" << *needles.begin() << "'");
  } catch (const optlab::invalid_argument& e) {
    const std::string msg = e.what();
    for (const char* n : needles) BOOST_CHECK_MESSAGE(msg.find(n) != std::string::npos, "message '" << msg << "' lacks '" << n << "'");
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(datasets_are_deterministic_for_a_seed) {
  auto same = [](const Dataset& a, const Dataset& b) { return arma::approx_equal(a.X, b.X, "absdiff", 0) && arma::approx_equal(a.T, b.T, "absdiff", 0); };
  BOOST_TEST(same(house_prices(50, 1), house_prices(50, 1)));
  BOOST_TEST(!same(house_prices(50, 1), house_prices(50, 2)));
  BOOST_TEST(same(two_moons(40, 3), two_moons(40, 3)));
  BOOST_TEST(same(spirals(60, 3, 3), spirals(60, 3, 3)));
  BOOST_TEST(same(xor_data(30, 4), xor_data(30, 4)));
  BOOST_TEST(same(curve_1d(30, 4), curve_1d(30, 4)));
  // Rng streams are fixed by the algorithm (xoshiro256**), not by the standard library.
  Rng a(123), b(123);
  for (int i = 0; i < 5; ++i) BOOST_TEST(a.next() == b.next());
}

BOOST_AUTO_TEST_CASE(dataset_shapes_and_labels) {
  const Dataset h = house_prices(120, 42);
  BOOST_TEST(h.X.n_rows == 120u);
  BOOST_TEST(h.X.n_cols == 4u);
  BOOST_TEST(h.T.n_cols == 1u);
  BOOST_TEST(h.feature_names.size() == 4u);
  BOOST_TEST(arma::all(h.X.col(0) >= 1 && h.X.col(0) <= 6));
  BOOST_TEST(arma::all(h.T.col(0) > 0));
  // Price falls with the distance to the station, all else equal: a negative correlation.
  BOOST_TEST(arma::as_scalar(arma::cor(h.X.col(3), h.T.col(0))) < 0);
  const Dataset m = two_moons(100, 1);
  BOOST_TEST(m.num_classes == 2u);
  BOOST_TEST(arma::accu(m.T) == 100.0);
  BOOST_TEST(arma::accu(m.labels) == 50u);
  const Dataset s = spirals(90, 3, 1);
  BOOST_TEST(s.T.n_cols == 3u);
  const Dataset x = xor_data(200, 1, 0.0);
  for (arma::uword i = 0; i < x.size(); ++i) BOOST_TEST(x.labels(i) == ((x.X(i, 0) > 0) != (x.X(i, 1) > 0) ? 1u : 0u));
}

BOOST_AUTO_TEST_CASE(standardise_and_split) {
  const Dataset h = house_prices(200, 42);
  const Standardizer st = Standardizer::fit(h.X);
  const arma::mat Z = st.transform(h.X);
  // Means are zero up to rounding of sums of O(100) values of size O(1): |mean| ~ 1e-16.
  BOOST_TEST(arma::abs(arma::mean(Z, 0)).max() < 1e-12);
  OPTLAB_CHECK_CLOSE(arma::mat(arma::stddev(Z, 0, 0)), arma::mat(1, 4, arma::fill::ones), 1e-12, "standardised sd", "");
  OPTLAB_CHECK_CLOSE(st.inverse(Z), h.X, 1e-13, "inverse transform", "");
  const auto [tr, te] = train_test_split(h, 0.25, 9);
  BOOST_TEST(tr.size() == 150u);
  BOOST_TEST(te.size() == 50u);
  expect_argument_error([&] { train_test_split(h, 1.5, 1); }, {"test_fraction", "1.5"});
  expect_argument_error([&] { st.transform(arma::mat(3, 2)); }, {"X", "2 columns"});
}

BOOST_AUTO_TEST_CASE(minibatches_cover_every_example_once_per_epoch) {
  for (arma::uword bs : {1u, 3u, 7u, 10u, 25u}) {
    MinibatchIterator it(10, bs, 5);
    arma::uvec first_order;
    for (int epoch = 0; epoch < 3; ++epoch) {
      arma::uvec seen(10, arma::fill::zeros), order, batch;
      while (it.next(batch)) {
        BOOST_TEST(batch.n_elem <= std::min<arma::uword>(bs, 10));
        for (auto i : batch) ++seen(i);
        order = arma::join_cols(order, batch);
      }
      BOOST_TEST(arma::all(seen == 1u));  // exactly once, including the last partial batch
      if (epoch == 0) first_order = order;
      else if (bs < 10) BOOST_TEST(arma::any(order != first_order));  // reshuffled
    }
    BOOST_TEST(it.epoch() == 3u);
  }
  expect_argument_error([] { MinibatchIterator(0, 1, 1); }, {"n", "0"});
  expect_argument_error([] { MinibatchIterator(5, 0, 1); }, {"batch_size", "0"});
}

BOOST_AUTO_TEST_CASE(fashion_mnist_reader) {
  expect_argument_error([] { fashion_mnist("validation"); }, {"split", "validation"});
  try {
    fashion_mnist("test", 10, "/nonexistent");
    BOOST_ERROR("a missing dataset must throw");
  } catch (const std::runtime_error& e) {
    BOOST_TEST(std::string(e.what()).find("dataset-fashion-mnist") != std::string::npos);
  }
  if (!fashion_mnist_available()) {
    BOOST_TEST_MESSAGE("dataset-fashion-mnist not installed: reader checked on the error path only");
    return;
  }
  const Dataset d = fashion_mnist("test", 100);
  BOOST_TEST(d.X.n_rows == 100u);
  BOOST_TEST(d.X.n_cols == 784u);
  BOOST_TEST(d.X.min() >= 0.0);
  BOOST_TEST(d.X.max() <= 1.0);
  BOOST_TEST(d.labels.max() <= 9u);
  BOOST_TEST(arma::accu(d.T) == 100.0);
}

BOOST_AUTO_TEST_CASE(bad_arguments_name_the_argument_and_value) {
  expect_argument_error([] { MLP({3}, {}); }, {"sizes", "1 entries"});
  expect_argument_error([] { MLP({3, 0, 1}, {Activation::tanh, Activation::identity}); }, {"sizes", "[1] = 0"});
  expect_argument_error([] { MLP({3, 2}, {Activation::tanh, Activation::identity}); }, {"activations", "2 entries"});
  MLP net = MLP::make({2, 3, 1}, Activation::tanh);
  expect_argument_error([&] { net.forward(arma::vec(5), arma::mat(4, 2)); }, {"theta", "5 elements", "expected 13"});
  expect_argument_error([&] { net.forward(net.init(Init::xavier, 1), arma::mat(4, 3)); }, {"X", "3 columns"});
  expect_argument_error([&] { MLPProblem(net, arma::mat(0, 2), arma::mat(0, 1), Loss::mse); }, {"X", "empty"});
  expect_argument_error([&] { MLPProblem(net, arma::mat(4, 2), arma::mat(3, 1), Loss::mse); }, {"T", "3 rows"});
  expect_argument_error([&] { MLPProblem(net, arma::mat(4, 2), arma::mat(4, 1), Loss::mse, -1.0); }, {"l2", "-1"});
  Rosenbrock r(2);
  expect_argument_error([&] { r.value(arma::vec(3)); }, {"x", "3 elements", "dim() = 2"});
  expect_argument_error([&] { backtracking(r, arma::vec{0, 0}, 1, arma::vec{-2, 0}, arma::vec{1, 0}, -0.5); }, {"alpha0", "-0.5"});
  expect_argument_error([&] { loss_value(Loss::mse, arma::mat(2, 2), arma::mat(3, 2)); }, {"T", "3x2"});
  expect_argument_error([&] { house_prices(0); }, {"n", "0"});
  expect_argument_error([&] { Quadratic(arma::mat(2, 3), arma::vec(2)); }, {"A", "2x3"});
}

BOOST_AUTO_TEST_CASE(strong_wolfe_conditions_hold) {
  Rosenbrock f(2);
  const LineSearchOptions o;  // c1 = 1e-4, c2 = 0.9
  for (const arma::vec& x : {arma::vec{-1.2, 1.0}, arma::vec{0.5, 0.8}, arma::vec{1.5, 1.5}}) {
    arma::vec g;
    const double fx = f.value_gradient(x, g);
    for (double a0 : {1e-3, 1.0, 50.0}) {
      const arma::vec p = -g;
      const LineSearchResult r = strong_wolfe(f, x, fx, g, p, a0, o);
      BOOST_REQUIRE_MESSAGE(r.ok(), "strong_wolfe failed: " << to_string(r.status));
      BOOST_TEST(r.f <= fx + o.c1 * r.alpha * arma::dot(g, p));                          // sufficient decrease
      BOOST_TEST(std::abs(arma::dot(r.g, p)) <= o.c2 * std::abs(arma::dot(g, p)));       // curvature
      OPTLAB_CHECK_CLOSE(r.x, arma::vec(x + r.alpha * p), 1e-15, "returned point", "");
      OPTLAB_CHECK_CLOSE(r.g, f.gradient(r.x), 1e-15, "returned gradient", "");
      BOOST_TEST(r.evaluations <= 50);
    }
    const LineSearchResult b = backtracking(f, x, fx, g, -g, 1.0, o);
    BOOST_REQUIRE(b.ok());
    BOOST_TEST(b.f <= fx + o.c1 * b.alpha * arma::dot(g, -g));
  }
}

BOOST_AUTO_TEST_CASE(strong_wolfe_extrapolates_a_far_too_short_first_step) {
  // φ(α) = ½(α − 1000)², first trial α = 1.  On a quadratic the cubic through two points with
  // their slopes is the quadratic itself, so its minimiser is 1000; the Moré–Thuente bounds
  // [α + 1.1(α − α_prev), α + 4(α − α_prev)] let the trials grow 1 → 5 → 21 → 85 → 341 and then
  // take the minimiser 1000 (inside [622.6, 1365]), where φ' = 0: six evaluations by hand.
  // Doubling (1, 2, 4, …, 1024) would need eleven, plus the zoom.
  LambdaObjective far(1, [](const arma::vec& z, arma::vec& gg) {
    gg = arma::vec{z(0) - 1000};
    return 0.5 * (z(0) - 1000) * (z(0) - 1000);
  });
  arma::vec g0;
  const double f0 = far.value_gradient(arma::vec{0}, g0);
  LineSearchOptions o;
  o.c2 = 0.1;  // CG's: |φ'| ≤ 100 only for α in [900, 1100], so no earlier trial is accepted
  const LineSearchResult r = strong_wolfe(far, arma::vec{0}, f0, g0, arma::vec{1}, 1.0, o);
  BOOST_REQUIRE_MESSAGE(r.ok(), "strong_wolfe failed: " << to_string(r.status));
  // 1e-9 relative: the cubic's formula loses a few digits to cancellation at these magnitudes.
  BOOST_CHECK_MESSAGE(std::abs(r.alpha - 1000) <= 1e-9 * 1000, "accepted alpha " << r.alpha << ", expected 1000");
  BOOST_CHECK_MESSAGE(r.evaluations == 6, r.evaluations << " evaluations, expected 6 (1, 5, 21, 85, 341, 1000): "
                                                           "the expansion must extrapolate, not double");
}

BOOST_AUTO_TEST_CASE(strong_wolfe_reports_its_longest_trial_when_expansion_runs_out) {
  // φ(α) = −α (unbounded below): no Wolfe point exists.  φ' is constant, so the cubic through two
  // trials has no minimiser and each trial extrapolates to the upper bound α + 4(α − α_prev):
  // 1, 5, 21, 85, 341.  After max_expansions = 5 the search stops with max_iterations and
  // last_alpha = 341, the step a caller may take to make progress on an unbounded problem.
  LambdaObjective down(1, [](const arma::vec& z, arma::vec& gg) {
    gg = arma::vec{-1.0};
    return -z(0);
  });
  arma::vec g0;
  const double f0 = down.value_gradient(arma::vec{0}, g0);
  LineSearchOptions o;
  o.max_expansions = 5;
  const LineSearchResult r = strong_wolfe(down, arma::vec{0}, f0, g0, arma::vec{1}, 1.0, o);
  BOOST_TEST(to_string(r.status) == "max_iterations");
  BOOST_TEST(r.evaluations == 5);
  BOOST_CHECK_MESSAGE(r.last_alpha == 341.0, "last trial " << r.last_alpha << ", expected 341 (1, 5, 21, 85, 341)");
  BOOST_TEST(r.alpha == 0.0);  // nothing accepted
}

BOOST_AUTO_TEST_CASE(line_searches_fail_with_a_status) {
  Quadratic q = Quadratic::valley();
  const arma::vec x{1, 1};
  arma::vec g;
  const double fx = q.value_gradient(x, g);
  BOOST_TEST(to_string(strong_wolfe(q, x, fx, g, g, 1.0).status) == "not_descent");
  BOOST_TEST(to_string(backtracking(q, x, fx, g, g, 1.0).status) == "not_descent");
  // f overflows to +inf beyond α = 0.3: non-finite trials are "too long", never accepted.
  LambdaObjective cliff(1, [](const arma::vec& z, arma::vec& gg) {
    gg = arma::vec{2 * (z(0) - 1)};
    if (z(0) > 1.3) {
      gg.fill(arma::datum::nan);
      return arma::datum::inf;
    }
    return (z(0) - 1) * (z(0) - 1);
  });
  arma::vec g0;
  const double f0 = cliff.value_gradient(arma::vec{0}, g0);
  const LineSearchResult w = strong_wolfe(cliff, arma::vec{0}, f0, g0, arma::vec{1}, 100.0);
  BOOST_REQUIRE(w.ok());
  BOOST_TEST(std::isfinite(w.f));
  BOOST_TEST(w.alpha <= 1.3);
  const LineSearchResult bt = backtracking(cliff, arma::vec{0}, f0, g0, arma::vec{1}, 100.0);
  BOOST_REQUIRE(bt.ok());
  BOOST_TEST(bt.alpha <= 1.3);
  // A function that is non-finite everywhere except 0: the search stops with a status.
  LambdaObjective nowhere(1, [](const arma::vec& z, arma::vec& gg) {
    gg = arma::vec{-1.0};
    return z(0) == 0 ? 0.0 : arma::datum::nan;
  });
  const LineSearchResult n = strong_wolfe(nowhere, arma::vec{0}, 0.0, arma::vec{-1.0}, arma::vec{1}, 1.0);
  BOOST_TEST(!n.ok());
  BOOST_TEST(n.alpha == 0.0);
  // Bounded work: linear f decreasing forever ends at alpha_max / the expansion limit.
  LambdaObjective ramp(1, [](const arma::vec& z, arma::vec& gg) { gg = arma::vec{-1.0}; return -z(0); });
  const LineSearchResult rr = strong_wolfe(ramp, arma::vec{0}, 0.0, arma::vec{-1.0}, arma::vec{1}, 1.0);
  BOOST_TEST(!rr.ok());
  BOOST_TEST(rr.evaluations <= 21);
}

BOOST_AUTO_TEST_CASE(run_monitor_statuses) {
  Quadratic q = Quadratic::valley();
  auto gd = [&](double alpha, StopOptions stop) {
    DriverOptions o;
    o.stop = stop;
    return run_update_rule(q, arma::vec{3, 1}, [alpha](arma::vec& x, const arma::vec& g, long, const GradientOracle&) { x -= alpha * g; },
                           o, "gd");
  };
  StopOptions s;
  s.gtol = 1e-8;
  s.max_iterations = 10000;
  const Result ok = gd(0.4, s);  // α < 2/L = 0.5
  OPTLAB_CHECK_OUTCOME(test::status_is(ok, Status::converged_gradient, ""));
  BOOST_TEST(ok.x.is_finite());
  BOOST_TEST(ok.trace.rows.size() == static_cast<size_t>(ok.iterations + 1));
  BOOST_TEST(ok.evals.gradient == ok.iterations + 1);
  test::plot_run(ok, {.f_star = 0.0, .contour = &q, .x0 = -3.5, .x1 = 3.5, .y0 = -1.5, .y1 = 1.5});

  const Result bad = gd(0.6, s);  // α > 2/L: |1 − αL| = 1.4 per step, f grows
  BOOST_TEST((bad.status == Status::diverged || bad.status == Status::non_finite));
  BOOST_TEST(bad.x.is_finite());
  BOOST_TEST(std::isfinite(bad.f));

  StopOptions few = s;
  few.max_iterations = 5;
  OPTLAB_CHECK_OUTCOME(test::status_is(gd(0.01, few), Status::max_iterations, ""));
  StopOptions ev = s;
  ev.max_evaluations = 7;
  OPTLAB_CHECK_OUTCOME(test::status_is(gd(0.01, ev), Status::max_evaluations, ""));

  // The f-change test never fires alone: with a tiny step f barely changes but g is large.
  StopOptions ft = s;
  ft.ftol = 1e-3;
  ft.max_iterations = 50;
  OPTLAB_CHECK_OUTCOME(test::status_is(gd(1e-6, ft), Status::max_iterations, ""));

  // Non-finite f: stop at once and hand back the last finite iterate.
  LambdaObjective blow(1, [](const arma::vec& z, arma::vec& gg) {
    gg = arma::vec{-1.0};
    return z(0) > 2.5 ? arma::datum::nan : -z(0);
  });
  DriverOptions o;
  const Result nf = run_update_rule(blow, arma::vec{0}, [](arma::vec& x, const arma::vec& g, long, const GradientOracle&) { x -= g; }, o, "gd");
  OPTLAB_CHECK_OUTCOME(test::status_is(nf, Status::non_finite, ""));
  OPTLAB_CHECK_CLOSE(nf.x, arma::vec{2.0}, 0, "last finite iterate", "");

  // ‖x‖ running away on an unbounded function.
  LambdaObjective lin(1, [](const arma::vec& z, arma::vec& gg) { gg = arma::vec{-1.0}; return -1e-12 * z(0); });
  StopOptions ub;
  ub.max_x_norm = 100;
  ub.diverge_factor = 1e300;
  o.stop = ub;
  const Result u = run_update_rule(lin, arma::vec{0}, [](arma::vec& x, const arma::vec&, long, const GradientOracle&) { x *= 2; x += 1; }, o, "gd");
  OPTLAB_CHECK_OUTCOME(test::status_is(u, Status::unbounded, ""));
}

BOOST_AUTO_TEST_CASE(driver_minibatch_epochs_and_trace_csv) {
  const Dataset d = curve_1d(23, 1);
  MLP net = MLP::make({1, 4, 1}, Activation::tanh);
  MLPProblem prob(net, d.X, d.T, Loss::mse);
  DriverOptions o;
  o.stop.max_iterations = 3;
  o.stop.gtol = 0;
  o.batch_size = 5;  // 5 batches per epoch, the last of 3 examples
  long calls = 0;
  const Result r = run_update_rule(prob, net.init(Init::xavier, 1),
                                   [&](arma::vec& x, const arma::vec& g, long t, const GradientOracle&) {
                                     BOOST_TEST(t == calls + 1);
                                     ++calls;
                                     x -= 0.1 * g;
                                   },
                                   o, "sgd");
  BOOST_TEST(calls == 15);
  BOOST_TEST(r.evals.examples == 3 * 23);
  OPTLAB_CHECK_OUTCOME(test::status_is(r, Status::max_iterations, ""));
  const std::string path = test::out_dir() + "/trace_roundtrip.csv";
  r.trace.write_csv(path);
  const Trace back = Trace::read_csv(path);
  BOOST_REQUIRE(back.rows.size() == r.trace.rows.size());
  for (size_t i = 0; i < back.rows.size(); ++i) BOOST_TEST(back.rows[i].f == r.trace.rows[i].f);
  // Clipping bounds what the rule sees.
  o.clip_norm = 1e-3;
  o.stop.max_iterations = 1;
  run_update_rule(prob, net.init(Init::xavier, 1),
                  [&](arma::vec&, const arma::vec& g, long, const GradientOracle&) { BOOST_TEST(arma::norm(g) <= 1e-3 * (1 + 1e-12)); }, o,
                  "sgd");
}

BOOST_AUTO_TEST_CASE(gradient_checker_names_the_worst_element) {
  const arma::vec a{1, 2, 3}, b{1, 2.5, 3};
  const Comparison c = compare(a, b);
  BOOST_TEST(c.worst == 1u);
  OPTLAB_CHECK_CLOSE(c.rel_error, 0.5 / 6.0, 1e-15, "relative error = max|a-b| / max(|a|+|b|)", "");
  BOOST_TEST(c.describe(1e-6).find("[1]") != std::string::npos);
  // Central differences are exact for quadratics up to rounding.
  auto f = [](const arma::vec& x) { return 3 * x(0) * x(0) + x(0) * x(1); };
  OPTLAB_CHECK_CLOSE(numerical_gradient(f, arma::vec({1, 2})), arma::vec({8, 1}), 1e-9, "central differences", "");
}
