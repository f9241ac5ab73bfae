#pragma once
// Lesson 02 contract: backpropagation in the matrix form of the notes "Backpropagation in matrix form".
//
// Conventions (identical to lib's optlab::MLP, so your gradient can be compared with it):
//  * Examples are ROWS.  A dense layer maps A_prev (N×n_in) to
//        Z = A_prev·W + 1·b      W is n_in×n_out, b is a 1×n_out row
//        A = g(Z)                elementwise activation (lib: optlab::activate, activate_d1)
//  * Backward pass, given dA = ∂L/∂A (N×n_out):
//        dZ      = dA ⊙ g'(Z)
//        dW      = A_prevᵀ·dZ          (n_in×n_out, like W)
//        db      = 1ᵀ·dZ               (sum over the examples, 1×n_out)
//        dA_prev = dZ·Wᵀ               (N×n_in, like A_prev)
//  * The whole network's parameters are lib's flat vector θ: for each layer l = 1..L, vec(Wˡ)
//    (column-major) then bˡ.  Use net.W(theta, l) / net.b(theta, l) to read them and
//    net.W_offset(l) / net.b_offset(l) to write gradient blocks.  net.b(theta, l) is a COLUMN
//    (arma::vec); dense_forward takes b as a ROW, so pass net.b(theta, l).t().
//  * The loss gradient at the output comes from lib: optlab::loss_gradient(loss, Y, T).
#include <armadillo>
#include <optlab/activations.hpp>
#include <optlab/losses.hpp>
#include <optlab/mlp.hpp>

namespace optlab {

// Forward pass of one dense layer; also returns Z (needed by the backward pass).
arma::mat dense_forward(const arma::mat& A_prev, const arma::mat& W, const arma::rowvec& b, Activation g, arma::mat& Z);

struct DenseGradients {
  arma::mat dW;       // ∂L/∂W
  arma::rowvec db;    // ∂L/∂b
  arma::mat dA_prev;  // ∂L/∂A_prev, to pass to the layer below
};
// Backward pass of one dense layer (the notes, sections Matrix calculus and Derivative calculations).
DenseGradients dense_backward(const arma::mat& dA, const arma::mat& A_prev, const arma::mat& Z, const arma::mat& W,
                              Activation g);

// Loss of the whole network on (X, T) and its gradient with respect to θ, by a forward pass that
// keeps every layer's A_prev and Z, then dense_backward from the last layer to the first.
double mlp_loss_gradient(const MLP& net, const arma::vec& theta, const arma::mat& X, const arma::mat& T, Loss loss,
                         arma::vec& grad);

}  // namespace optlab
