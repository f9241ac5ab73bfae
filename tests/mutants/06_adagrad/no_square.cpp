// mutant: accumulates g instead of g^2 (forgot the square)
// expect: not squared
// Lesson 06 — AdaGrad, reference solution.
#include "adagrad.hpp"

#include <cmath>

#include <optlab/core.hpp>

namespace optlab {

// Options are checked once per call; all checks are O(1).
static void check_adagrad_options(const AdagradOptions& o, const char* where) {
  require(o.learning_rate > 0 && std::isfinite(o.learning_rate), where, "learning_rate", o.learning_rate,
          "a finite number > 0");
  // ε = 0 would turn a coordinate whose gradients have all been 0 into 0/0 = NaN.
  require(o.eps > 0 && std::isfinite(o.eps), where, "eps", o.eps, "a finite number > 0");
}

void adagrad_step(arma::vec& x, const arma::vec& g, AdagradState& state, const AdagradOptions& opts) {
  check_adagrad_options(opts, "adagrad_step");
  require_size(g, x.n_elem, "adagrad_step", "g");
  require_size(state.sum_sq, x.n_elem, "adagrad_step", "state.sum_sq");
  // G ← G + g²: every coordinate remembers how much gradient it has seen in total, so
  // coordinates with large (or frequent) gradients get small steps and rare ones large steps.
  state.sum_sq += g;  // MISTAKE
  // x ← x − η g / (√G + ε): the step is measured in units of x; rescaling a coordinate's
  // gradient by c rescales both g and √G by c and leaves the step unchanged.
  x -= opts.learning_rate * (g / (arma::sqrt(state.sum_sq) + opts.eps));
}

Result adagrad_minimize(const Objective& f, const arma::vec& x0, const AdagradOptions& opts) {
  check_adagrad_options(opts, "adagrad_minimize");
  require_size(x0, f.dim(), "adagrad_minimize", "x0");
  AdagradState state(x0.n_elem);  // G₀ = 0
  DriverOptions d;
  d.stop = opts.stop;
  d.batch_size = opts.batch_size;
  d.seed = opts.seed;
  const UpdateRule rule = [&](arma::vec& x, const arma::vec& g, long, const GradientOracle&) {
    adagrad_step(x, g, state, opts);
  };
  return run_update_rule(f, x0, rule, d, "adagrad");
}

}  // namespace optlab
