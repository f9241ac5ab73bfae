// Lesson 09 — Newton's method with Hessian modification.
// Read README.md first; newton.hpp pins every convention the tests check.  Run ./lab test 09.
#include "newton.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace optlab {

// N&W Alg. 3.3.  Symmetrise A, pick τ₀ from its diagonal, then try arma::chol(L, A + τI, "lower")
// and double τ (at least β) until it succeeds or opts.max_attempts factorisations were tried.
CholeskyShift cholesky_with_added_identity(const arma::mat& A, const CholeskyShiftOptions& opts) {
  // TODO(student): validate A, then τ₀ = 0 or −min aᵢᵢ + β; loop { chol(A + τI) ok → return; τ = max(2τ, β) }
  OPTLAB_TODO("cholesky_with_added_identity");
}

// The search direction: solve (H + τI)p = −g (modify) or H p = −g (plain); fall back to −g when that
// fails or is not a descent direction (gᵀp ≥ −1e-12‖g‖‖p‖).
NewtonDirection newton_direction(const arma::mat& H, const arma::vec& g, const NewtonOptions& opts) {
  // TODO(student): check H is n×n, compute p by two triangular solves with L (or arma::solve), then the fallback
  OPTLAB_TODO("newton_direction");
}

// ---- given: argument checks and the line search switch (use them in newton_minimize) ------------
[[maybe_unused]] static void validate_newton_arguments(const Objective& f, const arma::vec& x0, const NewtonOptions& o) {
  const char* where = "newton_minimize";
  require_size(x0, f.dim(), where, "x0");
  require_finite(x0, where, "x0");
  if (!f.has_hessian()) fail_argument(where, "f", "('" + f.name() + "') has no exact Hessian (has_hessian() is false)");
  require(o.shift.beta > 0 && std::isfinite(o.shift.beta), where, "shift.beta", o.shift.beta, "a positive finite shift");
  require(o.shift.max_attempts >= 1, where, "shift.max_attempts", o.shift.max_attempts, ">= 1");
  require(o.ls.c1 > 0 && o.ls.c1 < 1, where, "ls.c1", o.ls.c1, "in (0, 1)");
  require(o.ls.c2 > o.ls.c1 && o.ls.c2 < 1, where, "ls.c2", o.ls.c2, "in (c1, 1)");
  require(o.ls.rho > 0 && o.ls.rho < 1, where, "ls.rho", o.ls.rho, "in (0, 1)");
}

// Strong Wolfe returns ∇f at the new point in .g; backtracking evaluates f only (.g stays empty).
[[maybe_unused]] static LineSearchResult newton_line_search(const Objective& f, const arma::vec& x, double fx,
                                                            const arma::vec& g, const arma::vec& p, double alpha0,
                                                            const NewtonOptions& o) {
  return o.line_search == NewtonLineSearch::strong_wolfe ? strong_wolfe(f, x, fx, g, p, alpha0, o.ls)
                                                         : backtracking(f, x, fx, g, p, alpha0, o.ls);
}

// The loop (N&W Alg. 3.2): RunMonitor records every iterate with the extras "tau" and "steepest";
// each iteration evaluates the Hessian once, computes the direction, searches from α = 1, and
// handles a failed search as newton.hpp says (converged_precision / retry along −g / line_search_failed).
Result newton_minimize(const Objective& f, arma::vec x0, const NewtonOptions& opts) {
  // TODO(student): validate, then while (!mon.record(x, fx, g, alpha, {{"tau", tau}, {"steepest", s}})) { ...step... }
  OPTLAB_TODO("newton_minimize");
}

}  // namespace optlab
