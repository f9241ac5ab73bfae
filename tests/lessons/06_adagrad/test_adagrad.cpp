// Lesson 06 — AdaGrad.  Every expected number below is computed from the update rule
//   G ← G + g²,   x ← x − η·g/(√G + ε)
// by hand-written arithmetic in the test, never by calling the reference implementation.
#include <cmath>
#include <string>
#include <vector>

#include "adagrad.hpp"
#include "optlab_test.hpp"

using optlab::AdagradOptions;
using optlab::AdagradState;
using optlab::Status;

namespace {

// True when `fn` throws optlab::invalid_argument whose message names `arg`.
using optlab::test::rejects;

// f(x) = ½ Σ aᵢ xᵢ² (separable quadratic), gradient aᵢ xᵢ.
optlab::LambdaObjective separable_quadratic(const arma::vec& a, const std::string& name) {
  return optlab::LambdaObjective(
      a.n_elem,
      [a](const arma::vec& x, arma::vec& g) {
        g = a % x;
        return 0.5 * arma::dot(a % x, x);
      },
      name);
}

}  // namespace

// Two steps on three coordinates, every number by hand.
BOOST_AUTO_TEST_CASE(first_steps_by_hand) {
  AdagradOptions o;
  o.learning_rate = 0.1;
  o.eps = 1e-10;
  arma::vec x = {1.0, -2.0, 0.5};
  AdagradState s(3);
  const std::string how =
      "one step is G <- G + g^2 (a running SUM of the squared gradients, elementwise g % g, not an average), "
      "then x <- x - eta*g/(sqrt(G) + eps)";

  // Step 1, g = (3, −4, 0):  G = (9, 16, 0),  x −= 0.1·(3/(3+ε), −4/(4+ε), 0/(0+ε)).
  optlab::adagrad_step(x, arma::vec{3.0, -4.0, 0.0}, s, o);
  // Tolerance 1e-14: a handful of floating-point operations per element (a few ulps).
  OPTLAB_CHECK_CLOSE(s.sum_sq, (arma::vec{9.0, 16.0, 0.0}), 1e-14, "G after step 1",
                     "G must accumulate the SQUARED gradient elementwise (g % g) starting from G = 0");
  const arma::vec x1 = {1.0 - 0.1 * 3.0 / (3.0 + 1e-10), -2.0 + 0.1 * 4.0 / (4.0 + 1e-10), 0.5};
  OPTLAB_CHECK_CLOSE(x, x1, 1e-14, "x after step 1", how);
  BOOST_CHECK_MESSAGE(x.is_finite(), "x after step 1 is not finite; likely mistake: eps missing (the coordinate with "
                                     "zero gradient gives 0/0; the denominator is sqrt(G) + eps) or g not squared "
                                     "(sqrt of a negative G)");

  // Step 2, g = (1, 2, 0):  G = (10, 20, 0),  x −= 0.1·(1/(√10+ε), 2/(√20+ε), 0).
  optlab::adagrad_step(x, arma::vec{1.0, 2.0, 0.0}, s, o);
  OPTLAB_CHECK_CLOSE(s.sum_sq, (arma::vec{10.0, 20.0, 0.0}), 1e-14, "G after step 2",
                     "G is a running SUM (G <- G + g^2), not an average of the squared gradients and not the "
                     "last g^2 alone");
  const arma::vec x2 = {x1(0) - 0.1 * 1.0 / (std::sqrt(10.0) + 1e-10), x1(1) - 0.1 * 2.0 / (std::sqrt(20.0) + 1e-10),
                        0.5};
  OPTLAB_CHECK_CLOSE(x, x2, 1e-14, "x after step 2", how);
}

// A large ε makes its position visible: with η = 1, ε = 1, g = (3, 0) from x = 0:
//   G = (9, 0),  x = −(3/(√9 + 1), 0/(√0 + 1)) = (−0.75, 0).
// ε inside the root would give −3/√10 ≈ −0.949, no ε at all −1 and 0/0 = NaN.
BOOST_AUTO_TEST_CASE(eps_goes_outside_the_square_root) {
  AdagradOptions o;
  o.learning_rate = 1.0;
  o.eps = 1.0;
  arma::vec x = {0.0, 0.0};
  AdagradState s(2);
  optlab::adagrad_step(x, arma::vec{3.0, 0.0}, s, o);
  // Tolerance 1e-14: three floating-point operations.
  OPTLAB_CHECK_CLOSE(x, (arma::vec{-0.75, 0.0}), 1e-14, "x after one step with eps = 1",
                     "eps goes OUTSIDE the square root, x <- x - eta*g/(sqrt(G) + eps) as in PyTorch; putting it "
                     "inside (sqrt(G + eps), as the tutorial slide writes it) or leaving it out gives another step");
  BOOST_CHECK_MESSAGE(std::isfinite(x(1)) && x(1) == 0.0,
                      "a coordinate with zero gradient moved (or became NaN: 0/0); likely mistake: eps missing "
                      "from the denominator sqrt(G) + eps");
}

// Constant gradient ⇒ G_t = t·g² ⇒ the step is η·g/(√t·|g| + ε) ≈ η·sign(g)/√t: the effective
// step decays like 1/√t on every coordinate, whatever the size of its gradient.
BOOST_AUTO_TEST_CASE(effective_step_decays_like_inverse_sqrt_t) {
  AdagradOptions o;
  o.learning_rate = 0.1;
  const arma::vec g = {2.0, -1e-3, 50.0};
  arma::vec x(3, arma::fill::zeros);
  AdagradState s(3);
  double worst_late = 0.0;  // largest √t·|Δx|/η over the last steps (should be ≈ 1)
  for (int t = 1; t <= 400; ++t) {
    const arma::vec before = x;
    optlab::adagrad_step(x, g, s, o);
    const arma::vec dx = before - x;
    const arma::vec expected = 0.1 * g / (std::sqrt(static_cast<double>(t)) * arma::abs(g) + 1e-10);
    // Tolerance 1e-10: G is a sum of t = 400 terms (relative rounding ≲ 400 ulps), and Δx is the
    // difference of two iterates of size ~4 while Δx ~ 0.005 (another factor ~10³ of cancellation).
    if (t == 1 || t == 2 || t == 10 || t == 100 || t == 400)
      OPTLAB_CHECK_CLOSE(dx, expected, 1e-10, "step at t = " + std::to_string(t) + " for a constant gradient",
                         "G must be the running SUM of g^2 (so sqrt(G) = sqrt(t)*|g| and the step shrinks like "
                         "1/sqrt(t)); averaging instead of summing (that is RMSProp-like) keeps the step constant");
    if (t > 300) worst_late = std::max(worst_late, arma::max(arma::abs(dx)) * std::sqrt(t) / 0.1);
  }
  // Tolerance 1e-6: ε/|g| ≤ 1e-10/1e-3 perturbs the ratio by at most 1e-7.
  BOOST_CHECK_MESSAGE(std::abs(worst_late - 1.0) < 1e-6,
                      "sqrt(t)*|step|/eta = " << worst_late << " late in the run, expected 1 (the effective step eta/sqrt(t));"
                      " likely mistake: G must be the running SUM of g^2, not an average");
}

// For any gradient sequence the effective learning rate of coordinate i is η/(√(Σ_s g_{s,i}²) + ε):
// checked on seeded random gradients whose coordinates have scales 10⁻³, 1 and 10³.
BOOST_AUTO_TEST_CASE(effective_learning_rate_is_eta_over_root_sum_of_squares) {
  AdagradOptions o;
  o.learning_rate = 0.05;
  optlab::Rng rng(6);
  const arma::vec scale = {1e-3, 1.0, 1e3};
  arma::vec x = {1.0, 1.0, 1.0};
  arma::vec sum(3, arma::fill::zeros);
  AdagradState s(3);
  for (int t = 1; t <= 50; ++t) {
    const arma::vec g = scale % (rng.normal_vec(3) + 0.5);
    sum += g % g;  // the test's own bookkeeping of Σg²
    const arma::vec before = x;
    optlab::adagrad_step(x, g, s, o);
    const arma::vec expected_dx = 0.05 * g / (arma::sqrt(sum) + 1e-10);
    const arma::vec dx = before - x;
    if (t % 10 == 0) {
      // Compared per coordinate so a small coordinate is not hidden by a large one.
      // Tolerance 1e-11: ~50 additions in G plus cancellation in before − x (|x| ≲ 2, |Δx| ≳ 1e-3).
      for (arma::uword i = 0; i < 3; ++i)
        OPTLAB_CHECK_CLOSE(dx(i), expected_dx(i), 1e-11,
                           "step of coordinate " + std::to_string(i) + " (gradient scale " + std::to_string(scale(i)) +
                               ") at t = " + std::to_string(t),
                           "each coordinate has its own G_i = sum of its squared gradients; the step is "
                           "eta*g_i/(sqrt(G_i) + eps), elementwise (use %, not a dot product or a norm)");
    }
  }
}

// AdaGrad is invariant to rescaling a coordinate's gradient.  (a) First step: g and c ⊙ g
// (cᵢ > 0) give the same step.  (b) On a separable quadratic f(x) = ½Σaᵢxᵢ² every coordinate's
// gradient is aᵢxᵢ, so AdaGrad on the badly scaled f(Dx) = ½(100x₁² + 0.01x₂²) (D = diag(10, 0.1),
// κ = 10⁴) makes exactly the same iterates as on the round ½(x₁² + x₂²) from the same x₀, while
// gradient descent would need η < 2/100 and then crawl along x₂.
BOOST_AUTO_TEST_CASE(per_coordinate_scale_invariance) {
  AdagradOptions o;
  o.learning_rate = 0.3;
  const arma::vec g = {0.5, -2.0, 3.0}, c = {1e4, 1e-4, 1.0};
  arma::vec xa = {1.0, 2.0, 3.0}, xb = xa;
  AdagradState sa(3), sb(3);
  optlab::adagrad_step(xa, g, sa, o);
  optlab::adagrad_step(xb, c % g, sb, o);
  // Tolerance 1e-6: the only difference is ε/|cᵢgᵢ| ≤ 1e-10/2e-4 = 5e-7 (relative, on one step).
  OPTLAB_CHECK_CLOSE(xb, xa, 1e-6, "first step with the gradient rescaled per coordinate",
                     "the step must be eta*g/(sqrt(G) + eps) with G = g^2 per coordinate, so scaling g_i by c "
                     "scales sqrt(G_i) by c too; a squared gradient that is summed over coordinates (g'g) or "
                     "not squared at all breaks this");

  const auto round = separable_quadratic({1.0, 1.0}, "round");
  const auto skewed = separable_quadratic({100.0, 0.01}, "badly scaled");
  o.stop.max_iterations = 60;
  o.stop.gtol = 0;  // run all 60 steps on both problems
  const arma::vec x0 = {1.0, -1.5};
  const optlab::Result r_round = optlab::adagrad_minimize(round, x0, o);
  const optlab::Result r_skew = optlab::adagrad_minimize(skewed, x0, o);
  optlab::test::plot_run(r_skew, {.title = "AdaGrad on 0.5(100 x1^2 + 0.01 x2^2): same path as on a round bowl",
                                  .contour = &skewed, .x0 = -1.6, .x1 = 1.6, .y0 = -1.6, .y1 = 1.6});
  optlab::test::plot_run(r_round, {.title = "AdaGrad on 0.5(x1^2 + x2^2)", .contour = &round, .x0 = -1.6, .x1 = 1.6,
                                   .y0 = -1.6, .y1 = 1.6, .suffix = "_round"});
  BOOST_REQUIRE_EQUAL(r_skew.trace.path.size(), r_round.trace.path.size());
  arma::mat p_round(2, r_round.trace.path.size()), p_skew(2, r_skew.trace.path.size());
  for (size_t k = 0; k < r_round.trace.path.size(); ++k) {
    p_round.col(k) = r_round.trace.path[k];
    p_skew.col(k) = r_skew.trace.path[k];
  }
  // Tolerance 1e-6: √G₂ ≥ 0.01·|x₂| ≳ 1e-3 on the skewed problem, so ε = 1e-10 perturbs each step by
  // ≲ 1e-7 relative; over 60 steps that stays far below 1e-6.
  OPTLAB_CHECK_CLOSE(p_skew, p_round, 1e-6, "iterates on f(Dx) vs on the round f(x) (columns = iterations)",
                     "AdaGrad's per-coordinate normalisation g_i/sqrt(sum of g_i^2) cancels the scale of each "
                     "coordinate; if the paths differ, G or the division is not elementwise");
  BOOST_CHECK_MESSAGE(r_skew.f < 1e-2 * skewed.value(x0),
                      "AdaGrad should reduce the badly scaled quadratic by 100x in 60 steps: " << r_skew.summary());
}

// A full run on the lab's valley f = 0.1x₁² + 2x₂²: converges, reports its status, and the
// driver rejects bad options with a message naming them.
BOOST_AUTO_TEST_CASE(valley_run_converges_and_reports_status) {
  const optlab::Quadratic valley = optlab::Quadratic::valley();
  const arma::vec x0 = {-4.0, 2.0};
  AdagradOptions o;
  o.learning_rate = 1.0;
  o.stop.max_iterations = 2000;
  o.stop.gtol = 1e-8;
  const optlab::Result r = optlab::adagrad_minimize(valley, x0, o);
  optlab::test::plot_run(r, {.f_star = 0.0, .contour = &valley, .x0 = -4.5, .x1 = 4.5, .y0 = -2.5, .y1 = 2.5});
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::converged_gradient,
                                               "AdaGrad with eta = 1 converges on this convex quadratic; a NaN "
                                               "(non_finite) usually means a gradient that was not squared before "
                                               "sqrt, or a missing eps"));
  // |g|inf ≤ 1e-8 and the smallest curvature 0.2 give |x − x*| ≤ 5e-8; 1e-6 leaves room.  (An absolute
  // bound: a relative error against x* = 0 would be meaningless.)
  BOOST_CHECK_MESSAGE(arma::norm(r.x) < 1e-6, "final iterate " << r.x.t() << " is not at the minimiser 0; "
                                              "likely mistake: the sign of the step (x <- x - eta*g/...)");
  BOOST_CHECK_MESSAGE(r.trace.rows.size() == static_cast<size_t>(r.iterations) + 1,
                      "the trace has one row per iterate: x_0 ... x_k");

  AdagradOptions short_run = o;
  short_run.stop.max_iterations = 5;
  const optlab::Result r5 = optlab::adagrad_minimize(valley, x0, short_run);
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r5, Status::max_iterations, "5 steps cannot reach gtol = 1e-8"));
  BOOST_CHECK_EQUAL(r5.iterations, 5);

  AdagradOptions bad = o;
  bad.learning_rate = -0.1;
  BOOST_CHECK_MESSAGE(rejects([&] { optlab::adagrad_minimize(valley, x0, bad); }, "learning_rate"),
                      "a negative learning_rate must throw optlab::invalid_argument naming 'learning_rate'");
  bad = o;
  bad.eps = 0.0;
  BOOST_CHECK_MESSAGE(rejects([&] { optlab::adagrad_minimize(valley, x0, bad); }, "eps"),
                      "eps = 0 must throw optlab::invalid_argument naming 'eps' (0/0 on zero gradients)");
  BOOST_CHECK_MESSAGE(rejects([&] { optlab::adagrad_minimize(valley, arma::vec{1.0, 2.0, 3.0}, o); }, "x0"),
                      "a 3-element x0 for a 2-D objective must throw optlab::invalid_argument naming 'x0'");
}
