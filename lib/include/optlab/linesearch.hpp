#pragma once
// Line searches along a descent direction p from x:  φ(α) = f(x + αp).
// Both return a status instead of looping forever, and never accept a non-finite trial point.
// Reference: docs/algorithms.md §1 (N&W Alg. 3.1, 3.5, 3.6).
#include <armadillo>
#include <string>

#include "optlab/objective.hpp"

namespace optlab {

enum class LineSearchStatus {
  ok,
  not_descent,         // φ'(0) ≥ 0: p is not a descent direction
  max_iterations,      // too many trials (backtracking steps, expansions or zoom steps)
  bracket_collapsed,   // zoom interval shrank below rounding: no acceptable α in floating point
  non_finite,          // every trial gave NaN/Inf (f overflowed along p)
};
std::string to_string(LineSearchStatus s);

struct LineSearchOptions {
  double c1 = 1e-4;         // sufficient decrease (Armijo)
  double c2 = 0.9;          // curvature (strong Wolfe): 0.9 Newton/quasi-Newton, 0.1 nonlinear CG
  double rho = 0.5;         // backtracking factor
  double alpha_max = 1e10;  // largest trial step (Wolfe expansion)
  int max_backtracks = 60;
  int max_expansions = 20;
  int max_zoom = 30;
};

struct LineSearchResult {
  LineSearchStatus status = LineSearchStatus::ok;
  double alpha = 0.0;   // accepted step (0 on failure)
  double f = 0.0;       // f(x + αp)
  arma::vec x;          // x + αp (x on failure)
  arma::vec g;          // ∇f(x + αp) (strong Wolfe only: backtracking evaluates f alone, g stays empty)
  int evaluations = 0;  // trial points evaluated
  double last_alpha = 0.0;  // the last trial step evaluated (also on failure; 0 if none): after the
                            // expansion phase ran out, the longest step tried
  bool ok() const { return status == LineSearchStatus::ok; }
};

// Armijo backtracking (N&W Alg. 3.1): α ← ρα until f(x+αp) ≤ f + c₁α gᵀp.
LineSearchResult backtracking(const Objective& obj, const arma::vec& x, double f, const arma::vec& g,
                              const arma::vec& p, double alpha0 = 1.0, const LineSearchOptions& opts = {});

// Strong Wolfe (N&W Alg. 3.5 with zoom, Alg. 3.6; safeguarded cubic interpolation):
//   f(x+αp) ≤ f + c₁α gᵀp   and   |∇f(x+αp)ᵀp| ≤ c₂|gᵀp|
// While the trial step is still too short (f falling, φ' < 0), the next trial is extrapolated as
// in Moré–Thuente: the cubic's minimiser, kept in [α + 1.1(α − α_prev), α + 4(α − α_prev)],
// instead of the textbook's 2α; on the 33 MGH problems this gave CG fewer evaluations and no
// false convergence claims (solutions/README.md, "Fixes tried").
LineSearchResult strong_wolfe(const Objective& obj, const arma::vec& x, double f, const arma::vec& g,
                              const arma::vec& p, double alpha0 = 1.0, const LineSearchOptions& opts = {});

}  // namespace optlab
