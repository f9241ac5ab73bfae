// mutant: no periodic and no Powell restarts (FR jams)
// expect: restarts ignored
// Lesson 10 reference solution: linear CG (N&W Alg. 5.2) and nonlinear CG (FR, PR+, HS; N&W §5.2).
#include "conjugate_gradient.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace optlab {

// ---------------------------------------------------------------------------------------------------
// Linear CG
// ---------------------------------------------------------------------------------------------------
Result linear_cg(const Quadratic& q, arma::vec x, const LinearCGOptions& opts, LinearCGHistory* history) {
  require_size(x, q.dim(), "linear_cg", "x0");
  require_finite(x, "linear_cg", "x0");
  if (history) *history = LinearCGHistory{};
  RunMonitor mon(q, opts.stop, "linear_cg");
  arma::vec r;
  double phi = q.value_gradient(x, r);  // r₀ = Ax₀ − b, the only gradient evaluation
  double alpha = std::numeric_limits<double>::quiet_NaN();
  arma::vec p = -r;
  double rr = arma::dot(r, r);
  while (true) {
    if (history) history->residuals.push_back(r);
    if (mon.record(x, phi, r, alpha)) break;
    if (rr == 0) {  // exact solution (gtol = 0 would otherwise divide 0/0 below)
      mon.stop(Status::converged_gradient, "the residual is exactly zero");
      break;
    }
    const arma::vec Ap = q.hessian_vector(x, p);
    const double pAp = arma::dot(p, Ap);
    if (!(pAp > 0)) {  // CG's step assumes positive curvature along every p
      mon.stop(Status::failed, "p'Ap = " + detail::show(pAp) + " <= 0: A is not positive definite");
      break;
    }
    if (history) history->directions.push_back(p);
    alpha = rr / pAp;                  // exact minimiser of φ along p
    x += alpha * p;
    r += alpha * Ap;                   // r₊ = r + αAp (no new gradient evaluation)
    phi -= 0.5 * alpha * rr;           // φ(x + αp) = φ(x) − ½α rᵀr, since rᵀp = −rᵀr and α pᵀAp = rᵀr
    const double rr_new = arma::dot(r, r);
    p = -r + (rr_new / rr) * p;        // β = r₊ᵀr₊ / rᵀr keeps p₊ A-conjugate to all earlier p
    rr = rr_new;
  }
  return mon.result();
}

// ---------------------------------------------------------------------------------------------------
// Nonlinear CG
// ---------------------------------------------------------------------------------------------------
std::string cg_beta_name(CGBeta rule) {
  switch (rule) {
    case CGBeta::fletcher_reeves: return "fr";
    case CGBeta::polak_ribiere_plus: return "pr+";
    case CGBeta::hestenes_stiefel: return "hs";
  }
  return "?";
}

static double safe_quotient(double num, double den) {
  const double q = num / den;
  return den != 0 && std::isfinite(q) ? q : 0.0;  // 0 = restart: the formula has no information
}

double cg_beta(CGBeta rule, const arma::vec& g_new, const arma::vec& g, const arma::vec& p) {
  require_size(g, g_new.n_elem, "cg_beta", "g");
  require_size(p, g_new.n_elem, "cg_beta", "p");
  switch (rule) {
    case CGBeta::fletcher_reeves:
      return safe_quotient(arma::dot(g_new, g_new), arma::dot(g, g));
    case CGBeta::polak_ribiere_plus:
      // max(0, ·): a negative β can give a non-descent direction (Powell 1984), β = 0 restarts instead.
      return std::max(0.0, safe_quotient(arma::dot(g_new, g_new - g), arma::dot(g, g)));
    case CGBeta::hestenes_stiefel: {
      const arma::vec y = g_new - g;
      return safe_quotient(arma::dot(g_new, y), arma::dot(y, p));
    }
  }
  fail_argument("cg_beta", "rule", "= " + std::to_string(static_cast<int>(rule)) + " is not a CGBeta");
}

static bool is_descent(const arma::vec& g, const arma::vec& p) {
  return p.is_finite() && arma::dot(g, p) < -1e-12 * arma::norm(g) * arma::norm(p);
}

CGDirection cg_next_direction(const arma::vec& g_new, const arma::vec& g, const arma::vec& p, int steps_since_restart,
                              const NonlinearCGOptions& opts) {
  require_size(g, g_new.n_elem, "cg_next_direction", "g");
  require_size(p, g_new.n_elem, "cg_next_direction", "p");
  const int n_restart = opts.restart_every > 0 ? opts.restart_every : static_cast<int>(g_new.n_elem);
  const double gg_new = arma::dot(g_new, g_new);
  CGDirection d;
  bool restart = false;
  if (opts.restarts && false) {  // MUTANT: restarts ignored
    // Every n steps (conjugacy is only meaningful for n directions), and when successive gradients
    // are far from orthogonal (Powell): the quadratic model has changed, the old direction is stale.
    restart = steps_since_restart >= n_restart || std::abs(arma::dot(g_new, g)) >= opts.powell_nu * gg_new;
  }
  if (!restart) {
    d.beta = cg_beta(opts.beta, g_new, g, p);
    d.p = -g_new + d.beta * p;
    restart = d.beta == 0 || !is_descent(g_new, d.p);  // never hand the line search an uphill direction
  }
  if (restart) {
    d.p = -g_new;
    d.beta = 0;
    d.restarted = true;
  }
  return d;
}

static void validate_cg_arguments(const Objective& f, const arma::vec& x0, const NonlinearCGOptions& o) {
  const char* where = "nonlinear_cg";
  require_size(x0, f.dim(), where, "x0");
  require_finite(x0, where, "x0");
  require(o.restart_every >= 0, where, "restart_every", o.restart_every, ">= 0 (0 = the dimension n)");
  require(o.powell_nu > 0 && std::isfinite(o.powell_nu), where, "powell_nu", o.powell_nu, "> 0");
  require(o.ls.c1 > 0 && o.ls.c1 < 1, where, "ls.c1", o.ls.c1, "in (0, 1)");
  require(o.ls.c2 > o.ls.c1 && o.ls.c2 < 1, where, "ls.c2", o.ls.c2, "in (c1, 1)");
}

Result nonlinear_cg(const Objective& f, arma::vec x, const NonlinearCGOptions& o) {
  validate_cg_arguments(f, x, o);
  RunMonitor mon(f, o.stop, cg_beta_name(o.beta) + "_cg");
  arma::vec g;
  double fx = f.value_gradient(x, g);
  arma::vec p = -g;
  int since_restart = 0;  // steps taken since p was last −g
  // f₋₁ = f₀ + ‖g₀‖/2 makes eq. 3.60 give α₀ = min(1, 1.01/‖g₀‖) for the first step (SciPy's choice).
  double f_prev = fx + 0.5 * arma::norm(g);
  double alpha = std::numeric_limits<double>::quiet_NaN(), beta = 0, restarted = 1;
  while (!mon.record(x, fx, g, alpha, {{"beta", beta}, {"restart", restarted}})) {
    double dphi0 = arma::dot(g, p);
    // Eq. 3.60: the step that reproduces the last decrease, assuming φ is quadratic along p.
    double a0 = 1.01 * 2 * (fx - f_prev) / dphi0;
    a0 = a0 > 0 && std::isfinite(a0) ? std::min(1.0, a0) : 1.0;
    LineSearchResult ls = strong_wolfe(f, x, fx, g, p, a0, o.ls);
    if (!ls.ok()) {
      const bool near = arma::norm(g, "inf") <= cg_near_gtol(o.stop) * std::max(1.0, std::abs(fx));
      if (near) {
        mon.stop(Status::converged_precision, "line search (" + to_string(ls.status) +
                                                  ") cannot improve f in floating point; the gradient test nearly holds");
        break;
      }
      if (since_restart > 0) {  // forget the conjugacy memory (β = 0) and retry along −g once
        p = -g;
        since_restart = 0;
        ls = strong_wolfe(f, x, fx, g, p, std::min(1.0, 1.0 / arma::norm(g)), o.ls);
      }
      if (!ls.ok()) {
        mon.stop(Status::line_search_failed,
                 "no acceptable step along the CG direction nor along -g (line search: " + to_string(ls.status) + ")");
        break;
      }
    }
    ++since_restart;
    f_prev = fx;
    x = std::move(ls.x);
    fx = ls.f;
    const CGDirection d = cg_next_direction(ls.g, g, p, since_restart, o);
    g = std::move(ls.g);
    p = d.p;
    if (d.restarted) since_restart = 0;
    alpha = ls.alpha;
    beta = d.beta;
    restarted = d.restarted ? 1.0 : 0.0;
  }
  return mon.result();
}

}  // namespace optlab
