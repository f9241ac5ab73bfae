// Lesson 07 — RMSProp.  Write rmsprop_step; rmsprop_minimize is given complete.
// Contract and conventions: rmsprop.hpp.  Run the tests with ./lab test 07.
#include "rmsprop.hpp"

#include <cmath>

#include <optlab/core.hpp>

namespace optlab {

// Given: option checks (call it from rmsprop_step too if you like).
static void check_rmsprop_options(const RMSPropOptions& o, const char* where) {
  require(o.learning_rate > 0 && std::isfinite(o.learning_rate), where, "learning_rate", o.learning_rate,
          "a finite number > 0");
  require(o.rho >= 0 && o.rho < 1, where, "rho", o.rho, "a number in [0, 1)");
  require(o.eps > 0 && std::isfinite(o.eps), where, "eps", o.eps, "a finite number > 0");
}

void rmsprop_step(arma::vec& x, const arma::vec& g, RMSPropState& state, const RMSPropOptions& opts) {
  // TODO(student): v ← ρ·v + (1−ρ)·g² (elementwise), then x ← x − η·g/(√v + ε); no bias correction
  OPTLAB_TODO("rmsprop_step");
}

// Given: the driver.  run_update_rule evaluates f and g (the MEAN over the minibatch when
// batch_size > 0), records the trace, handles the stopping tests, and calls your step.
Result rmsprop_minimize(const Objective& f, const arma::vec& x0, const RMSPropOptions& opts) {
  check_rmsprop_options(opts, "rmsprop_minimize");
  require_size(x0, f.dim(), "rmsprop_minimize", "x0");
  RMSPropState state(x0.n_elem);  // v₀ = 0
  DriverOptions d;
  d.stop = opts.stop;
  d.batch_size = opts.batch_size;
  d.seed = opts.seed;
  const UpdateRule rule = [&](arma::vec& x, const arma::vec& g, long, const GradientOracle&) {
    rmsprop_step(x, g, state, opts);
  };
  return run_update_rule(f, x0, rule, d, "rmsprop");
}

}  // namespace optlab
