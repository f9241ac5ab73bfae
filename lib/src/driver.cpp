#include "optlab/driver.hpp"
#include <memory>

#include "optlab/core.hpp"
#include "optlab/datasets.hpp"

namespace optlab {

arma::vec GradientOracle::gradient_at(const arma::vec& y) const {
  arma::vec g;
  value_gradient_at(y, g);
  return g;
}

double GradientOracle::value_gradient_at(const arma::vec& y, arma::vec& g) const {
  return batch_ ? f_.batch_value_gradient(y, *batch_, g) : f_.value_gradient(y, g);
}

static void clip(arma::vec& g, double c) {
  if (c <= 0) return;
  const double n = arma::norm(g);
  if (n > c) g *= c / n;  // gradient clipping by norm (Pascanu et al. 2013)
}

Result run_update_rule(const Objective& f, arma::vec x, const UpdateRule& rule, const DriverOptions& o,
                       const std::string& method) {
  require_size(x, f.dim(), "run_update_rule", "x0");
  require(o.clip_norm >= 0, "run_update_rule", "clip_norm", o.clip_norm, ">= 0");
  if (o.batch_size > 0 && f.num_examples() == 0)
    fail_argument("run_update_rule", "batch_size", "= " + std::to_string(o.batch_size) + " but objective '" + f.name() +
                                                        "' is not a finite sum; use batch_size = 0");
  RunMonitor mon(f, o.stop, method);
  arma::vec g;
  double fx = f.value_gradient(x, g);
  long t = 0;
  const bool minibatch = o.batch_size > 0;
  std::unique_ptr<MinibatchIterator> it;
  if (minibatch) it = std::make_unique<MinibatchIterator>(f.num_examples(), o.batch_size, o.seed);
  while (!mon.record(x, fx, g)) {
    if (o.on_iteration) o.on_iteration(mon.iteration() - 1, x);
    if (!minibatch) {
      clip(g, o.clip_norm);
      rule(x, g, ++t, GradientOracle(f, nullptr));
    } else {
      arma::uvec batch;
      arma::vec gb;
      while (it->next(batch)) {
        f.batch_value_gradient(x, batch, gb);
        if (!gb.is_finite()) {  // stop now: never step along a NaN (x keeps its last finite value)
          mon.stop(Status::non_finite, "a minibatch gradient became non-finite in epoch " + std::to_string(mon.iteration()) +
                                           " (learning rate too large?)");
          break;
        }
        clip(gb, o.clip_norm);
        rule(x, gb, ++t, GradientOracle(f, &batch));
      }
    }
    fx = f.value_gradient(x, g);
  }
  return mon.result();
}

}  // namespace optlab
