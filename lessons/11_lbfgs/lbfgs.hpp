#pragma once
// Lesson 11 — L-BFGS: the CONTRACT both tracks compile against (do not edit).
//
// Reference: docs/algorithms.md §1 (strong Wolfe), §3 (BFGS and L-BFGS), §7 (stopping),
// §8 (failure modes); Nocedal & Wright (N&W), Numerical Optimization, 2nd ed., Alg. 7.4 and 7.5.
//
// Conventions the tests rely on:
//   * s_k = x_{k+1} − x_k,  y_k = g_{k+1} − g_k,  ρ_k = 1 / (y_kᵀ s_k).
//   * The memory holds at most m pairs, OLDEST FIRST (index 0 is the oldest).  When it is full,
//     storing a new pair drops the oldest.
//   * A pair is stored only if  s_kᵀy_k > curvature_eps · max(0, −g_kᵀs_k)  and  s_kᵀy_k > 0
//     (L-BFGS-B's test; g_k is the gradient at the START of the step).  Otherwise it is skipped
//     and the old pairs are kept: a pair with sᵀy ≤ 0 would make H_k indefinite.
//   * Initial matrix H_k⁰ = γ_k I with γ_k = s_{k−1}ᵀy_{k−1} / y_{k−1}ᵀy_{k−1} from the NEWEST
//     pair (N&W eq. 7.20).  With no pairs, H⁰ = I and the direction is −g.
//   * The direction is p = −H_k g (a descent direction), NOT H_k g.
//   * Driver (N&W Alg. 7.5): strong Wolfe line search from lib (optlab/linesearch.hpp) with
//     opts.line_search (c₁ = 1e-4, c₂ = 0.9).  Initial trial step: α₀ = 1/‖g‖ (a step of unit
//     length; capped at line_search.alpha_max as L-BFGS-B's min(1/‖d‖, stpmx)) when the memory is
//     empty (first iteration, as L-BFGS-B; or after a reset), α₀ = 1 otherwise.
//   * Every iteration is recorded with optlab::RunMonitor (alpha = the accepted step length) and
//     two extra trace columns: "pairs" (pairs in memory after the update) and "skipped" (pairs
//     skipped so far).
#include <armadillo>
#include <vector>

#include "optlab/linesearch.hpp"
#include "optlab/objective.hpp"
#include "optlab/result.hpp"

namespace optlab {

// The curvature memory of L-BFGS: the m most recent pairs (s, y), oldest first.
struct LbfgsMemory {
  arma::uword capacity = 10;  // m
  std::vector<arma::vec> s, y;  // s[i], y[i]: the i-th oldest pair
  arma::uword size() const { return static_cast<arma::uword>(s.size()); }
  bool empty() const { return s.empty(); }
  void clear() {
    s.clear();
    y.clear();
  }
};

// Stores the pair (s, y) in `mem` if it passes the curvature test above (g = gradient at the start
// of the step, so gᵀs < 0 for a descent step); drops the oldest pair when the memory is full.
// Returns true when the pair was stored, false when it was skipped.
// Throws optlab::invalid_argument if s, y, g differ in size, mem.capacity is 0, or stored pairs
// have another dimension.
bool lbfgs_store_pair(LbfgsMemory& mem, const arma::vec& s, const arma::vec& y, const arma::vec& g,
                      double curvature_eps = 2.2e-16);

// The two-loop recursion (N&W Alg. 7.4): returns the search direction p = −H_k g, where H_k is
// the BFGS update (N&W eq. 6.17) of H_k⁰ = γ_k I applied with every pair in `mem`, oldest first.
// With an empty memory it returns −g.  Throws optlab::invalid_argument on size mismatches.
arma::vec lbfgs_direction(const LbfgsMemory& mem, const arma::vec& g);

struct LbfgsOptions {
  StopOptions stop;
  arma::uword memory = 10;          // m (SciPy's maxcor = 10); m ≥ 1
  LineSearchOptions line_search;    // strong Wolfe: c1 = 1e-4, c2 = 0.9
  double curvature_eps = 2.2e-16;   // pair skipping test (L-BFGS-B uses machine epsilon)
  // After a line search failure that the steepest-descent retry could not fix, the run reports
  // converged_precision (instead of line_search_failed) when
  //   ‖g‖∞ ≤ max(precision_gtol, 10·stop.gtol) · max(1, min(|f|, |f₀|))
  // (RunMonitor's gradient scale: |f| capped at |f(x₀)|, so a run towards f = −∞ never passes for
  // converged).  Lessons 09 and 10 use max(100·gtol, 1e-6)·max(1, |f|) instead, with no recorded
  // reason for the different factors (docs/algorithms.md §8.1).
  double precision_gtol = 1e-5;
};

// L-BFGS (N&W Alg. 7.5) with the failure handling of docs/algorithms.md §8:
//   * line search failure: clear the memory and retry once along −g (α₀ = 1/‖g‖); if that fails
//     too, stop with converged_precision or line_search_failed (see precision_gtol);
//   * a direction that is not a descent direction (gᵀp ≥ −1e-12‖g‖‖p‖): clear the memory, use −g;
//   * a line search that only ever expands (f keeps falling along p): take the longest step tried,
//     so that ‖x‖ grows until StopOptions::max_x_norm reports `unbounded`;
//   * non-finite f or g, divergence, ‖x‖ runaway and the scaled stopping tests: RunMonitor.
// Throws optlab::invalid_argument for a wrong x0 size, a non-finite x0, memory = 0 or a negative
// curvature_eps / precision_gtol.
Result lbfgs_minimize(const Objective& f, arma::vec x0, const LbfgsOptions& opts = {});

}  // namespace optlab
