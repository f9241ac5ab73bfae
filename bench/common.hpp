#pragma once
// Shared by the benchmark programs: the benchmark problems and the bookkeeping that turns one
// optimizer run into Google Benchmark counters (iterations, evaluations and time to a target loss).
#include <benchmark/benchmark.h>

#include <functional>
#include <memory>
#include <optlab/optlab.hpp>
#include <string>
#include <vector>

namespace bench {

// A benchmark problem: an objective, a start, and the loss a run must reach to count as solved.
struct Problem {
  std::string name;
  std::shared_ptr<const optlab::Objective> obj;
  arma::vec x0;
  double f_target = 0;      // "reached" when f(x_k) ≤ f_target
  std::string target_text;  // how f_target was chosen, for the summary
};

// The lib's test functions ...
Problem quadratic_problem();          // 100-D rotated quadratic, κ = 1000; f − f* ≤ 1e-6·(f₀ − f*)
Problem rosenbrock_problem(arma::uword n);  // from (−1.2, 1, …); f ≤ 1e-8
// ... and MLP problems (Xavier initialisation, seed 1).
Problem moons_problem();  // two moons (200), 2-16-16-2 tanh, softmax cross-entropy; f ≤ 0.05
Problem curve_problem();  // curve_1d (100), 1-8-1 tanh, MSE (least squares: residuals); f ≤ 0.005

// Stopping options of every benchmark run: the iteration budget, a gradient test far below the
// target (so runs stop on the budget or a true convergence, not before the target).
optlab::StopOptions budget(int max_iterations);

// Runs the optimizer from p.x0; the Result decides the counters.
using Runner = std::function<optlab::Result(const Problem& p)>;

// Registers "opt/<method>/<problem>": every benchmark iteration is one complete run; the counters
// (from the last run) are
//   reached            1 when some recorded iterate had f ≤ f_target
//   iters_to_target    first such iterate's index (iterations or epochs, as the method counts)
//   evals_to_target    function evaluations (value + gradient + residual calls) up to it
//   hessians_to_target full Hessians up to it
//   s_to_target        wall time from the start of the run to it (RunMonitor's clock)
//   iterations, evals, f_final   for the whole run
// and the label is the run's final status.
void add(const std::string& method, const Problem& p, Runner run);

}  // namespace bench
