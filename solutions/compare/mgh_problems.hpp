#pragma once
// Classic unconstrained test problems for the comparison with scipy.optimize (solutions/README.md).
//
// Moré, Garbow & Hillstrom, "Testing unconstrained optimization software", ACM TOMS 7(1), 1981
// (MGH): every problem is a sum of squares  f(x) = Σᵢ rᵢ(x)²  (lib's convention: no ½), with the
// standard starting point x₀ and the published minimum value.  Each problem gives exact residuals
// r, Jacobian J and the second-order term Σᵢ wᵢ∇²rᵢ, from which
//     f = rᵀr,   ∇f = 2Jᵀr,   ∇²f = 2(JᵀJ + Σᵢ rᵢ∇²rᵢ).
// The same problems are written independently in scipy_compare.py; compare.cpp writes f, ∇f, ∇²f,
// r and J at two points of every problem and the Python script checks its own against them.
#include <memory>
#include <string>
#include <vector>

#include <optlab/optlab.hpp>

namespace optlab::mgh {

class LeastSquaresProblem : public Objective {
 public:
  LeastSquaresProblem(std::string name, arma::uword n, arma::uword m) : name_(std::move(name)), n_(n), m_(m) {}
  arma::uword dim() const override { return n_; }
  arma::uword num_residuals() const { return m_; }
  std::string name() const override { return name_; }
  bool has_hessian() const override { return true; }
  bool has_residuals() const override { return true; }

 protected:
  virtual arma::vec res(const arma::vec& x) const = 0;  // r(x), m
  virtual arma::mat jac(const arma::vec& x) const = 0;  // J(x) = ∂r/∂x, m×n
  // Σᵢ wᵢ∇²rᵢ(x), n×n (called with w = r for the Hessian of f).
  virtual arma::mat res_hess(const arma::vec& x, const arma::vec& w) const = 0;

  double eval_value(const arma::vec& x) const override;
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override;
  arma::mat eval_hessian(const arma::vec& x) const override;
  arma::vec eval_residuals(const arma::vec& x) const override { return res(x); }
  arma::mat eval_jacobian(const arma::vec& x) const override { return jac(x); }

 private:
  std::string name_;
  arma::uword n_, m_;
};

struct ProblemSpec {
  std::string name;                    // unique, as in the CSV files and scipy_compare.py
  int mgh = 0;                         // number in MGH (0: lib's chained Rosenbrock, not in MGH)
  std::shared_ptr<const Objective> f;  // has_hessian() and has_residuals()
  arma::vec x0;                        // the standard starting point
  double f_ref = 0;                    // published minimum value (the global one where known)
  std::string note;                    // other stationary values worth knowing
};

// The problem set of the comparison, in table order.
std::vector<ProblemSpec> problem_set();

}  // namespace optlab::mgh
