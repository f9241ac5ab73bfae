#pragma once
// Deterministic, seeded datasets.  Rows of X are examples.  For classification, T is one-hot
// (N×K, K ≥ 2) and `labels` holds the class indices.
#include <armadillo>
#include <cstdint>
#include <string>
#include <vector>

#include "optlab/core.hpp"

namespace optlab {

struct Dataset {
  std::string name;
  arma::mat X;                 // N×d inputs
  arma::mat T;                 // N×k targets (regression values or one-hot classes)
  arma::uvec labels;           // class indices (classification only)
  arma::uword num_classes = 0; // 0 for regression
  std::vector<std::string> feature_names, target_names;

  arma::uword size() const { return X.n_rows; }
  bool is_classification() const { return num_classes > 0; }
  Dataset subset(const arma::uvec& rows) const;
};

// The example of Chapter 3 §2 ("Model Parameters vs. Hyperparameters"): (number of rooms, area [m²],
// house type, distance to the station [km]) → price [k€]; the data themselves are the lab's.  House type is 0 = apartment, 1 = terraced, 2 = detached.  The
// price is a smooth nonlinear function of the features plus seeded noise.
Dataset house_prices(arma::uword n = 200, std::uint64_t seed = 42, double noise = 0.05);
// y = sin(2πx)·e^{−x} + noise on x ∈ [0, 1] (1-D curve regression).
Dataset curve_1d(arma::uword n = 100, std::uint64_t seed = 1, double noise = 0.05);
Dataset two_moons(arma::uword n = 200, std::uint64_t seed = 1, double noise = 0.1);
Dataset spirals(arma::uword n = 300, arma::uword classes = 3, std::uint64_t seed = 1, double noise = 0.1);
Dataset xor_data(arma::uword n = 200, std::uint64_t seed = 1, double noise = 0.1);

// Fashion-MNIST from Debian's dataset-fashion-mnist package (gzipped IDX files).
// split = "train" (60000) or "test" (10000); `limit` > 0 keeps the first `limit` images.
// Pixels are scaled to [0, 1].  Throws std::runtime_error naming the package when absent.
Dataset fashion_mnist(const std::string& split, arma::uword limit = 0,
                      const std::string& dir = "/usr/share/datasets/fashion-mnist");
bool fashion_mnist_available(const std::string& dir = "/usr/share/datasets/fashion-mnist");

// Per-column standardisation fitted on one set and applied to others.
struct Standardizer {
  arma::rowvec mean, sd;
  static Standardizer fit(const arma::mat& X);  // columns with sd = 0 are left centred only
  arma::mat transform(const arma::mat& X) const;
  arma::mat inverse(const arma::mat& Z) const;
};

// Seeded split: a random `test_fraction` of the rows goes to .second.
std::pair<Dataset, Dataset> train_test_split(const Dataset& d, double test_fraction, std::uint64_t seed);

// Minibatches over N examples: every epoch visits each index exactly once, in a fresh seeded
// permutation (or in order when shuffle = false); the last batch of an epoch may be smaller.
class MinibatchIterator {
 public:
  MinibatchIterator(arma::uword n, arma::uword batch_size, std::uint64_t seed, bool shuffle = true);
  // Next batch of the current epoch; false (and a new epoch starts) when the epoch is over.
  bool next(arma::uvec& batch);
  arma::uword epoch() const { return epoch_; }  // number of completed epochs
  arma::uword batches_per_epoch() const { return (n_ + bs_ - 1) / bs_; }

 private:
  void reshuffle();
  arma::uword n_, bs_, pos_ = 0, epoch_ = 0;
  bool shuffle_;
  Rng rng_;
  arma::uvec order_;
};

arma::mat one_hot(const arma::uvec& labels, arma::uword num_classes);

}  // namespace optlab
