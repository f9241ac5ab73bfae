// mutant: drops the last partial batch of each epoch
// expect: last partial batch
// Lesson 04 — reference solution: minibatch SGD with schedules and gradient clipping.
#include "sgd.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace optlab {

std::vector<arma::uvec> sgd_epoch_batches(arma::uword n, arma::uword batch_size, Rng& rng) {
  if (n == 0) fail_argument("sgd_epoch_batches", "n", "= 0, expected at least one example");
  if (batch_size == 0) fail_argument("sgd_epoch_batches", "batch_size", "= 0, expected 1..n");
  // A fresh random order every epoch: examples meet in different batches, so the gradient
  // noise is not the same pattern epoch after epoch.
  const arma::uvec order = rng.permutation(n);
  std::vector<arma::uvec> batches;
  batches.reserve((n + batch_size - 1) / batch_size);
  for (arma::uword start = 0; start + batch_size <= n; start += batch_size) {
    // The last slice may be shorter: dropping it would never train on those examples this epoch.
    const arma::uword end = std::min(start + batch_size, n);
    batches.push_back(order.subvec(start, end - 1));
  }
  return batches;
}

static void check_schedule(const SGDSchedule& s, const char* where) {
  require(s.eta0 > 0 && std::isfinite(s.eta0), where, "eta0", s.eta0, "a positive finite learning rate");
  switch (s.kind) {
    case SGDScheduleKind::constant:
      break;
    case SGDScheduleKind::step_decay:
      require(s.gamma > 0 && s.gamma <= 1, where, "gamma", s.gamma, "in (0, 1]");
      require(s.step_epochs >= 1, where, "step_epochs", s.step_epochs, ">= 1");
      break;
    case SGDScheduleKind::inverse_time:
      require(s.decay >= 0 && std::isfinite(s.decay), where, "decay", s.decay, ">= 0");
      break;
  }
}

double sgd_learning_rate(const SGDSchedule& s, int epoch, long t) {
  check_schedule(s, "sgd_learning_rate");
  require(epoch >= 0, "sgd_learning_rate", "epoch", epoch, ">= 0");
  require(t >= 0, "sgd_learning_rate", "t", t, ">= 0");
  switch (s.kind) {
    case SGDScheduleKind::constant:
      return s.eta0;
    case SGDScheduleKind::step_decay:
      // Piecewise constant: η₀γ^⌊e/P⌋ (integer division is the floor for e ≥ 0).
      return s.eta0 * std::pow(s.gamma, static_cast<double>(epoch / s.step_epochs));
    case SGDScheduleKind::inverse_time:
      // Σηₜ = ∞ but Σηₜ² < ∞: the Robbins–Monro conditions under which SGD's noise averages out.
      return s.eta0 / (1.0 + s.decay * static_cast<double>(t));
  }
  return s.eta0;
}

void sgd_clip_by_norm(arma::vec& g, double max_norm) {
  require(max_norm >= 0 && !std::isnan(max_norm), "sgd_clip_by_norm", "max_norm", max_norm, ">= 0 (0 = no clipping)");
  if (max_norm == 0) return;
  const double n = arma::norm(g);
  // Rescale the whole vector: the direction is kept, only the length is capped (Pascanu et al. 2013).
  if (n > max_norm) g *= max_norm / n;
}

Result sgd_minimize(const Objective& obj, const arma::vec& x0, const SGDOptions& opts) {
  const char* where = "sgd_minimize";
  require_size(x0, obj.dim(), where, "x0");
  require_finite(x0, where, "x0");
  const arma::uword n = obj.num_examples();
  if (n == 0) fail_argument(where, "obj", "'" + obj.name() + "' is not a finite sum (num_examples() = 0)");
  require(opts.batch_size >= 1, where, "batch_size", opts.batch_size, "1..N");
  check_schedule(opts.schedule, where);
  require(opts.clip_norm >= 0, where, "clip_norm", opts.clip_norm, ">= 0 (0 = no clipping)");

  RunMonitor mon(obj, opts.stop, "sgd");
  Rng rng(opts.seed);
  arma::vec x = x0, g, gb;
  double f = obj.value_gradient(x, g);
  double eta = std::numeric_limits<double>::quiet_NaN();
  long t = 0;
  int epoch = 0;
  while (!mon.record(x, f, g, eta)) {
    for (const arma::uvec& batch : sgd_epoch_batches(n, opts.batch_size, rng)) {
      eta = sgd_learning_rate(opts.schedule, epoch, t);
      // Mean gradient over the batch: an unbiased estimate of ∇f whose size does not grow with |B|.
      const double fb = obj.batch_value_gradient(x, batch, gb);
      if (!std::isfinite(fb) || !gb.is_finite()) {
        mon.stop(Status::non_finite, "the minibatch gradient became non-finite in epoch " + std::to_string(epoch) +
                                         "; returning the last finite iterate (learning rate too large?)");
        break;
      }
      sgd_clip_by_norm(gb, opts.clip_norm);
      x -= eta * gb;
      ++t;
    }
    ++epoch;
    // The full-data loss and gradient once per epoch, for the trace and the stopping tests.
    f = obj.value_gradient(x, g);
  }
  return mon.result();
}

}  // namespace optlab
