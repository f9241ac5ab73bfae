// Lesson 06 — AdaGrad.  Write adagrad_step; adagrad_minimize is given complete.
// Contract and conventions: adagrad.hpp.  Run the tests with ./lab test 06.
#include "adagrad.hpp"

#include <cmath>

#include <optlab/core.hpp>

namespace optlab {

// Given: option checks (call it from adagrad_step too if you like).
static void check_adagrad_options(const AdagradOptions& o, const char* where) {
  require(o.learning_rate > 0 && std::isfinite(o.learning_rate), where, "learning_rate", o.learning_rate,
          "a finite number > 0");
  require(o.eps > 0 && std::isfinite(o.eps), where, "eps", o.eps, "a finite number > 0");
}

void adagrad_step(arma::vec& x, const arma::vec& g, AdagradState& state, const AdagradOptions& opts) {
  // TODO(student): G ← G + g² (elementwise), then x ← x − η·g/(√G + ε) with ε outside the square root
  OPTLAB_TODO("adagrad_step");
}

// Given: the driver.  run_update_rule evaluates f and g, records the trace, handles minibatches
// and the stopping tests, and calls your step once per gradient.
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
