// Lesson 01: losses and the gradient check.  Read README.md first; the conventions are in
// losses.hpp.  Replace each OPTLAB_TODO with your code, then run:  ./lab test 01
#include "losses.hpp"

#include <optlab/core.hpp>

namespace optlab {

double mse_loss(const arma::mat& Y, const arma::mat& T) {
  // TODO(student): mean over the rows (examples) of the squared error summed over the columns.
  OPTLAB_TODO("mse_loss");
}

arma::mat mse_grad(const arma::mat& Y, const arma::mat& T) {
  // TODO(student): differentiate mse_loss with respect to every entry of Y.
  OPTLAB_TODO("mse_grad");
}

arma::mat softmax_rows(const arma::mat& Y) {
  // TODO(student): exponentiate and normalise each row; subtract the row maximum first.
  OPTLAB_TODO("softmax_rows");
}

double softmax_ce_loss(const arma::mat& Y, const arma::mat& T) {
  // TODO(student): −mean over rows of Σₖ Tᵢₖ log softmax(Yᵢ)ₖ, computed with log-sum-exp.
  OPTLAB_TODO("softmax_ce_loss");
}

arma::mat softmax_ce_grad(const arma::mat& Y, const arma::mat& T) {
  // TODO(student): the famous (softmax − T)/N.
  OPTLAB_TODO("softmax_ce_grad");
}

arma::vec central_difference_gradient(const std::function<double(const arma::vec&)>& f, const arma::vec& x, double h) {
  // TODO(student): one pair of evaluations f(x ± h eᵢ) per coordinate.
  OPTLAB_TODO("central_difference_gradient");
}

double gradcheck_relative_error(const arma::vec& a, const arma::vec& b) {
  // TODO(student): max |a − b| over max(1e-12, max(|a| + |b|)).
  OPTLAB_TODO("gradcheck_relative_error");
}

}  // namespace optlab
