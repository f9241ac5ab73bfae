#pragma once
// Lesson 12 — Levenberg–Marquardt: the CONTRACT both tracks compile against (do not edit).
//
// Reference: docs/algorithms.md §5 (Levenberg–Marquardt), §7 (stopping), §8 (failure
// modes); Madsen, Nielsen & Tingleff (MNT), Methods for Non-Linear Least Squares Problems, 2004,
// Alg. 3.16; Nocedal & Wright §10.3.
//
// Conventions the tests rely on:
//   * Least squares WITHOUT ½:  f(x) = Σᵢ rᵢ(x)² = ‖r‖²,  g = ∇f = 2Jᵀr  (as lib's Objective).
//   * Step: (JᵀJ + μD²) h = −Jᵀr, solved by a QR factorisation of the stacked matrix
//           [ J    ]        [ −r ]
//           [ √μ·D ]  h  ≈  [  0 ]      (never by forming JᵀJ: that squares the condition number).
//   * Scaling D² = diag(d2).  Marquardt: d2ⱼ = (JᵀJ)ⱼⱼ = ‖column j of J‖², floored at
//     1e-12·maxᵢ(JᵀJ)ᵢᵢ so that a zero column (a parameter r does not depend on) cannot make the
//     system singular; d2 = 1 everywhere when J = 0.  Without scaling, d2 = 1 (D = I).
//   * Predicted reduction of the linear model L(h) = ‖r + Jh‖² for the h of the step above:
//           L(0) − L(h) = ‖Jh‖² + 2μ‖Dh‖²   (= ‖r‖² − ‖r + Jh‖², written without cancellation)
//     Gain ratio ϱ = (f(x) − f(x+h)) / (L(0) − L(h)).  (With F = ½‖r‖² both numerator and
//     denominator halve: ϱ is the same number as in MNT.)
//   * Nielsen's damping update (MNT Alg. 3.16), ν starts at 2:
//           ϱ > 0 : accept x ← x + h,  μ ← μ·max(1/3, 1 − (2ϱ − 1)³),  ν ← 2
//           else  : reject,            μ ← μ·ν,                       ν ← 2ν
//   * μ₀ = τ·maxᵢ (JᵀJ)ᵢᵢ / d2ᵢ  (Nielsen's τ·max diag(JᵀJ) for D = I; τ itself with Marquardt
//     scaling, where every (JᵀJ)ᵢᵢ/d2ᵢ ≤ 1).
//   * One RunMonitor row per ACCEPTED step (alpha = 1), with the extra trace columns
//     "mu" (the μ the step was computed with), "gain_ratio" (its ϱ) and "rejected" (rejected trial
//     steps since the previous row).  Row 0 has mu = μ₀, gain_ratio = NaN, rejected = 0.
#include <armadillo>

#include "optlab/objective.hpp"
#include "optlab/result.hpp"

namespace optlab {

// Marquardt scaling d2 = diag(JᵀJ) with the floor described above.
arma::vec lm_scaling(const arma::mat& J);

// The damped Gauss–Newton step h solving (JᵀJ + μ·diag(d2)) h = −Jᵀr by QR of [J; √μ·D].
// μ = 0 gives the Gauss–Newton step (J must then have full column rank).
// Throws optlab::invalid_argument for μ < 0 or non-finite, size mismatches, d2 not > 0, or a
// singular system (μ = 0 with a rank-deficient J).
arma::vec lm_step(const arma::mat& J, const arma::vec& r, double mu, const arma::vec& d2);

// ϱ = (f − f_new) / (‖Jh‖² + 2μ‖Dh‖²).  Returns −∞ when f_new is not finite (the trial step
// overflowed: reject it) and 0 when the predicted reduction is 0 (h = 0).
double lm_gain_ratio(double f, double f_new, const arma::mat& J, const arma::vec& h, double mu, const arma::vec& d2);

// Nielsen's update (MNT Alg. 3.16) of μ and ν from the gain ratio ϱ.  Returns true when the step
// is accepted (ϱ > 0).  A NaN ϱ is a rejection.
bool lm_update_damping(double rho, double& mu, double& nu);

struct LevenbergMarquardtOptions {
  StopOptions stop;               // gtol on ‖g‖∞ = ‖2Jᵀr‖∞ (RunMonitor's scaling), xtol, ftol, limits
  double tau = 1e-3;              // μ₀ = τ·max (JᵀJ)ᵢᵢ/d2ᵢ  (1e-6 for a good x₀, 1 for a poor one)
  bool marquardt_scaling = true;  // D² = diag(JᵀJ) (scale invariant); false: D = I (SciPy's 'lm' default)
  // After a rejected step that no longer moves x in floating point (‖h‖ ≤ ε·(‖x‖ + ε) with ε the
  // machine epsilon, or x + h == x): the run reports
  // converged_precision if ‖g‖∞ ≤ max(precision_gtol, 10·stop.gtol)·max(1, min(f, f₀)), else
  // line_search_failed (no acceptable step even along the damped steepest-descent direction).
  // (Lesson 11's rule; lessons 09 and 10 use max(100·gtol, 1e-6)·max(1, |f|), with no recorded
  // reason for the different factors: docs/algorithms.md §8.1.)
  double precision_gtol = 1e-5;
};

// Levenberg–Marquardt with Nielsen's damping on an Objective with residuals (has_residuals()).
// Ends with a status for every way a run can end:
//   RunMonitor's tests on accepted steps (gradient, f-change, step, limits, non-finite, unbounded);
//   converged_step when a REJECTED trial step is already below xtol (xtol > 0, MINPACK's test);
//   max_evaluations when rejected trials exhaust stop.max_evaluations;
//   converged_precision / line_search_failed when the damping has grown so large that the trial
//   step no longer moves x (see precision_gtol).
// A trial point with non-finite residuals is rejected (ϱ = −∞), never accepted.
// Throws optlab::invalid_argument when f has no residuals, for a wrong or non-finite x0, τ ≤ 0 or
// precision_gtol < 0.
Result levenberg_marquardt_minimize(const Objective& f, arma::vec x0, const LevenbergMarquardtOptions& opts = {});

}  // namespace optlab
