// Lesson 07 — RMSProp, reference solution.
#include "rmsprop.hpp"

#include <cmath>

#include <optlab/core.hpp>

namespace optlab {

// Options are checked once per call; all checks are O(1).
static void check_rmsprop_options(const RMSPropOptions& o, const char* where) {
  require(o.learning_rate > 0 && std::isfinite(o.learning_rate), where, "learning_rate", o.learning_rate,
          "a finite number > 0");
  // ρ = 1 would freeze v at 0 forever (then every step divides by ε).
  require(o.rho >= 0 && o.rho < 1, where, "rho", o.rho, "a number in [0, 1)");
  // ε = 0 would turn a coordinate whose gradients have all been 0 into 0/0 = NaN.
  require(o.eps > 0 && std::isfinite(o.eps), where, "eps", o.eps, "a finite number > 0");
}

void rmsprop_step(arma::vec& x, const arma::vec& g, RMSPropState& state, const RMSPropOptions& opts) {
  check_rmsprop_options(opts, "rmsprop_step");
  require_size(g, x.n_elem, "rmsprop_step", "g");
  require_size(state.sq_avg, x.n_elem, "rmsprop_step", "state.sq_avg");
  // v ← ρv + (1−ρ)g²: unlike AdaGrad's sum, old gradients are forgotten geometrically (memory
  // ≈ 1/(1−ρ) steps), so the step does not shrink to zero while the gradient stays put.
  state.sq_avg = opts.rho * state.sq_avg + (1.0 - opts.rho) * arma::square(g);
  // x ← x − η g/(√v + ε): √v is the recent RMS of each coordinate's gradient.  No bias
  // correction: v starts at 0, so the first steps are larger than η (by 1/√(1−ρᵗ)).
  x -= opts.learning_rate * (g / (arma::sqrt(state.sq_avg) + opts.eps));
}

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
