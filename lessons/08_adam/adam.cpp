// Lesson 08 — Adam and AdamW.  Write adam_step; adam_minimize is given complete.
// Contract and conventions: adam.hpp.  Run the tests with ./lab test 08.
#include "adam.hpp"

#include <cmath>

#include <optlab/core.hpp>

namespace optlab {

// Given: option checks (call it from adam_step too if you like).
static void check_adam_options(const AdamOptions& o, const char* where) {
  require(o.learning_rate > 0 && std::isfinite(o.learning_rate), where, "learning_rate", o.learning_rate,
          "a finite number > 0");
  require(o.beta1 >= 0 && o.beta1 < 1, where, "beta1", o.beta1, "a number in [0, 1)");
  require(o.beta2 >= 0 && o.beta2 < 1, where, "beta2", o.beta2, "a number in [0, 1)");
  require(o.eps > 0 && std::isfinite(o.eps), where, "eps", o.eps, "a finite number > 0");
  require(o.weight_decay >= 0 && std::isfinite(o.weight_decay), where, "weight_decay", o.weight_decay,
          "a finite number >= 0");
}

void adam_step(arma::vec& x, const arma::vec& g, AdamState& state, const AdamOptions& opts) {
  // TODO(student): t ← t+1; (Adam+L2: g += λx); update m, v; bias-correct; x −= α(m̂/(√v̂+ε) [+ λx for AdamW])
  OPTLAB_TODO("adam_step");
}

// Given: the driver.  run_update_rule evaluates f and g (the MEAN over the minibatch when
// batch_size > 0), records the trace, handles the stopping tests, and calls your step.
Result adam_minimize(const Objective& f, const arma::vec& x0, const AdamOptions& opts) {
  check_adam_options(opts, "adam_minimize");
  require_size(x0, f.dim(), "adam_minimize", "x0");
  AdamState state(x0.n_elem);  // m₀ = v₀ = 0, t = 0
  DriverOptions d;
  d.stop = opts.stop;
  d.batch_size = opts.batch_size;
  d.seed = opts.seed;
  const UpdateRule rule = [&](arma::vec& x, const arma::vec& g, long, const GradientOracle&) {
    adam_step(x, g, state, opts);
  };
  return run_update_rule(f, x0, rule, d, opts.decoupled_weight_decay ? "adamw" : "adam");
}

}  // namespace optlab
