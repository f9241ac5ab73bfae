#pragma once
// Lesson 08 — Adam (Kingma & Ba, ICLR 2015, Algorithm 1) and AdamW (Loshchilov & Hutter, ICLR
// 2019, decoupled weight decay): the CONTRACT shared by your code (lessons/08_adam/adam.cpp), the
// reference solution and the tests.  Do not change this file; write adam.cpp.
//
// Conventions the tests rely on (docs/algorithms.md §6, PyTorch's torch.optim.Adam
// and torch.optim.AdamW with amsgrad = false):
//   * everything is ELEMENTWISE: g² means g % g;
//   * the moments start at zero and t at 0: AdamState(n) gives m = v = 0, t = 0;
//   * one step is, in this order,
//         t ← t + 1                                   (so the FIRST step uses t = 1)
//         g ← g + λ·x          only for Adam + L2      (decoupled_weight_decay = false, λ > 0)
//         m ← β₁·m + (1 − β₁)·g
//         v ← β₂·v + (1 − β₂)·g²
//         m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ)      (bias correction)
//         x ← x − α·( m̂ / (√v̂ + ε) + λ·x )           (the λ·x term only for AdamW, with the x
//                                                       from BEFORE the step; ε OUTSIDE the root)
//     AdamW's decay never enters m or v: on a coordinate with zero gradient it is exactly
//     x ← (1 − αλ)·x.  With Adam + L2 the decay λx is part of the gradient and gets normalised
//     by √v̂ like the rest of it.
//   * with minibatches (batch_size > 0) g is the MEAN gradient over the batch.
#include <armadillo>
#include <cstdint>

#include <optlab/driver.hpp>
#include <optlab/objective.hpp>
#include <optlab/result.hpp>

namespace optlab {

struct AdamOptions {
  double learning_rate = 1e-3;          // α   (PyTorch default)
  double beta1 = 0.9;                   // β₁ ∈ [0, 1), decay of the first moment m
  double beta2 = 0.999;                 // β₂ ∈ [0, 1), decay of the second moment v
  double eps = 1e-8;                    // ε > 0, added to √v̂
  double weight_decay = 0.0;            // λ ≥ 0 (PyTorch Adam: 0, AdamW: 1e-2)
  bool decoupled_weight_decay = false;  // false: Adam + L2 (λx added to g); true: AdamW
  StopOptions stop;                     // iteration = epoch when batch_size > 0
  arma::uword batch_size = 0;           // 0 = full batch
  std::uint64_t seed = 0;               // minibatch order
};

// PyTorch's AdamW defaults: α = 1e-3, λ = 1e-2, decoupled weight decay.
inline AdamOptions adamw_options(double weight_decay = 1e-2) {
  AdamOptions o;
  o.weight_decay = weight_decay;
  o.decoupled_weight_decay = true;
  return o;
}

// What Adam remembers between steps.
struct AdamState {
  arma::vec m;  // first moment (moving average of g), biased towards 0
  arma::vec v;  // second moment (moving average of g²), biased towards 0
  long t = 0;   // number of steps taken so far
  explicit AdamState(arma::uword n) : m(n, arma::fill::zeros), v(n, arma::fill::zeros) {}
};

// YOU WRITE THIS: one Adam / AdamW step, updating state (t, m, v) and x in place.
// x, g, state.m and state.v have the same size (the solution throws optlab::invalid_argument otherwise).
void adam_step(arma::vec& x, const arma::vec& g, AdamState& state, const AdamOptions& opts);

// Given complete: runs adam_step inside lib's run_update_rule (tracing, minibatches, stopping).
// Result::method is "adamw" when decoupled_weight_decay is set, "adam" otherwise.  Throws
// optlab::invalid_argument for bad options.
Result adam_minimize(const Objective& f, const arma::vec& x0, const AdamOptions& opts = {});

}  // namespace optlab
