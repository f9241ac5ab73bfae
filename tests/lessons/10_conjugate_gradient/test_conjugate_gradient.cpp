// Lesson 10 — linear and nonlinear conjugate gradient.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "conjugate_gradient.hpp"
#include "optlab_test.hpp"

using optlab::CGBeta;
using optlab::Status;

namespace {

// f(x) = ½‖x‖² with a "gradient" of the wrong sign: every line search must fail.
class WrongGradient : public optlab::Objective {
 public:
  arma::uword dim() const override { return 2; }
  std::string name() const override { return "wrong_gradient"; }

 protected:
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override {
    g = -x;
    return 0.5 * arma::dot(x, x);
  }
};

using optlab::test::expect_rejects;

// A = Q·diag(1, …, κ evenly spaced)·Qᵀ with a seeded random rotation Q, b seeded.  (lib's
// Quadratic::with_condition spaces the eigenvalues logarithmically, which makes floating-point CG
// lose orthogonality early; evenly spaced ones keep the textbook behaviour visible up to n = 20.)
optlab::Quadratic uniform_spectrum(arma::uword n, double kappa, std::uint64_t seed) {
  optlab::Rng rng(seed);
  arma::mat Q, R;
  arma::qr(Q, R, rng.normal_mat(n, n));
  arma::mat A = Q * arma::diagmat(arma::linspace(1.0, kappa, n)) * Q.t();
  A = 0.5 * (A + A.t());
  return optlab::Quadratic(A, rng.normal_vec(n), 0.0, "quadratic(evenly spaced, kappa=" + std::to_string(int(kappa)) + ")");
}

int count_restarts(const optlab::Result& r) {
  int n = 0;
  for (double v : r.trace.column("restart")) n += v == 1.0;
  return n;
}

}  // namespace

// ===================================================================================================
// Linear CG (N&W Alg. 5.2)
// ===================================================================================================

BOOST_AUTO_TEST_CASE(linear_cg_first_steps_by_hand) {
  // A = [[4, 1], [1, 3]], b = (1, 2), x₀ = (2, 1).  By hand:
  //   r₀ = Ax₀ − b = (8, 3),  p₀ = (−8, −3),  Ap₀ = (−35, −17),  p₀ᵀAp₀ = 280 + 51 = 331,  r₀ᵀr₀ = 73
  //   α₀ = 73/331,  x₁ = (2 − 584/331, 1 − 219/331) = (78/331, 112/331)
  // and in n = 2 steps the exact solution x* = A⁻¹b = (1/11, 7/11).
  const optlab::Quadratic q(arma::mat{{4.0, 1.0}, {1.0, 3.0}}, arma::vec{1.0, 2.0}, 1.0);
  optlab::LinearCGOptions one;
  one.stop.max_iterations = 1;
  const optlab::Result r1 = optlab::linear_cg(q, arma::vec{2.0, 1.0}, one);
  // One step of 2×2 arithmetic: rounding only.
  OPTLAB_CHECK_CLOSE(r1.x, arma::vec({78.0 / 331, 112.0 / 331}), 1e-14, "x after one linear CG step",
                     "alpha must be r'r / p'Ap (the curvature along p), not r'r / p'p; and p0 = -r0");
  OPTLAB_CHECK_CLOSE(r1.trace.rows.at(1).alpha, 73.0 / 331, 1e-14, "alpha_0 recorded in the trace",
                     "alpha must be r'r / p'Ap (the curvature along p); pass alpha to mon.record");

  optlab::LinearCGHistory h;
  const optlab::Result r = optlab::linear_cg(q, arma::vec{2.0, 1.0}, {}, &h);
  optlab::test::plot_run(r, {.f_star = q.min_value(), .contour = &q, .x0 = -0.5, .x1 = 2.5, .y0 = -0.5, .y1 = 1.5});
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::converged_gradient, "two steps solve a 2x2 system exactly"));
  BOOST_CHECK_MESSAGE(r.iterations == 2, "iterations = " << r.iterations << ", expected n = 2");
  // Two steps of 2×2 arithmetic: rounding only (1e-13).
  OPTLAB_CHECK_CLOSE(r.x, arma::vec({1.0 / 11, 7.0 / 11}), 1e-13, "x after two linear CG steps",
                     "beta must be r1'r1 / r0'r0 and p1 = -r1 + beta p0; the residual update r += alpha A p");
  BOOST_REQUIRE_MESSAGE(h.residuals.size() == 3 && h.directions.size() == 2,
                        "history has " << h.residuals.size() << " residuals and " << h.directions.size()
                                       << " directions, expected 3 and 2 (push r for every recorded iterate and p "
                                          "for every step)");
  OPTLAB_CHECK_CLOSE(h.residuals[0], arma::vec({8.0, 3.0}), 0.0, "r0", "r0 = A x0 - b (the gradient at x0)");
  OPTLAB_CHECK_CLOSE(h.directions[0], arma::vec({-8.0, -3.0}), 0.0, "p0", "p0 = -r0");
  // The recorded value follows φ₊ = φ − ½α rᵀr: φ(x₁) by hand = ½x₁ᵀAx₁ − bᵀx₁ + 1.
  const arma::vec x1 = {78.0 / 331, 112.0 / 331};
  const double phi1 = 0.5 * (4 * x1(0) * x1(0) + 2 * x1(0) * x1(1) + 3 * x1(1) * x1(1)) - x1(0) - 2 * x1(1) + 1;
  OPTLAB_CHECK_CLOSE(r.trace.rows.at(1).f, phi1, 1e-14, "phi(x1) recorded in the trace",
                     "record phi_{k+1} = phi_k - 0.5 alpha r'r (the exact decrease along p)");
}

BOOST_AUTO_TEST_CASE(linear_cg_terminates_in_n_steps) {
  // In exact arithmetic CG solves an n×n SPD system in at most n steps (N&W Thm. 5.1).  With evenly
  // spaced eigenvalues in [1, 100] rounding barely disturbs this for n ≤ 20, and the convergence
  // bound 2((√κ−1)/(√κ+1))^k is slow, so the n-th step visibly finishes the job: measured relative
  // errors after n − 1 steps 1e-3 (n = 10) … 5e-7 (n = 20), after n steps ≤ 5e-15.
  for (const arma::uword n : {10u, 16u, 20u}) {
    const optlab::Quadratic q = uniform_spectrum(n, 100.0, n);
    const arma::vec xs = q.minimizer();
    optlab::LinearCGOptions o;
    o.stop.gtol = 0;  // run exactly the number of steps asked for
    o.stop.max_iterations = static_cast<int>(n) - 1;
    const optlab::Result before = optlab::linear_cg(q, arma::zeros(n), o);
    o.stop.max_iterations = static_cast<int>(n);
    const optlab::Result r = optlab::linear_cg(q, arma::zeros(n), o);
    optlab::test::plot_run(r, {.f_star = q.min_value(), .suffix = "_n" + std::to_string(n)});
    const double err = arma::norm(r.x - xs) / arma::norm(xs);
    const double err_before = arma::norm(before.x - xs) / arma::norm(xs);
    // 1e-11 is far from the measured ≤ 5e-15 and far below the error one step earlier (≥ 4e-7).
    BOOST_CHECK_MESSAGE(err <= 1e-11, "n = " << n << ": relative error after n steps " << err << " (after n - 1 steps "
                                             << err_before << "); expected ~1e-15: CG terminates in n steps\n    "
                                                "likely mistake: alpha must be r'r / p'Ap (the curvature along p), "
                                                "beta = r+'r+ / r'r");
    BOOST_CHECK_MESSAGE(r.evals.hessian_vector == static_cast<long>(n) && r.evals.gradient == 1,
                        "n = " << n << ": " << r.evals.hessian_vector << " products Ap and " << r.evals.gradient
                               << " gradient evaluations; expected n products and 1 gradient (r0 only: update r "
                                  "recursively, r += alpha Ap)");
  }
}

BOOST_AUTO_TEST_CASE(linear_cg_residuals_orthogonal_directions_conjugate) {
  // N&W Thm. 5.3: rᵢᵀrⱼ = 0 and pᵢᵀApⱼ = 0 for i ≠ j.  Rounding erodes both slowly (loss of
  // orthogonality grows with n and with how fast eigenvalues are found): for n = 16, evenly spaced
  // eigenvalues in [1, 100], the measured cosines are ≤ 1e-11; 1e-8 leaves room yet fails any wrong
  // α or β at once (cosines of order 0.1–1).
  const arma::uword n = 16;
  const optlab::Quadratic q = uniform_spectrum(n, 100.0, 7);
  optlab::LinearCGOptions o;
  o.stop.gtol = 0;
  o.stop.max_iterations = static_cast<int>(n - 1);  // r_n ≈ 0 is all rounding: leave it out
  optlab::LinearCGHistory h;
  const optlab::Result r = optlab::linear_cg(q, arma::zeros(n), o, &h);
  optlab::test::plot_run(r, {.f_star = q.min_value()});
  BOOST_REQUIRE_MESSAGE(h.residuals.size() == n && h.directions.size() == n - 1,
                        "history has " << h.residuals.size() << " residuals and " << h.directions.size()
                                       << " directions after n - 1 = " << n - 1 << " steps, expected " << n << " and "
                                       << n - 1);
  double worst_r = 0, worst_p = 0;
  size_t ri = 0, rj = 0, pi = 0, pj = 0;
  for (size_t i = 0; i < h.residuals.size(); ++i)
    for (size_t j = 0; j < i; ++j) {
      const double c = std::abs(arma::dot(h.residuals[i], h.residuals[j])) /
                       (arma::norm(h.residuals[i]) * arma::norm(h.residuals[j]));
      if (c > worst_r) worst_r = c, ri = i, rj = j;
    }
  for (size_t i = 0; i < h.directions.size(); ++i)
    for (size_t j = 0; j < i; ++j) {
      const arma::vec& a = h.directions[i];
      const arma::vec& b = h.directions[j];
      const double c = std::abs(arma::dot(a, q.A() * b)) / std::sqrt(arma::dot(a, q.A() * a) * arma::dot(b, q.A() * b));
      if (c > worst_p) worst_p = c, pi = i, pj = j;
    }
  BOOST_CHECK_MESSAGE(worst_r <= 1e-8, "residuals r" << ri << " and r" << rj << " have cosine " << worst_r
                                                     << " (expected ~0: residuals are mutually orthogonal)\n    likely "
                                                        "mistake: wrong alpha (must be r'r / p'Ap, the curvature along "
                                                        "p) or residual update");
  BOOST_CHECK_MESSAGE(worst_p <= 1e-8, "directions p" << pi << " and p" << pj << " have A-cosine " << worst_p
                                                      << " (expected ~0: directions are A-conjugate)\n    likely "
                                                         "mistake: beta must be r+'r+ / r'r and p+ = -r+ + beta p");
}

BOOST_AUTO_TEST_CASE(linear_cg_detects_indefinite_matrix) {
  // A = diag(1, −2) is indefinite: from x₀ = 0, r₀ = −b = (−1, −1), p₀ = (1, 1), p₀ᵀAp₀ = 1 − 2 = −1 < 0.
  // CG's step α = rᵀr/pᵀAp would be negative — a maximiser along p.  Stop with Status::failed.
  const optlab::Quadratic q(arma::diagmat(arma::vec{1.0, -2.0}), arma::vec{1.0, 1.0});
  const optlab::Result r = optlab::linear_cg(q, arma::zeros(2));
  optlab::test::plot_run(r);
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::failed, "check p'Ap <= 0 before dividing: A is not positive definite, stop with Status::failed"));
  OPTLAB_CHECK_CLOSE(r.x, arma::vec({0.0, 0.0}), 0.0, "x after the failure", "no step may be taken along p when p'Ap <= 0");
}

// ===================================================================================================
// β formulas and restarts on hand-made vectors
// ===================================================================================================

BOOST_AUTO_TEST_CASE(cg_beta_fletcher_reeves) {
  // g = (1, 2), g₊ = (3, −1), p = (−1, −2):  β_FR = g₊ᵀg₊ / gᵀg = (9 + 1)/(1 + 4) = 2.
  const arma::vec g = {1.0, 2.0}, gp = {3.0, -1.0}, p = {-1.0, -2.0};
  OPTLAB_CHECK_CLOSE(optlab::cg_beta(CGBeta::fletcher_reeves, gp, g, p), 2.0, 1e-15, "beta_FR",
                     "FR uses the new gradient: beta = g+'g+ / g'g (not g+'g / g'g)");
}

BOOST_AUTO_TEST_CASE(cg_beta_polak_ribiere_plus) {
  // Same vectors: y = g₊ − g = (2, −3), g₊ᵀy = 6 + 3 = 9, β_PR = 9/5 = 1.8 (positive: kept).
  const arma::vec g = {1.0, 2.0}, gp = {3.0, -1.0}, p = {-1.0, -2.0};
  OPTLAB_CHECK_CLOSE(optlab::cg_beta(CGBeta::polak_ribiere_plus, gp, g, p), 1.8, 1e-15, "beta_PR+",
                     "PR: beta = g+'(g+ - g) / g'g");
  // g = (1, 0), g₊ = (0.5, 0.2): y = (−0.5, 0.2), g₊ᵀy = −0.25 + 0.04 = −0.21 < 0 ⇒ PR+ clips to 0.
  const arma::vec g2 = {1.0, 0.0}, gp2 = {0.5, 0.2}, p2 = {-1.0, 0.0};
  OPTLAB_CHECK_CLOSE(optlab::cg_beta(CGBeta::polak_ribiere_plus, gp2, g2, p2), 0.0, 0.0, "beta_PR+ when PR < 0",
                     "PR+ must clip negative beta to 0: beta = max(0, g+'y / g'g)");
}

BOOST_AUTO_TEST_CASE(cg_beta_hestenes_stiefel) {
  // Same vectors: yᵀp = 2·(−1) + (−3)·(−2) = 4, β_HS = g₊ᵀy / yᵀp = 9/4 = 2.25.
  const arma::vec g = {1.0, 2.0}, gp = {3.0, -1.0}, p = {-1.0, -2.0};
  OPTLAB_CHECK_CLOSE(optlab::cg_beta(CGBeta::hestenes_stiefel, gp, g, p), 2.25, 1e-15, "beta_HS",
                     "HS: beta = g+'y / y'p with y = g+ - g (the denominator is y'p, not g'g)");
  // A zero denominator (g₊ = g ⇒ y = 0) must give β = 0 (a restart), not NaN.
  OPTLAB_CHECK_CLOSE(optlab::cg_beta(CGBeta::hestenes_stiefel, g, g, p), 0.0, 0.0, "beta_HS with y = 0",
                     "return 0 when the denominator is 0 or the quotient is not finite");
}

BOOST_AUTO_TEST_CASE(cg_direction_restart_rules) {
  const arma::vec g = {1.0, 0.0}, p = {-1.0, 0.0};
  optlab::NonlinearCGOptions fr;
  fr.beta = CGBeta::fletcher_reeves;

  // (a) No restart: g₊ = (0.01, 0.5), |g₊ᵀg| = 0.01 < 0.1·‖g₊‖² = 0.02501, 1 step < n = 2.
  //     β_FR = 0.2501, p₊ = −g₊ + βp = (−0.2601, −0.5).
  const arma::vec ga = {0.01, 0.5};
  const optlab::CGDirection a = optlab::cg_next_direction(ga, g, p, 1, fr);
  OPTLAB_CHECK_CLOSE(a.p, arma::vec({-0.2601, -0.5}), 1e-14, "p+ without restart", "p+ = -g+ + beta p");
  OPTLAB_CHECK_CLOSE(a.beta, 0.2501, 1e-14, "beta without restart", "return the beta used");
  BOOST_CHECK_MESSAGE(!a.restarted, "restarted = true although no restart test fires (|g+'g| = 0.01 < 0.025, 1 step < n)");

  // (b) Powell: g₊ = (0.5, 0.1), |g₊ᵀg| = 0.5 ≥ 0.1·0.26 ⇒ restart: p₊ = −g₊ = (−0.5, −0.1), β = 0.
  const arma::vec gb = {0.5, 0.1};
  const optlab::CGDirection b = optlab::cg_next_direction(gb, g, p, 1, fr);
  OPTLAB_CHECK_CLOSE(b.p, arma::vec({-0.5, -0.1}), 0.0, "p+ when |g+'g| >= 0.1 |g+|^2",
                     "Powell's restart test missing: restart (p+ = -g+) when |g+'g| >= 0.1 |g+|^2");
  BOOST_CHECK_MESSAGE(b.restarted && b.beta == 0, "Powell restart must report restarted = true and beta = 0");

  // (c) Periodic: the vectors of (a) after n = 2 steps since the last restart ⇒ p₊ = −g₊.
  const optlab::CGDirection c = optlab::cg_next_direction(ga, g, p, 2, fr);
  OPTLAB_CHECK_CLOSE(c.p, arma::vec(-ga), 0.0, "p+ after n steps without restart",
                     "periodic restart missing: restart every n steps (steps_since_restart >= n)");

  // (d) restarts = false switches both tests off: (b) then gives β_FR = 0.26, p₊ = (−0.76, −0.1).
  optlab::NonlinearCGOptions fr_off = fr;
  fr_off.restarts = false;
  const optlab::CGDirection d = optlab::cg_next_direction(gb, g, p, 5, fr_off);
  OPTLAB_CHECK_CLOSE(d.p, arma::vec({-0.76, -0.1}), 1e-14, "p+ with restarts = false",
                     "opts.restarts = false must switch off the periodic and Powell restarts");

  // (e) The descent safeguard stays on: g = (1, 0), p = (2, 0), g₊ = (1, 1) ⇒ β_FR = 2,
  //     −g₊ + βp = (3, −1) and g₊ᵀ(3, −1) = 2 > 0 (uphill) ⇒ p₊ = −g₊.
  const optlab::CGDirection e = optlab::cg_next_direction(arma::vec{1.0, 1.0}, g, arma::vec{2.0, 0.0}, 1, fr_off);
  OPTLAB_CHECK_CLOSE(e.p, arma::vec({-1.0, -1.0}), 0.0, "p+ when -g+ + beta p points uphill",
                     "non-descent restart missing: when g+'p+ >= 0 use p+ = -g+ (always, even with restarts = false)");
}

// ===================================================================================================
// Nonlinear CG
// ===================================================================================================

BOOST_AUTO_TEST_CASE(nonlinear_cg_with_exact_line_search_is_linear_cg) {
  // On a quadratic with an (almost) exact line search, nonlinear FR and PR+ generate the same iterates
  // as linear CG (N&W §5.2): the gradients are mutually orthogonal, so PR = FR = r₊ᵀr₊/rᵀr, and no
  // restart test fires before the n-th step.  c₂ = 1e-6 makes the strong Wolfe search exact to ~1e-6.
  const arma::uword n = 8;
  const optlab::Quadratic q = optlab::Quadratic::with_condition(n, 10.0, 21);
  optlab::LinearCGOptions lo;
  lo.stop.gtol = 1e-10;
  const optlab::Result lin = optlab::linear_cg(q, arma::zeros(n), lo);
  for (const CGBeta rule : {CGBeta::fletcher_reeves, CGBeta::polak_ribiere_plus}) {
    optlab::NonlinearCGOptions o;
    o.beta = rule;
    o.ls.c1 = 1e-9;  // c₁ < c₂ is required
    o.ls.c2 = 1e-6;
    o.stop.gtol = 1e-10;
    const optlab::Result r = optlab::nonlinear_cg(q, arma::zeros(n), o);
    optlab::test::plot_runs({&lin, &r}, {.f_star = q.min_value(), .suffix = "_" + optlab::cg_beta_name(rule)});
    // Iterates agree to the accuracy of the line search (|φ'(α)| ≤ 1e-6|φ'(0)| ⇒ α to ~1e-6 relative).
    const size_t k = std::min({lin.trace.path.size(), r.trace.path.size(), size_t{6}});
    for (size_t i = 1; i < k; ++i)
      OPTLAB_CHECK_CLOSE(r.trace.path[i], lin.trace.path[i], 1e-5,
                         optlab::cg_beta_name(rule) + ": iterate " + std::to_string(i) + " vs linear CG",
                         "p+ = -g+ + beta p with the beta formula of conjugate_gradient.hpp; restarts only by the rules "
                         "(Powell |g+'g| >= 0.1|g+|^2, every n steps)");
    OPTLAB_CHECK_OUTCOME(optlab::test::converged(r, "nonlinear CG must converge on a quadratic"));
    BOOST_CHECK_MESSAGE(r.iterations <= static_cast<int>(n) + 2,
                        cg_beta_name(rule) << " needed " << r.iterations << " iterations on an n = " << n
                                           << " quadratic with exact line searches (about n expected)");
  }
}

BOOST_AUTO_TEST_CASE(pr_plus_beats_fr_on_rosenbrock) {
  // Without the restart heuristics the β formula alone decides (N&W §5.2): after a short step
  // g₊ ≈ g, so β_FR ≈ 1 repeats the bad direction while β_PR+ ≈ 0 restarts by itself.  On 2-D
  // Rosenbrock PR+ needs 25 iterations, FR 61.
  const optlab::Rosenbrock rb(2);
  const arma::vec x0 = optlab::Rosenbrock::start(2);
  optlab::NonlinearCGOptions o;
  o.restarts = false;
  o.beta = CGBeta::fletcher_reeves;
  const optlab::Result fr = optlab::nonlinear_cg(rb, x0, o);
  o.beta = CGBeta::polak_ribiere_plus;
  const optlab::Result pr = optlab::nonlinear_cg(rb, x0, o);
  optlab::test::plot_runs({&fr, &pr}, {.f_star = 0.0, .contour = &rb, .x0 = -1.5, .x1 = 1.5, .y0 = -0.5, .y1 = 1.5});
  OPTLAB_CHECK_OUTCOME(optlab::test::converged(pr, "PR+ must converge on 2-D Rosenbrock"));
  OPTLAB_CHECK_OUTCOME(optlab::test::converged(fr, "FR must converge on 2-D Rosenbrock (slowly)"));
  BOOST_CHECK_MESSAGE(pr.iterations < fr.iterations && pr.evals.function_evals() < fr.evals.function_evals(),
                      "PR+ used " << pr.iterations << " iterations / " << pr.evals.function_evals()
                                  << " evaluations, FR " << fr.iterations << " / " << fr.evals.function_evals()
                                  << "; expected PR+ to need fewer (about 25 vs 61 iterations)\n    likely mistake: "
                                     "a wrong beta formula (PR+ = max(0, g+'(g+ - g)/g'g), FR = g+'g+/g'g)");
  // Converged to (1, 1): ‖x − x*‖ ≲ ‖g‖/λ_min(∇²f(x*)) = 1e-6/0.4; 1e-5 is safe.
  OPTLAB_CHECK_CLOSE(pr.x, arma::vec({1.0, 1.0}), 1e-5, "PR+ final x", "did not reach the minimiser (1, 1)");
}

BOOST_AUTO_TEST_CASE(fr_restarts_cure_jamming) {
  // N&W §5.2: FR "jams" — once a step is short, g₊ ≈ g, β_FR ≈ 1 and the next direction is almost the
  // same poor one.  Restarting (β = 0 every n steps and when |g₊ᵀg| ≥ 0.1‖g₊‖²) cures it.  On 10-D
  // Rosenbrock restarted FR converges in ~140 iterations; without restarts it has not converged after 2000.
  const optlab::Rosenbrock rb(10);
  const arma::vec x0 = optlab::Rosenbrock::start(10);
  optlab::NonlinearCGOptions o;
  o.beta = CGBeta::fletcher_reeves;
  o.stop.max_iterations = 2000;
  const optlab::Result with = optlab::nonlinear_cg(rb, x0, o);
  o.restarts = false;
  optlab::Result without = optlab::nonlinear_cg(rb, x0, o);
  without.method = "without restarts (fr_cg)";  // a label not starting with "fr": its own colour in the plot
  optlab::test::plot_runs({&with, &without}, {.f_star = 0.0});
  OPTLAB_CHECK_OUTCOME(optlab::test::converged(
      with, "FR with restarts must converge on 10-D Rosenbrock; likely mistake: restarts ignored (FR jams without "
            "the periodic and Powell restarts)"));
  BOOST_CHECK_MESSAGE(with.iterations <= 500 && with.iterations * 4 <= without.iterations,
                      "FR with restarts: " << with.iterations << " iterations, without: " << without.iterations
                                           << "; expected ~140 vs >= 2000\n    likely mistake: restarts ignored, or "
                                              "opts.restarts not honoured");
  BOOST_CHECK_MESSAGE(count_restarts(with) > count_restarts(without),
                      "restart column: " << count_restarts(with) << " restarts with, " << count_restarts(without)
                                         << " without; likely mistake: restarts ignored or not recorded in the "
                                            "\"restart\" trace column");
}

BOOST_AUTO_TEST_CASE(restarts_at_least_every_n_steps) {
  // The trace's "restart" column marks pₖ = −gₖ.  With the periodic restart no stretch without restart
  // may exceed n steps, and p₀ = −g₀ counts as one.
  const arma::uword n = 4;
  const optlab::Rosenbrock rb(n);
  const optlab::Result r = optlab::nonlinear_cg(rb, optlab::Rosenbrock::start(n));
  optlab::test::plot_run(r, {.f_star = 0.0});
  OPTLAB_CHECK_OUTCOME(optlab::test::converged(r, "PR+ must converge on 4-D Rosenbrock"));
  const std::vector<double> rs = r.trace.column("restart");
  BOOST_REQUIRE_MESSAGE(!rs.empty() && rs.front() == 1.0,
                        "the first row of the \"restart\" column must be 1 (p0 = -g0); record it with "
                        "mon.record(x, f, g, alpha, {{\"beta\", beta}, {\"restart\", restarted}})");
  int gap = 0, worst = 0;
  for (double v : rs) {
    gap = v == 1.0 ? 0 : gap + 1;
    worst = std::max(worst, gap);
  }
  BOOST_CHECK_MESSAGE(worst < static_cast<int>(n),
                      worst << " consecutive directions without restart on an n = " << n
                            << " problem\n    likely mistake: periodic restart missing — restart every n steps "
                               "(count steps since the last p = -g)");
}

BOOST_AUTO_TEST_CASE(nonlinear_cg_trains_mlp) {
  // Chapter §6: conjugate gradient is a "quasi-second-order" method — it builds curvature-aware
  // directions from gradients alone, O(n) memory.  A 1-6-1 tanh network (19 weights) on curve_1d
  // against GD with learning rate 0.2 (close to its stability limit).
  const optlab::Dataset d = optlab::curve_1d(60, 3, 0.05);
  const optlab::MLP net = optlab::MLP::make({1, 6, 1}, optlab::Activation::tanh);
  const optlab::MLPProblem prob(net, d.X, d.T, optlab::Loss::mse, 0.0, "curve_1d");
  const arma::vec theta0 = net.init(optlab::Init::xavier, 1);
  optlab::DriverOptions gd_opts;
  gd_opts.stop.max_iterations = 1500;
  const double lr = 0.2;
  const optlab::Result gd = optlab::run_update_rule(
      prob, theta0, [lr](arma::vec& x, const arma::vec& g, long, const optlab::GradientOracle&) { x -= lr * g; },
      gd_opts, "gd");
  optlab::NonlinearCGOptions o;
  o.stop.max_iterations = 300;
  const optlab::Result cg = optlab::nonlinear_cg(prob, theta0, o);
  optlab::test::plot_runs({&gd, &cg}, {.x = optlab::XAxis::evaluations});
  BOOST_CHECK_MESSAGE(cg.status == Status::max_iterations || cg.converged(), "unexpected stop: " << cg.summary());
  // The noise variance is 0.05² = 0.0025: a good fit reaches ~0.0025; CG gets 0.0024–0.003 here.
  BOOST_CHECK_MESSAGE(cg.f < 0.004, "CG's final loss " << cg.f << " (expected < 0.004; GD after 1500 steps: " << gd.f
                                                       << ")\n    likely mistake: wrong beta or line search start");
  // Gradient evaluations CG needs to reach GD's final loss: far fewer than GD's 1500.
  const std::vector<double> fs = cg.trace.column("f"), ng = cg.trace.column("n_function");
  size_t k = 0;
  while (k < fs.size() && fs[k] > gd.f) ++k;
  BOOST_CHECK_MESSAGE(k < fs.size() && ng[k] * 5 <= gd.evals.function_evals(),
                      "CG reached GD's loss " << gd.f << " only after " << (k < fs.size() ? ng[k] : -1)
                                              << " evaluations (GD used " << gd.evals.function_evals()
                                              << "); expected at least 5x fewer");
}

BOOST_AUTO_TEST_CASE(nonlinear_cg_stops_at_precision_limit) {
  // gtol = 1e-10 on a quadratic with |f*| ≈ 0.4 asks for more than a value-based line search can
  // verify: near x* the decrease of f (~‖g‖²/λ ≈ 1e-20) is below the rounding of f (~1e-17).  The run
  // must end with converged_precision — not loop to max_iterations, not report line_search_failed.
  const arma::uword n = 10;
  const optlab::Quadratic q = optlab::Quadratic::with_condition(n, 100.0, 3);
  optlab::NonlinearCGOptions o;
  o.stop.gtol = 1e-10;
  const optlab::Result r = optlab::nonlinear_cg(q, arma::zeros(n), o);
  optlab::test::plot_run(r, {.f_star = q.min_value()});
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::converged_precision,
      "a line-search failure where |g|inf <= cg_near_gtol(stop)*max(1,|f|) must stop with Status::converged_precision"));
  // converged_precision means ‖g‖∞ ≤ 1e-6·max(1,|f|): with λ_min = 1 that puts x within ~1e-6 of x*
  // (‖x*‖ ≈ 1 here); 1e-5 relative is safe.
  const double err = arma::norm(r.x - q.minimizer()) / arma::norm(q.minimizer());
  BOOST_CHECK_MESSAGE(err < 1e-5, "relative error " << err << " at the end");
}

BOOST_AUTO_TEST_CASE(nonlinear_cg_wrong_gradient_ends_with_line_search_failed) {
  const WrongGradient w;
  const optlab::Result r = optlab::nonlinear_cg(w, arma::vec{1.0, 2.0});
  optlab::test::plot_run(r, {.contour = &w, .x0 = -3, .x1 = 3, .y0 = -3, .y1 = 3});
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::line_search_failed,
      "when the line search fails (and the gradient test is far from holding) stop with Status::line_search_failed"));
  OPTLAB_CHECK_CLOSE(r.x, arma::vec({1.0, 2.0}), 0.0, "x after failed line searches", "a failed line search must not move x");
  BOOST_CHECK_MESSAGE(r.evals.function_evals() < 500, "used " << r.evals.function_evals() << " evaluations");
}

BOOST_AUTO_TEST_CASE(rejects_bad_arguments) {
  const optlab::Rosenbrock rb(2);
  const arma::vec x0 = {1.0, 2.0};
  expect_rejects([&] { optlab::nonlinear_cg(rb, arma::vec{1.0, 2.0, 3.0}); }, "nonlinear_cg with a 3-element x0 on a 2-D problem",
          "check x0 against f.dim() (require_size)");
  expect_rejects([&] { optlab::nonlinear_cg(rb, arma::vec{arma::datum::inf, 1.0}); }, "nonlinear_cg with an infinite x0",
          "check that x0 is finite (require_finite)");
  optlab::NonlinearCGOptions o;
  o.restart_every = -1;
  expect_rejects([&] { optlab::nonlinear_cg(rb, x0, o); }, "nonlinear_cg with restart_every = -1", "validate the options");
  o = {};
  o.ls.c2 = 1e-5;  // below c1 = 1e-4
  expect_rejects([&] { optlab::nonlinear_cg(rb, x0, o); }, "nonlinear_cg with c2 < c1", "validate 0 < c1 < c2 < 1");
  const optlab::Quadratic q(arma::eye(2, 2), arma::vec{1.0, 1.0});
  expect_rejects([&] { optlab::linear_cg(q, arma::vec{1.0}); }, "linear_cg with a 1-element x0 on a 2-D quadratic",
          "check x0 against q.dim()");
  expect_rejects([&] { optlab::cg_beta(CGBeta::fletcher_reeves, x0, arma::vec{1.0}, x0); }, "cg_beta with vectors of different sizes",
          "check that g and p have the size of g_new");
}
