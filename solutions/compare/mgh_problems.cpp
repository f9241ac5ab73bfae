// Moré–Garbow–Hillstrom test problems: residuals, Jacobians and residual Hessians.
// Numbers in comments are MGH's problem numbers; i is 1-based as in the paper, arrays are 0-based.
#include "mgh_problems.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace optlab::mgh {

double LeastSquaresProblem::eval_value(const arma::vec& x) const {
  const arma::vec r = res(x);
  return arma::dot(r, r);
}

double LeastSquaresProblem::eval_value_gradient(const arma::vec& x, arma::vec& g) const {
  const arma::vec r = res(x);
  g = 2 * jac(x).t() * r;  // ∇Σrᵢ² = 2Jᵀr
  return arma::dot(r, r);
}

arma::mat LeastSquaresProblem::eval_hessian(const arma::vec& x) const {
  const arma::vec r = res(x);
  const arma::mat J = jac(x);
  const arma::mat H = 2 * (J.t() * J + res_hess(x, r));  // Gauss–Newton part + residual curvature
  return 0.5 * (H + H.t());
}

namespace {

using arma::mat;
using arma::uword;
using arma::vec;

// 2: Freudenstein and Roth.
class FreudensteinRoth final : public LeastSquaresProblem {
 public:
  FreudensteinRoth() : LeastSquaresProblem("freudenstein_roth", 2, 2) {}

 protected:
  vec res(const vec& x) const override {
    const double a = x(0), b = x(1);
    return {-13 + a + ((5 - b) * b - 2) * b, -29 + a + ((b + 1) * b - 14) * b};
  }
  mat jac(const vec& x) const override {
    const double b = x(1);
    return {{1, (10 - 3 * b) * b - 2}, {1, (3 * b + 2) * b - 14}};
  }
  mat res_hess(const vec& x, const vec& w) const override {
    mat H(2, 2, arma::fill::zeros);
    H(1, 1) = w(0) * (10 - 6 * x(1)) + w(1) * (6 * x(1) + 2);
    return H;
  }
};

// 3: Powell badly scaled.
class PowellBadlyScaled final : public LeastSquaresProblem {
 public:
  PowellBadlyScaled() : LeastSquaresProblem("powell_badly_scaled", 2, 2) {}

 protected:
  vec res(const vec& x) const override {
    return {1e4 * x(0) * x(1) - 1, std::exp(-x(0)) + std::exp(-x(1)) - 1.0001};
  }
  mat jac(const vec& x) const override {
    return {{1e4 * x(1), 1e4 * x(0)}, {-std::exp(-x(0)), -std::exp(-x(1))}};
  }
  mat res_hess(const vec& x, const vec& w) const override {
    return {{w(1) * std::exp(-x(0)), w(0) * 1e4}, {w(0) * 1e4, w(1) * std::exp(-x(1))}};
  }
};

// 4: Brown badly scaled.
class BrownBadlyScaled final : public LeastSquaresProblem {
 public:
  BrownBadlyScaled() : LeastSquaresProblem("brown_badly_scaled", 2, 3) {}

 protected:
  vec res(const vec& x) const override { return {x(0) - 1e6, x(1) - 2e-6, x(0) * x(1) - 2}; }
  mat jac(const vec& x) const override { return {{1, 0}, {0, 1}, {x(1), x(0)}}; }
  mat res_hess(const vec&, const vec& w) const override { return {{0, w(2)}, {w(2), 0}}; }
};

// 6: Jennrich and Sampson, rᵢ = 2 + 2i − e^{i x₁} − e^{i x₂}.
class JennrichSampson final : public LeastSquaresProblem {
 public:
  explicit JennrichSampson(uword m) : LeastSquaresProblem("jennrich_sampson", 2, m) {}

 protected:
  vec res(const vec& x) const override {
    vec r(num_residuals());
    for (uword k = 0; k < r.n_elem; ++k) {
      const double i = k + 1.0;
      r(k) = 2 + 2 * i - std::exp(i * x(0)) - std::exp(i * x(1));
    }
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(num_residuals(), 2);
    for (uword k = 0; k < J.n_rows; ++k) {
      const double i = k + 1.0;
      J(k, 0) = -i * std::exp(i * x(0));
      J(k, 1) = -i * std::exp(i * x(1));
    }
    return J;
  }
  mat res_hess(const vec& x, const vec& w) const override {
    mat H(2, 2, arma::fill::zeros);
    for (uword k = 0; k < w.n_elem; ++k) {
      const double i = k + 1.0;
      H(0, 0) -= w(k) * i * i * std::exp(i * x(0));
      H(1, 1) -= w(k) * i * i * std::exp(i * x(1));
    }
    return H;
  }
};

// 7: Helical valley.  θ = atan(x₂/x₁)/2π (+½ for x₁ < 0), ±¼ on x₁ = 0 (as MINPACK's test driver).
class HelicalValley final : public LeastSquaresProblem {
 public:
  HelicalValley() : LeastSquaresProblem("helical_valley", 3, 3) {}

 protected:
  static constexpr double two_pi = 2 * std::numbers::pi;
  static double theta(double x1, double x2) {
    if (x1 > 0) return std::atan(x2 / x1) / two_pi;
    if (x1 < 0) return std::atan(x2 / x1) / two_pi + 0.5;
    return x2 >= 0 ? 0.25 : -0.25;
  }
  vec res(const vec& x) const override {
    return {10 * (x(2) - 10 * theta(x(0), x(1))), 10 * (std::hypot(x(0), x(1)) - 1), x(2)};
  }
  mat jac(const vec& x) const override {
    const double q = x(0) * x(0) + x(1) * x(1), rho = std::sqrt(q);
    // ∂θ/∂x₁ = −x₂/(2πq), ∂θ/∂x₂ = x₁/(2πq) on every branch.
    return {{100 * x(1) / (two_pi * q), -100 * x(0) / (two_pi * q), 10},
            {10 * x(0) / rho, 10 * x(1) / rho, 0},
            {0, 0, 1}};
  }
  mat res_hess(const vec& x, const vec& w) const override {
    const double a = x(0), b = x(1), q = a * a + b * b, rho = std::sqrt(q);
    // θ₁₁ = ab/(πq²), θ₂₂ = −ab/(πq²), θ₁₂ = (b² − a²)/(2πq²);  ρ₁₁ = b²/ρ³, ρ₂₂ = a²/ρ³, ρ₁₂ = −ab/ρ³.
    const double t11 = a * b / (std::numbers::pi * q * q), t12 = (b * b - a * a) / (two_pi * q * q);
    const double p3 = rho * q;
    mat H(3, 3, arma::fill::zeros);
    H(0, 0) = -100 * w(0) * t11 + 10 * w(1) * b * b / p3;
    H(1, 1) = 100 * w(0) * t11 + 10 * w(1) * a * a / p3;
    H(0, 1) = H(1, 0) = -100 * w(0) * t12 - 10 * w(1) * a * b / p3;
    return H;
  }
};

// 8: Bard, rᵢ = yᵢ − (x₁ + uᵢ/(vᵢx₂ + wᵢx₃)), uᵢ = i, vᵢ = 16 − i, wᵢ = min(uᵢ, vᵢ).
class Bard final : public LeastSquaresProblem {
 public:
  Bard() : LeastSquaresProblem("bard", 3, 15) {}

 protected:
  static constexpr double y[15] = {0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39,
                                   0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39};
  static void uvw(uword k, double& u, double& v, double& w) {
    u = k + 1.0;
    v = 16 - u;
    w = std::min(u, v);
  }
  vec res(const vec& x) const override {
    vec r(15);
    for (uword k = 0; k < 15; ++k) {
      double u, v, w;
      uvw(k, u, v, w);
      r(k) = y[k] - (x(0) + u / (v * x(1) + w * x(2)));
    }
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(15, 3);
    for (uword k = 0; k < 15; ++k) {
      double u, v, w;
      uvw(k, u, v, w);
      const double d = v * x(1) + w * x(2);
      J(k, 0) = -1;
      J(k, 1) = u * v / (d * d);
      J(k, 2) = u * w / (d * d);
    }
    return J;
  }
  mat res_hess(const vec& x, const vec& wt) const override {
    mat H(3, 3, arma::fill::zeros);
    for (uword k = 0; k < 15; ++k) {
      double u, v, w;
      uvw(k, u, v, w);
      const double d = v * x(1) + w * x(2), c = -2 * u / (d * d * d) * wt(k);
      H(1, 1) += c * v * v;
      H(1, 2) += c * v * w;
      H(2, 2) += c * w * w;
    }
    H(2, 1) = H(1, 2);
    return H;
  }
};

// 9: Gaussian, rᵢ = x₁ exp(−x₂(tᵢ − x₃)²/2) − yᵢ, tᵢ = (8 − i)/2.
class Gaussian final : public LeastSquaresProblem {
 public:
  Gaussian() : LeastSquaresProblem("gaussian", 3, 15) {}

 protected:
  static constexpr double y[15] = {0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989,
                                   0.3521, 0.2420, 0.1295, 0.0540, 0.0175, 0.0044, 0.0009};
  static double t(uword k) { return (8 - (k + 1.0)) / 2; }
  vec res(const vec& x) const override {
    vec r(15);
    for (uword k = 0; k < 15; ++k) {
      const double a = t(k) - x(2);
      r(k) = x(0) * std::exp(-x(1) * a * a / 2) - y[k];
    }
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(15, 3);
    for (uword k = 0; k < 15; ++k) {
      const double a = t(k) - x(2), E = std::exp(-x(1) * a * a / 2);
      J(k, 0) = E;
      J(k, 1) = -x(0) * a * a / 2 * E;
      J(k, 2) = x(0) * x(1) * a * E;
    }
    return J;
  }
  mat res_hess(const vec& x, const vec& w) const override {
    mat H(3, 3, arma::fill::zeros);
    for (uword k = 0; k < 15; ++k) {
      const double a = t(k) - x(2), E = std::exp(-x(1) * a * a / 2) * w(k);
      H(0, 1) += -a * a / 2 * E;
      H(0, 2) += x(1) * a * E;
      H(1, 1) += x(0) * a * a * a * a / 4 * E;
      H(1, 2) += (x(0) * a - x(0) * x(1) * a * a * a / 2) * E;
      H(2, 2) += x(0) * x(1) * (x(1) * a * a - 1) * E;
    }
    return arma::symmatu(H);
  }
};

// 10: Meyer, rᵢ = x₁ exp(x₂/(tᵢ + x₃)) − yᵢ, tᵢ = 45 + 5i.
class Meyer final : public LeastSquaresProblem {
 public:
  Meyer() : LeastSquaresProblem("meyer", 3, 16) {}

 protected:
  static constexpr double y[16] = {34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744,
                                   8261,  7030,  6005,  5147,  4427,  3820,  3307,  2872};
  static double t(uword k) { return 45 + 5 * (k + 1.0); }
  vec res(const vec& x) const override {
    vec r(16);
    for (uword k = 0; k < 16; ++k) r(k) = x(0) * std::exp(x(1) / (t(k) + x(2))) - y[k];
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(16, 3);
    for (uword k = 0; k < 16; ++k) {
      const double d = t(k) + x(2), E = std::exp(x(1) / d);
      J(k, 0) = E;
      J(k, 1) = x(0) * E / d;
      J(k, 2) = -x(0) * x(1) * E / (d * d);
    }
    return J;
  }
  mat res_hess(const vec& x, const vec& w) const override {
    mat H(3, 3, arma::fill::zeros);
    for (uword k = 0; k < 16; ++k) {
      const double d = t(k) + x(2), E = std::exp(x(1) / d) * w(k), d2 = d * d;
      H(0, 1) += E / d;
      H(0, 2) += -x(1) * E / d2;
      H(1, 1) += x(0) * E / d2;
      H(1, 2) += -x(0) * E * (x(1) / (d2 * d) + 1 / d2);
      H(2, 2) += x(0) * x(1) * E * (x(1) / (d2 * d2) + 2 / (d2 * d));
    }
    return arma::symmatu(H);
  }
};

// 12: Box three-dimensional, rᵢ = e^{−tᵢx₁} − e^{−tᵢx₂} − x₃(e^{−tᵢ} − e^{−10tᵢ}), tᵢ = i/10.
class Box3D final : public LeastSquaresProblem {
 public:
  explicit Box3D(uword m) : LeastSquaresProblem("box_3d", 3, m) {}

 protected:
  vec res(const vec& x) const override {
    vec r(num_residuals());
    for (uword k = 0; k < r.n_elem; ++k) {
      const double t = 0.1 * (k + 1.0);
      r(k) = std::exp(-t * x(0)) - std::exp(-t * x(1)) - x(2) * (std::exp(-t) - std::exp(-10 * t));
    }
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(num_residuals(), 3);
    for (uword k = 0; k < J.n_rows; ++k) {
      const double t = 0.1 * (k + 1.0);
      J(k, 0) = -t * std::exp(-t * x(0));
      J(k, 1) = t * std::exp(-t * x(1));
      J(k, 2) = -(std::exp(-t) - std::exp(-10 * t));
    }
    return J;
  }
  mat res_hess(const vec& x, const vec& w) const override {
    mat H(3, 3, arma::fill::zeros);
    for (uword k = 0; k < w.n_elem; ++k) {
      const double t = 0.1 * (k + 1.0);
      H(0, 0) += w(k) * t * t * std::exp(-t * x(0));
      H(1, 1) -= w(k) * t * t * std::exp(-t * x(1));
    }
    return H;
  }
};

// 13 and 22: (extended) Powell singular, blocks of four:
//   x₁ + 10x₂,  √5(x₃ − x₄),  (x₂ − 2x₃)²,  √10(x₁ − x₄)².
class PowellSingular final : public LeastSquaresProblem {
 public:
  PowellSingular(std::string name, uword n) : LeastSquaresProblem(std::move(name), n, n) {}

 protected:
  vec res(const vec& x) const override {
    vec r(dim());
    for (uword b = 0; b < dim(); b += 4) {
      r(b) = x(b) + 10 * x(b + 1);
      r(b + 1) = std::sqrt(5.0) * (x(b + 2) - x(b + 3));
      r(b + 2) = std::pow(x(b + 1) - 2 * x(b + 2), 2);
      r(b + 3) = std::sqrt(10.0) * std::pow(x(b) - x(b + 3), 2);
    }
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(dim(), dim(), arma::fill::zeros);
    for (uword b = 0; b < dim(); b += 4) {
      const double u = x(b + 1) - 2 * x(b + 2), v = x(b) - x(b + 3);
      J(b, b) = 1;
      J(b, b + 1) = 10;
      J(b + 1, b + 2) = std::sqrt(5.0);
      J(b + 1, b + 3) = -std::sqrt(5.0);
      J(b + 2, b + 1) = 2 * u;
      J(b + 2, b + 2) = -4 * u;
      J(b + 3, b) = 2 * std::sqrt(10.0) * v;
      J(b + 3, b + 3) = -2 * std::sqrt(10.0) * v;
    }
    return J;
  }
  mat res_hess(const vec&, const vec& w) const override {
    mat H(dim(), dim(), arma::fill::zeros);
    for (uword b = 0; b < dim(); b += 4) {
      H(b + 1, b + 1) += 2 * w(b + 2);
      H(b + 1, b + 2) += -4 * w(b + 2);
      H(b + 2, b + 1) += -4 * w(b + 2);
      H(b + 2, b + 2) += 8 * w(b + 2);
      const double c = 2 * std::sqrt(10.0) * w(b + 3);
      H(b, b) += c;
      H(b, b + 3) -= c;
      H(b + 3, b) -= c;
      H(b + 3, b + 3) += c;
    }
    return H;
  }
};

// 14: Wood.
class Wood final : public LeastSquaresProblem {
 public:
  Wood() : LeastSquaresProblem("wood", 4, 6) {}

 protected:
  vec res(const vec& x) const override {
    return {10 * (x(1) - x(0) * x(0)), 1 - x(0), std::sqrt(90.0) * (x(3) - x(2) * x(2)), 1 - x(2),
            std::sqrt(10.0) * (x(1) + x(3) - 2), (x(1) - x(3)) / std::sqrt(10.0)};
  }
  mat jac(const vec& x) const override {
    const double s90 = std::sqrt(90.0), s10 = std::sqrt(10.0);
    return {{-20 * x(0), 10, 0, 0},   {-1, 0, 0, 0},       {0, 0, -2 * s90 * x(2), s90},
            {0, 0, -1, 0},            {0, s10, 0, s10},    {0, 1 / s10, 0, -1 / s10}};
  }
  mat res_hess(const vec&, const vec& w) const override {
    mat H(4, 4, arma::fill::zeros);
    H(0, 0) = -20 * w(0);
    H(2, 2) = -2 * std::sqrt(90.0) * w(2);
    return H;
  }
};

// 15: Kowalik and Osborne, rᵢ = yᵢ − x₁(uᵢ² + uᵢx₂)/(uᵢ² + uᵢx₃ + x₄).
class KowalikOsborne final : public LeastSquaresProblem {
 public:
  KowalikOsborne() : LeastSquaresProblem("kowalik_osborne", 4, 11) {}

 protected:
  static constexpr double y[11] = {0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627,
                                   0.0456, 0.0342, 0.0323, 0.0235, 0.0246};
  static constexpr double u[11] = {4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625};
  vec res(const vec& x) const override {
    vec r(11);
    for (uword k = 0; k < 11; ++k) {
      const double N = u[k] * u[k] + u[k] * x(1), D = u[k] * u[k] + u[k] * x(2) + x(3);
      r(k) = y[k] - x(0) * N / D;
    }
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(11, 4);
    for (uword k = 0; k < 11; ++k) {
      const double N = u[k] * u[k] + u[k] * x(1), D = u[k] * u[k] + u[k] * x(2) + x(3);
      J(k, 0) = -N / D;
      J(k, 1) = -x(0) * u[k] / D;
      J(k, 2) = x(0) * N * u[k] / (D * D);
      J(k, 3) = x(0) * N / (D * D);
    }
    return J;
  }
  mat res_hess(const vec& x, const vec& w) const override {
    mat H(4, 4, arma::fill::zeros);
    for (uword k = 0; k < 11; ++k) {
      const double uk = u[k], N = uk * uk + uk * x(1), D = uk * uk + uk * x(2) + x(3);
      const double D2 = D * D, D3 = D2 * D, c = w(k);
      H(0, 1) += c * (-uk / D);
      H(0, 2) += c * (N * uk / D2);
      H(0, 3) += c * (N / D2);
      H(1, 2) += c * (x(0) * uk * uk / D2);
      H(1, 3) += c * (x(0) * uk / D2);
      H(2, 2) += c * (-2 * x(0) * N * uk * uk / D3);
      H(2, 3) += c * (-2 * x(0) * N * uk / D3);
      H(3, 3) += c * (-2 * x(0) * N / D3);
    }
    return arma::symmatu(H);
  }
};

// 16: Brown and Dennis, rᵢ = (x₁ + tᵢx₂ − e^{tᵢ})² + (x₃ + x₄ sin tᵢ − cos tᵢ)², tᵢ = i/5.
class BrownDennis final : public LeastSquaresProblem {
 public:
  explicit BrownDennis(uword m) : LeastSquaresProblem("brown_dennis", 4, m) {}

 protected:
  vec res(const vec& x) const override {
    vec r(num_residuals());
    for (uword k = 0; k < r.n_elem; ++k) {
      const double t = (k + 1.0) / 5;
      const double A = x(0) + t * x(1) - std::exp(t), B = x(2) + x(3) * std::sin(t) - std::cos(t);
      r(k) = A * A + B * B;
    }
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(num_residuals(), 4);
    for (uword k = 0; k < J.n_rows; ++k) {
      const double t = (k + 1.0) / 5, s = std::sin(t);
      const double A = x(0) + t * x(1) - std::exp(t), B = x(2) + x(3) * s - std::cos(t);
      J(k, 0) = 2 * A;
      J(k, 1) = 2 * A * t;
      J(k, 2) = 2 * B;
      J(k, 3) = 2 * B * s;
    }
    return J;
  }
  mat res_hess(const vec&, const vec& w) const override {
    mat H(4, 4, arma::fill::zeros);
    for (uword k = 0; k < w.n_elem; ++k) {
      const double t = (k + 1.0) / 5, s = std::sin(t), c = 2 * w(k);
      H(0, 0) += c;
      H(0, 1) += c * t;
      H(1, 1) += c * t * t;
      H(2, 2) += c;
      H(2, 3) += c * s;
      H(3, 3) += c * s * s;
    }
    return arma::symmatu(H);
  }
};

// 17: Osborne 1, rᵢ = yᵢ − (x₁ + x₂e^{−tᵢx₄} + x₃e^{−tᵢx₅}), tᵢ = 10(i − 1).
class Osborne1 final : public LeastSquaresProblem {
 public:
  Osborne1() : LeastSquaresProblem("osborne1", 5, 33) {}

 protected:
  static constexpr double y[33] = {0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751,
                                   0.718, 0.685, 0.658, 0.628, 0.603, 0.580, 0.558, 0.538, 0.522, 0.506, 0.490,
                                   0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424, 0.420, 0.414, 0.411, 0.406};
  vec res(const vec& x) const override {
    vec r(33);
    for (uword k = 0; k < 33; ++k) {
      const double t = 10.0 * k;
      r(k) = y[k] - (x(0) + x(1) * std::exp(-t * x(3)) + x(2) * std::exp(-t * x(4)));
    }
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(33, 5);
    for (uword k = 0; k < 33; ++k) {
      const double t = 10.0 * k, e4 = std::exp(-t * x(3)), e5 = std::exp(-t * x(4));
      J(k, 0) = -1;
      J(k, 1) = -e4;
      J(k, 2) = -e5;
      J(k, 3) = x(1) * t * e4;
      J(k, 4) = x(2) * t * e5;
    }
    return J;
  }
  mat res_hess(const vec& x, const vec& w) const override {
    mat H(5, 5, arma::fill::zeros);
    for (uword k = 0; k < 33; ++k) {
      const double t = 10.0 * k, e4 = std::exp(-t * x(3)) * w(k), e5 = std::exp(-t * x(4)) * w(k);
      H(1, 3) += t * e4;
      H(3, 3) += -x(1) * t * t * e4;
      H(2, 4) += t * e5;
      H(4, 4) += -x(2) * t * t * e5;
    }
    return arma::symmatu(H);
  }
};

// 18: Biggs EXP6, rᵢ = x₃e^{−tᵢx₁} − x₄e^{−tᵢx₂} + x₆e^{−tᵢx₅} − yᵢ, tᵢ = i/10,
//     yᵢ = e^{−tᵢ} − 5e^{−10tᵢ} + 3e^{−4tᵢ}.
class BiggsExp6 final : public LeastSquaresProblem {
 public:
  explicit BiggsExp6(uword m) : LeastSquaresProblem("biggs_exp6", 6, m) {}

 protected:
  vec res(const vec& x) const override {
    vec r(num_residuals());
    for (uword k = 0; k < r.n_elem; ++k) {
      const double t = 0.1 * (k + 1.0);
      const double y = std::exp(-t) - 5 * std::exp(-10 * t) + 3 * std::exp(-4 * t);
      r(k) = x(2) * std::exp(-t * x(0)) - x(3) * std::exp(-t * x(1)) + x(5) * std::exp(-t * x(4)) - y;
    }
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(num_residuals(), 6);
    for (uword k = 0; k < J.n_rows; ++k) {
      const double t = 0.1 * (k + 1.0);
      const double e1 = std::exp(-t * x(0)), e2 = std::exp(-t * x(1)), e5 = std::exp(-t * x(4));
      J(k, 0) = -t * x(2) * e1;
      J(k, 1) = t * x(3) * e2;
      J(k, 2) = e1;
      J(k, 3) = -e2;
      J(k, 4) = -t * x(5) * e5;
      J(k, 5) = e5;
    }
    return J;
  }
  mat res_hess(const vec& x, const vec& w) const override {
    mat H(6, 6, arma::fill::zeros);
    for (uword k = 0; k < w.n_elem; ++k) {
      const double t = 0.1 * (k + 1.0);
      const double e1 = std::exp(-t * x(0)) * w(k), e2 = std::exp(-t * x(1)) * w(k), e5 = std::exp(-t * x(4)) * w(k);
      H(0, 0) += t * t * x(2) * e1;
      H(0, 2) += -t * e1;
      H(1, 1) += -t * t * x(3) * e2;
      H(1, 3) += t * e2;
      H(4, 4) += t * t * x(5) * e5;
      H(4, 5) += -t * e5;
    }
    return arma::symmatu(H);
  }
};

// 19: Osborne 2, rᵢ = yᵢ − (x₁e^{−tᵢx₅} + Σ_{k=2..4} x_k exp(−(tᵢ − x_{k+7})² x_{k+4})), tᵢ = (i − 1)/10.
class Osborne2 final : public LeastSquaresProblem {
 public:
  Osborne2() : LeastSquaresProblem("osborne2", 11, 65) {}

 protected:
  static constexpr double y[65] = {
      1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608,
      0.655, 0.616, 0.606, 0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661,
      0.612, 0.558, 0.533, 0.495, 0.500, 0.423, 0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428,
      0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559,
      0.597, 0.625, 0.739, 0.710, 0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054};
  vec res(const vec& x) const override {
    vec r(65);
    for (uword i = 0; i < 65; ++i) {
      const double t = i / 10.0;
      double model = x(0) * std::exp(-t * x(4));
      for (uword k = 1; k <= 3; ++k) {
        const double d = t - x(k + 7);
        model += x(k) * std::exp(-d * d * x(k + 4));
      }
      r(i) = y[i] - model;
    }
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(65, 11, arma::fill::zeros);
    for (uword i = 0; i < 65; ++i) {
      const double t = i / 10.0, e = std::exp(-t * x(4));
      J(i, 0) = -e;
      J(i, 4) = t * x(0) * e;
      for (uword k = 1; k <= 3; ++k) {
        // Gaussian bump a·exp(−d²w) with a = x_k, w = x_{k+4}, centre c = x_{k+8}, d = t − c.
        const double d = t - x(k + 7), E = std::exp(-d * d * x(k + 4));
        J(i, k) = -E;
        J(i, k + 4) = x(k) * d * d * E;
        J(i, k + 7) = -2 * x(k) * x(k + 4) * d * E;
      }
    }
    return J;
  }
  mat res_hess(const vec& x, const vec& w) const override {
    mat H(11, 11, arma::fill::zeros);
    for (uword i = 0; i < 65; ++i) {
      const double t = i / 10.0, e = std::exp(-t * x(4)) * w(i);
      // r = y − model: every second derivative is the model's with the sign flipped.
      H(0, 4) += t * e;
      H(4, 4) += -t * t * x(0) * e;
      for (uword k = 1; k <= 3; ++k) {
        const double d = t - x(k + 7), a = x(k), wd = x(k + 4), E = std::exp(-d * d * wd) * w(i);
        const uword ia = k, iw = k + 4, ic = k + 7;
        H(ia, iw) += d * d * E;
        H(ia, ic) += -2 * wd * d * E;
        H(iw, iw) += -a * d * d * d * d * E;
        H(iw, ic) += -(2 * a * d - 2 * a * wd * d * d * d) * E;
        H(ic, ic) += -2 * a * wd * (2 * d * d * wd - 1) * E;
      }
    }
    return arma::symmatu(H);
  }
};

// 20: Watson, tᵢ = i/29 (i ≤ 29): rᵢ = Σ_{j≥2}(j−1)x_j tᵢ^{j−2} − (Σ_j x_j tᵢ^{j−1})² − 1;
//     r₃₀ = x₁, r₃₁ = x₂ − x₁² − 1.
class Watson final : public LeastSquaresProblem {
 public:
  explicit Watson(uword n) : LeastSquaresProblem("watson_" + std::to_string(n), n, 31) {}

 protected:
  vec res(const vec& x) const override {
    vec r(31);
    for (uword i = 0; i < 29; ++i) {
      const double t = (i + 1.0) / 29;
      double s1 = 0, s2 = 0, tp = 1;  // tp = t^{j−1} for 0-based j
      for (uword j = 0; j < dim(); ++j) {
        if (j >= 1) s1 += j * x(j) * (tp / t);
        s2 += x(j) * tp;
        tp *= t;
      }
      r(i) = s1 - s2 * s2 - 1;
    }
    r(29) = x(0);
    r(30) = x(1) - x(0) * x(0) - 1;
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(31, dim(), arma::fill::zeros);
    for (uword i = 0; i < 29; ++i) {
      const double t = (i + 1.0) / 29;
      double s2 = 0, tp = 1;
      for (uword j = 0; j < dim(); ++j, tp *= t) s2 += x(j) * tp;
      tp = 1;
      for (uword j = 0; j < dim(); ++j, tp *= t) J(i, j) = (j >= 1 ? j * (tp / t) : 0.0) - 2 * s2 * tp;
    }
    J(29, 0) = 1;
    J(30, 0) = -2 * x(0);
    J(30, 1) = 1;
    return J;
  }
  mat res_hess(const vec&, const vec& w) const override {
    mat H(dim(), dim(), arma::fill::zeros);
    for (uword i = 0; i < 29; ++i) {
      const double t = (i + 1.0) / 29;
      vec p(dim());
      double tp = 1;
      for (uword j = 0; j < dim(); ++j, tp *= t) p(j) = tp;
      H -= 2 * w(i) * (p * p.t());  // ∇²(−s²) = −2ppᵀ
    }
    H(0, 0) -= 2 * w(30);
    return H;
  }
};

// 21: extended Rosenbrock (separable pairs), r₂ᵢ₋₁ = 10(x₂ᵢ − x₂ᵢ₋₁²), r₂ᵢ = 1 − x₂ᵢ₋₁.
class ExtendedRosenbrock final : public LeastSquaresProblem {
 public:
  explicit ExtendedRosenbrock(uword n) : LeastSquaresProblem("ext_rosenbrock_" + std::to_string(n), n, n) {}

 protected:
  vec res(const vec& x) const override {
    vec r(dim());
    for (uword b = 0; b < dim(); b += 2) {
      r(b) = 10 * (x(b + 1) - x(b) * x(b));
      r(b + 1) = 1 - x(b);
    }
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(dim(), dim(), arma::fill::zeros);
    for (uword b = 0; b < dim(); b += 2) {
      J(b, b) = -20 * x(b);
      J(b, b + 1) = 10;
      J(b + 1, b) = -1;
    }
    return J;
  }
  mat res_hess(const vec&, const vec& w) const override {
    mat H(dim(), dim(), arma::fill::zeros);
    for (uword b = 0; b < dim(); b += 2) H(b, b) = -20 * w(b);
    return H;
  }
};

// 23: Penalty I, rᵢ = √a(xᵢ − 1) (i ≤ n), r_{n+1} = Σx_j² − ¼, a = 1e-5.
class PenaltyI final : public LeastSquaresProblem {
 public:
  explicit PenaltyI(uword n) : LeastSquaresProblem("penalty1_" + std::to_string(n), n, n + 1) {}

 protected:
  static constexpr double sa = 3.1622776601683794e-3;  // √(1e-5)
  vec res(const vec& x) const override {
    vec r(dim() + 1);
    r.head(dim()) = sa * (x - 1);
    r(dim()) = arma::dot(x, x) - 0.25;
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(dim() + 1, dim(), arma::fill::zeros);
    J.head_rows(dim()).diag().fill(sa);
    J.row(dim()) = 2 * x.t();
    return J;
  }
  mat res_hess(const vec&, const vec& w) const override { return 2 * w(dim()) * arma::eye(dim(), dim()); }
};

// 24: Penalty II (a = 1e-5, yᵢ = e^{i/10} + e^{(i−1)/10}):
//   r₁ = x₁ − 0.2;  rᵢ = √a(e^{xᵢ/10} + e^{xᵢ₋₁/10} − yᵢ), 2 ≤ i ≤ n;
//   rᵢ = √a(e^{x_{i−n+1}/10} − e^{−1/10}), n < i < 2n;  r₂ₙ = Σ_j (n − j + 1)x_j² − 1.
class PenaltyII final : public LeastSquaresProblem {
 public:
  explicit PenaltyII(uword n) : LeastSquaresProblem("penalty2_" + std::to_string(n), n, 2 * n) {}

 protected:
  static constexpr double sa = 3.1622776601683794e-3;  // √(1e-5)
  vec res(const vec& x) const override {
    const uword n = dim();
    vec r(2 * n);
    r(0) = x(0) - 0.2;
    for (uword i = 1; i < n; ++i) {  // paper's i = 2..n
      const double yi = std::exp((i + 1.0) / 10) + std::exp(i / 10.0);
      r(i) = sa * (std::exp(x(i) / 10) + std::exp(x(i - 1) / 10) - yi);
    }
    for (uword i = n; i < 2 * n - 1; ++i)  // paper's i = n+1..2n−1 uses x_{i−n+1}
      r(i) = sa * (std::exp(x(i - n + 1) / 10) - std::exp(-0.1));
    double s = 0;
    for (uword j = 0; j < n; ++j) s += (n - j) * x(j) * x(j);
    r(2 * n - 1) = s - 1;
    return r;
  }
  mat jac(const vec& x) const override {
    const uword n = dim();
    mat J(2 * n, n, arma::fill::zeros);
    J(0, 0) = 1;
    for (uword i = 1; i < n; ++i) {
      J(i, i) = sa * std::exp(x(i) / 10) / 10;
      J(i, i - 1) = sa * std::exp(x(i - 1) / 10) / 10;
    }
    for (uword i = n; i < 2 * n - 1; ++i) J(i, i - n + 1) = sa * std::exp(x(i - n + 1) / 10) / 10;
    for (uword j = 0; j < n; ++j) J(2 * n - 1, j) = 2.0 * (n - j) * x(j);
    return J;
  }
  mat res_hess(const vec& x, const vec& w) const override {
    const uword n = dim();
    mat H(n, n, arma::fill::zeros);
    for (uword i = 1; i < n; ++i) {
      H(i, i) += w(i) * sa * std::exp(x(i) / 10) / 100;
      H(i - 1, i - 1) += w(i) * sa * std::exp(x(i - 1) / 10) / 100;
    }
    for (uword i = n; i < 2 * n - 1; ++i) H(i - n + 1, i - n + 1) += w(i) * sa * std::exp(x(i - n + 1) / 10) / 100;
    for (uword j = 0; j < n; ++j) H(j, j) += w(2 * n - 1) * 2.0 * (n - j);
    return H;
  }
};

// 25: variably dimensioned, rᵢ = xᵢ − 1, r_{n+1} = Σ j(x_j − 1), r_{n+2} = (Σ j(x_j − 1))².
class VariablyDimensioned final : public LeastSquaresProblem {
 public:
  explicit VariablyDimensioned(uword n)
      : LeastSquaresProblem("variably_dimensioned_" + std::to_string(n), n, n + 2) {}

 protected:
  vec weights() const { return arma::regspace(1.0, static_cast<double>(dim())); }
  vec res(const vec& x) const override {
    const double s = arma::dot(weights(), x - 1);
    vec r(dim() + 2);
    r.head(dim()) = x - 1;
    r(dim()) = s;
    r(dim() + 1) = s * s;
    return r;
  }
  mat jac(const vec& x) const override {
    const vec j = weights();
    const double s = arma::dot(j, x - 1);
    mat J(dim() + 2, dim(), arma::fill::zeros);
    J.head_rows(dim()).diag().ones();
    J.row(dim()) = j.t();
    J.row(dim() + 1) = 2 * s * j.t();
    return J;
  }
  mat res_hess(const vec&, const vec& w) const override {
    const vec j = weights();
    return 2 * w(dim() + 1) * (j * j.t());
  }
};

// 26: trigonometric, rᵢ = n − Σ_j cos x_j + i(1 − cos xᵢ) − sin xᵢ.
class Trigonometric final : public LeastSquaresProblem {
 public:
  explicit Trigonometric(uword n) : LeastSquaresProblem("trigonometric_" + std::to_string(n), n, n) {}

 protected:
  vec res(const vec& x) const override {
    const double sc = arma::accu(arma::cos(x));
    vec r(dim());
    for (uword i = 0; i < dim(); ++i)
      r(i) = dim() - sc + (i + 1.0) * (1 - std::cos(x(i))) - std::sin(x(i));
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(dim(), dim());
    J.each_row() = arma::sin(x).t();
    for (uword i = 0; i < dim(); ++i) J(i, i) += (i + 1.0) * std::sin(x(i)) - std::cos(x(i));
    return J;
  }
  mat res_hess(const vec& x, const vec& w) const override {
    // ∇²rᵢ = diag(cos x) + (i cos xᵢ + sin xᵢ) eᵢeᵢᵀ
    vec d = arma::accu(w) * arma::cos(x);
    for (uword i = 0; i < dim(); ++i) d(i) += w(i) * ((i + 1.0) * std::cos(x(i)) + std::sin(x(i)));
    return arma::diagmat(d);
  }
};

// 27: Brown almost-linear, rᵢ = xᵢ + Σ_j x_j − (n + 1) (i < n), rₙ = Π_j x_j − 1.
class BrownAlmostLinear final : public LeastSquaresProblem {
 public:
  explicit BrownAlmostLinear(uword n) : LeastSquaresProblem("brown_almost_linear_" + std::to_string(n), n, n) {}

 protected:
  // Π_{k ≠ skip1, skip2} x_k, computed directly (no division: x may contain zeros).
  double prod_except(const vec& x, uword a, uword b) const {
    double p = 1;
    for (uword k = 0; k < dim(); ++k)
      if (k != a && k != b) p *= x(k);
    return p;
  }
  vec res(const vec& x) const override {
    vec r(dim());
    const double s = arma::accu(x);
    for (uword i = 0; i + 1 < dim(); ++i) r(i) = x(i) + s - (dim() + 1.0);
    r(dim() - 1) = arma::prod(x) - 1;
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(dim(), dim(), arma::fill::ones);
    J.diag() += 1;
    for (uword j = 0; j < dim(); ++j) J(dim() - 1, j) = prod_except(x, j, j);
    return J;
  }
  mat res_hess(const vec& x, const vec& w) const override {
    mat H(dim(), dim(), arma::fill::zeros);
    for (uword j = 0; j < dim(); ++j)
      for (uword l = 0; l < dim(); ++l)
        if (j != l) H(j, l) = w(dim() - 1) * prod_except(x, j, l);
    return H;
  }
};

// 28: discrete boundary value, h = 1/(n+1), tᵢ = ih, x₀ = x_{n+1} = 0:
//     rᵢ = 2xᵢ − xᵢ₋₁ − xᵢ₊₁ + h²(xᵢ + tᵢ + 1)³/2.
class DiscreteBoundaryValue final : public LeastSquaresProblem {
 public:
  explicit DiscreteBoundaryValue(uword n)
      : LeastSquaresProblem("discrete_boundary_value_" + std::to_string(n), n, n) {}

 protected:
  double h() const { return 1.0 / (dim() + 1.0); }
  vec res(const vec& x) const override {
    const double hh = h();
    vec r(dim());
    for (uword i = 0; i < dim(); ++i) {
      const double t = (i + 1.0) * hh, left = i > 0 ? x(i - 1) : 0.0, right = i + 1 < dim() ? x(i + 1) : 0.0;
      r(i) = 2 * x(i) - left - right + hh * hh * std::pow(x(i) + t + 1, 3) / 2;
    }
    return r;
  }
  mat jac(const vec& x) const override {
    const double hh = h();
    mat J(dim(), dim(), arma::fill::zeros);
    for (uword i = 0; i < dim(); ++i) {
      const double t = (i + 1.0) * hh;
      J(i, i) = 2 + 1.5 * hh * hh * std::pow(x(i) + t + 1, 2);
      if (i > 0) J(i, i - 1) = -1;
      if (i + 1 < dim()) J(i, i + 1) = -1;
    }
    return J;
  }
  mat res_hess(const vec& x, const vec& w) const override {
    const double hh = h();
    vec d(dim());
    for (uword i = 0; i < dim(); ++i) d(i) = w(i) * 3 * hh * hh * (x(i) + (i + 1.0) * hh + 1);
    return arma::diagmat(d);
  }
};

// 30: Broyden tridiagonal, rᵢ = (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1, x₀ = x_{n+1} = 0.
class BroydenTridiagonal final : public LeastSquaresProblem {
 public:
  explicit BroydenTridiagonal(uword n) : LeastSquaresProblem("broyden_tridiagonal_" + std::to_string(n), n, n) {}

 protected:
  vec res(const vec& x) const override {
    vec r(dim());
    for (uword i = 0; i < dim(); ++i) {
      const double left = i > 0 ? x(i - 1) : 0.0, right = i + 1 < dim() ? x(i + 1) : 0.0;
      r(i) = (3 - 2 * x(i)) * x(i) - left - 2 * right + 1;
    }
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(dim(), dim(), arma::fill::zeros);
    for (uword i = 0; i < dim(); ++i) {
      J(i, i) = 3 - 4 * x(i);
      if (i > 0) J(i, i - 1) = -1;
      if (i + 1 < dim()) J(i, i + 1) = -2;
    }
    return J;
  }
  mat res_hess(const vec&, const vec& w) const override { return arma::diagmat(-4 * w); }
};

// 31: Broyden banded (mₗ = 5, mᵤ = 1), rᵢ = xᵢ(2 + 5xᵢ²) + 1 − Σ_{j∈Jᵢ} x_j(1 + x_j),
//     Jᵢ = {j ≠ i : max(1, i − mₗ) ≤ j ≤ min(n, i + mᵤ)}.
class BroydenBanded final : public LeastSquaresProblem {
 public:
  explicit BroydenBanded(uword n) : LeastSquaresProblem("broyden_banded_" + std::to_string(n), n, n) {}

 protected:
  uword lo(uword i) const { return i >= 5 ? i - 5 : 0; }
  uword hi(uword i) const { return std::min(dim() - 1, i + 1); }
  vec res(const vec& x) const override {
    vec r(dim());
    for (uword i = 0; i < dim(); ++i) {
      double s = 0;
      for (uword j = lo(i); j <= hi(i); ++j)
        if (j != i) s += x(j) * (1 + x(j));
      r(i) = x(i) * (2 + 5 * x(i) * x(i)) + 1 - s;
    }
    return r;
  }
  mat jac(const vec& x) const override {
    mat J(dim(), dim(), arma::fill::zeros);
    for (uword i = 0; i < dim(); ++i) {
      for (uword j = lo(i); j <= hi(i); ++j)
        if (j != i) J(i, j) = -(1 + 2 * x(j));
      J(i, i) = 2 + 15 * x(i) * x(i);
    }
    return J;
  }
  mat res_hess(const vec& x, const vec& w) const override {
    vec d(dim(), arma::fill::zeros);
    for (uword i = 0; i < dim(); ++i) {
      d(i) += w(i) * 30 * x(i);
      for (uword j = lo(i); j <= hi(i); ++j)
        if (j != i) d(j) -= 2 * w(i);
    }
    return arma::diagmat(d);
  }
};

template <class T, class... A>
std::shared_ptr<const Objective> make(A&&... a) {
  return std::make_shared<const T>(std::forward<A>(a)...);
}

vec repeat_pattern(std::initializer_list<double> pattern, uword n) {
  const vec p(pattern);
  vec x(n);
  for (uword i = 0; i < n; ++i) x(i) = p(i % p.n_elem);
  return x;
}

}  // namespace

std::vector<ProblemSpec> problem_set() {
  std::vector<ProblemSpec> s;
  auto add = [&](std::string name, int mgh, std::shared_ptr<const Objective> f, vec x0, double f_ref,
                 std::string note = "") {
    s.push_back(ProblemSpec{std::move(name), mgh, std::move(f), std::move(x0), f_ref, std::move(note)});
  };
  // MGH's start points and minimum values (Moré, Garbow & Hillstrom 1981, §3).
  add("rosenbrock", 1, make<Rosenbrock>(2), Rosenbrock::start(2), 0.0);
  add("freudenstein_roth", 2, make<FreudensteinRoth>(), {0.5, -2}, 0.0, "local minimum f = 48.9842 at (11.41, -0.8968)");
  add("powell_badly_scaled", 3, make<PowellBadlyScaled>(), {0, 1}, 0.0);
  add("brown_badly_scaled", 4, make<BrownBadlyScaled>(), {1, 1}, 0.0, "minimiser (1e6, 2e-6)");
  add("beale", 5, make<Beale>(), {1, 1}, 0.0);
  add("jennrich_sampson", 6, make<JennrichSampson>(10), {0.3, 0.4}, 124.362, "m = 10");
  add("helical_valley", 7, make<HelicalValley>(), {-1, 0, 0}, 0.0);
  add("bard", 8, make<Bard>(), {1, 1, 1}, 8.21487e-3, "f = 17.4286 as x2, x3 -> -inf");
  add("gaussian", 9, make<Gaussian>(), {0.4, 1, 0}, 1.12793e-8);
  add("meyer", 10, make<Meyer>(), {0.02, 4000, 250}, 87.9458, "minimiser near (0.0056, 6181, 345)");
  add("box_3d", 12, make<Box3D>(10), {0, 10, 20}, 0.0, "m = 10; f = 0 also on x1 = x2, x3 = 0");
  add("powell_singular", 13, make<PowellSingular>("powell_singular", 4), {3, -1, 0, 1}, 0.0, "singular Hessian at x*");
  add("wood", 14, make<Wood>(), {-3, -1, -3, -1}, 0.0);
  add("kowalik_osborne", 15, make<KowalikOsborne>(), {0.25, 0.39, 0.415, 0.39}, 3.07505e-4,
      "f = 1.02734e-3 at infinity");
  add("brown_dennis", 16, make<BrownDennis>(20), {25, 5, -5, -1}, 85822.2, "m = 20");
  add("osborne1", 17, make<Osborne1>(), {0.5, 1.5, -1, 0.01, 0.02}, 5.46489e-5);
  add("biggs_exp6", 18, make<BiggsExp6>(13), {1, 2, 1, 1, 1, 1}, 0.0, "m = 13; local minima f = 5.65565e-3, 0.306367");
  add("osborne2", 19, make<Osborne2>(), {1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5}, 4.01377e-2);
  add("watson_6", 20, make<Watson>(6), arma::zeros(6), 2.28767e-3);
  add("watson_9", 20, make<Watson>(9), arma::zeros(9), 1.39976e-6);
  add("ext_rosenbrock_10", 21, make<ExtendedRosenbrock>(10), repeat_pattern({-1.2, 1}, 10), 0.0);
  add("ext_rosenbrock_100", 21, make<ExtendedRosenbrock>(100), repeat_pattern({-1.2, 1}, 100), 0.0);
  add("ext_powell_singular_20", 22, make<PowellSingular>("ext_powell_singular_20", 20),
      repeat_pattern({3, -1, 0, 1}, 20), 0.0, "singular Hessian at x*");
  add("penalty1_10", 23, make<PenaltyI>(10), arma::regspace(1.0, 10.0), 7.08765e-5);
  add("penalty2_10", 24, make<PenaltyII>(10), vec(10, arma::fill::value(0.5)), 2.93660e-4);
  add("variably_dimensioned_10", 25, make<VariablyDimensioned>(10), 1 - arma::regspace(1.0, 10.0) / 10, 0.0);
  add("trigonometric_10", 26, make<Trigonometric>(10), vec(10, arma::fill::value(0.1)), 0.0,
      "local minimum f = 2.79506e-5");
  add("brown_almost_linear_10", 27, make<BrownAlmostLinear>(10), vec(10, arma::fill::value(0.5)), 0.0,
      "f = 1 at (0, ..., 0, n+1)");
  {
    const vec t = arma::regspace(1.0, 10.0) / 11;
    add("discrete_boundary_value_10", 28, make<DiscreteBoundaryValue>(10), t % (t - 1), 0.0);
  }
  add("broyden_tridiagonal_10", 30, make<BroydenTridiagonal>(10), vec(10, arma::fill::value(-1.0)), 0.0);
  add("broyden_banded_10", 31, make<BroydenBanded>(10), vec(10, arma::fill::value(-1.0)), 0.0);
  // lib's Rosenbrock in n dimensions is the CHAINED form Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², not MGH 21.
  add("chained_rosenbrock_10", 0, make<Rosenbrock>(10), Rosenbrock::start(10), 0.0,
      "lib's Rosenbrock(n); local minimum f = 3.98662 near (-1, 1, ..., 1)");
  add("chained_rosenbrock_100", 0, make<Rosenbrock>(100), Rosenbrock::start(100), 0.0,
      "lib's Rosenbrock(n); local minimum f = 3.98662 near (-1, 1, ..., 1)");
  return s;
}

}  // namespace optlab::mgh
