#pragma once
// Lesson 05 — Momentum and Nesterov.                                       CONTRACT HEADER
//
// The tests compare your implementation with the reference to rounding, so every convention
// they rely on is pinned here.  Do not change this file; write momentum.cpp.
//
// Both methods use the VELOCITY form of Sutskever et al. (2013) (docs/algorithms.md §6; the
// tutorial, slide 'Solution: momentum', where the slide's α is our μ):
//   heavy ball (Polyak):  v ← μv − η∇f(θ);        θ ← θ + v
//   Nesterov:             v ← μv − η∇f(θ + μv);   θ ← θ + v
// with v₀ = 0, so the FIRST step of both is plain gradient descent θ₁ = θ₀ − η∇f(θ₀).
// θ moves by the NEW velocity.  (PyTorch's SGD stores b = −v/η instead and its Nesterov iterate
// is our θ + μv; those give the same path only for a constant η — not what is tested here.)
#include <optlab/optlab.hpp>

#include <cstdint>

namespace optlab {

struct MomentumOptions {
  double learning_rate = 0.01;  // η > 0
  double momentum = 0.9;        // μ in [0, 1); μ = 0 is plain gradient descent
  bool nesterov = false;        // false: heavy ball, true: Nesterov's look-ahead gradient
  arma::uword batch_size = 0;   // 0: full batch; B > 0: minibatch epochs (finite sums only)
  std::uint64_t seed = 0;       // minibatch order
  StopOptions stop;             // one iteration = one update (full batch) or one epoch (minibatch)
};

// One heavy-ball step in place, given the gradient g = ∇f(x):
//   v ← μ·v − η·g;   x ← x + v
// x, v and g of different sizes throw optlab::invalid_argument (so do both step functions).
void momentum_step(arma::vec& x, arma::vec& v, const arma::vec& g, double learning_rate, double momentum);

// One Nesterov step in place.  The gradient is taken at the LOOK-AHEAD point x + μ·v, through
// oracle.gradient_at(x + μv) (on the same minibatch as the current step):
//   v ← μ·v − η·∇f(x + μv);   x ← x + v
void nesterov_step(arma::vec& x, arma::vec& v, const GradientOracle& oracle, double learning_rate, double momentum);

// Minimise obj from x0 with lib's run_update_rule as the driver (evaluation, minibatches, trace,
// stopping tests): the update rule keeps its own velocity v, starting from v₀ = 0 (a zero
// vector of obj.dim()), and calls momentum_step (with the g it is given) or nesterov_step (with
// the oracle it is given; the g passed in is then not used).  Method name: "momentum" or
// "nesterov".  DriverOptions: stop, batch_size and seed from opts, no clipping.
// Invalid input (x0 size ≠ obj.dim(), learning_rate ≤ 0 or not finite, momentum ∉ [0, 1))
// throws optlab::invalid_argument naming the argument.
Result momentum_minimize(const Objective& obj, const arma::vec& x0, const MomentumOptions& opts = {});

}  // namespace optlab
