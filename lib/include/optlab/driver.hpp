#pragma once
// A generic driver for first-order update rules (ensmallen style: the rule is separate from the
// loop).  The driver owns evaluation, minibatching, the trace and the stopping tests; the rule
// only says how x moves given a gradient.
//
//   full batch  (batch_size = 0): iteration k evaluates f, g at x_k, records them, then calls
//                                  the rule once:  x_{k+1} = rule(x_k, g_k).
//   minibatch   (batch_size = B): iteration k is one EPOCH: every example is visited once in a
//                                  fresh seeded order (the last batch may be smaller), the rule is
//                                  called once per batch with that batch's MEAN gradient; f and
//                                  the full gradient are recorded at the end of each epoch.
#include <armadillo>
#include <cstdint>
#include <functional>
#include <string>

#include "optlab/objective.hpp"
#include "optlab/result.hpp"

namespace optlab {

// Gradient at another point, on the same minibatch as the current step (Nesterov needs it).
class GradientOracle {
 public:
  GradientOracle(const Objective& f, const arma::uvec* batch) : f_(f), batch_(batch) {}
  arma::vec gradient_at(const arma::vec& y) const;
  double value_gradient_at(const arma::vec& y, arma::vec& g) const;

 private:
  const Objective& f_;
  const arma::uvec* batch_;  // nullptr = full batch
};

// x ← rule(x, g); t counts calls of the rule from 1 (Adam's bias correction relies on that).
using UpdateRule = std::function<void(arma::vec& x, const arma::vec& g, long t, const GradientOracle& oracle)>;

struct DriverOptions {
  StopOptions stop;               // iteration = epoch in minibatch mode
  arma::uword batch_size = 0;     // 0 = full batch
  std::uint64_t seed = 0;         // minibatch order
  double clip_norm = 0;           // > 0: rescale g so that ‖g‖ ≤ clip_norm before the rule sees it
  // Called after every recorded iteration (e.g. to log test accuracy as an extra column or to
  // print progress); may return extra trace columns.
  std::function<void(int iteration, const arma::vec& x)> on_iteration;
};

Result run_update_rule(const Objective& f, arma::vec x0, const UpdateRule& rule, const DriverOptions& opts,
                       const std::string& method);

}  // namespace optlab
