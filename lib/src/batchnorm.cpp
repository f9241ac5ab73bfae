#include "optlab/batchnorm.hpp"

#include <cmath>
#include <string>

#include "optlab/core.hpp"

namespace optlab {

arma::mat batch_norm_forward(const arma::mat& Z, double eps, BatchNormCache& cache) {
  if (Z.n_rows == 0) fail_argument("batch_norm_forward", "Z", "has no rows (an empty batch)");
  require(eps >= 0 && std::isfinite(eps), "batch_norm_forward", "eps", eps, "a finite value >= 0");
  const arma::rowvec mu = arma::mean(Z, 0);
  const arma::mat centred = Z.each_row() - mu;
  const arma::rowvec var = arma::mean(arma::square(centred), 0);  // biased: the batch's own statistics
  cache.inv_std = 1.0 / arma::sqrt(var + eps);
  cache.Zhat = centred.each_row() % cache.inv_std;
  return cache.Zhat;
}

arma::mat batch_norm_backward(const arma::mat& dZhat, const BatchNormCache& cache) {
  if (dZhat.n_rows != cache.Zhat.n_rows || dZhat.n_cols != cache.Zhat.n_cols)
    fail_argument("batch_norm_backward", "dZhat",
                  "is " + std::to_string(dZhat.n_rows) + "x" + std::to_string(dZhat.n_cols) + ", expected " +
                      std::to_string(cache.Zhat.n_rows) + "x" + std::to_string(cache.Zhat.n_cols) +
                      " (the shape of the forward pass's Z)");
  const arma::rowvec mean_d = arma::mean(dZhat, 0);
  const arma::rowvec mean_dz = arma::mean(dZhat % cache.Zhat, 0);
  arma::mat dZ = dZhat.each_row() - mean_d;
  dZ -= cache.Zhat.each_row() % mean_dz;
  dZ.each_row() %= cache.inv_std;
  return dZ;
}

}  // namespace optlab
