#pragma once
// Basic vocabulary shared by the whole lab: the "not implemented yet" exception that every
// student stub throws, argument checking with messages that name the argument and its value,
// and a small deterministic random number generator.
#include <armadillo>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>

namespace optlab {

// Thrown by every stub in lessons/.  what() is the one line the grading harness shows:
//   "PENDING lesson 05: implement momentum_step in lessons/05_momentum/momentum.cpp"
class not_implemented : public std::logic_error {
 public:
  not_implemented(const std::string& function, const std::string& file);
  const std::string& function() const { return function_; }
  const std::string& file() const { return file_; }  // path relative to the repository root
  const std::string& lesson() const { return lesson_; }

 private:
  std::string function_, file_, lesson_;
};

// Used by stubs:  OPTLAB_TODO("momentum_step");
#define OPTLAB_TODO(function_name) throw ::optlab::not_implemented((function_name), __FILE__)

// Thrown for bad input: the message names the argument and its value.
class invalid_argument : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

namespace detail {
template <class T>
std::string show(const T& v) {
  std::ostringstream os;
  os.precision(17);
  os << v;
  return os.str();
}
}  // namespace detail

// require(x.n_elem == dim, "x", "has " + ... ) -> throws invalid_argument("optlab::fn: argument 'x' ...").
[[noreturn]] void fail_argument(const std::string& where, const std::string& arg, const std::string& problem);

template <class T>
void require(bool ok, const char* where, const char* arg, const T& value, const std::string& expected) {
  if (!ok)
    fail_argument(where, arg, "= " + detail::show(value) + ", expected " + expected);
}
// Dimension check with a standard message: "argument 'x' has 3 elements, expected 2".
void require_size(const arma::vec& v, arma::uword n, const char* where, const char* arg);
void require_finite(const arma::vec& v, const char* where, const char* arg);

// splitmix64-seeded xoshiro256** : identical streams on every platform and compiler, unlike
// std::normal_distribution, so datasets and initialisations are byte-for-byte reproducible.
class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  std::uint64_t next();
  double uniform();                           // in [0, 1)
  double uniform(double lo, double hi);       // in [lo, hi)
  double normal();                            // standard normal (Box-Muller, cached pair)
  std::uint64_t below(std::uint64_t n);       // uniform integer in [0, n)
  arma::vec normal_vec(arma::uword n, double sd = 1.0);
  arma::mat normal_mat(arma::uword r, arma::uword c, double sd = 1.0);
  arma::uvec permutation(arma::uword n);      // Fisher-Yates

 private:
  std::uint64_t s_[4];
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace optlab
