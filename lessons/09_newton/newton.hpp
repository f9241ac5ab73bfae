#pragma once
// Lesson 09 — Newton's method with Hessian modification.  CONTRACT HEADER: do not edit.
//
// Conventions the tests rely on (docs/algorithms.md §4 and §8, N&W Alg. 3.2 + Alg. 3.3):
//   * The Newton direction solves  (H + τI) p = −g  with the exact Hessian H = ∇²f(x).
//     τ comes from Alg. 3.3 (Cholesky with added multiple of the identity):
//         β = 1e-3;   τ₀ = 0 if minᵢ aᵢᵢ > 0, else −minᵢ aᵢᵢ + β;
//         repeat { try L·Lᵀ = A + τₖI (arma::chol's bool return); on success stop; τₖ₊₁ = max(2τₖ, β) }.
//     With modify = false ("plain" Newton) τ = 0 always and p solves H p = −g directly.
//   * Safeguard: when p is not a descent direction (gᵀp ≥ −1e-12·‖g‖·‖p‖), when the solve fails
//     (singular H, Cholesky never succeeded) or when H or p is not finite, use p = −g instead.
//   * Line search from α = 1 on every iteration (the unit step is Newton's natural step length):
//     strong Wolfe with c₁ = 1e-4, c₂ = 0.9 (default) or Armijo backtracking with ρ = 0.5.
//   * Line-search failure: if the gradient test nearly holds (‖g‖∞ ≤ newton_near_gtol(stop)·max(1,|f|))
//     stop with converged_precision; otherwise retry once along −g (α₀ = min(1, 1/‖g‖)); if that
//     fails too stop with line_search_failed.
//   * Every run is driven by optlab::RunMonitor (statuses, trace, evaluation counts).  Trace extras:
//     "tau" = the shift τ used for the step that reached x_k, "steepest" = 1 if that step went
//     along −g (fallback) and 0 otherwise (both NaN at iteration 0).
#include <optlab/optlab.hpp>

namespace optlab {

// ---- N&W Alg. 3.3: Cholesky with added multiple of the identity ---------------------------------
struct CholeskyShiftOptions {
  double beta = 1e-3;     // β: the smallest shift tried, and the shift added to −minᵢ aᵢᵢ
  int max_attempts = 200;  // Cholesky factorisations before giving up (2²⁰⁰·β overflows nothing)
};

struct CholeskyShift {
  bool ok = false;   // false: no τ within max_attempts made A + τI positive definite
  double tau = 0;    // the shift τ that worked (0 when A itself is positive definite)
  arma::mat L;       // lower triangular, L·Lᵀ = A + τI (empty when !ok)
  int attempts = 0;  // Cholesky factorisations tried (1 when τ₀ worked)
};

// A must be square, symmetric (it is symmetrised as ½(A + Aᵀ) first: an exact Hessian assembled
// column by column is symmetric only to rounding) and finite; otherwise optlab::invalid_argument.
CholeskyShift cholesky_with_added_identity(const arma::mat& A, const CholeskyShiftOptions& opts = {});

// ---- the Newton direction -------------------------------------------------------------------------
enum class NewtonLineSearch { strong_wolfe, backtracking };

struct NewtonOptions {
  StopOptions stop;
  bool modify = true;  // true: Alg. 3.3 shift when H is not positive definite; false: plain H p = −g
  CholeskyShiftOptions shift;
  NewtonLineSearch line_search = NewtonLineSearch::strong_wolfe;
  LineSearchOptions ls;  // c₁ = 1e-4, c₂ = 0.9, ρ = 0.5 by default (see optlab/linesearch.hpp)
};

struct NewtonDirection {
  arma::vec p;            // the search direction (a descent direction unless g = 0)
  double tau = 0;         // shift τ added to H (0 for an unmodified Newton step or the −g fallback)
  bool steepest = false;  // true when the fallback p = −g was used
};

// p from the Hessian H and gradient g at the current point, following the conventions above.
// Throws optlab::invalid_argument when H is not n×n for n = g.n_elem.
NewtonDirection newton_direction(const arma::mat& H, const arma::vec& g, const NewtonOptions& opts = {});

// ---- the method -----------------------------------------------------------------------------------
// Minimises f from x0 (f must have an exact Hessian: f.has_hessian()).  The Result's method name
// is "newton" (modify = true) or "newton_plain" (modify = false).
// Throws optlab::invalid_argument for a wrong-sized or non-finite x0, an f without Hessian, or
// invalid options (β ≤ 0, max_attempts < 1, line-search constants outside 0 < c₁ < c₂ < 1, ρ ∉ (0,1)).
Result newton_minimize(const Objective& f, arma::vec x0, const NewtonOptions& opts = {});

// "The gradient test nearly holds" threshold used after a line-search failure: max(100·gtol, 1e-6)
// — within two orders of magnitude of the tolerance, or below the level where a line search that
// compares values of f can no longer see a decrease (f falls by ~‖g‖²/L, invisible once that is
// below ε_mach·|f|, i.e. ‖g‖ ≲ √(ε_mach·L·|f|) ~ 1e-6 for L·|f| up to ~1e4).  Lesson 10 uses the
// same rule; lessons 11 and 12 use max(precision_gtol, 10·gtol) on RunMonitor's capped scale, with
// no recorded reason for the different factors (docs/algorithms.md §8.1).
inline double newton_near_gtol(const StopOptions& s) { return s.gtol * 100 > 1e-6 ? s.gtol * 100 : 1e-6; }

}  // namespace optlab
