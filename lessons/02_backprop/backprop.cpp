// Lesson 02: backpropagation in matrix form.  Read README.md first; the conventions are in
// backprop.hpp.  Replace each OPTLAB_TODO with your code, then run:  ./lab test 02
#include "backprop.hpp"

#include <optlab/core.hpp>

namespace optlab {

arma::mat dense_forward(const arma::mat& A_prev, const arma::mat& W, const arma::rowvec& b, Activation g, arma::mat& Z) {
  // TODO(student): Z = A_prev·W with b added to every row; return g(Z).
  OPTLAB_TODO("dense_forward");
}

DenseGradients dense_backward(const arma::mat& dA, const arma::mat& A_prev, const arma::mat& Z, const arma::mat& W,
                              Activation g) {
  // TODO(student): dZ = dA ⊙ g'(Z), then dW, db and dA_prev as in the header.
  OPTLAB_TODO("dense_backward");
}

double mlp_loss_gradient(const MLP& net, const arma::vec& theta, const arma::mat& X, const arma::mat& T, Loss loss,
                         arma::vec& grad) {
  // TODO(student): forward through every layer (keep A_prev and Z), loss and dY from lib,
  // then dense_backward from layer L down to 1, writing dW and db into grad.
  OPTLAB_TODO("mlp_loss_gradient");
}

}  // namespace optlab
