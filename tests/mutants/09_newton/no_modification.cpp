// mutant: modify = true but the indefinite Hessian is never shifted (plain H p = -g solve)
// expect: not modified
// Lesson 09 reference solution: Newton's method with Hessian modification (N&W Alg. 3.2 + 3.3).
#include "newton.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace optlab {

CholeskyShift cholesky_with_added_identity(const arma::mat& A_in, const CholeskyShiftOptions& opts) {
  const char* where = "cholesky_with_added_identity";
  if (A_in.n_rows == 0 || A_in.n_rows != A_in.n_cols)
    fail_argument(where, "A", "is " + std::to_string(A_in.n_rows) + "x" + std::to_string(A_in.n_cols) +
                                  ", expected a non-empty square matrix");
  if (!A_in.is_finite()) fail_argument(where, "A", "has a non-finite element");
  require(opts.beta > 0 && std::isfinite(opts.beta), where, "beta", opts.beta, "a positive finite shift");
  require(opts.max_attempts >= 1, where, "max_attempts", opts.max_attempts, ">= 1");
  const double scale = std::max(1.0, arma::abs(A_in).max());
  if (arma::abs(A_in - A_in.t()).max() > 1e-8 * scale) fail_argument(where, "A", "is not symmetric");
  // An exact Hessian built column by column is symmetric only to rounding; arma::chol warns then.
  const arma::mat A = 0.5 * (A_in + A_in.t());
  const arma::uword n = A.n_rows;

  CholeskyShift out;
  // τ₀ = 0 if every diagonal entry is positive, else enough to make the smallest one equal β.
  const double min_diag = A.diag().min();
  double tau = min_diag > 0 ? 0.0 : -min_diag + opts.beta;
  arma::mat L;
  for (int k = 0; k < opts.max_attempts; ++k) {
    ++out.attempts;
    // arma::chol's bool form reports failure (a non-positive pivot) instead of throwing.
    if (arma::chol(L, A + tau * arma::eye(n, n), "lower")) {
      out.ok = true;
      out.tau = tau;
      out.L = std::move(L);
      return out;
    }
    tau = std::max(2 * tau, opts.beta);  // double τ (at least β): O(log) factorisations
  }
  out.tau = tau;
  return out;
}

static bool is_descent(const arma::vec& g, const arma::vec& p) {
  // gᵀp < 0 with a relative margin: a direction numerically orthogonal to g is useless.
  return p.is_finite() && arma::dot(g, p) < -1e-12 * arma::norm(g) * arma::norm(p);
}

NewtonDirection newton_direction(const arma::mat& H, const arma::vec& g, const NewtonOptions& opts) {
  const char* where = "newton_direction";
  if (g.n_elem == 0) fail_argument(where, "g", "is empty");
  if (H.n_rows != g.n_elem || H.n_cols != g.n_elem)
    fail_argument(where, "H", "is " + std::to_string(H.n_rows) + "x" + std::to_string(H.n_cols) + ", expected " +
                                  std::to_string(g.n_elem) + "x" + std::to_string(g.n_elem) + " to match g");
  NewtonDirection d;
  if (H.is_finite() && g.is_finite()) {
    if (opts.modify && false) {  // MUTANT: never modifies
      // Alg. 3.3: (H + τI) is positive definite, so p = −(LLᵀ)⁻¹g is a descent direction.
      const CholeskyShift c = cholesky_with_added_identity(H, opts.shift);
      if (c.ok) {
        const arma::vec z = arma::solve(arma::trimatl(c.L), -g);  // L z = −g
        d.p = arma::solve(arma::trimatu(c.L.t()), z);           // Lᵀ p = z
        d.tau = c.tau;
      }
    } else {
      // Plain Newton: p = −H⁻¹g by a solve (never by forming H⁻¹); no_approx: fail on singular H.
      arma::vec p;
      if (arma::solve(p, H, -g, arma::solve_opts::no_approx)) d.p = std::move(p);
    }
  }
  if (d.p.n_elem != g.n_elem || !is_descent(g, d.p)) {
    // Indefinite plain Newton step, singular H or rounding: steepest descent keeps the line search valid.
    d.p = -g;
    d.tau = 0;
    d.steepest = true;
  }
  return d;
}

static void validate_newton_arguments(const Objective& f, const arma::vec& x0, const NewtonOptions& o) {
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
static LineSearchResult newton_line_search(const Objective& f, const arma::vec& x, double fx, const arma::vec& g,
                                           const arma::vec& p, double alpha0, const NewtonOptions& o) {
  return o.line_search == NewtonLineSearch::strong_wolfe ? strong_wolfe(f, x, fx, g, p, alpha0, o.ls)
                                                         : backtracking(f, x, fx, g, p, alpha0, o.ls);
}

Result newton_minimize(const Objective& f, arma::vec x, const NewtonOptions& o) {
  validate_newton_arguments(f, x, o);
  RunMonitor mon(f, o.stop, o.modify ? "newton" : "newton_plain");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  arma::vec g;
  double fx = f.value_gradient(x, g);
  double alpha = nan, tau = nan, steepest = nan;
  while (!mon.record(x, fx, g, alpha, {{"tau", tau}, {"steepest", steepest}})) {
    NewtonDirection d = newton_direction(f.hessian(x), g, o);
    // The unit step is exact on a quadratic model: always try α = 1 first.
    LineSearchResult ls = newton_line_search(f, x, fx, g, d.p, 1.0, o);
    const double ginf = arma::norm(g, "inf");
    const bool near = ginf <= newton_near_gtol(o.stop) * std::max(1.0, std::abs(fx));
    if (!ls.ok() && near) {
      mon.stop(Status::converged_precision, "line search (" + to_string(ls.status) +
                                                ") cannot improve f in floating point; the gradient test nearly holds");
      break;
    }
    if (!ls.ok() && !d.steepest) {
      // Distrust the curvature model once: retry along −g with a step of length ≤ 1.
      d = NewtonDirection{-g, 0.0, true};
      ls = newton_line_search(f, x, fx, g, d.p, std::min(1.0, 1.0 / arma::norm(g)), o);
    }
    if (!ls.ok()) {
      mon.stop(Status::line_search_failed,
               "no acceptable step along the Newton direction nor along -g (line search: " + to_string(ls.status) + ")");
      break;
    }
    x = std::move(ls.x);
    if (ls.g.n_elem == x.n_elem) {  // strong Wolfe already evaluated ∇f at the new point
      fx = ls.f;
      g = std::move(ls.g);
    } else {
      fx = f.value_gradient(x, g);
    }
    alpha = ls.alpha;
    tau = d.tau;
    steepest = d.steepest ? 1.0 : 0.0;
  }
  return mon.result();
}

}  // namespace optlab
