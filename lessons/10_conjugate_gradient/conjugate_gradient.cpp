// Lesson 10 — linear and nonlinear conjugate gradient.
// Read README.md first; conjugate_gradient.hpp pins every convention the tests check.  Run ./lab test 10.
#include "conjugate_gradient.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace optlab {

// ---- Part 1: linear CG (N&W Alg. 5.2) -------------------------------------------------------------
// r₀ from q.value_gradient, then per step one product Ap = q.hessian_vector(x, p); record
// (x, φ, r, α) with RunMonitor; fill *history when it is not null.
Result linear_cg(const Quadratic& q, arma::vec x0, const LinearCGOptions& opts, LinearCGHistory* history) {
  // TODO(student): check x0; loop { record; pAp <= 0 -> Status::failed; α = rᵀr/pᵀAp; x, r, φ, β, p updates }
  OPTLAB_TODO("linear_cg");
}

// ---- Part 2: nonlinear CG -------------------------------------------------------------------------
std::string cg_beta_name(CGBeta rule) {  // given
  switch (rule) {
    case CGBeta::fletcher_reeves: return "fr";
    case CGBeta::polak_ribiere_plus: return "pr+";
    case CGBeta::hestenes_stiefel: return "hs";
  }
  return "?";
}

// FR, PR+ and HS as in conjugate_gradient.hpp; 0 when the denominator is 0 or the result not finite.
double cg_beta(CGBeta rule, const arma::vec& g_new, const arma::vec& g, const arma::vec& p) {
  // TODO(student): check sizes, then the three formulas (y = g_new − g)
  OPTLAB_TODO("cg_beta");
}

// Restart tests (periodic, Powell — only with opts.restarts), then p₊ = −g₊ + βp, then the
// descent safeguard (always).
CGDirection cg_next_direction(const arma::vec& g_new, const arma::vec& g, const arma::vec& p, int steps_since_restart,
                              const NonlinearCGOptions& opts) {
  // TODO(student): restart ⇒ {−g₊, 0, true}; else β = cg_beta(...), p₊ = −g₊ + βp; uphill or β = 0 ⇒ restart
  OPTLAB_TODO("cg_next_direction");
}

// ---- given: argument checks for nonlinear_cg ------------------------------------------------------
[[maybe_unused]] static void validate_cg_arguments(const Objective& f, const arma::vec& x0, const NonlinearCGOptions& o) {
  const char* where = "nonlinear_cg";
  require_size(x0, f.dim(), where, "x0");
  require_finite(x0, where, "x0");
  require(o.restart_every >= 0, where, "restart_every", o.restart_every, ">= 0 (0 = the dimension n)");
  require(o.powell_nu > 0 && std::isfinite(o.powell_nu), where, "powell_nu", o.powell_nu, "> 0");
  require(o.ls.c1 > 0 && o.ls.c1 < 1, where, "ls.c1", o.ls.c1, "in (0, 1)");
  require(o.ls.c2 > o.ls.c1 && o.ls.c2 < 1, where, "ls.c2", o.ls.c2, "in (c1, 1)");
}

// The loop: record (extras "beta", "restart"), α₀ by eq. 3.60, strong_wolfe(f, x, fx, g, p, α₀, opts.ls),
// failure handling (converged_precision / one retry along −g / line_search_failed), next direction.
Result nonlinear_cg(const Objective& f, arma::vec x0, const NonlinearCGOptions& opts) {
  // TODO(student): validate_cg_arguments, RunMonitor(f, opts.stop, cg_beta_name(opts.beta) + "_cg"), the loop
  OPTLAB_TODO("nonlinear_cg");
}

}  // namespace optlab
