// Lesson 09 — Newton's method with Hessian modification.
#include <cmath>
#include <limits>
#include <string>

#include "newton.hpp"
#include "optlab_test.hpp"

using optlab::Status;

namespace {

// f(x) = −x₁ + x₂²: bounded below in x₂, unbounded below along +x₁ (its Hessian diag(0, 2) is singular).
class RunawayValley : public optlab::Objective {
 public:
  arma::uword dim() const override { return 2; }
  std::string name() const override { return "runaway_valley"; }
  bool has_hessian() const override { return true; }

 protected:
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override {
    g = {-1.0, 2 * x(1)};
    return -x(0) + x(1) * x(1);
  }
  arma::mat eval_hessian(const arma::vec&) const override { return {{0.0, 0.0}, {0.0, 2.0}}; }
};

// f(x) = ½‖x‖² but the "gradient" has the wrong sign (a typical hand-coded derivative bug): every
// direction the method believes is downhill goes uphill, so no line search can succeed.
class WrongGradient : public optlab::Objective {
 public:
  arma::uword dim() const override { return 2; }
  std::string name() const override { return "wrong_gradient"; }
  bool has_hessian() const override { return true; }

 protected:
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override {
    g = -x;
    return 0.5 * arma::dot(x, x);
  }
  arma::mat eval_hessian(const arma::vec&) const override { return arma::eye(2, 2); }
};

using optlab::test::expect_rejects;

bool lower_triangular(const arma::mat& L) {
  for (arma::uword j = 1; j < L.n_cols; ++j)
    for (arma::uword i = 0; i < j; ++i)
      if (L(i, j) != 0) return false;
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Alg. 3.3 on hand-made matrices
// ---------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(cholesky_shift_leaves_positive_definite_matrix_alone) {
  // A = [[4, 2], [2, 3]] is positive definite: τ₀ = 0 (all aᵢᵢ > 0) and the first Cholesky works.
  // By hand: L₁₁ = √4 = 2, L₂₁ = 2/2 = 1, L₂₂ = √(3 − 1²) = √2.
  const arma::mat A = {{4.0, 2.0}, {2.0, 3.0}};
  const optlab::CholeskyShift c = optlab::cholesky_with_added_identity(A);
  BOOST_CHECK_MESSAGE(c.ok, "Cholesky of a positive definite matrix must succeed at once");
  OPTLAB_CHECK_CLOSE(c.tau, 0.0, 0.0, "tau for a positive definite matrix",
                     "initial tau: tau_0 must be 0 when every diagonal entry a_ii > 0 (do not start at beta)");
  BOOST_CHECK_MESSAGE(c.attempts == 1, "attempts = " << c.attempts << ", expected 1 (tau_0 = 0 works at once)");
  const arma::mat L_expected = {{2.0, 0.0}, {1.0, std::sqrt(2.0)}};
  // Two square roots and one division: rounding only (1e-14 is ~50 ulps).
  OPTLAB_CHECK_CLOSE(c.L, L_expected, 1e-14, "Cholesky factor L",
                     "L must be the LOWER triangular factor with L*L' = A + tau*I (use arma::chol(L, M, \"lower\"))");
}

BOOST_AUTO_TEST_CASE(cholesky_shift_initial_tau_from_negative_diagonal) {
  // A = diag(−2, 3): min aᵢᵢ = −2 ≤ 0, so τ₀ = −(−2) + β = 2.001 and A + τ₀I = diag(0.001, 5.001) is
  // positive definite: the very first attempt succeeds.
  const arma::mat A = arma::diagmat(arma::vec{-2.0, 3.0});
  const optlab::CholeskyShift c = optlab::cholesky_with_added_identity(A);
  BOOST_REQUIRE_MESSAGE(c.ok, "no shift found for diag(-2, 3) (a shift of 2.001 works)");
  // τ is one addition (−(−2) + 1e-3): exact to one rounding.
  OPTLAB_CHECK_CLOSE(c.tau, 2.001, 1e-15, "tau for diag(-2, 3)",
                     "initial tau: when min a_ii <= 0, tau_0 = -min a_ii + beta (with tau_0 = -min a_ii the shifted "
                     "matrix is singular, and doubling then overshoots to 4)");
  BOOST_CHECK_MESSAGE(c.attempts == 1, "attempts = " << c.attempts << ", expected 1; likely mistake: initial tau");
  const arma::mat L_expected = arma::diagmat(arma::vec{std::sqrt(0.001), std::sqrt(5.001)});
  // diag(0.001, 5.001) has an exact diagonal Cholesky factor; 1e-12 allows the rounding of 2.001 − 2.
  OPTLAB_CHECK_CLOSE(c.L, L_expected, 1e-12, "Cholesky factor of diag(0.001, 5.001)", "L*L' must equal A + tau*I");
}

BOOST_AUTO_TEST_CASE(cholesky_shift_doubles_tau) {
  // A = [[1, 2], [2, 1]] has eigenvalues 3 and −1, but positive diagonal: τ₀ = 0 fails, then
  // τ = β, 2β, 4β, …: the first β·2ᵏ > 1 (= −λ_min) is β·2¹⁰ = 1.024, after 1 + 11 = 12 attempts.
  const arma::mat A = {{1.0, 2.0}, {2.0, 1.0}};
  const optlab::CholeskyShift c = optlab::cholesky_with_added_identity(A);
  BOOST_REQUIRE_MESSAGE(c.ok, "no shift found for [[1,2],[2,1]] within max_attempts = 200 (eigenvalues 3 and -1; "
                              "tau = 1.024 works)\n    likely mistake: tau must double on each failed Cholesky, "
                              "tau <- max(2*tau, beta); growing it by beta needs ~1000 attempts");
  // τ = 1e-3·2¹⁰ is computed by exact doublings of 1e-3: only the rounding of 1e-3 itself.
  OPTLAB_CHECK_CLOSE(c.tau, 1e-3 * 1024, 1e-15, "tau for [[1,2],[2,1]]",
                     "tau must double on each failed Cholesky: tau <- max(2*tau, beta) (not tau + beta)");
  BOOST_CHECK_MESSAGE(c.attempts == 12,
                      "attempts = " << c.attempts << ", expected 12 (tau = 0, then beta*2^k for k = 0..10); "
                                    << "likely mistake: tau not doubled, or wrong initial tau");
  BOOST_CHECK_MESSAGE(lower_triangular(c.L), "L is not lower triangular; likely mistake: upper Cholesky factor");
  // L·Lᵀ reproduces A + τI to rounding of a 2×2 factorisation.
  OPTLAB_CHECK_CLOSE(arma::mat(c.L * c.L.t()), arma::mat(A + c.tau * arma::eye(2, 2)), 1e-14, "L*L' vs A + tau*I",
                     "L must be the Cholesky factor of the SHIFTED matrix A + tau*I");
  const arma::vec lam = arma::eig_sym(A + c.tau * arma::eye(2, 2));
  BOOST_CHECK_MESSAGE(lam.min() > 0, "A + tau*I is not positive definite: smallest eigenvalue " << lam.min());
}

// ---------------------------------------------------------------------------------------------------
// The Newton direction
// ---------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(newton_direction_solves_newton_system) {
  // H = [[4, 1], [1, 3]] (positive definite), g = (1, 2).  By hand: H⁻¹ = (1/11)[[3, −1], [−1, 4]],
  // so p = −H⁻¹g = −(1/11)(3 − 2, −1 + 8) = (−1/11, −7/11).  (−Hg would be (−6, −7).)
  const arma::mat H = {{4.0, 1.0}, {1.0, 3.0}};
  const arma::vec g = {1.0, 2.0};
  for (const bool modify : {true, false}) {
    optlab::NewtonOptions o;
    o.modify = modify;
    const optlab::NewtonDirection d = optlab::newton_direction(H, g, o);
    const std::string mode = modify ? " (modify = true)" : " (modify = false)";
    // A 2×2 solve: rounding only.
    OPTLAB_CHECK_CLOSE(d.p, arma::vec({-1.0 / 11, -7.0 / 11}), 1e-14, "Newton direction p" + mode,
                       "p = -H g (multiplying by the Hessian) instead of solving H p = -g");
    BOOST_CHECK_MESSAGE(d.tau == 0, "tau = " << d.tau << mode << ", expected 0: H is positive definite");
    BOOST_CHECK_MESSAGE(!d.steepest, "the -g fallback was used" << mode << " although H p = -g gives a descent direction");
  }
}

BOOST_AUTO_TEST_CASE(newton_direction_shifts_indefinite_hessian) {
  // H = diag(1, −1) (a saddle), g = (1, 1).  Alg. 3.3: min hᵢᵢ = −1, τ = 1 + β = 1.001,
  // H + τI = diag(2.001, 0.001), p = −(1/2.001, 1/0.001) = (−0.49975…, −1000).
  const arma::mat H = arma::diagmat(arma::vec{1.0, -1.0});
  const arma::vec g = {1.0, 1.0};
  const optlab::NewtonDirection d = optlab::newton_direction(H, g);
  // τ is one addition; p divides by 1.001 − 1 = 0.001 (cancellation: ~1e-13 relative).
  OPTLAB_CHECK_CLOSE(d.tau, 1.001, 1e-15, "shift tau for H = diag(1, -1)",
                     "the Hessian was not modified (or the initial tau is wrong): an indefinite H needs the Alg. 3.3 "
                     "shift H + tau I with tau_0 = -min h_ii + beta");
  OPTLAB_CHECK_CLOSE(d.p, arma::vec({-1.0 / 2.001, -1.0 / (1.001 - 1.0)}), 1e-12, "modified Newton direction",
                     "p must solve (H + tau I) p = -g with the tau of Alg. 3.3 (the Hessian was not modified?)");
  BOOST_CHECK_MESSAGE(!d.steepest, "the -g fallback was used, but (H + tau I) p = -g is a descent direction");
}

BOOST_AUTO_TEST_CASE(newton_direction_falls_back_to_steepest_descent) {
  // Plain Newton on H = diag(1, −1), g = (0.1, 1): H⁻¹(−g) = (−0.1, 1) and gᵀp = −0.01 + 1 > 0 — uphill.
  // The safeguard must replace it by −g = (−0.1, −1).
  optlab::NewtonOptions o;
  o.modify = false;
  const arma::mat H = arma::diagmat(arma::vec{1.0, -1.0});
  const arma::vec g = {0.1, 1.0};
  const optlab::NewtonDirection d = optlab::newton_direction(H, g, o);
  OPTLAB_CHECK_CLOSE(d.p, arma::vec(-g), 0.0, "direction when H p = -g points uphill",
                     "no fallback: when g'p >= 0 the direction must be replaced by -g");
  BOOST_CHECK_MESSAGE(d.steepest, "steepest must be true when the -g fallback is used");
  // A singular Hessian (no solution of H p = −g) falls back to −g too.
  const optlab::NewtonDirection s = optlab::newton_direction(arma::mat(2, 2, arma::fill::zeros), g, o);
  OPTLAB_CHECK_CLOSE(s.p, arma::vec(-g), 0.0, "direction for a singular (zero) Hessian",
                     "a failed solve must fall back to -g (use arma::solve's bool return, solve_opts::no_approx)");
}

// ---------------------------------------------------------------------------------------------------
// The method
// ---------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(one_step_solves_convex_quadratic) {
  // f = ½xᵀAx − bᵀx, A = [[4, 1], [1, 3]], b = (1, 2): the quadratic model IS f, so one Newton step
  // with α = 1 lands on x* = A⁻¹b = (1/11)(3·1 − 1·2, −1·1 + 4·2) = (1/11, 7/11).
  // The constant c = 1 + 15/22 lifts the minimum value −½bᵀx* = −15/22 to f* = 1 (positive: the
  // convergence plot has a log axis).
  const optlab::Quadratic q(arma::mat{{4.0, 1.0}, {1.0, 3.0}}, arma::vec{1.0, 2.0}, 1.0 + 15.0 / 22);
  const optlab::Result r = optlab::newton_minimize(q, arma::vec{2.0, -1.5});
  optlab::test::plot_run(r, {.contour = &q, .x0 = -1, .x1 = 2.5, .y0 = -2, .y1 = 1.5});
  BOOST_REQUIRE_MESSAGE(r.trace.rows.size() >= 2, "no step was recorded: " << r.summary());
  // Iterate 1, to rounding (a 2×2 solve and one axpy: 1e-13 relative leaves room for the line
  // search returning x + 1·p computed in a different order).
  OPTLAB_CHECK_CLOSE(r.trace.path.at(1), arma::vec({1.0 / 11, 7.0 / 11}), 1e-13, "x after one Newton step",
                     "the step must be x + alpha p with alpha = 1 and p solving H p = -g (not p = -H g)");
  OPTLAB_CHECK_CLOSE(r.trace.rows.at(1).alpha, 1.0, 0.0, "step length of the first step",
                     "the line search must start from alpha = 1, the Newton step");
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::converged_gradient, "after the exact step g = 0: stop by the gradient test"));
  BOOST_CHECK_MESSAGE(r.iterations == 1, "iterations = " << r.iterations << ", expected 1 on a quadratic");
}

BOOST_AUTO_TEST_CASE(quadratic_convergence_near_rosenbrock_minimiser) {
  // Near a strict minimiser with Lipschitz Hessian, Newton's errors satisfy e_{k+1} ≤ C·e_k²
  // (N&W Thm. 3.5).  From (1.1, 1.2) the unit step is accepted every time.
  const optlab::Rosenbrock rb(2);
  optlab::NewtonOptions o;
  o.stop.gtol = 1e-12;  // run to the rounding level so several quadratic steps are visible
  const optlab::Result r = optlab::newton_minimize(rb, arma::vec{1.1, 1.2}, o);
  optlab::test::plot_run(r, {.f_star = 0.0, .contour = &rb, .x0 = 0.8, .x1 = 1.25, .y0 = 0.6, .y1 = 1.4});
  OPTLAB_REQUIRE_OUTCOME(optlab::test::converged(r, "Newton must converge from a point this close to (1, 1)"));
  std::vector<double> e;
  for (const auto& x : r.trace.path) e.push_back(arma::norm(x - arma::vec{1.0, 1.0}));
  int checked = 0;
  double worst = 0;
  for (size_t k = 0; k + 1 < e.size(); ++k) {
    if (e[k] < 1e-7) break;  // below this e_{k+1} is at rounding level (~1e-16) and the ratio is meaningless
    const double ratio = e[k + 1] / (e[k] * e[k]);
    worst = std::max(worst, ratio);
    ++checked;
  }
  BOOST_CHECK_MESSAGE(checked >= 3, "only " << checked << " steps above the rounding level; expected >= 3");
  // The measured ratios oscillate between ~1 and ~48 (the Euclidean error alternates between the
  // steep and the flat direction of the valley).  200 leaves room for rounding yet separates quadratic
  // convergence from linear, where the ratio grows like 1/e_k (> 1e5 once e_k < 1e-5).
  BOOST_CHECK_MESSAGE(worst <= 200, "e_{k+1}/e_k^2 reached " << worst << " (at most ~50 for Newton): convergence is "
                                                             "not quadratic; likely mistake: the step is not the Newton "
                                                             "step (p must solve H p = -g, alpha = 1)");
  BOOST_CHECK_MESSAGE(e.back() < 1e-12, "final error " << e.back() << ", expected < 1e-12");
}

BOOST_AUTO_TEST_CASE(rosenbrock_from_standard_start) {
  // From (−1.2, 1) Newton follows the banana valley; the line search shortens the steps that would
  // overshoot the curved valley floor (N&W: about 20 iterations).
  const optlab::Rosenbrock rb(2);
  const arma::vec x0 = optlab::Rosenbrock::start(2);
  optlab::Result wolfe = optlab::newton_minimize(rb, x0);
  optlab::NewtonOptions o;
  o.line_search = optlab::NewtonLineSearch::backtracking;
  optlab::Result armijo = optlab::newton_minimize(rb, x0, o);
  wolfe.method = "strong Wolfe (newton)";  // labels for the plot (both runs are modified Newton)
  armijo.method = "backtracking (newton)";
  optlab::test::plot_runs({&wolfe, &armijo}, {.f_star = 0.0, .contour = &rb, .x0 = -1.5, .x1 = 1.5, .y0 = -0.5, .y1 = 1.5});
  for (const optlab::Result* r : {&wolfe, &armijo}) {
    OPTLAB_CHECK_OUTCOME(optlab::test::converged(*r, "the line search must start at alpha = 1 and accept only descent steps"));
    // The default gtol = 1e-6 on ‖g‖∞ ≈ 1000·‖x − x*‖ near x*: x within ~1e-8; 1e-6 is a safe margin.
    OPTLAB_CHECK_CLOSE(r->x, arma::vec({1.0, 1.0}), 1e-6, r->method + ": final x", "did not reach the minimiser (1, 1)");
    BOOST_CHECK_MESSAGE(r->iterations <= 40, r->method << " needed " << r->iterations
                                                       << " iterations (about 20 expected for Newton from (-1.2, 1))");
    BOOST_CHECK_MESSAGE(r->evals.hessian == r->iterations,
                        r->method << ": " << r->evals.hessian << " Hessians for " << r->iterations
                                  << " iterations; evaluate the Hessian once per iteration");
  }
}

BOOST_AUTO_TEST_CASE(saddle_plain_newton_stops_at_saddle_modified_escapes) {
  // "Local minima and saddle points" (the tutorial, slide 'Some more challenges...'): f = ½x² + ¼y⁴ − ½y², saddle (0, 0) with Hessian
  // diag(1, −1), minima (0, ±1).  From (0.3, 1e-3) the plain Newton step jumps straight onto the
  // saddle (in y: y − (y³ − y)/(3y² − 1) = 2y³/(3y² − 1) ≈ −2e-9) and the gradient test declares
  // "convergence" there.  The modified step uses H + τI = diag(2.001, ≈0.001): p_y ≈ +1, escaping.
  const optlab::Saddle s;
  const arma::vec x0 = {0.3, 1e-3};
  optlab::NewtonOptions plain_opts;
  plain_opts.modify = false;
  optlab::Result plain = optlab::newton_minimize(s, x0, plain_opts);
  optlab::Result modified = optlab::newton_minimize(s, x0);
  plain.method = "newton (plain)";
  modified.method = "modified newton";
  optlab::test::plot_runs({&plain, &modified}, {.f_star = -0.25, .contour = &s, .x0 = -1.3, .x1 = 1.3, .y0 = -1.3, .y1 = 1.3});

  // Plain Newton: at the saddle, where the Hessian has a negative eigenvalue.
  BOOST_CHECK_MESSAGE(arma::norm(plain.x) < 1e-6,
                      "plain Newton (modify = false) ended at " << plain.x.t() << "; expected the saddle (0, 0): "
                                                                 << "likely mistake: modify = false must solve H p = -g "
                                                                    "with the unmodified Hessian");
  const arma::vec lam = arma::eig_sym(arma::mat{{1.0, 0.0}, {0.0, 3 * plain.x(1) * plain.x(1) - 1}});
  BOOST_CHECK_MESSAGE(lam.min() < 0, "plain Newton's end point has a positive definite Hessian; expected the saddle");

  // Modified Newton: a true minimiser (0, ±1), f = −¼.
  OPTLAB_CHECK_OUTCOME(optlab::test::converged(modified, "the modified method must converge"));
  BOOST_CHECK_MESSAGE(std::abs(std::abs(modified.x(1)) - 1) < 1e-6 && std::abs(modified.x(0)) < 1e-6,
                      "modified Newton ended at " << modified.x.t() << "; expected a minimiser (0, +-1); likely "
                      "mistake: the Hessian was not modified when indefinite (Alg. 3.3 shift H + tau I missing)");
  // f − f* is second order in the distance: 1e-10 follows from |x − x*| < 1e-6 with curvature ≤ 2.
  OPTLAB_CHECK_CLOSE(modified.f, -0.25, 1e-10, "f at the end of modified Newton",
                     "the Hessian was not modified when indefinite, so the method stopped at the saddle (f = 0)");
}

BOOST_AUTO_TEST_CASE(fits_mlp_in_far_fewer_iterations_than_gd) {
  // Chapter §6: second-order methods "directly use curvature, fast but computationally heavy".
  // A 1-4-1 tanh network (13 parameters) fitted to curve_1d by MSE with a small L2 term (λ = 1e-3
  // keeps the minimiser non-singular, so Newton's fast local convergence shows): GD with learning
  // rate 0.1 (at 0.2 it already has loss spikes: the edge of stability) against Newton with the exact Hessian.
  const optlab::Dataset d = optlab::curve_1d(40, 3, 0.05);
  const optlab::MLP net = optlab::MLP::make({1, 4, 1}, optlab::Activation::tanh);
  const optlab::MLPProblem prob(net, d.X, d.T, optlab::Loss::mse, 1e-3, "curve_1d");
  const arma::vec theta0 = net.init(optlab::Init::xavier, 2);

  optlab::DriverOptions gd_opts;
  gd_opts.stop.max_iterations = 3000;
  const double lr = 0.1;
  const optlab::Result gd = optlab::run_update_rule(
      prob, theta0, [lr](arma::vec& x, const arma::vec& g, long, const optlab::GradientOracle&) { x -= lr * g; },
      gd_opts, "gd");

  optlab::NewtonOptions o;
  o.stop.max_iterations = 200;
  o.stop.gtol = 1e-8;
  const optlab::Result nt = optlab::newton_minimize(prob, theta0, o);
  optlab::test::plot_runs({&gd, &nt});

  OPTLAB_CHECK_OUTCOME(optlab::test::converged(nt, "Newton must converge on a 13-parameter regularised MLP "
                                                   "(about 25 iterations); check the modification and the line search"));
  // Iterations Newton needs to reach the loss GD has after 3000 iterations.
  const std::vector<double> fs = nt.trace.column("f");
  size_t k = 0;
  while (k < fs.size() && fs[k] > gd.f) ++k;
  BOOST_CHECK_MESSAGE(k < fs.size(), "Newton never reached GD's loss " << gd.f << " (final " << nt.f << ")");
  // Newton needs ~12 iterations here; "far fewer" = at least 50x fewer than GD's 3000.
  BOOST_CHECK_MESSAGE(k * 50 <= static_cast<size_t>(gd.iterations),
                      "Newton needed " << k << " iterations to reach GD's loss after " << gd.iterations
                                       << "; expected at least 50x fewer — likely mistake: the Hessian is not used "
                                          "(check the direction and that alpha starts at 1)");
}

BOOST_AUTO_TEST_CASE(wrong_gradient_ends_with_line_search_failed) {
  // A gradient with the wrong sign: no line search can succeed along the Newton direction nor along −g.
  // A robust optimizer stops with line_search_failed after a bounded number of evaluations; it must not
  // loop, throw, or claim convergence.
  const WrongGradient w;
  const optlab::Result r = optlab::newton_minimize(w, arma::vec{1.0, 2.0});
  optlab::test::plot_run(r, {.contour = &w, .x0 = -3, .x1 = 3, .y0 = -3, .y1 = 3});
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::line_search_failed,
      "after a failed line search retry once along -g, then stop with Status::line_search_failed (mon.stop)"));
  OPTLAB_CHECK_CLOSE(r.x, arma::vec({1.0, 2.0}), 0.0, "x after failed line searches", "a failed line search must not move x");
  BOOST_CHECK_MESSAGE(r.evals.function_evals() < 500, "used " << r.evals.function_evals() << " evaluations");
}

BOOST_AUTO_TEST_CASE(gtol_zero_ends_with_converged_precision) {
  // With the gradient test disabled (gtol = 0) Newton converges to (1, 1) until no step can lower f in
  // floating point.  Then the line search fails while ‖g‖ is tiny: the run must end with
  // converged_precision (not line_search_failed, not max_iterations).
  const optlab::Rosenbrock rb(2);
  optlab::NewtonOptions o;
  o.stop.gtol = 0;
  o.stop.max_iterations = 200;
  const optlab::Result r = optlab::newton_minimize(rb, arma::vec{1.1, 1.2}, o);
  optlab::test::plot_run(r, {.f_star = 0.0, .contour = &rb, .x0 = 0.8, .x1 = 1.25, .y0 = 0.6, .y1 = 1.4});
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::converged_precision,
      "a line-search failure where the gradient test nearly holds (|g|inf <= newton_near_gtol(stop)*max(1,|f|)) must "
      "stop with Status::converged_precision"));
  // At rounding level of x* = (1, 1): 1e-10 is far above the ~1e-15 reached and far below any real progress.
  OPTLAB_CHECK_CLOSE(r.x, arma::vec({1.0, 1.0}), 1e-10, "final x", "did not converge to (1, 1)");
}

BOOST_AUTO_TEST_CASE(runaway_iterates_end_with_unbounded) {
  // f = −x₁ + x₂² has no minimiser.  Its Hessian diag(0, 2) is singular, so Alg. 3.3 adds τ = β and the
  // step along x₁ has length 1/β = 1000 — and since f keeps falling along it, the strong Wolfe search
  // expands it further: ‖x‖ passes max_x_norm = 1e4 within a few iterations.
  const RunawayValley v;
  optlab::NewtonOptions o;
  o.stop.max_x_norm = 1e4;
  const optlab::Result r = optlab::newton_minimize(v, arma::vec{0.0, 1.0}, o);
  optlab::test::plot_run(r);
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::unbounded,
      "the singular Hessian diag(0, 2) must be shifted by tau = beta (steps of length 1000, not the short -g "
      "steps), and opts.stop must reach RunMonitor, which stops runaway iterates"));
  BOOST_CHECK_MESSAGE(r.iterations <= 20, "took " << r.iterations << " iterations; expected a few steps of length >= 1000");
}

BOOST_AUTO_TEST_CASE(rejects_bad_arguments) {
  const optlab::Rosenbrock rb(2);
  const arma::vec x0 = {1.0, 2.0};
  expect_rejects([&] { optlab::newton_minimize(rb, arma::vec{1.0, 2.0, 3.0}); }, "newton_minimize with a 3-element x0 on a 2-D problem",
          "check x0 against f.dim() (require_size)");
  expect_rejects([&] { optlab::newton_minimize(rb, arma::vec{1.0, arma::datum::nan}); }, "newton_minimize with a NaN in x0",
          "check that x0 is finite (require_finite)");
  const optlab::LambdaObjective no_hessian(2, [](const arma::vec& x, arma::vec& g) {
    g = 2 * x;
    return arma::dot(x, x);
  });
  expect_rejects([&] { optlab::newton_minimize(no_hessian, x0); }, "newton_minimize on an objective without Hessian",
          "check f.has_hessian() before the loop");
  optlab::NewtonOptions o;
  o.shift.beta = -1;
  expect_rejects([&] { optlab::newton_minimize(rb, x0, o); }, "newton_minimize with shift.beta = -1",
          "validate the options (beta must be positive)");
  expect_rejects([&] { optlab::cholesky_with_added_identity(arma::mat(2, 3, arma::fill::ones)); },
          "cholesky_with_added_identity of a 2x3 matrix", "check that A is square");
  expect_rejects([&] { optlab::cholesky_with_added_identity(arma::mat{{1.0, 2.0}, {0.0, 1.0}}); },
          "cholesky_with_added_identity of a non-symmetric matrix", "check that A is symmetric (to rounding)");
  expect_rejects([&] { optlab::newton_direction(arma::eye(3, 3), x0); }, "newton_direction with a 3x3 H and a 2-element g",
          "check that H is n x n with n = g.n_elem");
}
