#pragma once
// Elementwise activation functions g with g' and g'' (the latter for exact Hessians).
#include <armadillo>
#include <string>

namespace optlab {

enum class Activation { identity, sigmoid, tanh, relu, leaky_relu, softplus, step };

std::string to_string(Activation a);
Activation activation_from_string(const std::string& name);  // throws invalid_argument

constexpr double leaky_relu_slope = 0.01;

// g(Z), g'(Z), g''(Z) elementwise.  ReLU/leaky ReLU/step use the convention g'(0) = right
// derivative and g'' = 0; the step function (perceptron, figures only) has g' = 0 everywhere,
// which is exactly why it cannot be trained by gradient descent.
arma::mat activate(Activation a, const arma::mat& Z);
arma::mat activate_d1(Activation a, const arma::mat& Z);
arma::mat activate_d2(Activation a, const arma::mat& Z);
// The same values without temporaries, for the training pass (forward/backward of MLP):
//   A ← g(Z)  (A is resized; one pass for ReLU/leaky ReLU),   dA ← dA ⊙ g'(Z)  (in place).
// Bit for bit equal to activate(a, Z) and dA % activate_d1(a, Z).
void activate_into(Activation a, const arma::mat& Z, arma::mat& A);
void multiply_d1(Activation a, const arma::mat& Z, arma::mat& dA);
// Numerically stable scalar helpers.
double sigmoid(double z);
double softplus(double z);  // log(1+eᶻ)

}  // namespace optlab
