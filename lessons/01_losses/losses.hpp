#pragma once
// Lesson 01 contract: losses and the gradient check.  Both tracks compile against this header;
// the tests rely on every convention written here.
//
// Conventions (the same as lib's optlab/losses.hpp, so your results can be compared with it):
//  * Y (network outputs) and T (targets) are N×K matrices, ONE ROW PER EXAMPLE.
//  * Every loss is the MEAN over the N examples (rows), the SUM over the K outputs:
//        mse:            L = (1/N) Σᵢ Σₖ (Yᵢₖ − Tᵢₖ)²                       (Chapter 3 §4; the notes' (1/m)‖A − Y‖²_F)
//        cross-entropy:  L = −(1/N) Σᵢ Σₖ Tᵢₖ log softmax(Yᵢ)ₖ            (Chapter 3 §4)
//    where Y are LOGITS (no softmax applied yet) and T is one-hot.
//  * Gradients are with respect to Y and have Y's shape.
//  * Numerical stability: cross-entropy must stay finite for logits as large as ±1e300.
//  * Gradient check: CENTRAL differences, relative error as in CS231n.
#include <armadillo>
#include <functional>

namespace optlab {

// (1/N)·Σ (Y − T)²
double mse_loss(const arma::mat& Y, const arma::mat& T);
// ∂L/∂Y = (2/N)(Y − T)
arma::mat mse_grad(const arma::mat& Y, const arma::mat& T);

// Row-wise softmax: each row of the result is positive and sums to 1.
arma::mat softmax_rows(const arma::mat& Y);
// −(1/N) Σᵢ Σₖ Tᵢₖ log softmax(Yᵢ)ₖ, finite for huge logits (log-sum-exp).
double softmax_ce_loss(const arma::mat& Y, const arma::mat& T);
// ∂L/∂Y = (softmax(Y) − T)/N  (T one-hot)
arma::mat softmax_ce_grad(const arma::mat& Y, const arma::mat& T);

// Central-difference gradient of f at x:  gᵢ ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / (2h).
// x must come back unchanged.
arma::vec central_difference_gradient(const std::function<double(const arma::vec&)>& f, const arma::vec& x,
                                      double h = 1e-5);
// Relative error of two gradients (CS231n):  max |aᵢ − bᵢ| / max(1e-12, maxᵢ(|aᵢ| + |bᵢ|)).
// Symmetric in a and b; 0 when they are equal; the 1e-12 floor keeps 0/0 away.
double gradcheck_relative_error(const arma::vec& a, const arma::vec& b);

}  // namespace optlab
