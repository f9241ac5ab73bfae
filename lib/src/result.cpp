#include "optlab/result.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "optlab/core.hpp"

namespace optlab {

std::string to_string(Status s) {
  switch (s) {
    case Status::running: return "running";
    case Status::converged_gradient: return "converged_gradient";
    case Status::converged_f_change: return "converged_f_change";
    case Status::converged_step: return "converged_step";
    case Status::converged_precision: return "converged_precision";
    case Status::max_iterations: return "max_iterations";
    case Status::max_evaluations: return "max_evaluations";
    case Status::line_search_failed: return "line_search_failed";
    case Status::diverged: return "diverged";
    case Status::non_finite: return "non_finite";
    case Status::unbounded: return "unbounded";
    case Status::failed: return "failed";
  }
  return "unknown";
}

bool is_converged(Status s) {
  return s == Status::converged_gradient || s == Status::converged_f_change || s == Status::converged_step ||
         s == Status::converged_precision;
}

static double trace_value(const TraceRow& r, const std::string& name, const std::vector<std::string>& extra) {
  if (name == "iteration") return r.iteration;
  if (name == "f") return r.f;
  if (name == "grad_norm") return r.grad_norm;
  if (name == "step_norm") return r.step_norm;
  if (name == "alpha") return r.alpha;
  if (name == "n_value") return static_cast<double>(r.n_value);
  if (name == "n_gradient") return static_cast<double>(r.n_gradient);
  if (name == "n_function") return static_cast<double>(r.n_value + r.n_gradient);
  if (name == "n_hessian") return static_cast<double>(r.n_hessian);
  if (name == "seconds") return r.seconds;
  for (size_t i = 0; i < extra.size(); ++i)
    if (extra[i] == name) return i < r.extra.size() ? r.extra[i] : std::nan("");
  throw invalid_argument("Trace::column: argument 'name' = " + name + " is not a trace column");
}

std::vector<double> Trace::column(const std::string& name) const {
  std::vector<double> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(trace_value(r, name, extra_names));
  return out;
}

void Trace::write_csv(const std::string& path, bool with_time) const {
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  std::ofstream os(path);
  if (!os) throw std::runtime_error("Trace::write_csv: cannot write '" + path + "'");
  os << "iteration,f,grad_norm,step_norm,alpha,n_value,n_gradient,n_hessian";
  if (with_time) os << ",seconds";
  for (const auto& e : extra_names) os << "," << e;
  os << "\n" << std::setprecision(17);
  for (const auto& r : rows) {
    os << r.iteration << "," << r.f << "," << r.grad_norm << "," << r.step_norm << "," << r.alpha << ","
       << r.n_value << "," << r.n_gradient << "," << r.n_hessian;
    if (with_time) os << "," << r.seconds;
    for (size_t i = 0; i < extra_names.size(); ++i) os << "," << (i < r.extra.size() ? r.extra[i] : std::nan(""));
    os << "\n";
  }
}

Trace Trace::read_csv(const std::string& path) {
  std::ifstream is(path);
  if (!is) throw std::runtime_error("Trace::read_csv: cannot read '" + path + "'");
  std::string line;
  std::getline(is, line);
  std::vector<std::string> header;
  {
    std::stringstream ss(line);
    std::string h;
    while (std::getline(ss, h, ',')) header.push_back(h);
  }
  static const std::vector<std::string> known = {"iteration", "f", "grad_norm", "step_norm", "alpha",
                                                 "n_value", "n_gradient", "n_hessian", "seconds"};
  Trace t;
  for (const auto& h : header)
    if (std::find(known.begin(), known.end(), h) == known.end()) t.extra_names.push_back(h);
  while (std::getline(is, line)) {
    if (line.empty()) continue;
    std::stringstream ss(line);
    std::string cell;
    TraceRow r;
    size_t col = 0;
    while (std::getline(ss, cell, ',') && col < header.size()) {
      const double v = std::strtod(cell.c_str(), nullptr);
      const auto& h = header[col++];
      if (h == "iteration") r.iteration = static_cast<int>(v);
      else if (h == "f") r.f = v;
      else if (h == "grad_norm") r.grad_norm = v;
      else if (h == "step_norm") r.step_norm = v;
      else if (h == "alpha") r.alpha = v;
      else if (h == "n_value") r.n_value = static_cast<long>(v);
      else if (h == "n_gradient") r.n_gradient = static_cast<long>(v);
      else if (h == "n_hessian") r.n_hessian = static_cast<long>(v);
      else if (h == "seconds") r.seconds = v;
      else r.extra.push_back(v);
    }
    t.rows.push_back(std::move(r));
  }
  return t;
}

std::string Result::summary() const {
  std::ostringstream os;
  os << std::setprecision(6) << method << ": " << to_string(status) << " after " << iterations
     << " iterations, f = " << f << ", |g| = " << grad_norm << ", evaluations f/g/H = " << evals.value << "/"
     << evals.gradient << "/" << evals.hessian;
  if (evals.residual || evals.jacobian) os << ", residuals/Jacobians " << evals.residual << "/" << evals.jacobian;
  if (!message.empty()) os << " (" << message << ")";
  return os.str();
}

// ---------------------------------------------------------------------------------------------
RunMonitor::RunMonitor(const Objective& obj, const StopOptions& opts, std::string method)
    : obj_(obj), opts_(opts), method_(std::move(method)), start_counts_(obj.counts()),
      t0_(std::chrono::steady_clock::now()) {
  require(opts.max_iterations >= 0, "RunMonitor", "max_iterations", opts.max_iterations, ">= 0");
  require(opts.gtol >= 0, "RunMonitor", "gtol", opts.gtol, ">= 0");
  require(opts.ftol >= 0, "RunMonitor", "ftol", opts.ftol, ">= 0");
  require(opts.xtol >= 0, "RunMonitor", "xtol", opts.xtol, ">= 0");
}

double RunMonitor::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
}

void RunMonitor::stop(Status s, std::string message) {
  if (status_ != Status::running) return;
  status_ = s;
  message_ = std::move(message);
}

static std::string fmt(double v) {
  std::ostringstream os;
  os << std::setprecision(6) << v;
  return os.str();
}

bool RunMonitor::record(const arma::vec& x, double f, const arma::vec& g, double alpha, Extras extras) {
  const EvalCounts& c = obj_.counts();
  TraceRow row;
  row.iteration = iteration_;
  row.f = f;
  row.grad_norm = g.n_elem ? arma::norm(g) : std::nan("");
  row.alpha = alpha;
  row.n_value = c.value - start_counts_.value + c.residual - start_counts_.residual;
  row.n_gradient = c.gradient - start_counts_.gradient;
  row.n_hessian = c.hessian - start_counts_.hessian;
  row.seconds = elapsed();
  const bool have_prev = iteration_ > 0 && x_prev_.n_elem == x.n_elem;
  row.step_norm = have_prev ? arma::norm(x - x_prev_) : 0.0;
  for (const auto& [name, value] : extras) {
    auto it = std::find(trace_.extra_names.begin(), trace_.extra_names.end(), name);
    size_t idx = static_cast<size_t>(it - trace_.extra_names.begin());
    if (it == trace_.extra_names.end()) trace_.extra_names.push_back(name);
    if (row.extra.size() <= idx) row.extra.resize(idx + 1, std::nan(""));
    row.extra[idx] = value;
  }
  row.extra.resize(trace_.extra_names.size(), std::nan(""));
  trace_.rows.push_back(row);
  if (x.n_elem <= 10) trace_.path.push_back(x);

  const bool finite = std::isfinite(f) && g.is_finite() && x.is_finite();
  if (status_ == Status::running) {
    if (!finite) {
      stop(Status::non_finite, "f or its gradient became non-finite at iteration " + std::to_string(iteration_) +
                                   "; returning the last finite iterate (step size too large?)");
    } else if (iteration_ > 0 && f > f0_ + opts_.diverge_factor * std::max(1.0, std::abs(f0_))) {
      stop(Status::diverged, "f grew from " + fmt(f0_) + " to " + fmt(f) + " (step size too large?)");
    } else if (arma::norm(x) > opts_.max_x_norm) {
      stop(Status::unbounded, "|x| = " + fmt(arma::norm(x)) + " exceeds max_x_norm = " + fmt(opts_.max_x_norm));
    } else {
      const double ginf = g.n_elem ? arma::norm(g, "inf") : 0.0;
      // Scale by |f| but never by more than |f₀|: a diverging run, where ‖g‖ grows like √f, must not
      // look converged because its f grew even faster.
      const double scale = std::max(1.0, iteration_ == 0 ? std::abs(f) : std::min(std::abs(f), std::max(std::abs(f0_), 1.0)));
      if (opts_.gtol > 0 && ginf <= opts_.gtol * scale) {
        stop(Status::converged_gradient, "|g|inf = " + fmt(ginf) + " <= gtol*max(1,|f|)");
      } else if (iteration_ > 0 && opts_.ftol > 0 &&
                 f_prev_ - f <= opts_.ftol * std::max({std::abs(f), std::abs(f_prev_), 1.0}) &&
                 ginf <= opts_.ftol_gtol * scale) {
        stop(Status::converged_f_change, "relative decrease of f below ftol with |g|inf = " + fmt(ginf));
      } else if (have_prev && opts_.xtol > 0 && row.step_norm <= opts_.xtol * (opts_.xtol + arma::norm(x_prev_))) {
        stop(Status::converged_step, "step " + fmt(row.step_norm) + " below xtol");
      } else if (iteration_ >= opts_.max_iterations) {
        stop(Status::max_iterations, "reached max_iterations = " + std::to_string(opts_.max_iterations));
      } else if (opts_.max_evaluations > 0 && row.n_value + row.n_gradient >= opts_.max_evaluations) {
        stop(Status::max_evaluations, "reached max_evaluations = " + std::to_string(opts_.max_evaluations));
      }
    }
  }
  if (finite) {
    if (iteration_ == 0) f0_ = f;
    f_prev_ = f;
    f_last_ = f;
    g_last_ = row.grad_norm;
    x_best_ = x;
  }
  x_prev_ = x;
  ++iteration_;
  return status_ != Status::running;
}

Result RunMonitor::result() const {
  Result r;
  r.method = method_;
  r.x = x_best_;
  r.f = f_last_;
  r.grad_norm = g_last_;
  r.iterations = std::max(0, iteration_ - 1);
  const EvalCounts& c = obj_.counts();
  r.evals.value = c.value - start_counts_.value;
  r.evals.gradient = c.gradient - start_counts_.gradient;
  r.evals.hessian = c.hessian - start_counts_.hessian;
  r.evals.hessian_vector = c.hessian_vector - start_counts_.hessian_vector;
  r.evals.jacobian = c.jacobian - start_counts_.jacobian;
  r.evals.residual = c.residual - start_counts_.residual;
  r.evals.examples = c.examples - start_counts_.examples;
  r.status = status_ == Status::running ? Status::failed : status_;
  r.message = status_ == Status::running ? "the optimizer returned before its run was finished" : message_;
  r.seconds = elapsed();
  r.trace = trace_;
  return r;
}

}  // namespace optlab
