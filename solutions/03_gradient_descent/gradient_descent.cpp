// Lesson 03 — reference solution: gradient descent written out as a complete training loop
// (no RunMonitor: this file is the model of what RunMonitor does for later lessons).
#include "gradient_descent.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

namespace optlab {

namespace {

std::string fmt(double v) {
  std::ostringstream os;
  os.precision(6);
  os << v;
  return os.str();
}

const double nan_value = std::numeric_limits<double>::quiet_NaN();

}  // namespace

Status gd_stopping_test(const StopOptions& stop, const GDProgress& p) {
  const bool first = p.iteration == 0;
  // 1. Never reason about a NaN: stop before any comparison can silently come out false.
  if (!std::isfinite(p.f) || !p.g.is_finite() || !p.x.is_finite()) return Status::non_finite;
  // 2. An exploding f (step size above 2/L) is caught long before it overflows.
  if (!first && p.f > p.f0 + stop.diverge_factor * std::max(1.0, std::abs(p.f0))) return Status::diverged;
  // 3. ‖x‖ running away: the infimum may lie at infinity (f unbounded below).
  if (arma::norm(p.x) > stop.max_x_norm) return Status::unbounded;
  // 4. First-order optimality, relative to |f| because an absolute 1e-8 is unreachable when f is large.
  const double ginf = p.g.n_elem ? arma::norm(p.g, "inf") : 0.0;
  const double scale = std::max(1.0, std::abs(p.f));
  if (stop.gtol > 0 && ginf <= stop.gtol * scale) return Status::converged_gradient;
  // 5. Small relative decrease of f — only together with a (loose) gradient test: on a slow
  //    stretch f barely moves although the gradient is large (docs/algorithms.md §7).
  if (!first && stop.ftol > 0 &&
      p.f_prev - p.f <= stop.ftol * std::max({std::abs(p.f), std::abs(p.f_prev), 1.0}) &&
      ginf <= stop.ftol_gtol * scale)
    return Status::converged_f_change;
  // 6. Steps below xtol relative to ‖x‖.
  if (!first && stop.xtol > 0 && p.x_prev.n_elem == p.x.n_elem &&
      arma::norm(p.x - p.x_prev) <= stop.xtol * (stop.xtol + arma::norm(p.x_prev)))
    return Status::converged_step;
  // 7–8. Budgets.
  if (p.iteration >= stop.max_iterations) return Status::max_iterations;
  if (stop.max_evaluations > 0 && p.evaluations >= stop.max_evaluations) return Status::max_evaluations;
  return Status::running;
}

LineSearchResult armijo_backtracking(const Objective& obj, const arma::vec& x, double f, const arma::vec& g,
                                     const arma::vec& p, double alpha0, const LineSearchOptions& opts) {
  const char* where = "armijo_backtracking";
  require_size(x, obj.dim(), where, "x");
  require_size(g, obj.dim(), where, "g");
  require_size(p, obj.dim(), where, "p");
  require(alpha0 > 0 && std::isfinite(alpha0), where, "alpha0", alpha0, "a positive finite step");
  require(opts.c1 > 0 && opts.c1 < 1, where, "c1", opts.c1, "in (0, 1)");
  require(opts.rho > 0 && opts.rho < 1, where, "rho", opts.rho, "in (0, 1)");
  require(opts.max_backtracks >= 1, where, "max_backtracks", opts.max_backtracks, ">= 1");

  LineSearchResult r;
  r.alpha = 0.0;
  r.x = x;
  r.f = f;
  // φ'(0) = gᵀp must be negative, else no small step decreases f.
  const double slope = arma::dot(g, p);
  if (!(slope < 0)) {
    r.status = LineSearchStatus::not_descent;
    return r;
  }
  bool any_finite = false;
  double alpha = alpha0;
  for (int trial = 1; trial <= opts.max_backtracks; ++trial) {
    arma::vec xt = x + alpha * p;
    const double ft = obj.value(xt);
    r.evaluations = trial;
    if (std::isfinite(ft)) {
      any_finite = true;
      // Armijo: the decrease must be at least a fraction c₁ of what the tangent line promises.
      if (ft <= f + opts.c1 * alpha * slope) {
        r.status = LineSearchStatus::ok;
        r.alpha = alpha;
        r.x = std::move(xt);
        r.f = ft;
        return r;
      }
    }
    alpha *= opts.rho;  // too long (or overflowed): shrink
  }
  r.status = any_finite ? LineSearchStatus::max_iterations : LineSearchStatus::non_finite;
  return r;
}

Result gradient_descent(const Objective& obj, const arma::vec& x0, const GradientDescentOptions& opts) {
  const char* where = "gradient_descent";
  require_size(x0, obj.dim(), where, "x0");
  require_finite(x0, where, "x0");
  require(opts.learning_rate > 0 && std::isfinite(opts.learning_rate), where, "learning_rate", opts.learning_rate,
          "a positive finite step size");
  require(opts.stop.max_iterations >= 0, where, "stop.max_iterations", opts.stop.max_iterations, ">= 0");
  require(opts.stop.gtol >= 0, where, "stop.gtol", opts.stop.gtol, ">= 0");
  require(opts.stop.ftol >= 0, where, "stop.ftol", opts.stop.ftol, ">= 0");
  require(opts.stop.xtol >= 0, where, "stop.xtol", opts.stop.xtol, ">= 0");

  const auto t0 = std::chrono::steady_clock::now();
  const auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  const EvalCounts start = obj.counts();

  Result res;
  res.method = opts.backtracking ? "gd_armijo" : "gd";
  const bool keep_path = obj.dim() <= 10;

  // One trace row per evaluated iterate; counts are cumulative since the start of the run.
  const auto record = [&](int k, const arma::vec& x, double f, const arma::vec& g, double step, double alpha) {
    TraceRow row;
    row.iteration = k;
    row.f = f;
    row.grad_norm = arma::norm(g);
    row.step_norm = step;
    row.alpha = alpha;
    row.n_value = obj.counts().value - start.value;
    row.n_gradient = obj.counts().gradient - start.gradient;
    row.n_hessian = 0;
    row.seconds = seconds();
    res.trace.rows.push_back(row);
    if (keep_path) res.trace.path.push_back(x);
  };
  const auto evaluations = [&] {
    return (obj.counts().value - start.value) + (obj.counts().gradient - start.gradient);
  };

  // Chapter 3 §7 steps 1–3: forward pass, loss, backprop — all inside value_gradient.
  GDProgress p;
  p.x = x0;
  p.f = obj.value_gradient(p.x, p.g);
  p.f0 = p.f;
  p.evaluations = evaluations();
  record(0, p.x, p.f, p.g, 0.0, nan_value);

  // The last iterate with finite f and g: what the run hands back if it blows up.
  arma::vec x_ok = p.x, g_ok = p.g;
  double f_ok = p.f;
  bool have_ok = std::isfinite(p.f) && p.g.is_finite();

  Status status = Status::running;
  std::string message;
  while (true) {
    status = gd_stopping_test(opts.stop, p);
    if (status != Status::running) break;

    // Chapter 3 §7 step 4: the update θ ← θ − α∇L.
    arma::vec x_new;
    double alpha = opts.learning_rate;
    if (opts.backtracking) {
      const LineSearchResult ls = armijo_backtracking(obj, p.x, p.f, p.g, -p.g, opts.learning_rate, opts.line_search);
      if (!ls.ok()) {
        status = Status::line_search_failed;
        message = "Armijo backtracking found no acceptable step (" + to_string(ls.status) + ") at iteration " +
                  std::to_string(p.iteration) + "; is the gradient correct?";
        break;
      }
      alpha = ls.alpha;
      x_new = ls.x;
    } else {
      x_new = p.x - alpha * p.g;
    }

    arma::vec g_new;
    const double f_new = obj.value_gradient(x_new, g_new);
    p.x_prev = std::move(p.x);
    p.f_prev = p.f;
    p.x = std::move(x_new);
    p.g = std::move(g_new);
    p.f = f_new;
    ++p.iteration;
    p.evaluations = evaluations();
    record(p.iteration, p.x, p.f, p.g, arma::norm(p.x - p.x_prev), alpha);
    if (std::isfinite(p.f) && p.g.is_finite() && p.x.is_finite()) {
      x_ok = p.x;
      g_ok = p.g;
      f_ok = p.f;
      have_ok = true;
    }
  }

  switch (status) {
    case Status::non_finite:
      message = "f or its gradient became non-finite at iteration " + std::to_string(p.iteration) +
                "; returning the last finite iterate (learning rate too large?)";
      break;
    case Status::diverged:
      message = "f grew from " + fmt(p.f0) + " to " + fmt(p.f) + " (learning rate above 2/L?)";
      break;
    case Status::unbounded:
      message = "|x| = " + fmt(arma::norm(p.x)) + " exceeds max_x_norm = " + fmt(opts.stop.max_x_norm) +
                " (f unbounded below?)";
      break;
    case Status::converged_gradient:
      message = "|g|inf = " + fmt(arma::norm(p.g, "inf")) + " <= gtol*max(1,|f|)";
      break;
    case Status::converged_f_change:
      message = "relative decrease of f below ftol with |g|inf = " + fmt(arma::norm(p.g, "inf"));
      break;
    case Status::converged_step:
      message = "step below xtol";
      break;
    case Status::max_iterations:
      message = "reached max_iterations = " + std::to_string(opts.stop.max_iterations);
      break;
    case Status::max_evaluations:
      message = "reached max_evaluations = " + std::to_string(opts.stop.max_evaluations);
      break;
    default:
      break;  // line_search_failed: message set above
  }

  res.x = x_ok;
  res.f = have_ok ? f_ok : nan_value;
  res.grad_norm = have_ok ? arma::norm(g_ok) : nan_value;
  res.iterations = static_cast<int>(res.trace.rows.size()) - 1;
  const EvalCounts& now = obj.counts();
  res.evals.value = now.value - start.value;
  res.evals.gradient = now.gradient - start.gradient;
  res.evals.hessian = now.hessian - start.hessian;
  res.evals.hessian_vector = now.hessian_vector - start.hessian_vector;
  res.evals.jacobian = now.jacobian - start.jacobian;
  res.evals.residual = now.residual - start.residual;
  res.evals.examples = now.examples - start.examples;
  res.status = status;
  res.message = message;
  res.seconds = seconds();
  return res;
}

}  // namespace optlab
