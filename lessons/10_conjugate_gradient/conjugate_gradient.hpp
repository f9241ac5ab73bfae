#pragma once
// Lesson 10 — linear and nonlinear conjugate gradient.  CONTRACT HEADER: do not edit.
//
// Conventions the tests rely on (docs/algorithms.md §1, §2, §7, §8; N&W ch. 5):
//
// LINEAR CG (N&W Alg. 5.2) minimises φ(x) = ½xᵀAx − bᵀx (+c) for symmetric positive definite A,
// i.e. solves Ax = b.  Residual r = Ax − b = ∇φ(x).
//     r₀ = ∇φ(x₀) (one gradient evaluation), p₀ = −r₀
//     αₖ = rₖᵀrₖ / pₖᵀApₖ          (Apₖ by q.hessian_vector(x, pₖ): one product per iteration)
//     xₖ₊₁ = xₖ + αₖpₖ,   rₖ₊₁ = rₖ + αₖApₖ   (recursive residual: no further gradient evaluations)
//     βₖ₊₁ = rₖ₊₁ᵀrₖ₊₁ / rₖᵀrₖ,   pₖ₊₁ = −rₖ₊₁ + βₖ₊₁pₖ
//   The value recorded for xₖ₊₁ is φₖ₊₁ = φₖ − ½αₖrₖᵀrₖ (the exact decrease along pₖ).  RunMonitor
//   records (xₖ, φₖ, rₖ) and applies opts.stop (its gradient test is the residual test).
//   pₖᵀApₖ ≤ 0 ⇒ stop with Status::failed ("A is not positive definite"); rₖ = 0 exactly ⇒ stop with
//   Status::converged_gradient.  Method name "linear_cg".
//
// NONLINEAR CG (N&W §5.2): p₀ = −g₀; pₖ₊₁ = −gₖ₊₁ + βₖ₊₁pₖ, with (g = gₖ, g₊ = gₖ₊₁, y = g₊ − g, p = pₖ)
//     Fletcher–Reeves      β = g₊ᵀg₊ / gᵀg
//     Polak–Ribière+       β = max(0, g₊ᵀy / gᵀg)          (the default, SciPy's CG)
//     Hestenes–Stiefel     β = g₊ᵀy / yᵀp
//   cg_beta returns 0 when the denominator is 0 or the quotient is not finite.
//   Restarts (β = 0, p₊ = −g₊), tested in this order by cg_next_direction:
//     (1) with opts.restarts: steps_since_restart ≥ n_restart (restart_every, 0 = n = dim), or Powell's
//         orthogonality test |g₊ᵀg| ≥ powell_nu·‖g₊‖²;
//     (2) always: p₊ not a descent direction (g₊ᵀp₊ ≥ −1e-12·‖g₊‖·‖p₊‖) or not finite.
//   restarted = true whenever the returned direction is −g₊ (β = 0), for whatever reason (a PR+ β
//   clipped to 0 included).  steps_since_restart counts the line-search steps taken since the last
//   direction equal to −g (1 right after the first step along −g).
//   Line search: strong Wolfe (c₁ = 1e-4, c₂ = 0.1) from α₀ = min(1, 1.01·2(fₖ − fₖ₋₁)/gₖᵀpₖ)
//   (N&W eq. 3.60, as SciPy), with f₋₁ = f₀ + ‖g₀‖/2 so that α₀ = min(1, 1.01/‖g₀‖) at the first step;
//   α₀ = 1 if that quotient is not positive and finite.
//   Line-search failure: if ‖g‖∞ ≤ cg_near_gtol(stop)·max(1,|f|) stop with converged_precision;
//   otherwise, unless p already was −g, restart (p = −g) and retry once from α₀ = min(1, 1/‖g‖);
//   if that fails too stop with line_search_failed.
//   Trace extras per recorded iterate xₖ: "beta" = βₖ used for pₖ (0 at k = 0) and "restart" = 1 if
//   pₖ = −gₖ (1 at k = 0), else 0.  Method names "fr_cg", "pr+_cg", "hs_cg".
#include <optlab/optlab.hpp>
#include <string>
#include <vector>

namespace optlab {

// ---- linear CG ------------------------------------------------------------------------------------
struct LinearCGOptions {
  StopOptions stop;  // gtol applies to ‖r‖∞ (scaled by max(1, |φ|)); max_iterations bounds the steps
};

// Filled when a non-null pointer is passed: one residual per recorded iterate (r₀, r₁, …) and one
// direction per step taken (p₀, p₁, …), so directions.size() == residuals.size() − 1.
struct LinearCGHistory {
  std::vector<arma::vec> residuals;
  std::vector<arma::vec> directions;
};

// Throws optlab::invalid_argument for a wrong-sized or non-finite x0.
Result linear_cg(const Quadratic& q, arma::vec x0, const LinearCGOptions& opts = {}, LinearCGHistory* history = nullptr);

// ---- nonlinear CG ---------------------------------------------------------------------------------
enum class CGBeta { fletcher_reeves, polak_ribiere_plus, hestenes_stiefel };
std::string cg_beta_name(CGBeta rule);  // "fr", "pr+", "hs"

inline LineSearchOptions cg_line_search_defaults() {
  LineSearchOptions o;
  o.c2 = 0.1;  // nonlinear CG needs an accurate line search (FR: c₂ < ½ for descent, N&W Lemma 5.6)
  return o;
}

struct NonlinearCGOptions {
  StopOptions stop;
  CGBeta beta = CGBeta::polak_ribiere_plus;
  bool restarts = true;    // periodic + Powell restarts; false = the "no restarts" experiment
  int restart_every = 0;   // restart every this many steps; 0 = n (the dimension)
  double powell_nu = 0.1;  // Powell's orthogonality test |g₊ᵀg| ≥ ν‖g₊‖²
  LineSearchOptions ls = cg_line_search_defaults();
};

// β for the step from g to g₊ along p (all three vectors of the same size, else invalid_argument).
double cg_beta(CGBeta rule, const arma::vec& g_new, const arma::vec& g, const arma::vec& p);

struct CGDirection {
  arma::vec p;             // the next search direction p₊
  double beta = 0;         // β used (0 on a restart)
  bool restarted = false;  // p₊ = −g₊
};

// The next direction at the new point (gradient g_new), given the previous gradient g and direction p.
CGDirection cg_next_direction(const arma::vec& g_new, const arma::vec& g, const arma::vec& p, int steps_since_restart,
                              const NonlinearCGOptions& opts = {});

// Throws optlab::invalid_argument for a wrong-sized or non-finite x0 or invalid options
// (restart_every < 0, powell_nu ≤ 0, line-search constants outside 0 < c₁ < c₂ < 1).
Result nonlinear_cg(const Objective& f, arma::vec x0, const NonlinearCGOptions& opts = {});

// "The gradient test nearly holds" threshold used after a line-search failure: max(100·gtol, 1e-6)
// — within two orders of magnitude of the tolerance, or below the level where a line search that
// compares values of f can no longer see a decrease (f falls by ~‖g‖²/L, invisible once that is
// below ε_mach·|f|, i.e. ‖g‖ ≲ √(ε_mach·L·|f|) ~ 1e-6 for L·|f| up to ~1e4).  Lesson 09 uses the
// same rule; lessons 11 and 12 use max(precision_gtol, 10·gtol) on RunMonitor's capped scale, with
// no recorded reason for the different factors (docs/algorithms.md §8.1).
inline double cg_near_gtol(const StopOptions& s) { return s.gtol * 100 > 1e-6 ? s.gtol * 100 : 1e-6; }

}  // namespace optlab
