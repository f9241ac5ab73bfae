#pragma once
// Batch normalization (Ioffe & Szegedy 2015; the tutorial, slide 'Solutions', against unstable
// gradients) of a batch of pre-activations Z (N×n, examples are rows), unit by unit over the batch:
//   Ẑ(:, j) = (Z(:, j) − μⱼ) / √(σⱼ² + ε),   μⱼ, σⱼ² = mean and (biased, 1/N) variance of column j.
// Without the learned scale and shift (γ = 1, β = 0): enough to show what it does to gradients
// (figure 10); the lab's MLP itself has no normalization layers.
#include <armadillo>

namespace optlab {

struct BatchNormCache {
  arma::mat Zhat;         // Ẑ
  arma::rowvec inv_std;   // 1/√(σ² + ε) per column
};

// Throws optlab::invalid_argument for an empty Z (N = 0) or eps < 0 / not finite.
arma::mat batch_norm_forward(const arma::mat& Z, double eps, BatchNormCache& cache);

// dZ from dẐ = ∂L/∂Ẑ.  Every Ẑᵢⱼ depends on the whole column j through μⱼ and σⱼ, so
//   dZ(:, j) = inv_stdⱼ · (dẐ(:, j) − mean(dẐ(:, j)) − Ẑ(:, j) · mean(dẐ(:, j) ⊙ Ẑ(:, j))).
arma::mat batch_norm_backward(const arma::mat& dZhat, const BatchNormCache& cache);

}  // namespace optlab
