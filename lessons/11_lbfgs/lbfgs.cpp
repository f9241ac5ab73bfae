// Lesson 11 — L-BFGS.  Your code goes here; the contract is in lbfgs.hpp.
//
//   ./lab test 11        run the tests (each prints what is wrong and the likely mistake)
//   ./lab hint 11 1      a first hint (2 and 3 reveal more)
//
// Useful pieces of the lab:
//   optlab::strong_wolfe(f, x, fx, g, p, alpha0, opts.line_search)   optlab/linesearch.hpp
//   optlab::RunMonitor mon(f, opts.stop, "lbfgs");  mon.record(x, fx, g, alpha, {{"pairs", ..}, {"skipped", ..}})
//   optlab::require / require_size / require_finite / fail_argument             optlab/core.hpp
#include "lbfgs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "optlab/core.hpp"

namespace optlab {

bool lbfgs_store_pair(LbfgsMemory& mem, const arma::vec& s, const arma::vec& y, const arma::vec& g,
                      double curvature_eps) {
  // TODO(student): skip the pair unless s'y > 0 and s'y > curvature_eps * max(0, -g's); drop the oldest pair when full
  OPTLAB_TODO("lbfgs_store_pair");
}

arma::vec lbfgs_direction(const LbfgsMemory& mem, const arma::vec& g) {
  // TODO(student): two-loop recursion (N&W Alg. 7.4) with H0 = gamma*I, gamma = s'y/y'y of the newest pair; return -H g
  OPTLAB_TODO("lbfgs_direction");
}

Result lbfgs_minimize(const Objective& f, arma::vec x0, const LbfgsOptions& opts) {
  // TODO(student): the L-BFGS loop (N&W Alg. 7.5): direction, strong Wolfe search, pair update, failure recovery
  OPTLAB_TODO("lbfgs_minimize");
}

}  // namespace optlab
