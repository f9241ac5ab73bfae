#pragma once
// Classic test functions with exact gradients and Hessians.
#include <armadillo>
#include <cstdint>
#include <string>

#include "optlab/objective.hpp"

namespace optlab {

// f(x) = ½ xᵀAx − bᵀx (+ c), A symmetric.  Minimiser A⁻¹b when A is positive definite.
class Quadratic : public Objective {
 public:
  Quadratic(arma::mat A, arma::vec b, double c = 0.0, std::string name = "quadratic");
  // The lab's valley f = 0.1x₁² + 2x₂² (A = diag(0.2, 4), L = 4, κ = 20), its running example of an
  // ill-conditioned Hessian (the tutorial, slide 'Challenge: valleys').
  static Quadratic valley();
  // A = Q·diag(λ)·Qᵀ with eigenvalues log-spaced in [1, kappa]; Q a seeded random rotation
  // (identity when rotate = false).  b seeded, so x* = A⁻¹b is known.
  static Quadratic with_condition(arma::uword n, double kappa, std::uint64_t seed, bool rotate = true);

  arma::uword dim() const override { return A_.n_rows; }
  std::string name() const override { return name_; }
  bool has_hessian() const override { return true; }
  const arma::mat& A() const { return A_; }
  const arma::vec& b() const { return b_; }
  arma::vec minimizer() const;     // A⁻¹b
  double min_value() const;
  double lipschitz() const;        // largest eigenvalue of A (GD is stable for α < 2/L)
  double strong_convexity() const; // smallest eigenvalue of A

 protected:
  double eval_value(const arma::vec& x) const override;
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override;
  arma::mat eval_hessian(const arma::vec&) const override { return A_; }
  arma::vec eval_hessian_vector(const arma::vec&, const arma::vec& v) const override { return A_ * v; }

 private:
  arma::mat A_;
  arma::vec b_;
  double c_;
  std::string name_;
};

// Extended Rosenbrock: f(x) = Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², minimum 0 at (1,…,1).
// Its residual form rᵢ = (10(xᵢ₊₁−xᵢ²), 1−xᵢ) makes it a least-squares problem too.
class Rosenbrock : public Objective {
 public:
  explicit Rosenbrock(arma::uword n = 2) : n_(n) {}
  arma::uword dim() const override { return n_; }
  std::string name() const override { return "rosenbrock"; }
  bool has_hessian() const override { return true; }
  bool has_residuals() const override { return true; }
  static arma::vec start(arma::uword n = 2);  // (−1.2, 1, −1.2, 1, …)
  arma::vec minimizer() const { return arma::ones(n_); }

 protected:
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override;
  arma::mat eval_hessian(const arma::vec& x) const override;
  arma::vec eval_residuals(const arma::vec& x) const override;
  arma::mat eval_jacobian(const arma::vec& x) const override;

 private:
  arma::uword n_;
};

// Beale: (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum 0 at (3, 0.5).
class Beale : public Objective {
 public:
  arma::uword dim() const override { return 2; }
  std::string name() const override { return "beale"; }
  bool has_hessian() const override { return true; }
  bool has_residuals() const override { return true; }

 protected:
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override;
  arma::mat eval_hessian(const arma::vec& x) const override;
  arma::vec eval_residuals(const arma::vec& x) const override;
  arma::mat eval_jacobian(const arma::vec& x) const override;
};

// Himmelblau: (x² + y − 11)² + (x + y² − 7)², four minima with f = 0 (one at (3, 2)),
// a local maximum and four saddle points.
class Himmelblau : public Objective {
 public:
  arma::uword dim() const override { return 2; }
  std::string name() const override { return "himmelblau"; }
  bool has_hessian() const override { return true; }
  bool has_residuals() const override { return true; }

 protected:
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override;
  arma::mat eval_hessian(const arma::vec& x) const override;
  arma::vec eval_residuals(const arma::vec& x) const override;
  arma::mat eval_jacobian(const arma::vec& x) const override;
};

// Saddle (the tutorial, slide 'Some more challenges...': "Local minima and saddle points"), bounded below:
//   f(x, y) = ½x² + ¼y⁴ − ½y²
// a saddle at the origin (Hessian diag(1, −1)) and two minima (0, ±1) with f = −¼.
class Saddle : public Objective {
 public:
  arma::uword dim() const override { return 2; }
  std::string name() const override { return "saddle"; }
  bool has_hessian() const override { return true; }

 protected:
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override;
  arma::mat eval_hessian(const arma::vec& x) const override;
};

}  // namespace optlab
