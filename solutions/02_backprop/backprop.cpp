// Lesson 02 reference solution: backpropagation in matrix form (the notes "Backpropagation in matrix form").
#include "backprop.hpp"

#include <optlab/core.hpp>
#include <vector>

namespace optlab {

namespace {
std::string shape(const arma::mat& M) { return std::to_string(M.n_rows) + "x" + std::to_string(M.n_cols); }
}  // namespace

arma::mat dense_forward(const arma::mat& A_prev, const arma::mat& W, const arma::rowvec& b, Activation g, arma::mat& Z) {
  if (A_prev.n_cols != W.n_rows)
    fail_argument("dense_forward", "W", "is " + shape(W) + " but A_prev has " + std::to_string(A_prev.n_cols) + " columns");
  if (b.n_elem != W.n_cols)
    fail_argument("dense_forward", "b", "has " + std::to_string(b.n_elem) + " entries, expected " + std::to_string(W.n_cols));
  Z = A_prev * W;  // row i of Z is z⁽ⁱ⁾ᵀ = a⁽ⁱ⁾ᵀW
  Z.each_row() += b;
  return activate(g, Z);
}

DenseGradients dense_backward(const arma::mat& dA, const arma::mat& A_prev, const arma::mat& Z, const arma::mat& W,
                              Activation g) {
  if (dA.n_rows != Z.n_rows || dA.n_cols != Z.n_cols)
    fail_argument("dense_backward", "dA", "is " + shape(dA) + ", expected the shape of Z, " + shape(Z));
  if (A_prev.n_rows != Z.n_rows || A_prev.n_cols != W.n_rows)
    fail_argument("dense_backward", "A_prev", "is " + shape(A_prev) + ", inconsistent with Z " + shape(Z) + " and W " + shape(W));
  DenseGradients out;
  const arma::mat dZ = dA % activate_d1(g, Z);  // elementwise chain rule
  out.dW = A_prev.t() * dZ;                      // left-multiplication rule: W ↦ A·W gives dW = Aᵀ·dG
  out.db = arma::sum(dZ, 0);                     // b is added to every row, so its gradient sums the rows
  out.dA_prev = dZ * W.t();                      // right-multiplication rule: A ↦ A·W gives dA = dG·Wᵀ
  return out;
}

double mlp_loss_gradient(const MLP& net, const arma::vec& theta, const arma::mat& X, const arma::mat& T, Loss loss,
                         arma::vec& grad) {
  require_size(theta, net.num_params(), "mlp_loss_gradient", "theta");
  if (X.n_rows == 0) fail_argument("mlp_loss_gradient", "X", "is empty (0 examples)");
  if (X.n_cols != net.input_dim())
    fail_argument("mlp_loss_gradient", "X", "has " + std::to_string(X.n_cols) + " columns, expected " + std::to_string(net.input_dim()));
  const arma::uword L = net.num_layers();
  std::vector<arma::mat> A(L + 1), Z(L + 1);
  A[0] = X;
  for (arma::uword l = 1; l <= L; ++l)
    A[l] = dense_forward(A[l - 1], net.W(theta, l), net.b(theta, l).t(), net.activations()[l - 1], Z[l]);
  const double value = loss_value(loss, A[L], T);
  grad.set_size(net.num_params());
  arma::mat dA = loss_gradient(loss, A[L], T);
  for (arma::uword l = L; l >= 1; --l) {
    const DenseGradients d = dense_backward(dA, A[l - 1], Z[l], net.W(theta, l), net.activations()[l - 1]);
    grad.subvec(net.W_offset(l), net.b_offset(l) - 1) = arma::vectorise(d.dW);
    grad.subvec(net.b_offset(l), net.b_offset(l) + d.db.n_elem - 1) = d.db.t();
    dA = d.dA_prev;
  }
  return value;
}

}  // namespace optlab
