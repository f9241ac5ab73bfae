#pragma once
// Lesson 07 — RMSProp (Hinton, Coursera "Neural Networks for Machine Learning", lecture 6e):
// the CONTRACT shared by your code (lessons/07_rmsprop/rmsprop.cpp), the reference solution and
// the tests.  Do not change this file; write rmsprop.cpp.
//
// Conventions the tests rely on (docs/algorithms.md §6, PyTorch's torch.optim.RMSprop
// with centered = false, momentum = 0):
//   * everything is ELEMENTWISE: g² means g % g;
//   * the average starts at zero: v₀ = 0 (RMSPropState(n) does that for you);
//   * one step is, in this order,
//         v ← ρ·v + (1 − ρ)·g²            (an exponential moving AVERAGE of squared gradients)
//         x ← x − η · g / (√v + ε)        (ε OUTSIDE the square root, as PyTorch)
//   * NO bias correction: v is used as it is, even on the first steps (Adam, lesson 08, corrects it);
//   * with minibatches (batch_size > 0) g is the MEAN gradient over the batch.
#include <armadillo>
#include <cstdint>

#include <optlab/driver.hpp>
#include <optlab/objective.hpp>
#include <optlab/result.hpp>

namespace optlab {

struct RMSPropOptions {
  double learning_rate = 0.01;  // η   (PyTorch default; Keras uses 1e-3)
  double rho = 0.99;            // ρ ∈ [0, 1), decay of the average (PyTorch calls it alpha; Keras rho = 0.9)
  double eps = 1e-8;            // ε > 0, added to √v (PyTorch default)
  StopOptions stop;             // iteration = epoch when batch_size > 0
  arma::uword batch_size = 0;   // 0 = full batch
  std::uint64_t seed = 0;       // minibatch order
};

// What RMSProp remembers between steps: v, the moving average of the squared gradients.
struct RMSPropState {
  arma::vec sq_avg;  // v, one entry per coordinate of x
  explicit RMSPropState(arma::uword n) : sq_avg(n, arma::fill::zeros) {}
};

// YOU WRITE THIS: one RMSProp step, updating state.sq_avg and x in place.
// x, g and state.sq_avg have the same size (the solution throws optlab::invalid_argument otherwise).
void rmsprop_step(arma::vec& x, const arma::vec& g, RMSPropState& state, const RMSPropOptions& opts);

// Given complete: runs rmsprop_step inside lib's run_update_rule (tracing, minibatches, stopping).
// Result::method is "rmsprop".  Throws optlab::invalid_argument for bad options.
Result rmsprop_minimize(const Objective& f, const arma::vec& x0, const RMSPropOptions& opts = {});

}  // namespace optlab
