#pragma once
// One result type for every optimizer in the lab: where it ended, why it stopped, what it cost,
// and a per-iteration trace.  RunMonitor is the stopping bookkeeping an optimizer loop calls
// once per iterate; it owns the trace, the stopping tests and divergence detection.
#include <armadillo>
#include <chrono>
#include <initializer_list>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "optlab/objective.hpp"

namespace optlab {

enum class Status {
  running,               // not finished (never returned by a finished run)
  converged_gradient,    // ‖g‖∞ ≤ gtol·max(1,|f|)
  converged_f_change,    // relative f decrease ≤ ftol while ‖g‖∞ ≤ ftol_gtol·max(1,|f|)
  converged_step,        // ‖x₊−x‖ ≤ xtol·(xtol+‖x‖)
  converged_precision,   // line search cannot improve f in floating point and ‖g‖ is nearly small
  max_iterations,
  max_evaluations,
  line_search_failed,    // no acceptable step even after resetting to steepest descent
  diverged,              // f grew beyond diverge_factor·max(1,|f₀|) above f₀
  non_finite,            // f or g became NaN/Inf; x is the last finite iterate
  unbounded,             // ‖x‖ exceeded max_x_norm (infimum at infinity?)
  failed,                // anything else (message says what)
};

std::string to_string(Status s);
bool is_converged(Status s);  // the converged_* family

struct TraceRow {
  int iteration = 0;
  double f = 0, grad_norm = 0;  // grad_norm is the 2-norm
  double step_norm = 0;         // ‖x_k − x_{k−1}‖ (0 at k = 0)
  double alpha = 0;             // step length / learning rate used to reach x_k (NaN if none)
  long n_value = 0, n_gradient = 0, n_hessian = 0;  // cumulative evaluation counts
  double seconds = 0;           // wall time since the run started
  std::vector<double> extra;    // values of Trace::extra_names (NaN where not given)
};

struct Trace {
  std::vector<std::string> extra_names;
  std::vector<TraceRow> rows;
  std::vector<arma::vec> path;  // the iterates themselves, kept for small problems (dim ≤ 10) to draw trajectories

  // Column of the trace by name ("iteration", "f", "grad_norm", "step_norm", "alpha", "n_value",
  // "n_gradient", "n_function" (= value+gradient), "n_hessian", "seconds", or an extra name).
  std::vector<double> column(const std::string& name) const;
  // CSV with a header line.  Without `with_time` the seconds column is left out, so the file is
  // byte-identical between runs (the lab's figures rely on that).
  void write_csv(const std::string& path, bool with_time = false) const;
  static Trace read_csv(const std::string& path);
};

struct Result {
  std::string method;
  arma::vec x;               // final iterate (the last finite one if the run blew up)
  double f = std::numeric_limits<double>::quiet_NaN();
  double grad_norm = std::numeric_limits<double>::quiet_NaN();
  int iterations = 0;
  EvalCounts evals;
  Status status = Status::running;
  std::string message;       // human explanation of the status
  double seconds = 0;
  Trace trace;

  bool converged() const { return is_converged(status); }
  std::string summary() const;  // one line: method, status, f, ‖g‖, iterations, evaluations
};

struct StopOptions {
  int max_iterations = 1000;
  long max_evaluations = 0;      // function evaluations (value + gradient + residual); 0 = no limit
  double gtol = 1e-6;            // (a) ‖g‖∞ ≤ gtol·max(1,|f|); 0 disables
  double ftol = 0.0;             // (b) f_{k−1}−f_k ≤ ftol·max(|f_k|,|f_{k−1}|,1) ...
  double ftol_gtol = 1e-3;       //     ... counts only while ‖g‖∞ ≤ ftol_gtol·max(1,|f|): never alone
  double xtol = 0.0;             // (c) ‖x_k−x_{k−1}‖ ≤ xtol·(xtol+‖x_{k−1}‖); 0 disables
  double diverge_factor = 1e8;   // f_k > f₀ + diverge_factor·max(1,|f₀|) ⇒ diverged
  double max_x_norm = 1e10;      // ‖x‖ > max_x_norm ⇒ unbounded
};

// Stopping bookkeeping for an optimizer loop:
//
//   RunMonitor mon(obj, opts.stop, "momentum");
//   double f = obj.value_gradient(x, g);
//   while (!mon.record(x, f, g, alpha)) {  ...update x...;  f = obj.value_gradient(x, g); }
//   return mon.result();
//
// record() is called for x₀ (iteration 0) and after every update.  It appends a trace row and
// returns true when the run must stop, with the status set: non-finite f or g, divergence,
// ‖x‖ runaway, the gradient / f-change / step tests, the iteration and evaluation limits.
// result() returns the last finite iterate, so a diverging run never hands back a NaN.
class RunMonitor {
 public:
  RunMonitor(const Objective& obj, const StopOptions& opts, std::string method);

  using Extras = std::initializer_list<std::pair<const char*, double>>;
  bool record(const arma::vec& x, double f, const arma::vec& g,
              double alpha = std::numeric_limits<double>::quiet_NaN(), Extras extras = {});
  // Stop for a method-specific reason (e.g. line search failed); record() then returns true.
  void stop(Status s, std::string message);
  bool stopped() const { return status_ != Status::running; }
  Status status() const { return status_; }
  int iteration() const { return iteration_; }  // index of the next row to record
  const Trace& trace() const { return trace_; }
  double elapsed() const;
  Result result() const;

 private:
  const Objective& obj_;
  StopOptions opts_;
  std::string method_;
  Trace trace_;
  int iteration_ = 0;
  Status status_ = Status::running;
  std::string message_;
  arma::vec x_prev_, x_best_;
  double f0_ = 0, f_prev_ = 0, f_last_ = std::numeric_limits<double>::quiet_NaN();
  double g_last_ = std::numeric_limits<double>::quiet_NaN();
  EvalCounts start_counts_;
  std::chrono::steady_clock::time_point t0_;
};

}  // namespace optlab
