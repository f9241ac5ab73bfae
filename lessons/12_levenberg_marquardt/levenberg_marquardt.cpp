// Lesson 12 — Levenberg–Marquardt.  Your code goes here; the contract is in levenberg_marquardt.hpp.
//
//   ./lab test 12        run the tests (each prints what is wrong and the likely mistake)
//   ./lab hint 12 1      a first hint (2 and 3 reveal more)
//
// Useful pieces of the lab and of Armadillo:
//   f.residuals(x), f.jacobian(x)                         r (m) and J = ∂r/∂x (m×n)      optlab/objective.hpp
//   optlab::RunMonitor mon(f, opts.stop, "levenberg_marquardt");
//   mon.record(x, fx, g, alpha, {{"mu", ..}, {"gain_ratio", ..}, {"rejected", ..}});  mon.stop(status, msg)
//   arma::qr_econ(Q, R, A);  arma::solve(h, arma::trimatu(R), Q.t() * b);
//   optlab::require / require_size / require_finite / fail_argument                   optlab/core.hpp
#include "levenberg_marquardt.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "optlab/core.hpp"

namespace optlab {

arma::vec lm_scaling(const arma::mat& J) {
  // TODO(student): d2_j = (J'J)_jj (squared column norms), floored at 1e-12 * max_j d2_j; all ones when J = 0
  OPTLAB_TODO("lm_scaling");
}

arma::vec lm_step(const arma::mat& J, const arma::vec& r, double mu, const arma::vec& d2) {
  // TODO(student): solve (J'J + mu*diag(d2)) h = -J'r by QR of the stacked matrix [J; sqrt(mu*d2) on the diagonal]
  OPTLAB_TODO("lm_step");
}

double lm_gain_ratio(double f, double f_new, const arma::mat& J, const arma::vec& h, double mu, const arma::vec& d2) {
  // TODO(student): rho = (f - f_new) / (|Jh|^2 + 2 mu |Dh|^2); -inf for a non-finite f_new, 0 when nothing is predicted
  OPTLAB_TODO("lm_gain_ratio");
}

bool lm_update_damping(double rho, double& mu, double& nu) {
  // TODO(student): Nielsen's rule: accept if rho > 0 (mu *= max(1/3, 1-(2rho-1)^3), nu = 2), else mu *= nu, nu *= 2
  OPTLAB_TODO("lm_update_damping");
}

Result levenberg_marquardt_minimize(const Objective& f, arma::vec x0, const LevenbergMarquardtOptions& opts) {
  // TODO(student): the LM loop: trial steps until one is accepted, record it (mu, gain_ratio, rejected), stop tests
  OPTLAB_TODO("levenberg_marquardt_minimize");
}

}  // namespace optlab
