// Lesson 12 — Levenberg–Marquardt: reference implementation (instructor track).
//
// Gauss–Newton replaces the Hessian of f = ‖r‖² by 2JᵀJ (drop the Σ rᵢ∇²rᵢ term: exact for zero
// residuals).  Levenberg–Marquardt damps it: (JᵀJ + μD²)h = −Jᵀr interpolates between the
// Gauss–Newton step (μ → 0, fast near a good fit) and a short scaled steepest-descent step
// −D⁻²Jᵀr/μ (μ → ∞, safe far away).  The gain ratio ϱ (actual / predicted reduction) tells how far
// the linear model can be trusted and steers μ (Nielsen's rule, MNT Alg. 3.16).
#include "levenberg_marquardt.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "optlab/core.hpp"

namespace optlab {

namespace {

std::string num(double v) {
  std::ostringstream os;
  os.precision(6);
  os << v;
  return os.str();
}

}  // namespace

arma::vec lm_scaling(const arma::mat& J) {
  arma::vec d2 = arma::sum(arma::square(J), 0).t();  // (JᵀJ)ⱼⱼ = ‖J(:, j)‖²
  const double mx = d2.is_empty() ? 0.0 : d2.max();
  if (!(mx > 0)) return arma::ones(J.n_cols);  // J = 0: no information about the scale
  // A zero column (r does not depend on xⱼ) would leave row j of the damped system empty.
  return arma::clamp(d2, 1e-12 * mx, arma::datum::inf);
}

arma::vec lm_step(const arma::mat& J, const arma::vec& r, double mu, const arma::vec& d2) {
  const char* where = "lm_step";
  if (J.n_rows != r.n_elem)
    fail_argument(where, "r", "has " + std::to_string(r.n_elem) + " elements, expected one per row of J: " +
                                  std::to_string(J.n_rows));
  require_size(d2, J.n_cols, where, "d2");
  require(mu >= 0 && std::isfinite(mu), where, "mu", mu, "a finite damping >= 0");
  if (!d2.is_empty() && !(d2.min() > 0))
    fail_argument(where, "d2", "has the entry " + num(d2.min()) + ", expected every scaling d2_j > 0");
  const arma::uword m = J.n_rows, n = J.n_cols;
  // Least squares  min ‖[J; √μ D] h − [−r; 0]‖²: its normal equations are exactly
  // (JᵀJ + μD²)h = −Jᵀr, but QR works with J itself (condition κ(J), not κ(J)²).
  arma::mat A(m + n, n, arma::fill::zeros);
  A.rows(0, m - 1) = J;
  A.rows(m, m + n - 1).diag() = arma::sqrt(mu * d2);
  arma::vec b(m + n, arma::fill::zeros);
  b.head(m) = -r;
  arma::mat Q, R;
  if (!arma::qr_econ(Q, R, A)) fail_argument(where, "J", "could not be factorised (non-finite entries?)");
  const arma::vec diagR = arma::abs(R.diag());
  if (!(diagR.min() > 0))
    fail_argument(where, "J", "gives a singular system (mu = " + num(mu) + " with a rank-deficient J)");
  arma::vec h;
  if (!arma::solve(h, arma::trimatu(R), Q.t() * b, arma::solve_opts::no_approx))
    fail_argument(where, "J", "gives a singular system (mu = " + num(mu) + ")");
  return h;
}

double lm_gain_ratio(double f, double f_new, const arma::mat& J, const arma::vec& h, double mu, const arma::vec& d2) {
  const char* where = "lm_gain_ratio";
  require_size(h, J.n_cols, where, "h");
  require_size(d2, J.n_cols, where, "d2");
  require(mu >= 0, where, "mu", mu, ">= 0");
  if (!std::isfinite(f_new)) return -std::numeric_limits<double>::infinity();  // overflow: reject
  const arma::vec Jh = J * h;
  // L(0) − L(h) = ‖Jh‖² + 2μ‖Dh‖²: a sum of squares, so never negative and free of the
  // cancellation in ‖r‖² − ‖r + Jh‖² when h is small.
  const double predicted = arma::dot(Jh, Jh) + 2 * mu * arma::dot(d2 % h, h);
  if (!(predicted > 0)) return 0.0;  // h = 0: nothing predicted, nothing to accept
  return (f - f_new) / predicted;
}

bool lm_update_damping(double rho, double& mu, double& nu) {
  require(mu > 0, "lm_update_damping", "mu", mu, "> 0");
  require(nu >= 2, "lm_update_damping", "nu", nu, ">= 2");
  if (rho > 0) {
    // Good agreement (ϱ ≈ 1) shrinks μ by up to 3 (towards Gauss–Newton); ϱ near 0 barely
    // changes it.  The smooth cubic avoids the oscillations of Marquardt's ×10 / ÷10 jumps.
    const double t = 2 * rho - 1;
    mu *= std::max(1.0 / 3.0, 1 - t * t * t);
    nu = 2;
    return true;
  }
  // Rejected: damp more, and faster and faster while rejections continue.
  mu *= nu;
  nu *= 2;
  return false;
}

Result levenberg_marquardt_minimize(const Objective& f, arma::vec x, const LevenbergMarquardtOptions& opts) {
  const char* where = "levenberg_marquardt_minimize";
  if (!f.has_residuals())
    fail_argument(where, "f", "objective '" + f.name() +
                                  "' has no residuals (has_residuals() is false); LM needs a least-squares problem");
  require_size(x, f.dim(), where, "x0");
  require_finite(x, where, "x0");
  require(opts.tau > 0 && std::isfinite(opts.tau), where, "tau", opts.tau, "a finite value > 0");
  require(opts.precision_gtol >= 0, where, "precision_gtol", opts.precision_gtol, ">= 0");

  RunMonitor mon(f, opts.stop, "levenberg_marquardt");
  const EvalCounts c0 = f.counts();
  auto evaluations = [&] {
    const EvalCounts& c = f.counts();
    return (c.value - c0.value) + (c.gradient - c0.gradient) + (c.residual - c0.residual);
  };
  auto scaling = [&](const arma::mat& Jx) {
    return opts.marquardt_scaling ? lm_scaling(Jx) : arma::vec(arma::ones(Jx.n_cols));
  };

  arma::vec r = f.residuals(x);
  arma::mat J = f.jacobian(x);
  double fx = arma::dot(r, r);
  const double f0 = fx;
  arma::vec g = 2 * J.t() * r;  // ∇‖r‖² = 2Jᵀr
  arma::vec d2 = scaling(J);

  // Nielsen's μ₀ = τ·max (JᵀJ)ᵢᵢ/d2ᵢ: τ relative to the largest curvature in the scaled problem.
  const arma::vec jtj = arma::sum(arma::square(J), 0).t();
  double mu = jtj.is_empty() ? 0.0 : opts.tau * arma::max(jtj / d2);
  if (!(mu > 0) || !std::isfinite(mu)) mu = opts.tau;
  double nu = 2;

  double alpha = std::numeric_limits<double>::quiet_NaN();
  double mu_used = mu, rho = std::numeric_limits<double>::quiet_NaN();
  long rejected = 0;
  while (!mon.record(x, fx, g, alpha,
                     {{"mu", mu_used}, {"gain_ratio", rho}, {"rejected", static_cast<double>(rejected)}})) {
    rejected = 0;
    bool accepted = false;
    while (!accepted) {
      // μ·D² may overflow after very many rejections: treat it like a vanished step.
      const bool mu_ok = std::isfinite(mu * d2.max());
      const arma::vec h = mu_ok ? lm_step(J, r, mu, d2) : arma::vec(arma::zeros(x.n_elem));
      const double hn = arma::norm(h), xn = arma::norm(x);
      if (opts.stop.xtol > 0 && hn <= opts.stop.xtol * (opts.stop.xtol + xn)) {
        // MINPACK's xtol test: even the trial step (the trust region) is below xtol.
        mon.stop(Status::converged_step, "trial step " + num(hn) + " below xtol (damping mu = " + num(mu) + ")");
        break;
      }
      const arma::vec xt = x + h;
      const double eps = std::numeric_limits<double>::epsilon();
      if (!mu_ok || !h.is_finite() || hn <= eps * (xn + eps) || arma::all(xt == x)) {
        // μ has grown until the step vanishes in floating point (MNT's ‖h‖ ≤ ε₂(‖x‖ + ε₂) with
        // ε₂ = machine epsilon): no decrease of f is possible any more.
        const double ginf = arma::norm(g, "inf");
        const double scale = std::max(1.0, std::min(fx, f0));  // RunMonitor's gradient scale
        const double near = std::max(opts.precision_gtol, 10 * opts.stop.gtol) * scale;
        if (ginf <= near)
          mon.stop(Status::converged_precision, "no trial step decreases f in floating point (mu = " + num(mu) +
                                                    ") and |g|inf = " + num(ginf) + " is nearly small");
        else
          mon.stop(Status::line_search_failed, "no trial step decreased f even with damping mu = " + num(mu) +
                                                   " (|g|inf = " + num(ginf) +
                                                   "); is the Jacobian consistent with the residuals?");
        break;
      }
      const arma::vec rt = f.residuals(xt);
      const double ft = rt.is_finite() ? arma::dot(rt, rt) : std::numeric_limits<double>::quiet_NaN();
      const double rho_t = lm_gain_ratio(fx, ft, J, h, mu, d2);
      const double mu_t = mu;
      if (lm_update_damping(rho_t, mu, nu)) {
        accepted = true;  // ϱ > 0: f decreased (a non-finite trial has ϱ = −∞ and never gets here)
        x = xt;
        r = rt;
        fx = ft;
        J = f.jacobian(x);
        g = 2 * J.t() * r;
        // Scaling from the current J (Marquardt), not MINPACK's non-decreasing max over the
        // run: the latter rescues Penalty I/II and Brown–Dennis but, on MLPs, keeps columns of
        // saturated units over-damped (two moons: f 1e-10 -> 4e-3 after 100 iterations; see
        // solutions/README.md).
        d2 = scaling(J);
        mu_used = mu_t;
        rho = rho_t;
        alpha = 1.0;
        break;
      }
      ++rejected;
      if (opts.stop.max_evaluations > 0 && evaluations() >= opts.stop.max_evaluations) {
        mon.stop(Status::max_evaluations, "reached max_evaluations = " + std::to_string(opts.stop.max_evaluations) +
                                              " during rejected trial steps");
        break;
      }
    }
    if (!accepted) break;  // stopped inside the trial loop
  }
  return mon.result();
}

}  // namespace optlab
