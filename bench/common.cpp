#include "common.hpp"

#include <cmath>
#include <limits>

namespace bench {

using namespace optlab;

Problem quadratic_problem() {
  auto q = std::make_shared<Quadratic>(Quadratic::with_condition(100, 1e3, 7));
  Problem p;
  p.name = "quadratic100";
  p.x0 = arma::zeros(100);
  const double f0 = q->value(p.x0), fs = q->min_value();
  p.f_target = fs + 1e-6 * (f0 - fs);
  p.target_text = "f - f* <= 1e-6 (f0 - f*)";
  p.obj = q;
  return p;
}

Problem rosenbrock_problem(arma::uword n) {
  Problem p;
  p.name = "rosenbrock" + std::to_string(n);
  p.obj = std::make_shared<Rosenbrock>(n);
  p.x0 = Rosenbrock::start(n);
  p.f_target = 1e-8;
  p.target_text = "f <= 1e-8";
  return p;
}

Problem moons_problem() {
  const Dataset d = two_moons(200, 1, 0.1);
  MLP net = MLP::make({2, 16, 16, 2}, Activation::tanh);
  Problem p;
  p.name = "moons_mlp";
  p.x0 = net.init(Init::xavier, 1);
  p.obj = std::make_shared<MLPProblem>(net, d.X, d.T, Loss::softmax_cross_entropy, 0.0, "moons_mlp");
  p.f_target = 0.05;
  p.target_text = "cross-entropy <= 0.05";
  return p;
}

Problem curve_problem() {
  const Dataset d = curve_1d(100, 1, 0.05);
  MLP net = MLP::make({1, 8, 1}, Activation::tanh);
  Problem p;
  p.name = "curve_mlp";
  p.x0 = net.init(Init::xavier, 1);
  p.obj = std::make_shared<MLPProblem>(net, d.X, d.T, Loss::mse, 0.0, "curve_mlp");
  p.f_target = 0.005;  // twice the noise floor 0.05²
  p.target_text = "MSE <= 0.005 (noise floor 0.0025)";
  return p;
}

StopOptions budget(int max_iterations) {
  StopOptions s;
  s.max_iterations = max_iterations;
  s.gtol = 1e-10;
  return s;
}

namespace {

struct ToTarget {
  bool reached = false;
  double iters = 0, evals = 0, hessians = 0, seconds = 0;
};

ToTarget to_target(const Result& r, double f_target) {
  ToTarget t;
  for (const TraceRow& row : r.trace.rows) {
    if (std::isfinite(row.f) && row.f <= f_target) {
      t.reached = true;
      t.iters = row.iteration;
      t.evals = static_cast<double>(row.n_value + row.n_gradient);
      t.hessians = static_cast<double>(row.n_hessian);
      t.seconds = row.seconds;
      break;
    }
  }
  return t;
}

}  // namespace

void add(const std::string& method, const Problem& p, Runner run) {
  benchmark::RegisterBenchmark(("opt/" + method + "/" + p.name).c_str(),
                               [p, run](benchmark::State& st) {
                                 Result r;
                                 for (auto _ : st) {
                                   r = run(p);
                                   // Not DoNotOptimize(r.f): Google Benchmark 1.7's "+r" asm constraint garbles a double
                                   // held in memory with GCC; the Result is used after the loop anyway.
                                   benchmark::DoNotOptimize(r.x.memptr());
                                 }
                                 const ToTarget t = to_target(r, p.f_target);
                                 st.counters["reached"] = t.reached ? 1.0 : 0.0;
                                 if (t.reached) {  // (a NaN would make Google Benchmark's JSON invalid)
                                   st.counters["iters_to_target"] = t.iters;
                                   st.counters["evals_to_target"] = t.evals;
                                   st.counters["hessians_to_target"] = t.hessians;
                                   st.counters["s_to_target"] = t.seconds;
                                 }
                                 st.counters["run_iterations"] = r.iterations;
                                 st.counters["run_evals"] = static_cast<double>(r.evals.function_evals());
                                 if (std::isfinite(r.f)) st.counters["f_final"] = r.f;
                                 st.counters["f_target"] = p.f_target;
                                 st.SetLabel(to_string(r.status) + "|" + p.target_text);
                               })
      ->Unit(benchmark::kMillisecond)
      ->MinTime(0.2);
}

}  // namespace bench
