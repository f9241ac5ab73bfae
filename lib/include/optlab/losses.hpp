#pragma once
// Losses over a batch.  Rows of Y (network output) and T (targets) are examples; every loss is
// the MEAN over the N rows (Chapter 3 §4; the notes "Backpropagation in matrix form", (1/m)‖A−Y‖²_F):
//   mse                    L = (1/N) Σᵢ ‖yᵢ − tᵢ‖²                    dL/dY = (2/N)(Y − T)
//   softmax_cross_entropy  L = −(1/N) Σᵢ Σₖ tᵢₖ log softmax(yᵢ)ₖ      dL/dY = (softmax(Y) − T)/N
//                          (Y are logits; log-sum-exp keeps it finite for |y| ~ 1e300)
//   binary_cross_entropy   L = (1/N) Σᵢ Σₖ [softplus(yᵢₖ) − tᵢₖ yᵢₖ]  dL/dY = (σ(Y) − T)/N
//                          (Y are logits: the same as −t log σ(y) − (1−t) log(1−σ(y)), stably)
#include <armadillo>
#include <string>

namespace optlab {

enum class Loss { mse, softmax_cross_entropy, binary_cross_entropy };

std::string to_string(Loss l);

double loss_value(Loss l, const arma::mat& Y, const arma::mat& T);
arma::mat loss_gradient(Loss l, const arma::mat& Y, const arma::mat& T);
// Hessian with respect to the outputs applied to a direction V (same shape as Y), row by row:
// row i of the result is ∇²_{yᵢ}L · vᵢ.  (The loss is a sum over rows, so its Hessian is
// block diagonal with one K×K block per example.)
arma::mat loss_hessian_vector(Loss l, const arma::mat& Y, const arma::mat& T, const arma::mat& V);
// The K×K block of example i.
arma::mat loss_hessian_block(Loss l, const arma::mat& Y, const arma::mat& T, arma::uword i);

// Row-wise stable softmax and log-softmax.
arma::mat softmax(const arma::mat& Y);
arma::mat log_softmax(const arma::mat& Y);

}  // namespace optlab
