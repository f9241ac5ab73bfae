#pragma once
// Lesson 04 — Minibatch stochastic gradient descent.                     CONTRACT HEADER
//
// The tests compare your implementation with the reference to rounding, so every convention
// they rely on is pinned here.  Do not change this file; write sgd.cpp.
//
// The objective is a finite sum f(θ) = (1/N) Σᵢ fᵢ(θ) (obj.num_examples() = N > 0).  A minibatch
// B gives the MEAN gradient ĝ = (1/|B|) Σ_{i∈B} ∇fᵢ(θ) — that is what obj.batch_value_gradient()
// returns — so a batch of all N examples gives exactly ∇f and the learning rate does not depend
// on the batch size.
#include <optlab/optlab.hpp>

#include <cstdint>
#include <vector>

namespace optlab {

// ---- 1. Batches of one epoch ---------------------------------------------------------------
// The index batches of ONE epoch over n examples:
//   order = rng.permutation(n)          (exactly one call per epoch: a fresh order every epoch)
//   batches = consecutive slices of `order` of batch_size indices each; the last batch holds
//             the n mod batch_size left over (when that is not 0), so every index appears once.
// batch_size > n gives a single batch of all n.  n = 0 or batch_size = 0 throws
// optlab::invalid_argument naming the argument.
std::vector<arma::uvec> sgd_epoch_batches(arma::uword n, arma::uword batch_size, Rng& rng);

// ---- 2. Learning-rate schedules ------------------------------------------------------------
enum class SGDScheduleKind {
  constant,      // η = η₀
  step_decay,    // η = η₀·γ^⌊epoch / step_epochs⌋          (drop by γ every step_epochs epochs)
  inverse_time,  // η = η₀ / (1 + decay·t)                    (Robbins–Monro style 1/t decay)
};
struct SGDSchedule {
  SGDScheduleKind kind = SGDScheduleKind::constant;
  double eta0 = 0.1;     // η₀ > 0
  double gamma = 0.5;    // step_decay factor, in (0, 1]
  int step_epochs = 10;  // step_decay period in epochs, ≥ 1
  double decay = 0.01;   // inverse_time rate, ≥ 0
};
// The learning rate of an update made in epoch `epoch` (0 for the first epoch) after `t`
// earlier updates (t = 0 for the very first update of the run, counted across epochs).
// Invalid schedule parameters (see above) throw optlab::invalid_argument naming the field.
double sgd_learning_rate(const SGDSchedule& s, int epoch, long t);

// ---- 3. Gradient clipping ------------------------------------------------------------------
// Clipping by norm (the tutorial's remedy for exploding gradients, slide 'Solutions'): if
// ‖g‖ > max_norm, rescale g ← g·max_norm/‖g‖ (same direction, norm max_norm); otherwise leave g alone.
// max_norm = 0 disables clipping; max_norm < 0 throws optlab::invalid_argument.
void sgd_clip_by_norm(arma::vec& g, double max_norm);

// ---- 4. The SGD run --------------------------------------------------------------------------
struct SGDOptions {
  SGDSchedule schedule;
  arma::uword batch_size = 32;  // 1 … N (larger means N, i.e. full-batch gradient descent)
  std::uint64_t seed = 0;       // the run's Rng(seed) gives every epoch's order
  double clip_norm = 0;         // > 0: clip each minibatch gradient by norm; 0 = off
  StopOptions stop;             // one iteration = one EPOCH
};

// Minibatch SGD with RunMonitor(obj, opts.stop, "sgd") doing the bookkeeping:
//   Rng rng(opts.seed);  t = 0;  f, g = obj.value_gradient(x₀)
//   while (!mon.record(x, f, g, η_last)):                       // once per epoch (η_last NaN at first)
//     for each batch B in sgd_epoch_batches(N, batch_size, rng):
//       η = sgd_learning_rate(schedule, epoch, t)             // epoch = 0, 1, … ; t = updates so far
//       ĝ = mean gradient on B (obj.batch_value_gradient)
//       if ĝ is not finite: mon.stop(Status::non_finite, …) and end the epoch without updating
//       sgd_clip_by_norm(ĝ, clip_norm);  x ← x − η·ĝ;  t ← t + 1
//     f, g = obj.value_gradient(x)                            // full f and ∇f at the epoch's end
//   return mon.result()
// So the trace has one row per epoch with f and ‖∇f‖ on ALL examples, and alpha = the rate of
// the epoch's last update.
// Invalid input (x0 size ≠ obj.dim(), obj not a finite sum, batch_size = 0, bad schedule,
// clip_norm < 0) throws optlab::invalid_argument naming the argument.
Result sgd_minimize(const Objective& obj, const arma::vec& x0, const SGDOptions& opts = {});

}  // namespace optlab
