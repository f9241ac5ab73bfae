#include "optlab/losses.hpp"

#include <cmath>

#include "optlab/activations.hpp"
#include "optlab/core.hpp"

namespace optlab {

std::string to_string(Loss l) {
  switch (l) {
    case Loss::mse: return "mse";
    case Loss::softmax_cross_entropy: return "softmax_cross_entropy";
    case Loss::binary_cross_entropy: return "binary_cross_entropy";
  }
  return "?";
}

static void check_shapes(const char* where, const arma::mat& Y, const arma::mat& T) {
  if (Y.n_rows == 0) fail_argument(where, "Y", "is empty (0 examples)");
  if (Y.n_rows != T.n_rows || Y.n_cols != T.n_cols)
    fail_argument(where, "T", "is " + std::to_string(T.n_rows) + "x" + std::to_string(T.n_cols) + ", expected the shape of Y, " +
                                  std::to_string(Y.n_rows) + "x" + std::to_string(Y.n_cols));
}

arma::mat log_softmax(const arma::mat& Y) {
  // log softmax(y)ₖ = yₖ − m − log Σⱼ e^{yⱼ−m}, m = maxⱼ yⱼ: no exponent is positive.
  arma::mat S = Y.each_col() - arma::max(Y, 1);
  arma::vec lse = arma::log(arma::sum(arma::exp(S), 1));
  S.each_col() -= lse;
  return S;
}

arma::mat softmax(const arma::mat& Y) { return arma::exp(log_softmax(Y)); }

double loss_value(Loss l, const arma::mat& Y, const arma::mat& T) {
  check_shapes("loss_value", Y, T);
  const double N = static_cast<double>(Y.n_rows);
  switch (l) {
    case Loss::mse: return arma::accu(arma::square(Y - T)) / N;
    case Loss::softmax_cross_entropy: return -arma::accu(T % log_softmax(Y)) / N;
    case Loss::binary_cross_entropy: {
      double s = 0;
      for (arma::uword i = 0; i < Y.n_elem; ++i) s += softplus(Y(i)) - T(i) * Y(i);
      return s / N;
    }
  }
  return 0;
}

arma::mat loss_gradient(Loss l, const arma::mat& Y, const arma::mat& T) {
  check_shapes("loss_gradient", Y, T);
  const double N = static_cast<double>(Y.n_rows);
  switch (l) {
    case Loss::mse: return (2.0 / N) * (Y - T);
    case Loss::softmax_cross_entropy: {
      // Σₖ tₖ = 1 is NOT assumed: d/dy of −Σₖ tₖ log pₖ is p·Σₖtₖ − t.
      arma::mat P = softmax(Y);
      P.each_col() %= arma::sum(T, 1);
      return (P - T) / N;
    }
    case Loss::binary_cross_entropy: {
      arma::mat S = Y;
      S.transform([](double z) { return sigmoid(z); });
      return (S - T) / N;
    }
  }
  return {};
}

arma::mat loss_hessian_vector(Loss l, const arma::mat& Y, const arma::mat& T, const arma::mat& V) {
  check_shapes("loss_hessian_vector", Y, T);
  if (V.n_rows != Y.n_rows || V.n_cols != Y.n_cols) fail_argument("loss_hessian_vector", "V", "does not have the shape of Y");
  const double N = static_cast<double>(Y.n_rows);
  switch (l) {
    case Loss::mse: return (2.0 / N) * V;
    case Loss::softmax_cross_entropy: {
      // per row: s·(diag(p) − p pᵀ) v = s·(p ⊙ v − p (pᵀv)), s = Σₖ tₖ
      arma::mat P = softmax(Y);
      arma::mat R = P % V;
      arma::vec pv = arma::sum(R, 1);
      R -= P.each_col() % pv;
      R.each_col() %= arma::sum(T, 1);
      return R / N;
    }
    case Loss::binary_cross_entropy: {
      arma::mat S = Y;
      S.transform([](double z) { const double s = sigmoid(z); return s * (1 - s); });
      return (S % V) / N;
    }
  }
  return {};
}

arma::mat loss_hessian_block(Loss l, const arma::mat& Y, const arma::mat& T, arma::uword i) {
  check_shapes("loss_hessian_block", Y, T);
  if (i >= Y.n_rows) fail_argument("loss_hessian_block", "i", "= " + std::to_string(i) + " but there are " + std::to_string(Y.n_rows) + " examples");
  const arma::uword K = Y.n_cols;
  arma::mat H(K, K);
  for (arma::uword k = 0; k < K; ++k) {
    arma::mat V(Y.n_rows, K, arma::fill::zeros);
    V(i, k) = 1.0;
    H.col(k) = loss_hessian_vector(l, Y, T, V).row(i).t();
  }
  return H;
}

}  // namespace optlab
