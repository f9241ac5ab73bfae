// Lesson 07 — RMSProp.  Every expected number below is computed from the update rule
//   v ← ρv + (1 − ρ)g²,   x ← x − η·g/(√v + ε)
// by hand-written arithmetic in the test, never by calling the reference implementation.
#include <cmath>
#include <string>

#include "optlab_test.hpp"
#include "rmsprop.hpp"

using optlab::RMSPropOptions;
using optlab::RMSPropState;
using optlab::Status;

namespace {

using optlab::test::rejects;

bool near(const arma::vec& a, const arma::vec& b) {
  return a.n_elem == b.n_elem && a.is_finite() && arma::approx_equal(a, b, "reldiff", 1e-9);
}

// What went wrong in v after the first step ρ·0 + (1−ρ)g², judged from the classic mistakes.
std::string diagnose_v(const arma::vec& v, const arma::vec& g, double rho) {
  const arma::vec g2 = g % g;
  if (near(v, g2))
    return "v = g^2 after the first step: the update is missing the (1 - rho) factor, v <- rho*v + (1 - rho)*g^2";
  if (near(v, rho * g2)) return "v = rho*g^2 after the first step: rho and (1 - rho) are swapped";
  return "v <- rho*v + (1 - rho)*g^2 elementwise (g % g), starting from v = 0";
}

// What went wrong in the first step when v itself is right.
std::string diagnose_step(const arma::vec& dx, const arma::vec& g, double eta, double eps, bool v_ok) {
  if (!v_ok) return "v is wrong already (see the check of v above); fix v first";
  if (near(dx, eta * g / (arma::abs(g) + eps)))
    return "the step has size eta on the first step, as if v were divided by (1 - rho^t): RMSProp has NO bias "
           "correction (that is Adam); use v as it is";
  return "x <- x - eta*g/(sqrt(v) + eps), with eps OUTSIDE the square root";
}

}  // namespace

// Two steps on three coordinates with ρ = 0.9, η = 0.01, ε = 1e-8, every number by hand.
BOOST_AUTO_TEST_CASE(first_steps_by_hand) {
  RMSPropOptions o;
  o.learning_rate = 0.01;
  o.rho = 0.9;
  o.eps = 1e-8;
  const arma::vec x0 = {1.0, -2.0, 0.5};
  arma::vec x = x0;
  RMSPropState s(3);

  // Step 1, g = (3, −4, 0):  v = 0.1·(9, 16, 0) = (0.9, 1.6, 0).
  const arma::vec g1 = {3.0, -4.0, 0.0};
  optlab::rmsprop_step(x, g1, s, o);
  // Tolerance 1e-14: a handful of floating-point operations per element (a few ulps).
  OPTLAB_CHECK_CLOSE(s.sq_avg, (arma::vec{0.9, 1.6, 0.0}), 1e-14, "v after step 1", diagnose_v(s.sq_avg, g1, 0.9));
  const arma::vec x1 = {1.0 - 0.01 * 3.0 / (std::sqrt(0.9) + 1e-8), -2.0 + 0.01 * 4.0 / (std::sqrt(1.6) + 1e-8), 0.5};
  OPTLAB_CHECK_CLOSE(x, x1, 1e-14, "x after step 1", diagnose_step(x0 - x, g1, 0.01, 1e-8, near(s.sq_avg, arma::vec{0.9, 1.6, 0.0})));

  // Step 2, g = (1, 2, 0):  v = 0.9·(0.9, 1.6, 0) + 0.1·(1, 4, 0) = (0.91, 1.84, 0).
  optlab::rmsprop_step(x, arma::vec{1.0, 2.0, 0.0}, s, o);
  OPTLAB_CHECK_CLOSE(s.sq_avg, (arma::vec{0.91, 1.84, 0.0}), 1e-14, "v after step 2",
                     "v <- rho*v + (1 - rho)*g^2: rho multiplies the OLD average, (1 - rho) the new g^2");
  const arma::vec x2 = {x1(0) - 0.01 * 1.0 / (std::sqrt(0.91) + 1e-8), x1(1) - 0.01 * 2.0 / (std::sqrt(1.84) + 1e-8),
                        0.5};
  OPTLAB_CHECK_CLOSE(x, x2, 1e-14, "x after step 2",
                     "x <- x - eta*g/(sqrt(v) + eps) with the NEW v, eps outside the square root, no bias correction");
  BOOST_CHECK_MESSAGE(x(2) == 0.5, "the coordinate with zero gradient moved to " << x(2)
                                       << "; likely mistake: eps missing (0/0) in sqrt(v) + eps");
}

// A large ε makes its position visible: η = 1, ρ = 0.75, ε = 1, g = 2 from x = 0:
//   v = 0.25·4 = 1,  x = −2/(√1 + 1) = −1   (ε inside the root: −2/√2 ≈ −1.414).
BOOST_AUTO_TEST_CASE(eps_goes_outside_the_square_root) {
  RMSPropOptions o;
  o.learning_rate = 1.0;
  o.rho = 0.75;
  o.eps = 1.0;
  arma::vec x = {0.0};
  RMSPropState s(1);
  optlab::rmsprop_step(x, arma::vec{2.0}, s, o);
  // Tolerance 1e-15: three exact floating-point operations on small integers.
  OPTLAB_CHECK_CLOSE(x, arma::vec{-1.0}, 1e-15, "x after one step with eps = 1",
                     "eps goes OUTSIDE the square root, x <- x - eta*g/(sqrt(v) + eps) as in PyTorch (the tutorial "
                     "slide writes sqrt(delta + r))");
}

// With a constant gradient v_t = (1 − ρᵗ)g² (a geometric sum), so the step is
// η·g/(√(1−ρᵗ)·|g| + ε) → η·sign(g): RMSProp keeps stepping at full speed, while AdaGrad's
// η/√t (computed here by the test's own three lines) has shrunk to 2 % of η after 2000 steps.
BOOST_AUTO_TEST_CASE(effective_step_does_not_decay) {
  RMSPropOptions o;  // PyTorch defaults: η = 0.01, ρ = 0.99, ε = 1e-8
  const double eta = o.learning_rate, rho = o.rho;
  const arma::vec g = {2.0, -1e-3, 50.0};
  arma::vec x(3, arma::fill::zeros);
  RMSPropState s(3);
  arma::vec adagrad_G(3, arma::fill::zeros), adagrad_dx;
  arma::vec dx;
  for (int t = 1; t <= 2000; ++t) {
    const arma::vec before = x;
    optlab::rmsprop_step(x, g, s, o);
    dx = before - x;
    adagrad_G += g % g;  // AdaGrad on the same gradients, for contrast
    adagrad_dx = eta * g / (arma::sqrt(adagrad_G) + o.eps);
    const arma::vec expected = eta * g / (std::sqrt(1.0 - std::pow(rho, t)) * arma::abs(g) + o.eps);
    // Tolerance 1e-10: v's recurrence is a contraction (rounding stays ~1/(1−ρ) = 100 ulps) and Δx
    // is the difference of iterates of size ≲ 20 while Δx ≈ 0.01 (cancellation ×2000).
    if (t == 1 || t == 2 || t == 10 || t == 100 || t == 2000)
      OPTLAB_CHECK_CLOSE(dx, expected, 1e-10, "step at t = " + std::to_string(t) + " for a constant gradient",
                         t == 1 ? diagnose_v(s.sq_avg, g, rho) + " (the first step is eta/sqrt(1 - rho) = 10 eta: v "
                                                                 "starts at 0 and is not bias-corrected)"
                                : std::string("v <- rho*v + (1 - rho)*g^2 = (1 - rho^t)*g^2 here, so the step "
                                              "eta/sqrt(1 - rho^t) falls from 10 eta to eta (no bias correction); "
                                              "without the (1 - rho) factor v -> g^2/(1 - rho) and the step shrinks "
                                              "to eta*sqrt(1 - rho)"));
  }
  const double rms_ratio = arma::min(arma::abs(dx)) / eta, ada_ratio = arma::max(arma::abs(adagrad_dx)) / eta;
  BOOST_CHECK_MESSAGE(rms_ratio > 0.99,
                      "after 2000 steps on a constant gradient the RMSProp step is " << rms_ratio
                          << " eta, expected ~1 eta: the moving average forgets, so the step must not decay; likely "
                             "mistake: summing g^2 (AdaGrad) or a missing (1 - rho) factor");
  BOOST_CHECK_MESSAGE(ada_ratio < 0.03, "sanity check of the test's own AdaGrad contrast: " << ada_ratio);
}

// Trains a 1-16-1 tanh network on lib's curve_1d (y = sin(2πx)e^{−x} + noise) with minibatches of
// 10 (the driver hands the step the MEAN gradient of each batch).  The best straight line has
// MSE 0.0699; the network must get well below that, i.e. actually fit the wiggle.
BOOST_AUTO_TEST_CASE(trains_mlp_regression) {
  const optlab::Dataset d = optlab::curve_1d(100, 1);
  const optlab::MLP net = optlab::MLP::make({1, 16, 1}, optlab::Activation::tanh);
  const optlab::MLPProblem problem(net, d.X, d.T, optlab::Loss::mse, 0.0, "curve_1d 1-16-1 tanh");
  RMSPropOptions o;
  o.learning_rate = 0.01;
  o.batch_size = 10;
  o.seed = 2;
  o.stop.max_iterations = 300;  // epochs
  o.stop.gtol = 0;
  const arma::vec theta0 = net.init(optlab::Init::xavier, 2);
  const optlab::Result r = optlab::rmsprop_minimize(problem, theta0, o);
  optlab::test::plot_run(r, {.title = "RMSProp trains a 1-16-1 tanh net on curve_1d (MSE per epoch)"});
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::max_iterations,
                                               "the run must go through all 300 epochs; non_finite or diverged "
                                               "means a step blew up (missing eps? g not squared?)"));
  const double f0 = r.trace.rows.front().f;
  // The reference reaches ≈ 0.0075 from f0 ≈ 0.215 (other seeds and η ∈ [0.01, 0.02]: ≤ 0.016);
  // 0.03 is below the straight-line plateau 0.0699 with a wide margin for harmless rounding changes.
  BOOST_CHECK_MESSAGE(r.f < 0.03 && r.f < f0 / 5,
                      "training MSE went from " << f0 << " to " << r.f << " in 300 epochs, expected < 0.03 (the "
                      "best straight line gives 0.0699); likely mistake: a step that is too small (a missing "
                      "(1 - rho) factor makes v 100x too large) or one that does not adapt per coordinate");
}

// A full-batch run on the lab's valley f = 0.1x₁² + 2x₂² with the default ρ: converges, reports
// its status; the driver rejects bad options with a message naming them.
BOOST_AUTO_TEST_CASE(valley_run_converges_and_reports_status) {
  const optlab::Quadratic valley = optlab::Quadratic::valley();
  const arma::vec x0 = {-4.0, 2.0};
  RMSPropOptions o;
  o.learning_rate = 0.1;
  o.stop.max_iterations = 1000;
  o.stop.gtol = 1e-6;
  const optlab::Result r = optlab::rmsprop_minimize(valley, x0, o);
  optlab::test::plot_run(r, {.f_star = 0.0, .contour = &valley, .x0 = -4.5, .x1 = 4.5, .y0 = -2.5, .y1 = 2.5});
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::converged_gradient,
      "RMSProp with eta = 0.1 reaches |g| <= 1e-6 on this quadratic in ~70 steps; non_finite means a NaN (missing "
      "eps, g not squared), max_iterations a step that is far too small or too large"));
  BOOST_CHECK_MESSAGE(arma::norm(r.x) < 1e-4, "final iterate " << r.x.t() << " is not at the minimiser 0 "
                                              "(|g|inf <= 1e-6 and curvature >= 0.2 put it within 5e-6)");

  RMSPropOptions short_run = o;
  short_run.stop.max_iterations = 5;
  const optlab::Result r5 = optlab::rmsprop_minimize(valley, x0, short_run);
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r5, Status::max_iterations, "5 steps cannot reach gtol = 1e-6"));

  RMSPropOptions bad = o;
  bad.learning_rate = 0.0;
  BOOST_CHECK_MESSAGE(rejects([&] { optlab::rmsprop_minimize(valley, x0, bad); }, "learning_rate"),
                      "learning_rate = 0 must throw optlab::invalid_argument naming 'learning_rate'");
  bad = o;
  bad.rho = 1.0;
  BOOST_CHECK_MESSAGE(rejects([&] { optlab::rmsprop_minimize(valley, x0, bad); }, "rho"),
                      "rho = 1 must throw optlab::invalid_argument naming 'rho' (v would stay 0 forever)");
  bad = o;
  bad.eps = -1e-8;
  BOOST_CHECK_MESSAGE(rejects([&] { optlab::rmsprop_minimize(valley, x0, bad); }, "eps"),
                      "a negative eps must throw optlab::invalid_argument naming 'eps'");
}
