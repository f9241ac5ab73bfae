#pragma once
// Lesson 03 — Gradient descent: the training loop.                        CONTRACT HEADER
//
// The tests compare your implementation with the reference to rounding, so every convention
// they rely on is pinned here.  Do not change this file; write gradient_descent.cpp.
//
// In this lesson you write the WHOLE loop yourself (Chapter 3 §7: evaluate, differentiate,
// update, test for convergence): you may use the types Result, Trace, TraceRow, StopOptions,
// LineSearchOptions and LineSearchResult, but NOT RunMonitor, run_update_rule or lib's
// backtracking() — building those is exactly what this lesson is about.
#include <optlab/optlab.hpp>

namespace optlab {

struct GradientDescentOptions {
  // Fixed step: the learning rate α of θ ← θ − α∇L(θ) (Chapter 3 §5).
  // Backtracking: the first trial step α₀ of every line search.
  double learning_rate = 0.1;
  // false: fixed step α.  true: Armijo backtracking along p = −g from α₀ = learning_rate at
  // EVERY iteration (the search restarts from α₀, it does not remember the last step).
  bool backtracking = false;
  LineSearchOptions line_search;  // c1, rho and max_backtracks of armijo_backtracking
  StopOptions stop;               // see gd_stopping_test
};

// What the stopping tests look at once iterate x_k has been evaluated.
struct GDProgress {
  int iteration = 0;     // k: 0 for x₀, then one more per update
  double f0 = 0;         // f(x₀)
  double f_prev = 0;     // f(x_{k−1})  (ignored when k = 0)
  double f = 0;          // f(x_k)
  arma::vec g;           // ∇f(x_k)
  arma::vec x;           // x_k
  arma::vec x_prev;      // x_{k−1}     (ignored when k = 0)
  long evaluations = 0;  // evaluations of f so far in this run: value() + value_gradient() calls
};

// The stopping tests of docs/algorithms.md §7, checked IN THIS ORDER; the first that fires decides
// the status, Status::running means "keep going".  ‖·‖∞ is the largest |gᵢ|, ‖·‖ the 2-norm.
//   1. f, g or x not finite                                   → Status::non_finite
//   2. k > 0 and f > f0 + diverge_factor·max(1, |f0|)         → Status::diverged
//   3. ‖x‖ > max_x_norm                                       → Status::unbounded
//   4. gtol > 0 and ‖g‖∞ ≤ gtol·max(1, |f|)                   → Status::converged_gradient
//   5. k > 0, ftol > 0,  f_prev − f ≤ ftol·max(|f|, |f_prev|, 1)
//      AND ‖g‖∞ ≤ ftol_gtol·max(1, |f|)                       → Status::converged_f_change
//      (a small change of f ALONE never stops the run: on a slow stretch of a valley f barely
//       moves while the gradient is still large — the f-change test only counts together
//       with a loose gradient test, like StopOptions::ftol_gtol says)
//   6. k > 0, xtol > 0 and ‖x − x_prev‖ ≤ xtol·(xtol + ‖x_prev‖) → Status::converged_step
//   7. k ≥ max_iterations                                     → Status::max_iterations
//   8. max_evaluations > 0 and evaluations ≥ max_evaluations  → Status::max_evaluations
// The same tests in the same order as lib's RunMonitor (which later lessons use), with one
// difference: RunMonitor caps the scale after x₀, max(1, min(|f|, max(|f0|, 1))); here it is
// max(1, |f|) at every iteration, as written above.
Status gd_stopping_test(const StopOptions& stop, const GDProgress& p);

// Armijo backtracking line search (N&W Alg. 3.1; docs/algorithms.md §1.1) along the direction p:
//   trial α = alpha0, alpha0·ρ, alpha0·ρ², …  (at most opts.max_backtracks trials)
//   accept the FIRST trial with a finite f(x+αp) ≤ f + c₁·α·gᵀp   (sufficient decrease)
// Each trial costs one obj.value() call and nothing else.  Returns
//   ok:             alpha = accepted α, x = x + αp, f = f(x + αp), evaluations = trials made;
//   not_descent:    gᵀp ≥ 0 (no trial is made), alpha = 0, x = x, f = f;
//   max_iterations: no trial accepted (some were finite), alpha = 0, x = x, f = f;
//   non_finite:     every trial gave NaN/Inf, alpha = 0, x = x, f = f.
// A non-finite trial counts as "too long" and is never accepted.  g of the result stays empty.
// Invalid input (sizes ≠ obj.dim(), alpha0 ≤ 0 or not finite, c1 ∉ (0,1), rho ∉ (0,1),
// max_backtracks < 1) throws optlab::invalid_argument naming the argument.
LineSearchResult armijo_backtracking(const Objective& obj, const arma::vec& x, double f, const arma::vec& g,
                                     const arma::vec& p, double alpha0, const LineSearchOptions& opts = {});

// Gradient descent θ_{k+1} = θ_k − α_k ∇f(θ_k) from x0 (Chapter 3 §5 and §7).
//
// Loop: evaluate f and g at x₀ with ONE obj.value_gradient() call; then repeat
//   { apply gd_stopping_test; stop if it fires;
//     fixed step:    x₊ = x − α·g
//     backtracking:  x₊ from armijo_backtracking(obj, x, f, g, −g, learning_rate, line_search);
//                    if it fails, stop with Status::line_search_failed (x stays the last iterate);
//     evaluate f and g at x₊ with ONE obj.value_gradient() call }
// So a fixed-step run calls value_gradient() once per iterate and value() never.
//
// The Result:
//   method      "gd" (fixed step) or "gd_armijo" (backtracking)
//   trace.rows  one row per evaluated iterate x₀, x₁, …, including a final non-finite one:
//               iteration k, f, grad_norm = ‖g‖ (2-norm), step_norm = ‖x_k − x_{k−1}‖ (0 at k = 0),
//               alpha = step used to reach x_k (NaN at k = 0), n_value / n_gradient = value() /
//               value_gradient() calls since the start of the run (cumulative), n_hessian = 0
//   trace.path  every evaluated iterate x_k when dim ≤ 10 (for the trajectory plot), else empty
//   iterations  trace.rows.size() − 1
//   x, f, grad_norm   of the LAST iterate whose f and g are finite (never hand back a NaN)
//   evals       evaluation counts of this run (obj.counts() now minus at the start)
//   status      from gd_stopping_test, or line_search_failed; never running
//   message     one sentence saying why the run stopped (non-empty)
//   seconds     wall time of the run
// Invalid input (x0 size ≠ obj.dim(), x0 not finite, learning_rate ≤ 0 or not finite,
// negative gtol / ftol / xtol / max_iterations) throws optlab::invalid_argument naming it.
Result gradient_descent(const Objective& obj, const arma::vec& x0, const GradientDescentOptions& opts = {});

}  // namespace optlab
