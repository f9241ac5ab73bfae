// Lesson 11 — L-BFGS: reference implementation (instructor track).
//
// Limited-memory BFGS (N&W §7.2): instead of the n×n inverse-Hessian approximation of BFGS, keep
// the m most recent curvature pairs (s, y) and apply the BFGS inverse update to a vector on the
// fly with the two-loop recursion — O(mn) memory and work per iteration instead of O(n²).
#include "lbfgs.hpp"

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

void check_memory(const LbfgsMemory& mem, arma::uword n, const char* where) {
  if (mem.s.size() != mem.y.size())
    fail_argument(where, "mem", "holds " + std::to_string(mem.s.size()) + " s-vectors but " +
                                    std::to_string(mem.y.size()) + " y-vectors");
  for (size_t i = 0; i < mem.s.size(); ++i) {
    if (mem.s[i].n_elem != n || mem.y[i].n_elem != n)
      fail_argument(where, "mem", "pair " + std::to_string(i) + " has dimension " + std::to_string(mem.s[i].n_elem) +
                                      "/" + std::to_string(mem.y[i].n_elem) + ", expected " + std::to_string(n));
  }
}

}  // namespace

bool lbfgs_store_pair(LbfgsMemory& mem, const arma::vec& s, const arma::vec& y, const arma::vec& g,
                      double curvature_eps) {
  const char* where = "lbfgs_store_pair";
  require(mem.capacity >= 1, where, "mem.capacity", mem.capacity, ">= 1");
  require(curvature_eps >= 0, where, "curvature_eps", curvature_eps, ">= 0");
  require_size(y, s.n_elem, where, "y");
  require_size(g, s.n_elem, where, "g");
  check_memory(mem, s.n_elem, where);

  // Curvature test (L-BFGS-B): BFGS keeps H positive definite only if sᵀy > 0.  The relative
  // threshold ε·(−gᵀs) also rejects pairs whose curvature is pure rounding noise.
  const double sy = arma::dot(s, y);
  const double yy = arma::dot(y, y);
  const double gs = arma::dot(g, s);
  if (!std::isfinite(sy) || !std::isfinite(yy) || !(sy > 0) || !(sy > curvature_eps * std::max(0.0, -gs)))
    return false;

  while (mem.size() >= mem.capacity) {  // full: forget the oldest pair
    mem.s.erase(mem.s.begin());
    mem.y.erase(mem.y.begin());
  }
  mem.s.push_back(s);
  mem.y.push_back(y);
  return true;
}

arma::vec lbfgs_direction(const LbfgsMemory& mem, const arma::vec& g) {
  const char* where = "lbfgs_direction";
  check_memory(mem, g.n_elem, where);
  const size_t k = mem.size();
  if (k == 0) return -g;  // H⁰ = I: steepest descent

  // First loop, newest to oldest: q ← (I − ρᵢyᵢsᵢᵀ)q, remembering αᵢ = ρᵢsᵢᵀq.
  std::vector<double> rho(k), a(k);
  arma::vec q = g;
  for (size_t j = k; j-- > 0;) {
    const double sy = arma::dot(mem.s[j], mem.y[j]);
    if (!(sy > 0))  // a stored pair must have passed the curvature test
      fail_argument(where, "mem", "pair " + std::to_string(j) + " has sᵀy = " + num(sy) + " <= 0");
    rho[j] = 1.0 / sy;
    a[j] = rho[j] * arma::dot(mem.s[j], q);
    q -= a[j] * mem.y[j];
  }
  // H_k⁰ = γI with γ = sᵀy/yᵀy of the newest pair (N&W eq. 7.20): the size of the inverse
  // Hessian along the last step, so that the unit step is usually accepted.
  const double gamma = arma::dot(mem.s[k - 1], mem.y[k - 1]) / arma::dot(mem.y[k - 1], mem.y[k - 1]);
  arma::vec r = gamma * q;
  // Second loop, oldest to newest: r ← r + sᵢ(αᵢ − ρᵢyᵢᵀr).
  for (size_t j = 0; j < k; ++j) {
    const double b = rho[j] * arma::dot(mem.y[j], r);
    r += (a[j] - b) * mem.s[j];
  }
  return -r;  // p = −H_k g
}

Result lbfgs_minimize(const Objective& f, arma::vec x, const LbfgsOptions& opts) {
  const char* where = "lbfgs_minimize";
  require_size(x, f.dim(), where, "x0");
  require_finite(x, where, "x0");
  require(opts.memory >= 1, where, "memory", opts.memory, ">= 1");
  require(opts.curvature_eps >= 0, where, "curvature_eps", opts.curvature_eps, ">= 0");
  require(opts.precision_gtol >= 0, where, "precision_gtol", opts.precision_gtol, ">= 0");

  RunMonitor mon(f, opts.stop, "lbfgs");
  LbfgsMemory mem;
  mem.capacity = opts.memory;
  long skipped = 0;

  arma::vec g;
  double fx = f.value_gradient(x, g);
  const double f0 = fx;
  double alpha = std::numeric_limits<double>::quiet_NaN();

  // One strong-Wolfe search along p.  If it failed only because f kept falling for every trial
  // (the expansion phase ran out), the longest trial satisfied Armijo: take it, so that a problem
  // unbounded below ends with ‖x‖ > max_x_norm (status unbounded) rather than a vague failure.
  auto search = [&](const arma::vec& p, double a0) {
    LineSearchResult ls = strong_wolfe(f, x, fx, g, p, a0, opts.line_search);
    if (ls.status == LineSearchStatus::max_iterations && ls.evaluations <= opts.line_search.max_expansions) {
      const double a_last = ls.last_alpha;  // the longest trial: every trial was an expansion
      arma::vec xa = x + a_last * p, ga;
      const double fa = f.value_gradient(xa, ga);
      if (std::isfinite(fa) && ga.is_finite() && fa <= fx + opts.line_search.c1 * a_last * arma::dot(g, p)) {
        ls.status = LineSearchStatus::ok;
        ls.alpha = a_last;
        ls.f = fa;
        ls.x = std::move(xa);
        ls.g = std::move(ga);
      }
    }
    return ls;
  };

  while (!mon.record(x, fx, g, alpha,
                     {{"pairs", static_cast<double>(mem.size())}, {"skipped", static_cast<double>(skipped)}})) {
    const double gnorm = arma::norm(g);
    if (gnorm == 0) {  // exactly stationary (only reachable with gtol = 0): no direction to take
      mon.stop(Status::converged_gradient, "the gradient is exactly zero");
      break;
    }
    // Steepest-descent trial step: unit length, capped like L-BFGS-B's min(1/‖d‖, stpmx).
    const double a_sd = std::min(1.0 / gnorm, opts.line_search.alpha_max);
    bool from_memory = !mem.empty();
    arma::vec p = from_memory ? lbfgs_direction(mem, g) : arma::vec(-g);
    if (from_memory && !(arma::dot(g, p) < -1e-12 * gnorm * arma::norm(p))) {
      mem.clear();  // H_k lost positive definiteness to rounding: restart from steepest descent
      p = -g;
      from_memory = false;
    }
    // α₀ = 1 is the natural quasi-Newton step; without curvature information the scale of −g is
    // unknown, so the first trial moves a unit distance (α₀ = 1/‖g‖, as L-BFGS-B).
    LineSearchResult ls = search(p, from_memory ? 1.0 : a_sd);
    if (!ls.ok() && from_memory) {
      // The quasi-Newton direction failed: forget the curvature memory and retry once along −g.
      mem.clear();
      p = -g;
      ls = search(p, a_sd);
    }
    if (!ls.ok()) {
      const double ginf = arma::norm(g, "inf");
      // RunMonitor's gradient scale max(1, |f|), capped at |f₀| so that a run heading to −∞ (f
      // unbounded below) never passes for converged.
      const double scale = std::max(1.0, std::min(std::abs(fx), std::abs(f0)));
      const double near = std::max(opts.precision_gtol, 10 * opts.stop.gtol) * scale;
      const std::string why = "line search failed (" + to_string(ls.status) + ") along the steepest-descent direction";
      if (ginf <= near)
        mon.stop(Status::converged_precision,
                 why + " with |g|inf = " + num(ginf) + ": f cannot be decreased further in floating point");
      else
        mon.stop(Status::line_search_failed,
                 why + " with |g|inf = " + num(ginf) + " (is the gradient consistent with f?)");
      break;
    }
    if (!lbfgs_store_pair(mem, ls.x - x, ls.g - g, g, opts.curvature_eps)) ++skipped;
    x = std::move(ls.x);
    g = std::move(ls.g);
    fx = ls.f;
    alpha = ls.alpha;
  }
  return mon.result();
}

}  // namespace optlab
