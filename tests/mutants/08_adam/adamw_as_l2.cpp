// mutant: AdamW implemented as Adam + L2 (the decay is added to the gradient even when decoupled)
// expect: decoupled
// Lesson 08 — Adam and AdamW, reference solution.
#include "adam.hpp"

#include <cmath>

#include <optlab/core.hpp>

namespace optlab {

// Options are checked once per call; all checks are O(1).
static void check_adam_options(const AdamOptions& o, const char* where) {
  require(o.learning_rate > 0 && std::isfinite(o.learning_rate), where, "learning_rate", o.learning_rate,
          "a finite number > 0");
  // β = 1 would make the bias correction 1 − βᵗ = 0 on every step.
  require(o.beta1 >= 0 && o.beta1 < 1, where, "beta1", o.beta1, "a number in [0, 1)");
  require(o.beta2 >= 0 && o.beta2 < 1, where, "beta2", o.beta2, "a number in [0, 1)");
  // ε = 0 would turn a coordinate whose gradients have all been 0 into 0/0 = NaN.
  require(o.eps > 0 && std::isfinite(o.eps), where, "eps", o.eps, "a finite number > 0");
  require(o.weight_decay >= 0 && std::isfinite(o.weight_decay), where, "weight_decay", o.weight_decay,
          "a finite number >= 0");
}

void adam_step(arma::vec& x, const arma::vec& g_in, AdamState& state, const AdamOptions& opts) {
  check_adam_options(opts, "adam_step");
  require_size(g_in, x.n_elem, "adam_step", "g");
  require_size(state.m, x.n_elem, "adam_step", "state.m");
  require_size(state.v, x.n_elem, "adam_step", "state.v");
  require(state.t >= 0, "adam_step", "state.t", state.t, ">= 0 (the number of steps taken)");

  // t counts from 1 on the first step: with t = 0 the bias correction 1 − β⁰ would be 0.
  ++state.t;
  const double t = static_cast<double>(state.t);
  const double lambda = opts.weight_decay;

  // Adam + L2: the decay is part of the gradient, so it goes through m and v (and gets
  // normalised by √v̂ like everything else).
  const bool l2 = lambda > 0;  // MISTAKE: AdamW's decay goes through the gradient too
  const arma::vec g = l2 ? arma::vec(g_in + lambda * x) : g_in;

  // Moving averages of g and g², both started at 0 and therefore biased towards 0 ...
  state.m = opts.beta1 * state.m + (1.0 - opts.beta1) * g;
  state.v = opts.beta2 * state.v + (1.0 - opts.beta2) * arma::square(g);
  // ... which dividing by 1 − βᵗ (the weight the average has put on real data so far) undoes.
  // Without it the first step would be (1−β₁)/√(1−β₂) ≈ 3.16 α instead of α.
  const arma::vec m_hat = state.m / (1.0 - std::pow(opts.beta1, t));
  const arma::vec v_hat = state.v / (1.0 - std::pow(opts.beta2, t));
  arma::vec step = m_hat / (arma::sqrt(v_hat) + opts.eps);  // ≈ ±1 per coordinate: |step| ≲ α
  // AdamW: decay x itself, proportionally, outside the adaptive normalisation (Loshchilov & Hutter).
  x -= opts.learning_rate * step;
}

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
