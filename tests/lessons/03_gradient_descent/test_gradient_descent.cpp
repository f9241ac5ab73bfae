// Lesson 03 — gradient descent: the training loop.
// Every expected number below is computed by hand from the update rule, never copied from a run.
#include "optlab_test.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "gradient_descent.hpp"

using optlab::Status;

namespace {

const double inf = std::numeric_limits<double>::infinity();
const double nan_v = std::numeric_limits<double>::quiet_NaN();

// A boolean check whose failure message says what is wrong and the likely mistake.
#define GD_CHECK(cond, what, mistake) \
  BOOST_CHECK_MESSAGE((cond), std::string(what) + "\n    likely mistake: " + std::string(mistake))
#define GD_REQUIRE(cond, what, mistake) \
  BOOST_REQUIRE_MESSAGE((cond), std::string(what) + "\n    likely mistake: " + std::string(mistake))

std::string show(double v) { return optlab::detail::show(v); }

// Iterates of a run as the columns of a matrix (for OPTLAB_CHECK_CLOSE).
arma::mat path_matrix(const optlab::Result& r) {
  arma::mat P(r.x.n_elem, r.trace.path.size());
  for (size_t k = 0; k < r.trace.path.size(); ++k) P.col(k) = r.trace.path[k];
  return P;
}

// f(x) = x² written as ½·2·x² (1-D): φ(α) = f(1 − 2α) = (1 − 2α)² along p = −g from x = 1.
optlab::Quadratic parabola() { return optlab::Quadratic(arma::mat(1, 1, arma::fill::value(2.0)), arma::vec{0.0}, 0.0, "x^2"); }

optlab::GDProgress progress(int k, double f0, double f_prev, double f, arma::vec g, arma::vec x, arma::vec x_prev,
                            long evaluations = 1) {
  optlab::GDProgress p;
  p.iteration = k;
  p.f0 = f0;
  p.f_prev = f_prev;
  p.f = f;
  p.g = std::move(g);
  p.x = std::move(x);
  p.x_prev = std::move(x_prev);
  p.evaluations = evaluations;
  return p;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The loop itself: exact iterates on the lab's valley f = 0.1x₁² + 2x₂² (∇f = (0.2x₁, 4x₂)).
BOOST_AUTO_TEST_CASE(exact_iterates_on_the_valley) {
  const optlab::Quadratic f = optlab::Quadratic::valley();
  optlab::GradientDescentOptions o;
  o.learning_rate = 0.1;
  o.stop.gtol = 0;  // run exactly two updates
  o.stop.max_iterations = 2;
  const optlab::Result r = optlab::gradient_descent(f, arma::vec{1.0, 1.0}, o);
  optlab::test::plot_run(r, {.f_star = 0.0, .contour = &f, .x0 = -0.2, .x1 = 1.2, .y0 = -0.2, .y1 = 1.2});

  // x₁ = x₀ − 0.1·(0.2, 4) = (0.98, 0.6);  x₂ = (0.98·0.98, 0.6·0.6) = (0.9604, 0.36).
  const arma::mat expected = {{1.0, 0.98, 0.9604}, {1.0, 0.6, 0.36}};
  GD_REQUIRE(r.trace.path.size() == 3,
             "trace.path has " + std::to_string(r.trace.path.size()) + " iterates, expected x0, x1, x2",
             "record every evaluated iterate, x0 included, in trace.path (dim <= 10)");
  // 1e-14: three multiplications and subtractions of O(1) numbers, i.e. a few roundings.
  OPTLAB_CHECK_CLOSE(path_matrix(r), expected, 1e-14, "iterates x0, x1, x2 (columns)",
                     "the update is x <- x - alpha*g with the gradient at the CURRENT x (a sign error ascends)");
  OPTLAB_CHECK_CLOSE(r.x, arma::vec({0.9604, 0.36}), 1e-14, "result x", "return the last iterate as Result::x");

  // f(x) = 0.1x₁² + 2x₂²: f₀ = 2.1, f₁ = 0.09604 + 0.72 = 0.81604, f₂ = 0.092236816 + 0.2592.
  GD_REQUIRE(r.trace.rows.size() == 3, "trace has " + std::to_string(r.trace.rows.size()) + " rows, expected 3",
             "one trace row per evaluated iterate, x0 included");
  const arma::vec fs = {r.trace.rows[0].f, r.trace.rows[1].f, r.trace.rows[2].f};
  OPTLAB_CHECK_CLOSE(fs, arma::vec({2.1, 0.81604, 0.351436816}), 1e-14, "trace f column",
                     "trace row k must hold f(x_k) of the iterate it describes");
  OPTLAB_CHECK_CLOSE(r.f, 0.351436816, 1e-14, "result f", "Result::f is f at the returned x");
  // ‖g₀‖ = ‖(0.2, 4)‖ = √16.04;  ‖x₁ − x₀‖ = ‖(0.02, 0.4)‖ = √0.1604.
  OPTLAB_CHECK_CLOSE(r.trace.rows[0].grad_norm, std::sqrt(16.04), 1e-14, "trace grad_norm at x0",
                     "grad_norm is the 2-norm of the gradient");
  OPTLAB_CHECK_CLOSE(r.trace.rows[1].step_norm, std::sqrt(0.1604), 1e-14, "trace step_norm at x1",
                     "step_norm is the 2-norm of x_k - x_{k-1}");
  GD_CHECK(std::isnan(r.trace.rows[0].alpha) && r.trace.rows[1].alpha == 0.1 && r.trace.rows[2].alpha == 0.1,
           "trace alpha column = " + show(r.trace.rows[0].alpha) + ", " + show(r.trace.rows[1].alpha) + ", " +
               show(r.trace.rows[2].alpha) + ", expected NaN, 0.1, 0.1",
           "alpha is the step that reached x_k (NaN for x0, no step reached it)");
  GD_CHECK(r.trace.rows[0].iteration == 0 && r.trace.rows[2].iteration == 2, "trace iteration column is not 0, 1, 2",
           "number the rows by k, starting at 0 for x0");
  GD_CHECK(r.iterations == 2, "iterations = " + std::to_string(r.iterations) + ", expected 2",
           "iterations counts the updates: trace.rows.size() - 1");
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::max_iterations,
                                               "stop with max_iterations once k >= stop.max_iterations"));
  // One value_gradient per iterate, no value() calls: 3 gradient evaluations in all.
  GD_CHECK(r.evals.gradient == 3 && r.evals.value == 0,
           "evaluations value/gradient = " + std::to_string(r.evals.value) + "/" + std::to_string(r.evals.gradient) +
               ", expected 0/3",
           "evaluate f and g together with ONE value_gradient() call per iterate (no extra value() calls)");
  GD_CHECK(r.trace.rows[2].n_gradient == 3 && r.trace.rows[0].n_gradient == 1,
           "trace n_gradient column is not cumulative 1, 2, 3",
           "n_gradient is the number of value_gradient() calls since the start of the run");
  GD_CHECK(!r.message.empty(), "Result::message is empty", "say in one sentence why the run stopped");
}

// Below 2/L every step decreases f, and by at least the factor ρ² = max|1 − αλᵢ|² (linear rate).
BOOST_AUTO_TEST_CASE(monotone_decrease_below_two_over_L) {
  const optlab::Quadratic f = optlab::Quadratic::valley();  // λ = 0.2, 4;  L = 4, 2/L = 0.5
  optlab::GradientDescentOptions o;
  o.learning_rate = 0.45;
  o.stop.gtol = 1e-10;
  o.stop.max_iterations = 1000;
  const optlab::Result r = optlab::gradient_descent(f, arma::vec{3.0, 1.0}, o);
  optlab::test::plot_run(r, {.f_star = 0.0, .contour = &f, .x0 = -3.5, .x1 = 3.5, .y0 = -1.5, .y1 = 1.5});

  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::converged_gradient,
                                               "below 2/L gradient descent converges; the gradient test must fire"));
  // ρ = max(|1 − 0.45·0.2|, |1 − 0.45·4|) = max(0.91, 0.8) = 0.91.  For a quadratic
  // f(x_k) = Σ ½λᵢ(1 − αλᵢ)^{2k}xᵢ², so f_{k+1} ≤ ρ²f_k exactly; 1e-12 leaves room for rounding.
  const double rho2 = 0.91 * 0.91;
  int bad = -1;
  for (size_t k = 1; k < r.trace.rows.size(); ++k)
    if (!(r.trace.rows[k].f <= rho2 * r.trace.rows[k - 1].f * (1 + 1e-12))) {
      bad = static_cast<int>(k);
      break;
    }
  GD_CHECK(bad < 0,
           "f did not decrease by the factor 0.91^2 at iteration " + std::to_string(bad) +
               (bad > 0 ? " (f = " + show(r.trace.rows[bad - 1].f) + " -> " + show(r.trace.rows[bad].f) + ")" : ""),
           "the step must be x - alpha*g with the fixed learning rate (no extra factor, no ascent)");
  // ρ^k·|g₀|∞ ≤ 1e-10 needs k ≈ ln(6e9)/0.094 ≈ 239 steps; allow the x₂ transient: < 300.
  GD_CHECK(r.iterations > 200 && r.iterations < 300,
           "stopped after " + std::to_string(r.iterations) + " iterations, expected about 250",
           "the gradient test is ||g||inf <= gtol*max(1,|f|), checked after every update");
  // ‖g‖∞ ≤ 1e-10 means |x₁| ≤ 5e-10 and |x₂| ≤ 2.5e-11.
  GD_CHECK(arma::norm(r.x) < 1e-9, "final x = (" + show(r.x(0)) + ", " + show(r.x(1)) + "), expected the minimiser 0",
           "return the last iterate as Result::x; the iterates must converge to the minimiser");
}

// Above 2/L the x₂ component is multiplied by 1 − 0.55·4 = −1.2 each step: f explodes.
BOOST_AUTO_TEST_CASE(divergence_detected_above_two_over_L) {
  const optlab::Quadratic f = optlab::Quadratic::valley();
  optlab::GradientDescentOptions o;
  o.learning_rate = 0.55;
  o.stop.max_iterations = 100000;  // the divergence test must stop the run, not the budget
  const optlab::Result r = optlab::gradient_descent(f, arma::vec{1.0, 1.0}, o);
  // The trajectory plot shows the first swings across the valley, each 1.2 times wider.
  optlab::test::plot_run(r, {.contour = &f, .x0 = -4, .x1 = 4, .y0 = -3, .y1 = 3});

  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::diverged, "check f > f0 + diverge_factor*max(1,|f0|) after every update (detect divergence)"));
  GD_CHECK(r.x.is_finite() && std::isfinite(r.f), "returned x or f is not finite: f = " + show(r.f),
           "return the last finite iterate, never a NaN");
  // f_k ≈ 2·1.44^k: f > 2.1 + 2.1e8 after about 51 updates.
  GD_CHECK(r.iterations > 40 && r.iterations < 70,
           "stopped after " + std::to_string(r.iterations) + " iterations, expected about 51",
           "detect divergence with f > f0 + diverge_factor*max(1,|f0|) (default diverge_factor 1e8)");
}

// With the divergence guards switched off the run goes on until f overflows to +inf: the
// result must still be the last FINITE iterate, with status non_finite.
BOOST_AUTO_TEST_CASE(overflow_returns_last_finite_iterate) {
  const optlab::Quadratic f = optlab::Quadratic::valley();
  optlab::GradientDescentOptions o;
  o.learning_rate = 1.0;  // x₂ ← −3x₂: f ≈ 2·9^k overflows after ~320 updates
  // gtol = 0: the scaled gradient test ‖g‖∞ ≤ gtol·|f| would fire on the way up, since f ~ ‖g‖².
  o.stop.gtol = 0;
  o.stop.diverge_factor = inf;
  o.stop.max_x_norm = inf;
  o.stop.max_iterations = 100000;
  const optlab::Result r = optlab::gradient_descent(f, arma::vec{1.0, 1.0}, o);
  optlab::test::plot_run(r);

  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::non_finite,
                                               "test f, g and x for NaN/Inf (std::isfinite) before anything else"));
  GD_CHECK(r.x.is_finite() && std::isfinite(r.f) && std::isfinite(r.grad_norm),
           "returned f = " + show(r.f) + ", |g| = " + show(r.grad_norm) + (r.x.is_finite() ? "" : ", x not finite"),
           "return the last iterate whose f and g are finite, not the one that overflowed");
  GD_REQUIRE(r.trace.rows.size() >= 2 && r.trace.path.size() == r.trace.rows.size(),
             "trace has " + std::to_string(r.trace.rows.size()) + " rows and " + std::to_string(r.trace.path.size()) +
                 " path entries",
             "record a row and a path entry for every evaluated iterate, the overflowing one included");
  GD_CHECK(!std::isfinite(r.trace.rows.back().f), "the last trace row has finite f = " + show(r.trace.rows.back().f),
           "the overflowing iterate gets its own (non-finite) trace row; the run then stops");
  OPTLAB_CHECK_CLOSE(r.x, r.trace.path[r.trace.path.size() - 2], 0.0, "returned x vs the last finite iterate",
                     "return the last iterate whose f and g are finite, not the one that overflowed");
}

// f(x) = −x₁ − x₂ has no minimum: the iterates march off to infinity.
BOOST_AUTO_TEST_CASE(unbounded_below_is_reported) {
  const optlab::LambdaObjective f(
      2,
      [](const arma::vec& x, arma::vec& g) {
        g = {-1.0, -1.0};
        return -x(0) - x(1);
      },
      "linear");
  optlab::GradientDescentOptions o;
  o.learning_rate = 1.0;
  o.stop.max_x_norm = 100;
  o.stop.max_iterations = 100000;
  const optlab::Result r = optlab::gradient_descent(f, arma::vec{0.0, 0.0}, o);
  optlab::test::plot_run(r);
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::unbounded,
                                               "stop with unbounded once ||x|| > stop.max_x_norm"));
  // ‖x_k‖ = k√2 > 100 first at k = 71.
  GD_CHECK(r.iterations == 71, "stopped after " + std::to_string(r.iterations) + " iterations, expected 71",
           "apply the ||x|| test to every iterate, right after evaluating it");
}

// ---------------------------------------------------------------------------------------------
// The stopping tests one by one (gd_stopping_test).
BOOST_AUTO_TEST_CASE(stopping_gradient_test_is_relative) {
  optlab::StopOptions s;  // gtol = 1e-6, ftol = 0
  // ‖g‖∞ = 5e-6: above gtol·max(1,|f|) = 1e-6 when f = 0.5, below 1e-5 when f = 10.
  const arma::vec g = {5e-6, -1e-7}, x = {1.0, 2.0};
  GD_CHECK(optlab::gd_stopping_test(s, progress(3, 20, 0.6, 0.5, g, x, x)) == Status::running,
           "gradient test fired with |g|inf = 5e-6 > gtol*max(1,|f|) = 1e-6",
           "the gradient test is ||g||inf <= gtol*max(1,|f|) (max-norm, scaled by max(1,|f|))");
  GD_CHECK(optlab::gd_stopping_test(s, progress(3, 20, 10.5, 10, g, x, x)) == Status::converged_gradient,
           "gradient test did not fire with |g|inf = 5e-6 <= gtol*max(1,|f|) = 1e-5",
           "scale gtol by max(1,|f|): an absolute gradient tolerance is unreachable when f is large");
  // Already at x₀: k = 0 is tested too.
  GD_CHECK(optlab::gd_stopping_test(s, progress(0, 1, 0, 1, arma::vec{0.0, 0.0}, x, arma::vec())) ==
               Status::converged_gradient,
           "gradient test did not fire at k = 0 with g = 0", "apply the gradient test to x0 as well");
  // ‖g‖₂ = 1.4e-6 > 1e-6 but ‖g‖∞ = 1e-6: the max-norm decides.
  GD_CHECK(optlab::gd_stopping_test(s, progress(2, 5, 0.6, 0.5, arma::vec{1e-6, 1e-6}, x, x)) ==
               Status::converged_gradient,
           "gradient test did not fire with |g|inf = 1e-6 = gtol",
           "use the max-norm ||g||inf = max|g_i| and <= (not <)");
}

BOOST_AUTO_TEST_CASE(stopping_f_change_needs_small_gradient) {
  optlab::StopOptions s;
  s.gtol = 1e-8;
  s.ftol = 1e-3;
  s.ftol_gtol = 1e-3;
  const arma::vec x = {1.0, 1.0};
  // f went 2.0 → 1.9995: decrease 5e-4 ≤ ftol·2 = 2e-3, but ‖g‖∞ = 0.5 ≫ 1e-3·2: keep going.
  GD_CHECK(optlab::gd_stopping_test(s, progress(5, 10, 2.0, 1.9995, arma::vec{0.5, 0.1}, x, x)) == Status::running,
           "stopped on a small f change while |g|inf = 0.5 is large (a slow stretch, not a minimum)",
           "the f-change test alone is not a convergence test: it counts only together with "
           "||g||inf <= ftol_gtol*max(1,|f|)");
  // Same f change with ‖g‖∞ = 1e-3 ≤ ftol_gtol·max(1,|f|) = 1.9995e-3: converged.
  GD_CHECK(optlab::gd_stopping_test(s, progress(5, 10, 2.0, 1.9995, arma::vec{1e-3, 1e-4}, x, x)) ==
               Status::converged_f_change,
           "f-change test did not fire with a small f change and a small gradient",
           "f_prev - f <= ftol*max(|f|,|f_prev|,1) together with ||g||inf <= ftol_gtol*max(1,|f|)");
  // A decrease of 3e-3 > ftol·2: no f-change stop even with a small gradient.
  GD_CHECK(optlab::gd_stopping_test(s, progress(5, 10, 2.0, 1.997, arma::vec{1e-3, 1e-4}, x, x)) == Status::running,
           "f-change test fired with a decrease 3e-3 > ftol*max(|f|,|f_prev|,1) = 2e-3",
           "the f-change test is relative: f_prev - f <= ftol*max(|f|,|f_prev|,1)");
  // k = 0 has no previous f.
  GD_CHECK(optlab::gd_stopping_test(s, progress(0, 2.0, 2.0, 2.0, arma::vec{1e-3, 1e-4}, x, arma::vec())) ==
               Status::running,
           "f-change test fired at k = 0", "there is no f_prev at k = 0: skip the f-change test there");
}

BOOST_AUTO_TEST_CASE(stopping_divergence_non_finite_and_budgets) {
  optlab::StopOptions s;  // diverge_factor 1e8, max_x_norm 1e10, max_iterations 1000
  const arma::vec x = {1.0, 1.0}, g = {1.0, 1.0};
  // NaN first, whatever else holds (here also k ≥ max_iterations).
  GD_CHECK(optlab::gd_stopping_test(s, progress(1000, 1, 1, nan_v, g, x, x)) == Status::non_finite,
           "a NaN f was not reported as non_finite", "test std::isfinite(f), g and x before every other test");
  GD_CHECK(optlab::gd_stopping_test(s, progress(3, 1, 1, 1, arma::vec{inf, 0.0}, x, x)) == Status::non_finite,
           "an infinite gradient was not reported as non_finite", "test g.is_finite() too, not only f");
  // f0 = 2: diverged when f > 2 + 1e8·2.
  GD_CHECK(optlab::gd_stopping_test(s, progress(7, 2, 1e8, 2.1e8, g, x, x)) == Status::diverged,
           "f = 2.1e8 > f0 + 1e8*max(1,|f0|) = 2.00000002e8 was not reported as diverged",
           "detect divergence: f > f0 + diverge_factor*max(1,|f0|)");
  // (‖g‖∞ = 1e3 > gtol·1.9e8 = 190, so the gradient test does not fire either.)
  const arma::vec big = {1e3, 1e3};
  const Status below = optlab::gd_stopping_test(s, progress(7, 2, 1e8, 1.9e8, big, x, x));
  GD_CHECK(below == Status::running,
           "f = 1.9e8 < f0 + 1e8*max(1,|f0|) was reported as " + optlab::to_string(below),
           "divergence threshold is f0 + diverge_factor*max(1,|f0|)");
  GD_CHECK(optlab::gd_stopping_test(s, progress(4, 1, 1, 0.5, g, arma::vec{2e10, 0.0}, x)) == Status::unbounded,
           "||x|| = 2e10 > max_x_norm was not reported as unbounded", "test ||x|| > stop.max_x_norm");
  GD_CHECK(optlab::gd_stopping_test(s, progress(999, 1, 1, 0.5, g, x, x)) == Status::running,
           "stopped at k = 999 < max_iterations = 1000", "stop when k >= max_iterations, not before");
  GD_CHECK(optlab::gd_stopping_test(s, progress(1000, 1, 1, 0.5, g, x, x)) == Status::max_iterations,
           "did not stop at k = max_iterations = 1000", "stop when k >= max_iterations");
  optlab::StopOptions e = s;
  e.max_evaluations = 10;
  GD_CHECK(optlab::gd_stopping_test(e, progress(4, 1, 1, 0.5, g, x, x, 10)) == Status::max_evaluations,
           "did not stop with 10 evaluations and max_evaluations = 10", "stop when evaluations >= max_evaluations > 0");
  GD_CHECK(optlab::gd_stopping_test(s, progress(4, 1, 1, 0.5, g, x, x, 1000000)) == Status::running,
           "stopped on evaluations with max_evaluations = 0", "max_evaluations = 0 means no limit");
  // xtol: ‖x − x_prev‖ = 1e-9 ≤ 1e-8·(1e-8 + √2).
  optlab::StopOptions xt = s;
  xt.xtol = 1e-8;
  GD_CHECK(optlab::gd_stopping_test(xt, progress(4, 1, 1, 0.5, g, x + arma::vec{1e-9, 0.0}, x)) ==
               Status::converged_step,
           "step 1e-9 <= xtol*(xtol+||x_prev||) was not reported as converged_step",
           "test ||x - x_prev|| <= xtol*(xtol + ||x_prev||) when xtol > 0");
}

// The f-change test on its own stops a run far from the minimum: along the flat floor of the
// valley (λ = 0.2, α = 0.05) f shrinks by only 2 % a step, although ‖g‖ = 2 is large.
BOOST_AUTO_TEST_CASE(f_change_alone_does_not_stop_on_a_slow_stretch) {
  const optlab::Quadratic f = optlab::Quadratic::valley();
  optlab::GradientDescentOptions o;
  o.learning_rate = 0.05;
  o.stop.gtol = 1e-8;
  o.stop.ftol = 0.05;       // first step: f 10.0 → 9.80 (−0.2 ≤ 0.05·10): "converged" if used alone
  o.stop.ftol_gtol = 1e-3;  // ... but ‖g‖∞ = 1.98 ≫ 1e-3·max(1,|f|)
  o.stop.max_iterations = 5000;
  const optlab::Result r = optlab::gradient_descent(f, arma::vec{10.0, 0.5}, o);
  optlab::test::plot_run(r, {.f_star = 0.0, .contour = &f, .x0 = -1, .x1 = 11, .y0 = -1, .y1 = 1});

  const double ginf = arma::norm(f.gradient(r.x), "inf");
  GD_CHECK(ginf <= 1e-3 * std::max(1.0, std::abs(r.f)) && arma::norm(r.x) < 0.01,
           "stopped with status " + optlab::to_string(r.status) + " after " + std::to_string(r.iterations) +
               " iterations at x = (" + show(r.x(0)) + ", " + show(r.x(1)) + ") with |g|inf = " + show(ginf) +
               ", far from the minimiser 0",
           "the f-change test alone stopped the run: it must count only together with "
           "||g||inf <= ftol_gtol*max(1,|f|)");
  GD_CHECK(r.converged(), "run did not converge: " + r.summary(),
           "after the slow stretch the f-change (with small gradient) or gradient test must fire");
  // x₁ = 10·0.99^k, ‖g‖∞ = 0.2x₁ ≤ 1e-3 needs k ≥ ln(2000)/(−ln 0.99) ≈ 757.
  GD_CHECK(r.iterations > 700, "stopped after only " + std::to_string(r.iterations) + " iterations, expected ~757",
           "the f-change test alone stopped the run early; require the small gradient too (ftol_gtol)");
}

// ---------------------------------------------------------------------------------------------
// Armijo backtracking, hand-checked on φ(α) = (1 − 2α)² (f = x² from x = 1 along p = −g = −2):
// φ(0) = 1, φ'(0) = gᵀp = −4.
BOOST_AUTO_TEST_CASE(armijo_exact_trials) {
  const optlab::Quadratic f = parabola();
  const arma::vec x = {1.0}, g = {2.0}, p = {-2.0};
  // c₁ = 1e-4: α = 1 gives φ = 1 > 1 − 4e-4 (reject); α = 0.5 gives φ = 0 (accept): 2 trials.
  const optlab::LineSearchResult a = optlab::armijo_backtracking(f, x, 1.0, g, p, 1.0);
  GD_CHECK(a.ok() && a.alpha == 0.5 && a.evaluations == 2,
           "c1 = 1e-4: status " + optlab::to_string(a.status) + ", alpha = " + show(a.alpha) + " after " +
               std::to_string(a.evaluations) + " trials, expected ok, alpha = 0.5 after 2 trials",
           "the Armijo condition is f(x+alpha*p) <= f + c1*alpha*g'p with g'p < 0 (alpha = 1 leaves f unchanged "
           "and must be rejected: wrong sign or missing c1 in the condition?)");
  OPTLAB_CHECK_CLOSE(a.x, arma::vec{0.0}, 1e-15, "accepted point x + alpha*p", "return x + alpha*p, not x");
  OPTLAB_CHECK_CLOSE(a.f, 0.0, 1e-15, "f at the accepted point", "return f(x + alpha*p) of the accepted trial");
  // c₁ = 0.6: α = 0.5 gives 0 > 1 − 1.2 (reject); α = 0.25 gives 0.25 ≤ 1 − 0.6 (accept).
  optlab::LineSearchOptions strict;
  strict.c1 = 0.6;
  const optlab::LineSearchResult b = optlab::armijo_backtracking(f, x, 1.0, g, p, 1.0, strict);
  GD_CHECK(b.ok() && b.alpha == 0.25 && b.evaluations == 3,
           "c1 = 0.6: status " + optlab::to_string(b.status) + ", alpha = " + show(b.alpha) + " after " +
               std::to_string(b.evaluations) + " trials, expected ok, alpha = 0.25 after 3 trials",
           "use opts.c1 in the Armijo condition f(x+alpha*p) <= f + c1*alpha*g'p (missing c1 or wrong sign?)");
  // ρ = 0.1: α = 1 rejected, α = 0.1 gives 0.64 ≤ 1 − 4e-5: accepted.
  optlab::LineSearchOptions fast;
  fast.rho = 0.1;
  const optlab::LineSearchResult c = optlab::armijo_backtracking(f, x, 1.0, g, p, 1.0, fast);
  GD_CHECK(c.ok() && std::abs(c.alpha - 0.1) < 1e-15 && c.evaluations == 2,
           "rho = 0.1: alpha = " + show(c.alpha) + " after " + std::to_string(c.evaluations) +
               " trials, expected 0.1 after 2",
           "shrink the trial step by opts.rho (not a fixed 1/2)");
  GD_CHECK(a.g.is_empty(), "the result's g is filled", "backtracking evaluates f only; leave g empty");
}

BOOST_AUTO_TEST_CASE(armijo_rejects_non_finite_and_non_descent) {
  // x² inside |x| ≤ 2, +inf outside (an overflow).
  const optlab::LambdaObjective wall(
      1,
      [](const arma::vec& x, arma::vec& g) {
        g = {2 * x(0)};
        return std::abs(x(0)) <= 2 ? x(0) * x(0) : inf;
      },
      "x^2 with a wall");
  const arma::vec x = {1.0}, g = {2.0};
  // α = 2 → x = −3: f = inf (reject); α = 1 → f = 1 (reject); α = 0.5 → f = 0 (accept).
  const optlab::LineSearchResult a = optlab::armijo_backtracking(wall, x, 1.0, g, arma::vec{-2.0}, 2.0);
  GD_CHECK(a.ok() && a.alpha == 0.5 && a.evaluations == 3 && std::isfinite(a.f),
           "status " + optlab::to_string(a.status) + ", alpha = " + show(a.alpha) + ", f = " + show(a.f) + " after " +
               std::to_string(a.evaluations) + " trials, expected ok, alpha = 0.5, f = 0 after 3",
           "a non-finite trial counts as too long: shrink and never accept it");
  // p = +g points uphill: gᵀp = 4 ≥ 0.
  const long before = wall.counts().value;
  const optlab::LineSearchResult b = optlab::armijo_backtracking(wall, x, 1.0, g, arma::vec{2.0}, 1.0);
  GD_CHECK(b.status == optlab::LineSearchStatus::not_descent && b.alpha == 0 && wall.counts().value == before,
           "uphill direction: status " + optlab::to_string(b.status) + ", alpha = " + show(b.alpha) + ", " +
               std::to_string(wall.counts().value - before) + " evaluations; expected not_descent, 0, 0",
           "check g'p < 0 before any trial and return not_descent otherwise");
  OPTLAB_CHECK_CLOSE(b.x, x, 0.0, "x after a failed search", "a failed search returns x unchanged");
  // Every trial at or beyond the wall: α = 8, 4, 2 (x = −15, −7, −3) with max_backtracks = 3.
  optlab::LineSearchOptions three;
  three.max_backtracks = 3;
  const optlab::LineSearchResult c = optlab::armijo_backtracking(wall, x, 1.0, g, arma::vec{-2.0}, 8.0, three);
  GD_CHECK(c.status == optlab::LineSearchStatus::non_finite && c.evaluations == 3 && c.alpha == 0,
           "all trials infinite: status " + optlab::to_string(c.status) + " after " + std::to_string(c.evaluations) +
               " trials, expected non_finite after 3",
           "stop after max_backtracks trials; report non_finite when no trial was finite");
}

// α₀ = 1 > 2/L: fixed steps explode, Armijo backtracking shrinks them and converges.
BOOST_AUTO_TEST_CASE(backtracking_tames_a_too_large_step) {
  const optlab::Quadratic f = optlab::Quadratic::valley();
  optlab::GradientDescentOptions o;
  o.learning_rate = 1.0;
  o.stop.gtol = 1e-8;
  o.stop.max_iterations = 500;
  optlab::GradientDescentOptions fixed = o;
  o.backtracking = true;
  const optlab::Result r = optlab::gradient_descent(f, arma::vec{3.0, 1.0}, o);
  const optlab::Result rf = optlab::gradient_descent(f, arma::vec{3.0, 1.0}, fixed);
  optlab::test::plot_run(r, {.f_star = 0.0, .contour = &f, .x0 = -3.5, .x1 = 3.5, .y0 = -1.5, .y1 = 1.5});

  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::converged_gradient,
                                               "with backtracking, gradient descent must converge from alpha0 = 1"));
  GD_CHECK(!rf.converged(), "the fixed step alpha = 1 > 2/L converged: " + rf.summary(),
           "with backtracking = false the step is the fixed learning rate");
  GD_CHECK(r.method == "gd_armijo" && rf.method == "gd",
           "method names '" + r.method + "', '" + rf.method + "', expected 'gd_armijo', 'gd'",
           "name the run by the option used");
  // Each accepted step satisfies Armijo along p = −g: f_k ≤ f_{k−1} − c₁α_k‖g_{k−1}‖², and α_k is
  // α₀ halved j times (α₀ = 1, ρ = 0.5).
  int bad = -1;
  for (size_t k = 1; k < r.trace.rows.size(); ++k) {
    const auto& prev = r.trace.rows[k - 1];
    const auto& row = r.trace.rows[k];
    const double j = -std::log2(row.alpha);
    const bool armijo = row.f <= prev.f - 1e-4 * row.alpha * prev.grad_norm * prev.grad_norm;
    if (!armijo || !(row.alpha <= 1.0) || j != std::round(j)) {
      bad = static_cast<int>(k);
      break;
    }
  }
  GD_CHECK(bad < 0,
           "iteration " + std::to_string(bad) + ": step alpha = " +
               (bad > 0 ? show(r.trace.rows[bad].alpha) + ", f = " + show(r.trace.rows[bad - 1].f) + " -> " +
                              show(r.trace.rows[bad].f)
                        : std::string()) +
               " violates sufficient decrease or is not 1/2^j",
           "restart each search at alpha0 = learning_rate, halve it until Armijo holds, and record the accepted "
           "alpha in the trace");
  // Line searches call value() once per trial, plus one value_gradient() per iterate.
  GD_CHECK(r.evals.gradient == r.iterations + 1 && r.evals.value >= r.iterations,
           "evaluations value/gradient = " + std::to_string(r.evals.value) + "/" + std::to_string(r.evals.gradient) +
               " for " + std::to_string(r.iterations) + " iterations",
           "trials use value(); each new iterate gets ONE value_gradient()");
}

// A wrong gradient (sign flipped) makes −g an ascent direction: no step satisfies Armijo.
BOOST_AUTO_TEST_CASE(backtracking_reports_line_search_failure) {
  const optlab::LambdaObjective bad(
      2,
      [](const arma::vec& x, arma::vec& g) {
        g = -2 * x;  // the bug: the true gradient is +2x
        return arma::dot(x, x);
      },
      "wrong gradient");
  optlab::GradientDescentOptions o;
  o.backtracking = true;
  o.learning_rate = 1.0;
  // 30 halvings: α ≥ 2⁻²⁹ still moves x visibly (beyond ~2⁻⁵³ the step vanishes in rounding
  // and f(x + αp) = f(x) would pass the Armijo test).
  o.line_search.max_backtracks = 30;
  const arma::vec x0 = {1.0, -1.0};
  const optlab::Result r = optlab::gradient_descent(bad, x0, o);
  optlab::test::plot_run(r);
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::line_search_failed,
                                               "stop with line_search_failed when armijo_backtracking fails"));
  OPTLAB_CHECK_CLOSE(r.x, x0, 0.0, "x after the failed search", "do not move when the line search fails");
  GD_CHECK(r.iterations == 0 && r.trace.rows.size() == 1,
           "iterations = " + std::to_string(r.iterations) + ", expected 0",
           "a failed search makes no update and records no new row");
}

// ---------------------------------------------------------------------------------------------
// The example of Chapter 3 §2: house prices from (rooms, area, type, distance), a 4-8-1 tanh MLP.
BOOST_AUTO_TEST_CASE(fits_house_prices_mlp) {
  const optlab::Dataset d = optlab::house_prices(200, 42);
  // Standardise inputs and targets: one learning rate suits every weight, and predicting the
  // mean (0) gives MSE = (N−1)/N ≈ 1, the constant predictor's loss.
  const arma::mat X = optlab::Standardizer::fit(d.X).transform(d.X);
  const arma::mat T = optlab::Standardizer::fit(d.T).transform(d.T);
  const optlab::MLP net = optlab::MLP::make({4, 8, 1}, optlab::Activation::tanh);
  const optlab::MLPProblem prob(net, X, T, optlab::Loss::mse, 0.0, "house_prices 4-8-1");
  const double baseline = optlab::loss_value(optlab::Loss::mse, arma::mat(T.n_rows, 1, arma::fill::zeros), T);

  optlab::GradientDescentOptions o;
  o.learning_rate = 0.1;
  o.stop.gtol = 1e-6;
  o.stop.max_iterations = 1500;
  const optlab::Result r = optlab::gradient_descent(prob, net.init(optlab::Init::xavier, 3), o);
  optlab::test::plot_run(r, {.title = "03: house prices, 4-8-1 tanh MLP, GD alpha = 0.1"});

  BOOST_TEST_MESSAGE(r.summary() << ", constant predictor " << baseline);
  // The noise in the prices is 5 % of the price, about 0.1 in standardised units (MSE ≈ 0.01);
  // 0.05 is well below the baseline ≈ 1; the reference reaches 0.014 in these 1500 steps.
  GD_CHECK(std::isfinite(r.f) && r.f < 0.05 * baseline,
           "training MSE " + show(r.f) + " is not well below the constant predictor's " + show(baseline),
           "the update must go downhill (x - alpha*g) and the loop must run until a stopping test fires");
  GD_CHECK(r.trace.path.empty(), "trace.path is kept for a 49-parameter problem",
           "keep iterates in trace.path only when dim <= 10");
}

BOOST_AUTO_TEST_CASE(rejects_invalid_arguments) {
  const optlab::Quadratic f = optlab::Quadratic::valley();
  const auto names = [](const char* arg) {
    return [arg](const optlab::invalid_argument& e) {
      const bool ok = std::string(e.what()).find(arg) != std::string::npos;
      BOOST_CHECK_MESSAGE(ok, std::string("error message '") + e.what() + "' does not name '" + arg +
                                  "'\n    likely mistake: use optlab::require(..., \"" + arg + "\", value, ...)");
      return true;
    };
  };
  optlab::GradientDescentOptions neg;
  neg.learning_rate = -0.1;
  BOOST_CHECK_EXCEPTION(optlab::gradient_descent(f, arma::vec{1.0, 1.0}, neg), optlab::invalid_argument,
                        names("learning_rate"));
  BOOST_CHECK_EXCEPTION(optlab::gradient_descent(f, arma::vec{1.0, 1.0, 1.0}), optlab::invalid_argument, names("x0"));
  BOOST_CHECK_EXCEPTION(optlab::armijo_backtracking(f, arma::vec{1.0, 1.0}, 2.1, arma::vec{0.2, 4.0},
                                                    arma::vec{-0.2, -4.0}, 0.0),
                        optlab::invalid_argument, names("alpha0"));
  optlab::LineSearchOptions bad_c1;
  bad_c1.c1 = 1.5;
  BOOST_CHECK_EXCEPTION(optlab::armijo_backtracking(f, arma::vec{1.0, 1.0}, 2.1, arma::vec{0.2, 4.0},
                                                    arma::vec{-0.2, -4.0}, 1.0, bad_c1),
                        optlab::invalid_argument, names("c1"));
}
