#include "optlab/linesearch.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "optlab/core.hpp"

namespace optlab {

std::string to_string(LineSearchStatus s) {
  switch (s) {
    case LineSearchStatus::ok: return "ok";
    case LineSearchStatus::not_descent: return "not_descent";
    case LineSearchStatus::max_iterations: return "max_iterations";
    case LineSearchStatus::bracket_collapsed: return "bracket_collapsed";
    case LineSearchStatus::non_finite: return "non_finite";
  }
  return "?";
}

static void check_common(const char* where, const Objective& obj, const arma::vec& x, const arma::vec& g,
                         const arma::vec& p, double alpha0, const LineSearchOptions& o) {
  require_size(x, obj.dim(), where, "x");
  require_size(g, obj.dim(), where, "g");
  require_size(p, obj.dim(), where, "p");
  require(alpha0 > 0 && std::isfinite(alpha0), where, "alpha0", alpha0, "a positive finite step size");
  require(o.c1 > 0 && o.c1 < 1, where, "c1", o.c1, "in (0, 1)");
}

static LineSearchResult failure(LineSearchStatus s, const arma::vec& x, double f, int evals, double last_alpha = 0) {
  LineSearchResult r;
  r.status = s;
  r.alpha = 0;
  r.x = x;
  r.f = f;
  r.evaluations = evals;
  r.last_alpha = last_alpha;
  return r;
}

LineSearchResult backtracking(const Objective& obj, const arma::vec& x, double f, const arma::vec& g, const arma::vec& p,
                              double alpha0, const LineSearchOptions& o) {
  check_common("backtracking", obj, x, g, p, alpha0, o);
  require(o.rho > 0 && o.rho < 1, "backtracking", "rho", o.rho, "in (0, 1)");
  const double dphi0 = arma::dot(g, p);
  if (!(dphi0 < 0)) return failure(LineSearchStatus::not_descent, x, f, 0);
  double a = alpha0, last = 0;
  bool any_finite = false;
  for (int k = 0; k < o.max_backtracks; ++k) {
    last = a;
    arma::vec xa = x + a * p;
    const double fa = obj.value(xa);
    if (std::isfinite(fa)) {
      any_finite = true;
      if (fa <= f + o.c1 * a * dphi0) {  // Armijo: sufficient decrease
        LineSearchResult r;
        r.alpha = a;
        r.f = fa;
        r.x = std::move(xa);
        r.evaluations = k + 1;
        r.last_alpha = a;
        return r;
      }
    }
    a *= o.rho;  // a non-finite trial counts as "too long" and is never accepted
  }
  return failure(any_finite ? LineSearchStatus::max_iterations : LineSearchStatus::non_finite, x, f, o.max_backtracks,
                 last);
}

namespace {
struct Point {
  double a, f, d;  // α, φ(α), φ'(α)
  bool finite() const { return std::isfinite(f) && std::isfinite(d); }
};

// Minimiser of the cubic through (a,fa,da), (b,fb,db) (N&W eq. 3.59); NaN when it has none.
double cubic_min(const Point& p, const Point& q) {
  const double d1 = p.d + q.d - 3 * (p.f - q.f) / (p.a - q.a);
  const double disc = d1 * d1 - p.d * q.d;
  if (!(disc >= 0)) return std::nan("");
  const double d2 = std::copysign(std::sqrt(disc), q.a - p.a);
  const double den = q.d - p.d + 2 * d2;
  if (den == 0) return std::nan("");
  return q.a - (q.a - p.a) * (q.d + d2 - d1) / den;
}
// Minimiser of the quadratic through (a,fa,da) and (b,fb).
double quad_min(const Point& p, const Point& q) {
  const double den = 2 * (q.f - p.f - p.d * (q.a - p.a));
  if (!(den > 0)) return std::nan("");
  return p.a - p.d * (q.a - p.a) * (q.a - p.a) / den;
}
}  // namespace

LineSearchResult strong_wolfe(const Objective& obj, const arma::vec& x, double f0, const arma::vec& g0,
                              const arma::vec& p, double alpha0, const LineSearchOptions& o) {
  check_common("strong_wolfe", obj, x, g0, p, alpha0, o);
  require(o.c2 > o.c1 && o.c2 < 1, "strong_wolfe", "c2", o.c2, "in (c1, 1)");
  require(o.alpha_max > 0, "strong_wolfe", "alpha_max", o.alpha_max, "> 0");
  const double dphi0 = arma::dot(g0, p);
  if (!(dphi0 < 0)) return failure(LineSearchStatus::not_descent, x, f0, 0);

  int evals = 0;
  double last_a = 0;
  arma::vec xa, ga;
  auto eval = [&](double a) {
    xa = x + a * p;
    const double fa = obj.value_gradient(xa, ga);
    ++evals;
    last_a = a;
    return Point{a, fa, std::isfinite(fa) ? arma::dot(ga, p) : std::nan("")};
  };
  auto accept = [&](const Point& pt) {
    LineSearchResult r;
    r.alpha = pt.a;
    r.f = pt.f;
    r.x = xa;
    r.g = ga;
    r.evaluations = evals;
    r.last_alpha = pt.a;
    return r;
  };
  auto fail = [&](LineSearchStatus st) { return failure(st, x, f0, evals, last_a); };
  auto armijo_ok = [&](const Point& pt) { return pt.f <= f0 + o.c1 * pt.a * dphi0; };
  auto curvature_ok = [&](const Point& pt) { return std::abs(pt.d) <= -o.c2 * dphi0; };

  // zoom(lo, hi): lo satisfies Armijo and has the lowest f seen; the minimiser lies between.
  auto zoom = [&](Point lo, Point hi) -> LineSearchResult {
    for (int j = 0; j < o.max_zoom; ++j) {
      const double left = std::min(lo.a, hi.a), right = std::max(lo.a, hi.a), w = right - left;
      if (w <= std::numeric_limits<double>::epsilon() * std::max(1.0, right))
        return fail(LineSearchStatus::bracket_collapsed);
      double a = hi.finite() ? cubic_min(lo, hi) : std::nan("");
      if (!std::isfinite(a) && std::isfinite(hi.f)) a = quad_min(lo, hi);
      // Safeguard: stay ≥ 10 % of the width away from both ends, otherwise bisect.
      if (!std::isfinite(a) || a < left + 0.1 * w || a > right - 0.1 * w) a = 0.5 * (left + right);
      const Point t = eval(a);
      if (!t.finite() || !armijo_ok(t) || t.f >= lo.f) {
        hi = t.finite() ? t : Point{a, std::numeric_limits<double>::infinity(), std::nan("")};
      } else {
        if (curvature_ok(t)) return accept(t);
        if (t.d * (hi.a - lo.a) >= 0) hi = lo;
        lo = t;
      }
    }
    return fail(LineSearchStatus::max_iterations);
  };

  Point prev{0.0, f0, dphi0};
  double a = std::min(alpha0, o.alpha_max);
  for (int i = 1; i <= o.max_expansions; ++i) {
    const Point t = eval(a);
    if (!t.finite())  // overflow along p: too long, never accepted
      return zoom(prev, Point{a, std::numeric_limits<double>::infinity(), std::nan("")});
    if (!armijo_ok(t) || (i > 1 && t.f >= prev.f)) return zoom(prev, t);
    if (curvature_ok(t)) return accept(t);
    if (t.d >= 0) return zoom(t, prev);
    if (a >= o.alpha_max) break;
    // Still descending at α: extrapolate.  Moré–Thuente (1994): the minimiser of the cubic
    // through (prev, t), kept in [α + 1.1(α − α_prev), α + 4(α − α_prev)]; the upper end when
    // the cubic has no minimiser ahead.  (Plain doubling needs more trials when the first step
    // is far too short, as eq. 3.60's often is.)
    const double step = a - prev.a, c = cubic_min(prev, t);
    const double lo_ext = a + 1.1 * step, hi_ext = a + 4 * step;
    const double next = std::isfinite(c) && c > a ? std::clamp(c, lo_ext, hi_ext) : hi_ext;
    prev = t;
    a = std::min(next, o.alpha_max);
  }
  return fail(LineSearchStatus::max_iterations);
}

}  // namespace optlab
