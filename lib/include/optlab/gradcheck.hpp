#pragma once
// Finite-difference checkers (CS231n style): central differences and a relative error that
// names the worst element.
#include <armadillo>
#include <functional>
#include <string>

#include "optlab/objective.hpp"

namespace optlab {

using ScalarFn = std::function<double(const arma::vec&)>;
using VectorFn = std::function<arma::vec(const arma::vec&)>;

// Central differences: (f(x+h eᵢ) − f(x−h eᵢ)) / 2h, error O(h²).  h = 1e-5 balances the
// truncation error (~h²·f''') against rounding (~ε|f|/h) for f of order one.
arma::vec numerical_gradient(const ScalarFn& f, const arma::vec& x, double h = 1e-5);
arma::mat numerical_jacobian(const VectorFn& F, const arma::vec& x, double h = 1e-5);
// Hessian as the central-difference Jacobian of the gradient (then symmetrised).
arma::mat numerical_hessian(const VectorFn& grad, const arma::vec& x, double h = 1e-5);

struct Comparison {
  double rel_error = 0;      // max|a−b| / max(floor, max(|a|+|b|))  (CS231n)
  arma::uword worst = 0;     // linear index of the element with the largest |a−b|
  double expected = 0, actual = 0;
  arma::uword rows = 0, cols = 0;
  std::string describe(double tol) const;  // "worst element (r, c): expected …, got …, rel. error …, tolerance …"
};
// Relative error of `actual` against `expected`; `floor` keeps all-zero comparisons meaningful.
Comparison compare(const arma::mat& expected, const arma::mat& actual, double floor = 1e-12);

// Checks obj's gradient (and Hessian when available) at x against central differences.
struct DerivativeCheck {
  Comparison gradient, hessian, jacobian;
  bool has_hessian = false, has_jacobian = false;
};
DerivativeCheck check_derivatives(const Objective& obj, const arma::vec& x, double h = 1e-5);

}  // namespace optlab
