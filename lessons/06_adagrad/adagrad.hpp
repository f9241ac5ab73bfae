#pragma once
// Lesson 06 — AdaGrad (Duchi, Hazan & Singer, JMLR 2011): the CONTRACT shared by your code
// (lessons/06_adagrad/adagrad.cpp), the reference solution and the tests.  Do not change this
// file; write adagrad.cpp.
//
// Conventions the tests rely on (docs/algorithms.md §6, PyTorch's torch.optim.Adagrad):
//   * everything is ELEMENTWISE: g² means g % g (each coordinate squared), not gᵀg;
//   * the accumulator starts at zero: G₀ = 0 (AdagradState(n) does that for you);
//   * one step is, in this order,
//         G ← G + g²                      (a running SUM of squared gradients, never an average)
//         x ← x − η · g / (√G + ε)        (ε OUTSIDE the square root, as PyTorch)
//   * with minibatches (batch_size > 0) g is the MEAN gradient over the batch (run_update_rule
//     gives you exactly that).
#include <armadillo>
#include <cstdint>

#include <optlab/driver.hpp>
#include <optlab/objective.hpp>
#include <optlab/result.hpp>

namespace optlab {

struct AdagradOptions {
  double learning_rate = 0.01;  // η   (PyTorch default)
  double eps = 1e-10;           // ε > 0, added to √G (PyTorch default); keeps 0/0 away on zero gradients
  StopOptions stop;             // iteration = epoch when batch_size > 0
  arma::uword batch_size = 0;   // 0 = full batch
  std::uint64_t seed = 0;       // minibatch order
};

// What AdaGrad remembers between steps: G, the elementwise sum of all squared gradients so far.
struct AdagradState {
  arma::vec sum_sq;  // G, one entry per coordinate of x
  explicit AdagradState(arma::uword n) : sum_sq(n, arma::fill::zeros) {}
};

// YOU WRITE THIS: one AdaGrad step, updating state.sum_sq and x in place.
// x, g and state.sum_sq have the same size (the solution throws optlab::invalid_argument otherwise).
void adagrad_step(arma::vec& x, const arma::vec& g, AdagradState& state, const AdagradOptions& opts);

// Given complete: runs adagrad_step inside lib's run_update_rule (tracing, minibatches, stopping).
// Result::method is "adagrad".  Throws optlab::invalid_argument for bad options.
Result adagrad_minimize(const Objective& f, const arma::vec& x0, const AdagradOptions& opts = {});

}  // namespace optlab
