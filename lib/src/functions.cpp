#include "optlab/functions.hpp"

#include <cmath>

#include "optlab/core.hpp"

namespace optlab {

Quadratic::Quadratic(arma::mat A, arma::vec b, double c, std::string name)
    : A_(std::move(A)), b_(std::move(b)), c_(c), name_(std::move(name)) {
  if (A_.n_rows == 0 || A_.n_rows != A_.n_cols)
    fail_argument("Quadratic", "A", "is " + std::to_string(A_.n_rows) + "x" + std::to_string(A_.n_cols) + ", expected a non-empty square matrix");
  require_size(b_, A_.n_rows, "Quadratic", "b");
  if (!A_.is_symmetric(1e-12 * std::max(1.0, arma::abs(A_).max()))) fail_argument("Quadratic", "A", "is not symmetric");
}

Quadratic Quadratic::valley() { return Quadratic(arma::diagmat(arma::vec{0.2, 4.0}), arma::zeros(2), 0.0, "valley"); }

Quadratic Quadratic::with_condition(arma::uword n, double kappa, std::uint64_t seed, bool rotate) {
  require(n >= 1, "Quadratic::with_condition", "n", n, ">= 1");
  require(kappa >= 1, "Quadratic::with_condition", "kappa", kappa, ">= 1");
  arma::vec lambda(n);
  for (arma::uword i = 0; i < n; ++i)
    lambda(i) = n == 1 ? 1.0 : std::pow(kappa, static_cast<double>(i) / static_cast<double>(n - 1));
  Rng rng(seed);
  arma::mat A = arma::diagmat(lambda);
  if (rotate) {
    arma::mat Q, R;
    arma::qr(Q, R, rng.normal_mat(n, n));
    A = Q * A * Q.t();
    A = 0.5 * (A + A.t());
  }
  return Quadratic(A, rng.normal_vec(n), 0.0, "quadratic(kappa=" + detail::show(kappa) + ")");
}

arma::vec Quadratic::minimizer() const { return arma::solve(A_, b_); }
double Quadratic::min_value() const { return eval_value(minimizer()); }
double Quadratic::lipschitz() const { return arma::eig_sym(A_).max(); }
double Quadratic::strong_convexity() const { return arma::eig_sym(A_).min(); }

double Quadratic::eval_value(const arma::vec& x) const { return 0.5 * arma::dot(x, A_ * x) - arma::dot(b_, x) + c_; }

double Quadratic::eval_value_gradient(const arma::vec& x, arma::vec& g) const {
  const arma::vec Ax = A_ * x;
  g = Ax - b_;
  return 0.5 * arma::dot(x, Ax) - arma::dot(b_, x) + c_;
}

// ---- Rosenbrock ----
arma::vec Rosenbrock::start(arma::uword n) {
  arma::vec x(n);
  for (arma::uword i = 0; i < n; ++i) x(i) = i % 2 == 0 ? -1.2 : 1.0;
  return x;
}

double Rosenbrock::eval_value_gradient(const arma::vec& x, arma::vec& g) const {
  g.zeros(n_);
  double f = 0;
  for (arma::uword i = 0; i + 1 < n_; ++i) {
    const double a = x(i + 1) - x(i) * x(i), b = 1 - x(i);
    f += 100 * a * a + b * b;
    g(i) += -400 * x(i) * a - 2 * b;
    g(i + 1) += 200 * a;
  }
  return f;
}

arma::mat Rosenbrock::eval_hessian(const arma::vec& x) const {
  arma::mat H(n_, n_, arma::fill::zeros);
  for (arma::uword i = 0; i + 1 < n_; ++i) {
    H(i, i) += 1200 * x(i) * x(i) - 400 * x(i + 1) + 2;
    H(i, i + 1) += -400 * x(i);
    H(i + 1, i) += -400 * x(i);
    H(i + 1, i + 1) += 200;
  }
  return H;
}

arma::vec Rosenbrock::eval_residuals(const arma::vec& x) const {
  arma::vec r(2 * (n_ - 1));
  for (arma::uword i = 0; i + 1 < n_; ++i) {
    r(2 * i) = 10 * (x(i + 1) - x(i) * x(i));
    r(2 * i + 1) = 1 - x(i);
  }
  return r;
}

arma::mat Rosenbrock::eval_jacobian(const arma::vec& x) const {
  arma::mat J(2 * (n_ - 1), n_, arma::fill::zeros);
  for (arma::uword i = 0; i + 1 < n_; ++i) {
    J(2 * i, i) = -20 * x(i);
    J(2 * i, i + 1) = 10;
    J(2 * i + 1, i) = -1;
  }
  return J;
}

// ---- Beale: rₖ = cₖ − x + x·yᵏ, c = (1.5, 2.25, 2.625) ----
static const double beale_c[3] = {1.5, 2.25, 2.625};

arma::vec Beale::eval_residuals(const arma::vec& v) const {
  const double x = v(0), y = v(1);
  arma::vec r(3);
  for (int k = 0; k < 3; ++k) r(k) = beale_c[k] - x + x * std::pow(y, k + 1);
  return r;
}

arma::mat Beale::eval_jacobian(const arma::vec& v) const {
  const double x = v(0), y = v(1);
  arma::mat J(3, 2);
  for (int k = 0; k < 3; ++k) {
    J(k, 0) = -1 + std::pow(y, k + 1);
    J(k, 1) = x * (k + 1) * std::pow(y, k);
  }
  return J;
}

double Beale::eval_value_gradient(const arma::vec& v, arma::vec& g) const {
  const arma::vec r = eval_residuals(v);
  g = 2 * eval_jacobian(v).t() * r;
  return arma::dot(r, r);
}

arma::mat Beale::eval_hessian(const arma::vec& v) const {
  // H = 2JᵀJ + 2 Σₖ rₖ ∇²rₖ,  ∇²rₖ = [[0, (k+1)yᵏ], [(k+1)yᵏ, x(k+1)k yᵏ⁻¹]]
  const double x = v(0), y = v(1);
  const arma::vec r = eval_residuals(v);
  const arma::mat J = eval_jacobian(v);
  arma::mat H = 2 * J.t() * J;
  for (int k = 0; k < 3; ++k) {
    const double dxy = (k + 1) * std::pow(y, k);
    const double dyy = k == 0 ? 0.0 : x * (k + 1) * k * std::pow(y, k - 1);
    H(0, 1) += 2 * r(k) * dxy;
    H(1, 0) += 2 * r(k) * dxy;
    H(1, 1) += 2 * r(k) * dyy;
  }
  return H;
}

// ---- Himmelblau: r = (x² + y − 11, x + y² − 7) ----
arma::vec Himmelblau::eval_residuals(const arma::vec& v) const {
  return {v(0) * v(0) + v(1) - 11, v(0) + v(1) * v(1) - 7};
}
arma::mat Himmelblau::eval_jacobian(const arma::vec& v) const { return {{2 * v(0), 1.0}, {1.0, 2 * v(1)}}; }
double Himmelblau::eval_value_gradient(const arma::vec& v, arma::vec& g) const {
  const arma::vec r = eval_residuals(v);
  g = 2 * eval_jacobian(v).t() * r;
  return arma::dot(r, r);
}
arma::mat Himmelblau::eval_hessian(const arma::vec& v) const {
  const arma::vec r = eval_residuals(v);
  const arma::mat J = eval_jacobian(v);
  arma::mat H = 2 * J.t() * J;
  H(0, 0) += 4 * r(0);  // ∇²r₁ = diag(2, 0), ∇²r₂ = diag(0, 2)
  H(1, 1) += 4 * r(1);
  return H;
}

// ---- Saddle: ½x² + ¼y⁴ − ½y² ----
double Saddle::eval_value_gradient(const arma::vec& v, arma::vec& g) const {
  const double x = v(0), y = v(1);
  g = {x, y * y * y - y};
  return 0.5 * x * x + 0.25 * y * y * y * y - 0.5 * y * y;
}
arma::mat Saddle::eval_hessian(const arma::vec& v) const { return {{1.0, 0.0}, {0.0, 3 * v(1) * v(1) - 1}}; }

}  // namespace optlab
