// mutant: MSE gradient without the factor 2
// expect: missing factor 2
// Lesson 01 reference solution: losses and the gradient check.
#include "losses.hpp"

#include <cmath>
#include <optlab/core.hpp>

namespace optlab {

namespace {
void check_pair(const char* where, const arma::mat& Y, const arma::mat& T) {
  if (Y.n_rows == 0) fail_argument(where, "Y", "is empty (0 examples)");
  if (Y.n_rows != T.n_rows || Y.n_cols != T.n_cols)
    fail_argument(where, "T",
                  "is " + std::to_string(T.n_rows) + "x" + std::to_string(T.n_cols) + ", expected the shape of Y, " +
                      std::to_string(Y.n_rows) + "x" + std::to_string(Y.n_cols));
}

// log softmax per row: y − max(y) − log Σ exp(y − max(y)).  After the shift every exponent is ≤ 0,
// so exp() cannot overflow, and the largest term is exactly 1, so the log cannot underflow to −inf.
arma::mat log_softmax_rows(const arma::mat& Y) {
  arma::mat S = Y.each_col() - arma::max(Y, 1);
  S.each_col() -= arma::log(arma::sum(arma::exp(S), 1));
  return S;
}
}  // namespace

double mse_loss(const arma::mat& Y, const arma::mat& T) {
  check_pair("mse_loss", Y, T);
  return arma::accu(arma::square(Y - T)) / static_cast<double>(Y.n_rows);  // mean over examples, not elements
}

arma::mat mse_grad(const arma::mat& Y, const arma::mat& T) {
  check_pair("mse_grad", Y, T);
  return (1.0 / static_cast<double>(Y.n_rows)) * (Y - T);  // d/dy (y − t)² = 2(y − t)
}

arma::mat softmax_rows(const arma::mat& Y) {
  if (Y.n_rows == 0) fail_argument("softmax_rows", "Y", "is empty (0 examples)");
  return arma::exp(log_softmax_rows(Y));
}

double softmax_ce_loss(const arma::mat& Y, const arma::mat& T) {
  check_pair("softmax_ce_loss", Y, T);
  return -arma::accu(T % log_softmax_rows(Y)) / static_cast<double>(Y.n_rows);
}

arma::mat softmax_ce_grad(const arma::mat& Y, const arma::mat& T) {
  check_pair("softmax_ce_grad", Y, T);
  return (softmax_rows(Y) - T) / static_cast<double>(Y.n_rows);  // uses Σₖ Tᵢₖ = 1 (one-hot)
}

arma::vec central_difference_gradient(const std::function<double(const arma::vec&)>& f, const arma::vec& x, double h) {
  require(h > 0 && std::isfinite(h), "central_difference_gradient", "h", h, "a positive step");
  arma::vec g(x.n_elem);
  arma::vec xp = x;  // perturb a copy, one coordinate at a time, and restore it exactly
  for (arma::uword i = 0; i < x.n_elem; ++i) {
    const double xi = xp(i);
    xp(i) = xi + h;
    const double fp = f(xp);
    xp(i) = xi - h;
    const double fm = f(xp);
    xp(i) = xi;
    g(i) = (fp - fm) / (2 * h);  // error O(h²), against O(h) for the forward difference
  }
  return g;
}

double gradcheck_relative_error(const arma::vec& a, const arma::vec& b) {
  if (a.n_elem != b.n_elem)
    fail_argument("gradcheck_relative_error", "b",
                  "has " + std::to_string(b.n_elem) + " elements, expected " + std::to_string(a.n_elem));
  if (a.is_empty()) return 0.0;
  const double num = arma::abs(a - b).max();
  const double den = std::max(1e-12, arma::max(arma::abs(a) + arma::abs(b)));
  return num / den;
}

}  // namespace optlab
