// Lesson 05 — reference solution: heavy-ball momentum and Nesterov's accelerated gradient in
// Sutskever's velocity form, driven by lib's run_update_rule.
#include "momentum.hpp"

#include <cmath>
#include <string>

namespace optlab {

static void check_sizes(const arma::vec& x, const arma::vec& v, const char* where) {
  if (v.n_elem != x.n_elem)
    fail_argument(where, "v", "has " + std::to_string(v.n_elem) + " elements, expected " + std::to_string(x.n_elem) +
                                  " like x");
}

void momentum_step(arma::vec& x, arma::vec& v, const arma::vec& g, double learning_rate, double momentum) {
  check_sizes(x, v, "momentum_step");
  if (g.n_elem != x.n_elem)
    fail_argument("momentum_step", "g", "has " + std::to_string(g.n_elem) + " elements, expected " +
                                            std::to_string(x.n_elem) + " like x");
  // The velocity is a decaying sum of past gradients: along a valley floor they add up, across
  // the valley they alternate in sign and cancel (the tutorial, slide 'Solution: momentum').
  v = momentum * v - learning_rate * g;
  x += v;  // the NEW velocity moves x
}

void nesterov_step(arma::vec& x, arma::vec& v, const GradientOracle& oracle, double learning_rate, double momentum) {
  check_sizes(x, v, "nesterov_step");
  // Look ahead to where the momentum is carrying us and correct with the gradient THERE: if the
  // velocity overshoots, the gradient at x + μv already points back.
  const arma::vec g_ahead = oracle.gradient_at(x + momentum * v);
  if (g_ahead.n_elem != x.n_elem)
    fail_argument("nesterov_step", "oracle", "returned a gradient with " + std::to_string(g_ahead.n_elem) +
                                                 " elements, expected " + std::to_string(x.n_elem));
  v = momentum * v - learning_rate * g_ahead;
  x += v;
}

Result momentum_minimize(const Objective& obj, const arma::vec& x0, const MomentumOptions& opts) {
  const char* where = "momentum_minimize";
  require_size(x0, obj.dim(), where, "x0");
  require(opts.learning_rate > 0 && std::isfinite(opts.learning_rate), where, "learning_rate", opts.learning_rate,
          "a positive finite step size");
  // μ ≥ 1 never forgets a gradient: the velocity does not decay and the iteration cannot settle.
  require(opts.momentum >= 0 && opts.momentum < 1, where, "momentum", opts.momentum, "in [0, 1)");

  arma::vec v(obj.dim(), arma::fill::zeros);  // v₀ = 0: the first step is a gradient step
  const double eta = opts.learning_rate, mu = opts.momentum;
  UpdateRule rule;
  if (opts.nesterov)
    rule = [&v, eta, mu](arma::vec& x, const arma::vec&, long, const GradientOracle& oracle) {
      nesterov_step(x, v, oracle, eta, mu);
    };
  else
    rule = [&v, eta, mu](arma::vec& x, const arma::vec& g, long, const GradientOracle&) {
      momentum_step(x, v, g, eta, mu);
    };

  DriverOptions d;
  d.stop = opts.stop;
  d.batch_size = opts.batch_size;
  d.seed = opts.seed;
  return run_update_rule(obj, x0, rule, d, opts.nesterov ? "nesterov" : "momentum");
}

}  // namespace optlab
