#include "optlab/core.hpp"

#include <cmath>
#include <numbers>

namespace optlab {

namespace {
// "…/lessons/05_momentum/momentum.cpp" -> "lessons/05_momentum/momentum.cpp" and "05".
std::string relative_lesson_path(const std::string& file, std::string& lesson) {
  for (const char* root : {"lessons/", "solutions/", "tests/mutants/"}) {
    auto pos = file.rfind(root);
    if (pos != std::string::npos) {
      std::string rel = file.substr(pos);
      std::string rest = rel.substr(std::string(root).size());
      if (rest.size() >= 2 && std::isdigit(static_cast<unsigned char>(rest[0])) &&
          std::isdigit(static_cast<unsigned char>(rest[1])))
        lesson = rest.substr(0, 2);
      return rel;
    }
  }
  return file;
}
std::string pending_line(const std::string& function, const std::string& rel, const std::string& lesson) {
  return "PENDING lesson " + (lesson.empty() ? std::string("??") : lesson) + ": implement " + function + " in " + rel;
}
}  // namespace

not_implemented::not_implemented(const std::string& function, const std::string& file)
    : std::logic_error(""), function_(function) {
  file_ = relative_lesson_path(file, lesson_);
  static_cast<std::logic_error&>(*this) = std::logic_error(pending_line(function_, file_, lesson_));
}

void fail_argument(const std::string& where, const std::string& arg, const std::string& problem) {
  throw invalid_argument(where + ": argument '" + arg + "' " + problem);
}

void require_size(const arma::vec& v, arma::uword n, const char* where, const char* arg) {
  if (v.n_elem != n)
    fail_argument(where, arg, "has " + std::to_string(v.n_elem) + " elements, expected " + std::to_string(n));
}

void require_finite(const arma::vec& v, const char* where, const char* arg) {
  if (!v.is_finite()) {
    arma::uword i = 0;
    while (i < v.n_elem && std::isfinite(v(i))) ++i;
    fail_argument(where, arg, "has a non-finite element: [" + std::to_string(i) + "] = " + detail::show(v(i)));
  }
}

// ---- Rng: xoshiro256** seeded through splitmix64 ----
namespace {
std::uint64_t splitmix(std::uint64_t& z) {
  z += 0x9e3779b97f4a7c15ULL;
  std::uint64_t r = z;
  r = (r ^ (r >> 30)) * 0xbf58476d1ce4e5b9ULL;
  r = (r ^ (r >> 27)) * 0x94d049bb133111ebULL;
  return r ^ (r >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

Rng::Rng(std::uint64_t seed) {
  for (auto& s : s_) s = splitmix(seed);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u1 = 0;
  while (u1 <= 0) u1 = uniform();
  const double u2 = uniform();
  const double r = std::sqrt(-2.0 * std::log(u1));
  const double th = 2.0 * std::numbers::pi * u2;
  spare_ = r * std::sin(th);
  has_spare_ = true;
  return r * std::cos(th);
}

std::uint64_t Rng::below(std::uint64_t n) {
  // Rejection sampling removes the modulo bias.
  const std::uint64_t limit = n == 0 ? 0 : (~std::uint64_t{0} - (~std::uint64_t{0} % n));
  std::uint64_t r;
  do r = next();
  while (r >= limit);
  return r % n;
}

arma::vec Rng::normal_vec(arma::uword n, double sd) {
  arma::vec v(n);
  for (auto& e : v) e = sd * normal();
  return v;
}

arma::mat Rng::normal_mat(arma::uword r, arma::uword c, double sd) {
  arma::mat m(r, c);
  for (auto& e : m) e = sd * normal();
  return m;
}

arma::uvec Rng::permutation(arma::uword n) {
  arma::uvec p = arma::regspace<arma::uvec>(0, n == 0 ? 0 : n - 1);
  if (n == 0) return arma::uvec();
  for (arma::uword i = n - 1; i > 0; --i) std::swap(p(i), p(below(i + 1)));
  return p;
}

}  // namespace optlab
