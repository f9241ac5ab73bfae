#include "optlab/datasets.hpp"

#include <zlib.h>

#include <cmath>
#include <filesystem>
#include <numbers>

#include "optlab/core.hpp"

namespace optlab {

arma::mat one_hot(const arma::uvec& labels, arma::uword num_classes) {
  arma::mat T(labels.n_elem, num_classes, arma::fill::zeros);
  for (arma::uword i = 0; i < labels.n_elem; ++i) {
    if (labels(i) >= num_classes)
      fail_argument("one_hot", "labels", "[" + std::to_string(i) + "] = " + std::to_string(labels(i)) +
                                             ", expected < num_classes = " + std::to_string(num_classes));
    T(i, labels(i)) = 1.0;
  }
  return T;
}

Dataset Dataset::subset(const arma::uvec& rows) const {
  Dataset d = *this;
  d.X = X.rows(rows);
  d.T = T.rows(rows);
  if (!labels.is_empty()) d.labels = labels.elem(rows);
  return d;
}

static void require_n(arma::uword n, const char* where) {
  if (n == 0) fail_argument(where, "n", "= 0, expected at least one example");
}

Dataset house_prices(arma::uword n, std::uint64_t seed, double noise) {
  require_n(n, "house_prices");
  require(noise >= 0, "house_prices", "noise", noise, ">= 0");
  Rng rng(seed);
  Dataset d;
  d.name = "house_prices";
  d.feature_names = {"rooms", "area_m2", "house_type", "distance_km"};
  d.target_names = {"price_kEUR"};
  d.X.set_size(n, 4);
  d.T.set_size(n, 1);
  for (arma::uword i = 0; i < n; ++i) {
    const double rooms = 1 + static_cast<double>(rng.below(6));           // 1..6
    const double type = static_cast<double>(rng.below(3));                // apartment, terraced, detached
    const double area = 18 + 22 * rooms + 15 * type + 12 * rng.normal();  // m²
    const double dist = 0.2 + 9.8 * rng.uniform() * rng.uniform();        // km, most houses near a station
    // Price per m² falls off with distance to the station; detached houses carry a premium.
    const double price = 40 + 3.1 * std::max(area, 15.0) * (1 + 0.18 * type) * std::exp(-0.09 * dist) + 8 * rooms;
    d.X.row(i) = arma::rowvec{rooms, std::max(area, 15.0), type, dist};
    d.T(i, 0) = price * (1 + noise * rng.normal());
  }
  return d;
}

Dataset curve_1d(arma::uword n, std::uint64_t seed, double noise) {
  require_n(n, "curve_1d");
  Rng rng(seed);
  Dataset d;
  d.name = "curve_1d";
  d.feature_names = {"x"};
  d.target_names = {"y"};
  d.X.set_size(n, 1);
  d.T.set_size(n, 1);
  for (arma::uword i = 0; i < n; ++i) {
    const double x = rng.uniform();
    d.X(i, 0) = x;
    d.T(i, 0) = std::sin(2 * std::numbers::pi * x) * std::exp(-x) + noise * rng.normal();
  }
  return d;
}

static Dataset classification(std::string name, arma::mat X, arma::uvec labels, arma::uword K) {
  Dataset d;
  d.name = std::move(name);
  d.X = std::move(X);
  d.labels = std::move(labels);
  d.num_classes = K;
  d.T = one_hot(d.labels, K);
  d.feature_names = {"x1", "x2"};
  for (arma::uword k = 0; k < K; ++k) d.target_names.push_back("class" + std::to_string(k));
  return d;
}

Dataset two_moons(arma::uword n, std::uint64_t seed, double noise) {
  require_n(n, "two_moons");
  Rng rng(seed);
  arma::mat X(n, 2);
  arma::uvec y(n);
  for (arma::uword i = 0; i < n; ++i) {
    const bool upper = i < n / 2;
    const double t = std::numbers::pi * rng.uniform();
    X(i, 0) = upper ? std::cos(t) : 1 - std::cos(t);
    X(i, 1) = upper ? std::sin(t) : 0.5 - std::sin(t);
    X(i, 0) += noise * rng.normal();
    X(i, 1) += noise * rng.normal();
    y(i) = upper ? 0 : 1;
  }
  return classification("two_moons", X, y, 2);
}

Dataset spirals(arma::uword n, arma::uword classes, std::uint64_t seed, double noise) {
  require_n(n, "spirals");
  require(classes >= 2, "spirals", "classes", classes, ">= 2");
  Rng rng(seed);
  arma::mat X(n, 2);
  arma::uvec y(n);
  for (arma::uword i = 0; i < n; ++i) {
    const arma::uword k = i % classes;
    const double r = 0.05 + 0.95 * rng.uniform();
    const double t = 4.0 * r + 2 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(classes) + noise * rng.normal();
    X(i, 0) = r * std::sin(t);
    X(i, 1) = r * std::cos(t);
    y(i) = k;
  }
  return classification("spirals", X, y, classes);
}

Dataset xor_data(arma::uword n, std::uint64_t seed, double noise) {
  require_n(n, "xor_data");
  Rng rng(seed);
  arma::mat X(n, 2);
  arma::uvec y(n);
  for (arma::uword i = 0; i < n; ++i) {
    const double a = rng.uniform(-1, 1), b = rng.uniform(-1, 1);
    y(i) = (a > 0) != (b > 0) ? 1 : 0;
    X(i, 0) = a + noise * rng.normal();
    X(i, 1) = b + noise * rng.normal();
  }
  return classification("xor", X, y, 2);
}

// ---- Fashion-MNIST (IDX format, big-endian, gzipped) ----
static std::vector<unsigned char> read_gz(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot open '" + path + "'");
  std::vector<unsigned char> out;
  unsigned char buf[1 << 16];
  int got;
  while ((got = gzread(f, buf, sizeof buf)) > 0) out.insert(out.end(), buf, buf + got);
  gzclose(f);
  if (got < 0) throw std::runtime_error("'" + path + "' is not a readable gzip file");
  return out;
}

static std::uint32_t be32(const std::vector<unsigned char>& b, size_t off) {
  return (std::uint32_t(b[off]) << 24) | (std::uint32_t(b[off + 1]) << 16) | (std::uint32_t(b[off + 2]) << 8) | b[off + 3];
}

bool fashion_mnist_available(const std::string& dir) {
  return std::filesystem::exists(dir + "/train-images-idx3-ubyte.gz") && std::filesystem::exists(dir + "/t10k-labels-idx1-ubyte.gz");
}

Dataset fashion_mnist(const std::string& split, arma::uword limit, const std::string& dir) {
  if (split != "train" && split != "test") fail_argument("fashion_mnist", "split", "= '" + split + "', expected 'train' or 'test'");
  const std::string prefix = dir + "/" + (split == "train" ? "train" : "t10k");
  const std::string img = prefix + "-images-idx3-ubyte.gz", lab = prefix + "-labels-idx1-ubyte.gz";
  if (!std::filesystem::exists(img) || !std::filesystem::exists(lab))
    throw std::runtime_error("Fashion-MNIST not found: '" + img + "' is missing. Install Debian's package: apt-get install dataset-fashion-mnist");
  const auto bi = read_gz(img), bl = read_gz(lab);
  if (bi.size() < 16 || be32(bi, 0) != 0x803) throw std::runtime_error("'" + img + "' is not an IDX image file");
  if (bl.size() < 8 || be32(bl, 0) != 0x801) throw std::runtime_error("'" + lab + "' is not an IDX label file");
  arma::uword n = be32(bi, 4);
  const arma::uword rows = be32(bi, 8), cols = be32(bi, 12);
  if (be32(bl, 4) != n) throw std::runtime_error("Fashion-MNIST: image and label counts differ");
  if (bi.size() < 16 + n * rows * cols || bl.size() < 8 + n) throw std::runtime_error("Fashion-MNIST: truncated file");
  if (limit > 0) n = std::min(n, limit);
  const arma::uword P = rows * cols;
  arma::mat X(n, P);
  arma::uvec y(n);
  for (arma::uword i = 0; i < n; ++i) {
    for (arma::uword p = 0; p < P; ++p) X(i, p) = bi[16 + i * P + p] / 255.0;
    y(i) = bl[8 + i];
  }
  Dataset d;
  d.name = "fashion_mnist_" + split;
  d.X = std::move(X);
  d.labels = std::move(y);
  d.num_classes = 10;
  d.T = one_hot(d.labels, 10);
  d.target_names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
  return d;
}

// ---- preprocessing ----
Standardizer Standardizer::fit(const arma::mat& X) {
  if (X.n_rows == 0) fail_argument("Standardizer::fit", "X", "is empty (0 examples)");
  Standardizer s;
  s.mean = arma::mean(X, 0);
  s.sd = X.n_rows > 1 ? arma::rowvec(arma::stddev(X, 0, 0)) : arma::rowvec(X.n_cols, arma::fill::ones);
  s.sd.transform([](double v) { return v > 0 ? v : 1.0; });
  return s;
}

arma::mat Standardizer::transform(const arma::mat& X) const {
  if (X.n_cols != mean.n_elem)
    fail_argument("Standardizer::transform", "X", "has " + std::to_string(X.n_cols) + " columns, expected " + std::to_string(mean.n_elem));
  arma::mat Z = X.each_row() - mean;
  Z.each_row() /= sd;
  return Z;
}

arma::mat Standardizer::inverse(const arma::mat& Z) const {
  if (Z.n_cols != mean.n_elem)
    fail_argument("Standardizer::inverse", "Z", "has " + std::to_string(Z.n_cols) + " columns, expected " + std::to_string(mean.n_elem));
  arma::mat X = Z.each_row() % sd;
  X.each_row() += mean;
  return X;
}

std::pair<Dataset, Dataset> train_test_split(const Dataset& d, double test_fraction, std::uint64_t seed) {
  if (d.size() == 0) fail_argument("train_test_split", "d", "is empty (0 examples)");
  require(test_fraction > 0 && test_fraction < 1, "train_test_split", "test_fraction", test_fraction, "in (0, 1)");
  Rng rng(seed);
  const arma::uvec p = rng.permutation(d.size());
  arma::uword n_test = static_cast<arma::uword>(std::round(test_fraction * static_cast<double>(d.size())));
  n_test = std::clamp<arma::uword>(n_test, 1, d.size() - 1);
  if (d.size() < 2) fail_argument("train_test_split", "d", "has 1 example, cannot split");
  return {d.subset(arma::sort(p.tail(d.size() - n_test))), d.subset(arma::sort(p.head(n_test)))};
}

MinibatchIterator::MinibatchIterator(arma::uword n, arma::uword batch_size, std::uint64_t seed, bool shuffle)
    : n_(n), bs_(batch_size), shuffle_(shuffle), rng_(seed) {
  if (n == 0) fail_argument("MinibatchIterator", "n", "= 0, expected at least one example");
  if (batch_size == 0) fail_argument("MinibatchIterator", "batch_size", "= 0, expected 1..n");
  bs_ = std::min(bs_, n_);
  reshuffle();
}

void MinibatchIterator::reshuffle() {
  order_ = shuffle_ ? rng_.permutation(n_) : arma::regspace<arma::uvec>(0, n_ - 1);
  pos_ = 0;
}

bool MinibatchIterator::next(arma::uvec& batch) {
  if (pos_ >= n_) {
    ++epoch_;
    reshuffle();
    return false;
  }
  const arma::uword end = std::min(pos_ + bs_, n_);
  batch = order_.subvec(pos_, end - 1);
  pos_ = end;
  return true;
}

}  // namespace optlab
