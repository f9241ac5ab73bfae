#include "optlab/gradcheck.hpp"

#include <cmath>
#include <iomanip>
#include <sstream>

#include "optlab/core.hpp"

namespace optlab {

arma::vec numerical_gradient(const ScalarFn& f, const arma::vec& x, double h) {
  require(h > 0, "numerical_gradient", "h", h, "> 0");
  arma::vec g(x.n_elem), xp = x;
  for (arma::uword i = 0; i < x.n_elem; ++i) {
    const double xi = xp(i);
    xp(i) = xi + h;
    const double fp = f(xp);
    xp(i) = xi - h;
    const double fm = f(xp);
    xp(i) = xi;
    g(i) = (fp - fm) / (2 * h);
  }
  return g;
}

arma::mat numerical_jacobian(const VectorFn& F, const arma::vec& x, double h) {
  require(h > 0, "numerical_jacobian", "h", h, "> 0");
  arma::vec xp = x;
  arma::mat J;
  for (arma::uword i = 0; i < x.n_elem; ++i) {
    const double xi = xp(i);
    xp(i) = xi + h;
    const arma::vec Fp = F(xp);
    xp(i) = xi - h;
    const arma::vec Fm = F(xp);
    xp(i) = xi;
    if (i == 0) J.set_size(Fp.n_elem, x.n_elem);
    J.col(i) = (Fp - Fm) / (2 * h);
  }
  return J;
}

arma::mat numerical_hessian(const VectorFn& grad, const arma::vec& x, double h) {
  arma::mat H = numerical_jacobian(grad, x, h);
  return 0.5 * (H + H.t());
}

Comparison compare(const arma::mat& expected, const arma::mat& actual, double floor) {
  if (expected.n_rows != actual.n_rows || expected.n_cols != actual.n_cols)
    fail_argument("compare", "actual",
                  "is " + std::to_string(actual.n_rows) + "x" + std::to_string(actual.n_cols) + ", expected the shape of 'expected', " +
                      std::to_string(expected.n_rows) + "x" + std::to_string(expected.n_cols));
  Comparison c;
  c.rows = expected.n_rows;
  c.cols = expected.n_cols;
  if (expected.n_elem == 0) return c;
  const arma::mat diff = arma::abs(expected - actual);
  double worst = -1;
  bool nonfinite = false;
  for (arma::uword i = 0; i < diff.n_elem; ++i) {
    const double d = std::isfinite(diff(i)) ? diff(i) : std::numeric_limits<double>::infinity();
    if (d > worst || (!nonfinite && !std::isfinite(d))) {
      worst = d;
      c.worst = i;
      nonfinite = !std::isfinite(d);
    }
  }
  const double scale = std::max(floor, arma::max(arma::vectorise(arma::abs(expected) + arma::abs(actual))));
  c.expected = expected(c.worst);
  c.actual = actual(c.worst);
  c.rel_error = std::isfinite(worst) && std::isfinite(scale) ? worst / scale : std::numeric_limits<double>::infinity();
  return c;
}

std::string Comparison::describe(double tol) const {
  std::ostringstream os;
  os << std::setprecision(6);
  os << "worst element ";
  if (cols == 1) os << "[" << worst << "]";
  else os << "(" << worst % rows << ", " << worst / rows << ")";
  os << ": expected " << expected << ", got " << actual << "; relative error " << rel_error << " > tolerance " << tol;
  return os.str();
}

DerivativeCheck check_derivatives(const Objective& obj, const arma::vec& x, double h) {
  DerivativeCheck out;
  arma::vec g;
  obj.value_gradient(x, g);
  out.gradient = compare(numerical_gradient([&](const arma::vec& z) { return obj.value(z); }, x, h), g);
  if (obj.has_hessian()) {
    out.has_hessian = true;
    out.hessian = compare(numerical_hessian([&](const arma::vec& z) { return obj.gradient(z); }, x, h), obj.hessian(x));
  }
  if (obj.has_residuals()) {
    out.has_jacobian = true;
    out.jacobian = compare(numerical_jacobian([&](const arma::vec& z) { return obj.residuals(z); }, x, h), obj.jacobian(x));
  }
  return out;
}

}  // namespace optlab
