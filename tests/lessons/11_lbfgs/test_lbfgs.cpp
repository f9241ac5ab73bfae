// Lesson 11 — L-BFGS.  Every test calls into lessons/11_lbfgs/lbfgs.cpp.
#include <cmath>
#include <vector>

#include "lbfgs.hpp"
#include "optlab_test.hpp"

using namespace optlab;
using optlab::test::plot_run;
using optlab::test::plot_runs;

namespace {

// BFGS inverse update (N&W eq. 6.17), written out with explicit matrices:
//   H₊ = (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ,   ρ = 1 / (yᵀs).
arma::mat bfgs_inverse_update(const arma::mat& H, const arma::vec& s, const arma::vec& y) {
  const double rho = 1.0 / arma::dot(y, s);
  const arma::mat I = arma::eye(H.n_rows, H.n_cols);
  return (I - rho * s * y.t()) * H * (I - rho * y * s.t()) + rho * s * s.t();
}

// The L-BFGS matrix built explicitly: H⁰ = γI with γ from the newest pair, then eq. 6.17 with every
// pair, oldest first.
arma::mat lbfgs_matrix(const LbfgsMemory& mem, arma::uword n) {
  const arma::vec& s = mem.s.back();
  const arma::vec& y = mem.y.back();
  arma::mat H = (arma::dot(s, y) / arma::dot(y, y)) * arma::eye(n, n);
  for (arma::uword i = 0; i < mem.size(); ++i) H = bfgs_inverse_update(H, mem.s[i], mem.y[i]);
  return H;
}

// Pairs of a quadratic with Hessian A: y = A s, so sᵀy = sᵀAs > 0.
LbfgsMemory pairs_of(const arma::mat& A, arma::uword count, arma::uword capacity, std::uint64_t seed) {
  Rng rng(seed);
  LbfgsMemory mem;
  mem.capacity = capacity;
  for (arma::uword i = 0; i < count; ++i) {
    const arma::vec s = rng.normal_vec(A.n_rows);
    mem.s.push_back(s);
    mem.y.push_back(A * s);
  }
  return mem;
}

arma::mat spd_matrix(arma::uword n, double lo, double hi, std::uint64_t seed) {
  Rng rng(seed);
  arma::mat Q, R;
  arma::qr(Q, R, rng.normal_mat(n, n));
  const arma::vec lambda = arma::linspace(lo, hi, n);
  arma::mat A = Q * arma::diagmat(lambda) * Q.t();
  return 0.5 * (A + A.t());
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The two-loop recursion on its own.

BOOST_AUTO_TEST_CASE(empty_memory_gives_steepest_descent) {
  LbfgsMemory mem;
  const arma::vec g{3.0, -4.0, 0.5};
  // No pairs: H⁰ = I, p = −g exactly (no arithmetic, so the tolerance is rounding only).
  OPTLAB_CHECK_CLOSE(lbfgs_direction(mem, g), arma::vec(-g), 1e-15, "direction with an empty memory",
                     "with no pairs the direction is p = -g (H0 = I); check the sign and the empty-memory case");
}

BOOST_AUTO_TEST_CASE(one_pair_by_hand) {
  // s = (1, 0), y = (2, 0): ρ = 1/2, γ = sᵀy/yᵀy = 2/4 = 1/2.
  //   I − ρ y sᵀ = diag(0, 1),  H₁ = diag(0,1)·γI·diag(0,1) + ρ s sᵀ = diag(ρ, γ) = diag(1/2, 1/2).
  // So p = −H₁g = −(1/2, 1/2) for g = (1, 1).
  LbfgsMemory mem;
  mem.capacity = 5;
  mem.s.push_back({1.0, 0.0});
  mem.y.push_back({2.0, 0.0});
  const arma::vec p = lbfgs_direction(mem, {1.0, 1.0});
  // Exact in binary arithmetic up to a couple of roundings.
  OPTLAB_CHECK_CLOSE(p, arma::vec({-0.5, -0.5}), 1e-14, "direction for one pair s=(1,0), y=(2,0), g=(1,1)",
                     "the initial scaling gamma = s'y / y'y (N&W eq. 7.20) is missing (H0 = I gives p = (-0.5, -1)), "
                     "or the sign of p is wrong (p = -H g)");
}

BOOST_AUTO_TEST_CASE(two_loop_equals_bfgs_matrix_product) {
  // Five pairs from a quadratic with eigenvalues in [1, 10] in 8 dimensions; the recursion must
  // equal −H g with H built explicitly by eq. 6.17 from γI, oldest pair first.
  const arma::uword n = 8;
  const arma::mat A = spd_matrix(n, 1.0, 10.0, 7);
  const LbfgsMemory mem = pairs_of(A, 5, 10, 11);
  Rng rng(3);
  for (int trial = 0; trial < 3; ++trial) {
    const arma::vec g = rng.normal_vec(n);
    const arma::vec expected = -lbfgs_matrix(mem, n) * g;
    // Both sides do O(m) well-conditioned dot products and updates: agreement to ~1e-14; 1e-10
    // leaves room for the different order of operations.
    OPTLAB_CHECK_CLOSE(lbfgs_direction(mem, g), expected, 1e-10,
                       "two-loop direction vs -H g with H from eq. 6.17 applied to gamma*I, oldest pair first",
                       "the two loops run in the wrong order (first loop newest -> oldest, second loop oldest -> "
                       "newest), gamma is not s'y/y'y of the NEWEST pair, or alpha_i/beta use the wrong pair");
  }
}

BOOST_AUTO_TEST_CASE(direction_is_descent_and_checks_sizes) {
  // Any memory of pairs with sᵀy > 0 gives a positive definite H, so p = −Hg is a descent direction.
  const arma::mat A = spd_matrix(4, 1.0, 3.0, 5);
  const LbfgsMemory mem = pairs_of(A, 3, 5, 6);
  Rng rng(8);
  for (int trial = 0; trial < 5; ++trial) {
    const arma::vec g = rng.normal_vec(4);
    const arma::vec p = lbfgs_direction(mem, g);
    BOOST_CHECK_MESSAGE(arma::dot(g, p) < 0, "g'p = " << arma::dot(g, p)
                                                       << " >= 0: p = -H g must be a descent direction; check the sign of p");
  }
  BOOST_CHECK_THROW(lbfgs_direction(mem, arma::vec{1.0, 2.0}), optlab::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// The curvature memory.

BOOST_AUTO_TEST_CASE(memory_keeps_the_newest_m_pairs) {
  LbfgsMemory mem;
  mem.capacity = 3;
  const arma::vec g{-1.0, -1.0};
  for (int i = 1; i <= 5; ++i) {
    const double d = i;
    const bool stored = lbfgs_store_pair(mem, {d, 0.0}, {d, 1.0}, g);  // sᵀy = d² > 0
    BOOST_CHECK_MESSAGE(stored, "pair " << i << " has s'y = " << d * d << " > 0 and must be stored");
  }
  BOOST_REQUIRE_MESSAGE(mem.size() == 3, "after 5 stores with capacity m = 3 the memory must hold 3 pairs, holds "
                                             << mem.size() << " (drop the OLDEST pair when full)");
  for (arma::uword i = 0; i < 3; ++i)
    OPTLAB_CHECK_CLOSE(mem.s[i], arma::vec({static_cast<double>(i + 3), 0.0}), 0.0, "stored pair " + std::to_string(i),
                       "the memory must keep pairs 3, 4, 5 OLDEST FIRST: drop the oldest pair (front), append at the back");
}

BOOST_AUTO_TEST_CASE(negative_curvature_pair_is_skipped) {
  // Memory with one good pair; then a pair with sᵀy < 0 (negative curvature, e.g. from a
  // nonconvex region reached without a Wolfe line search).
  LbfgsMemory mem;
  mem.capacity = 5;
  BOOST_REQUIRE(lbfgs_store_pair(mem, {0.0, 1.0}, {0.0, 2.0}, {0.0, -1.0}));
  const bool stored = lbfgs_store_pair(mem, {1.0, 0.0}, {-1.0, 0.0}, {-1.0, 0.0});  // sᵀy = −1
  BOOST_CHECK_MESSAGE(!stored, "a pair with s'y = -1 <= 0 was stored; likely mistake: the curvature condition "
                               "s'y > eps*(-g's) is missing, so H loses positive definiteness and the pair must be skipped");
  BOOST_REQUIRE_MESSAGE(mem.size() == 1, "the memory must still hold only the good pair after skipping, holds "
                                             << mem.size() << " (skip pairs with s'y <= 0)");
  // With the good pair kept, the direction must stay a descent direction for any g.
  for (const arma::vec& g : {arma::vec{1.0, 1.0}, arma::vec{-3.0, 0.5}, arma::vec{0.2, -5.0}}) {
    const arma::vec p = lbfgs_direction(mem, g);
    BOOST_CHECK_MESSAGE(arma::dot(g, p) < 0, "g'p = " << arma::dot(g, p)
                                                       << " >= 0: not a descent direction; likely mistake: a pair with "
                                                          "s'y <= 0 was stored (skip it) or the sign of p is wrong");
  }
  // s'y = 0 exactly: no curvature information, skipped too.
  BOOST_CHECK_MESSAGE(!lbfgs_store_pair(mem, {1.0, 0.0}, {0.0, 3.0}, {-1.0, 0.0}),
                      "a pair with s'y = 0 was stored; the curvature condition needs s'y > 0 strictly (skip it)");
  // Rounding-level curvature: s'y = 1e-17 <= eps*(-g's) = 2.2e-16 * 1  ->  skipped (L-BFGS-B's test).
  BOOST_CHECK_MESSAGE(!lbfgs_store_pair(mem, {1.0, 0.0}, {1e-17, 0.0}, {-1.0, 0.0}),
                      "a pair with s'y = 1e-17 <= eps*(-g's) = 2.2e-16 was stored; use the relative test "
                      "s'y > curvature_eps * (-g's) of the contract");
  // s'y = 1e-15 > 2.2e-16: stored.
  BOOST_CHECK_MESSAGE(lbfgs_store_pair(mem, {1.0, 0.0}, {1e-15, 0.0}, {-1.0, 0.0}),
                      "a pair with s'y = 1e-15 > eps*(-g's) = 2.2e-16 was skipped; the threshold is "
                      "curvature_eps * (-g's), not an absolute tolerance");
  BOOST_CHECK_THROW(lbfgs_store_pair(mem, {1.0, 0.0}, {1.0, 0.0, 0.0}, {-1.0, 0.0}), optlab::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// The optimizer.

BOOST_AUTO_TEST_CASE(first_iteration_is_steepest_descent_with_unit_length) {
  // Quadratic f = ½(x₁² + 9x₂²) from (3, 1): g₀ = (3, 9), ‖g₀‖ = √90.  The first trial point must be
  // x₀ − g₀/‖g₀‖ (p = −g₀, α₀ = 1/‖g₀‖): the objective records every point it is evaluated at.
  arma::mat A = arma::diagmat(arma::vec{1.0, 9.0});
  Quadratic q(A, arma::zeros(2));
  std::vector<arma::vec> seen;
  LambdaObjective f(2, [&](const arma::vec& x, arma::vec& g) {
    seen.push_back(x);
    arma::vec gq;
    const double v = q.value_gradient(x, gq);
    g = gq;
    return v;
  });
  LbfgsOptions o;
  o.stop.max_iterations = 1;
  Result r = lbfgs_minimize(f, {3.0, 1.0}, o);
  BOOST_REQUIRE_MESSAGE(seen.size() >= 2, "lbfgs_minimize must evaluate x0 and then line-search trial points");
  const double gn = std::sqrt(9.0 + 81.0);
  // Exact up to the rounding of 1/‖g‖ and one axpy.
  OPTLAB_CHECK_CLOSE(seen[1], arma::vec({3.0 - 3.0 / gn, 1.0 - 9.0 / gn}), 1e-14, "first line-search trial point",
                     "the first iteration must try x0 - g0/|g0| (p = -g, alpha0 = 1/|g0| as L-BFGS-B)");
  plot_run(r, {.contour = &q, .x0 = -1, .x1 = 4, .y0 = -1.5, .y1 = 1.5});
}

BOOST_AUTO_TEST_CASE(full_memory_matches_bfgs_on_a_quadratic) {
  // With m ≥ n no pair is ever dropped.  With (near-)exact line searches on a quadratic, L-BFGS and
  // BFGS with H₀ = γ₀I (N&W eq. 6.20) generate the same iterates (both are conjugate-gradient
  // equivalent: the scaling of H⁰ only rescales p) and terminate in n iterations.
  const arma::uword n = 8;
  Quadratic q = Quadratic::with_condition(n, 100.0, 5);
  LbfgsOptions o;
  o.memory = 10;
  o.line_search.c1 = 1e-10;  // near-exact line search (c1 < c2 required)
  o.line_search.c2 = 1e-8;
  o.stop.gtol = 1e-10;
  const arma::vec x0 = arma::ones(n);
  Result r = lbfgs_minimize(q, x0, o);

  // BFGS (Alg. 6.1) by explicit matrices, with the same line search and first trial steps.
  std::vector<arma::vec> bfgs{x0};
  arma::vec x = x0, g;
  double fx = q.value_gradient(x, g);
  arma::mat H;
  for (arma::uword k = 0; k < n; ++k) {
    const arma::vec p = k == 0 ? arma::vec(-g) : arma::vec(-H * g);
    LineSearchResult ls = strong_wolfe(q, x, fx, g, p, k == 0 ? 1.0 / arma::norm(g) : 1.0, o.line_search);
    BOOST_REQUIRE_MESSAGE(ls.ok(), "the test's own BFGS line search failed at iteration " << k);
    const arma::vec s = ls.x - x, y = ls.g - g;
    if (k == 0) H = (arma::dot(s, y) / arma::dot(y, y)) * arma::eye(n, n);  // eq. 6.20
    H = bfgs_inverse_update(H, s, y);
    x = ls.x;
    g = ls.g;
    fx = ls.f;
    bfgs.push_back(x);
  }
  BOOST_TEST_MESSAGE(r.summary());
  const auto& path = r.trace.path;
  BOOST_REQUIRE_MESSAGE(path.size() >= n + 1, "L-BFGS stopped after " << r.iterations << " < n iterations: " << r.summary());
  for (arma::uword k = 0; k <= n; ++k) {
    // On a quadratic the cubic interpolation of the line search finds the exact minimiser along p,
    // so the only differences are rounding, amplified as the gradient shrinks by 1e9 over the
    // run (observed 2e-9 relative at the last iterate); 1e-6 keeps a wide margin.
    OPTLAB_CHECK_CLOSE(path[k], bfgs[k], 1e-6, "L-BFGS iterate " + std::to_string(k) + " vs BFGS",
                       "with m >= n no pair may be dropped, pairs must be stored after every step and the direction "
                       "must be -H g with H from all pairs");
  }
  OPTLAB_CHECK_OUTCOME(optlab::test::converged(r, "L-BFGS must converge on a convex quadratic"));
  BOOST_CHECK_MESSAGE(r.iterations <= static_cast<int>(n) + 1,
                      "L-BFGS with m >= n and exact line searches needs about n = "
                          << n << " iterations on a quadratic, took " << r.iterations
                          << "; likely mistake: pairs not stored or the memory is reset");
  plot_run(r, {.f_star = q.min_value()});
}

BOOST_AUTO_TEST_CASE(rosenbrock_2d) {
  Rosenbrock f(2);
  LbfgsOptions o;
  o.stop.gtol = 1e-8;
  Result r = lbfgs_minimize(f, Rosenbrock::start(2), o);
  BOOST_TEST_MESSAGE(r.summary());
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::converged_gradient,
                                               "L-BFGS must reach |g|inf <= 1e-8 on Rosenbrock from (-1.2, 1)"));
  // |g| ≤ 1e-8 at a minimiser whose Hessian has smallest eigenvalue ≈ 0.4 puts x within ~1e-7.
  OPTLAB_CHECK_CLOSE(r.x, arma::vec({1.0, 1.0}), 1e-6, "Rosenbrock minimiser", "L-BFGS stopped away from (1, 1)");
  // The reference needs 46 evaluations (37 iterations); 60 allows for small differences in
  // rounding, while a missing γ, a lost pair or a reset every iteration costs far more.
  BOOST_CHECK_MESSAGE(r.evals.function_evals() <= 60,
                      "L-BFGS used " << r.evals.function_evals()
                                     << " evaluations (expected <= 60); likely mistake: the initial scaling gamma is "
                                        "missing, so the unit step is rarely accepted, or the memory is cleared too often");
  plot_run(r, {.f_star = 0.0, .contour = &f, .x0 = -2, .x1 = 2, .y0 = -1, .y1 = 3});
}

BOOST_AUTO_TEST_CASE(rosenbrock_10d) {
  Rosenbrock f(10);
  LbfgsOptions o;
  o.stop.gtol = 1e-8;
  Result r = lbfgs_minimize(f, Rosenbrock::start(10), o);
  BOOST_TEST_MESSAGE(r.summary());
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::converged_gradient, "L-BFGS must converge on 10-D Rosenbrock"));
  // Same reasoning as in 2-D: |g| ≤ 1e-8 pins x to ~1e-7.
  OPTLAB_CHECK_CLOSE(r.x, f.minimizer(), 1e-6, "10-D Rosenbrock minimiser", "L-BFGS stopped away from (1, ..., 1)");
  // The reference needs 97 evaluations; 150 leaves room (gradient descent would need ~10⁵).
  BOOST_CHECK_MESSAGE(r.evals.function_evals() <= 150,
                      "L-BFGS used " << r.evals.function_evals()
                                     << " evaluations (expected <= 150); likely mistake: gamma missing or pairs not stored");
  plot_run(r, {.f_star = 0.0});
}

BOOST_AUTO_TEST_CASE(ill_conditioned_quadratic) {
  // n = 100, condition number κ = 1000.  Gradient descent with α = 1/L contracts the error by
  // (1 − 1/κ) per iteration: ~ κ·ln(1e8) ≈ 18000 iterations for this accuracy.  L-BFGS with m = 10
  // needs a few hundred.
  Quadratic q = Quadratic::with_condition(100, 1e3, 3);
  Result r = lbfgs_minimize(q, arma::zeros(100), LbfgsOptions{});
  BOOST_TEST_MESSAGE(r.summary());
  // The default gtol (1e-6) is close to the rounding floor of this f (see
  // unreachable_gtol_ends_with_converged_precision): converged_gradient and converged_precision
  // are both right answers here.
  OPTLAB_CHECK_OUTCOME(optlab::test::converged(r, "L-BFGS must converge on a quadratic with condition number 1e3"));
  // ‖g‖∞ ≲ 2e-6 with λ_min = 1 bounds f − f* = ½gᵀA⁻¹g by ½·n·‖g‖∞² ≈ 2e-10.
  BOOST_CHECK_MESSAGE(r.f - q.min_value() <= 1e-8, "f - f* = " << r.f - q.min_value() << " > 1e-8 at the end of the run");
  BOOST_CHECK_MESSAGE(r.iterations <= 400, "L-BFGS needed " << r.iterations
                                                              << " iterations (expected <= 400, reference ~230); likely "
                                                                 "mistake: the direction ignores the memory or gamma is missing");
  plot_run(r, {.f_star = q.min_value()});
}

BOOST_AUTO_TEST_CASE(memory_sweep) {
  // m = 1 … 20 on a quadratic (n = 50, κ = 1000): every m converges, and more memory (a better
  // model of the inverse Hessian) never costs noticeably more iterations.
  Quadratic q = Quadratic::with_condition(50, 1e3, 9);
  const std::vector<arma::uword> ms{1, 2, 3, 5, 10, 20};
  std::vector<Result> runs;
  for (arma::uword m : ms) {
    LbfgsOptions o;
    o.memory = m;
    o.stop.gtol = 1e-5;  // well above the rounding floor of f (~1e-6 here), so every m stops on the gradient test
    runs.push_back(lbfgs_minimize(q, arma::zeros(50), o));
    runs.back().method = "m=" + std::to_string(m);  // the legend label (and trace file suffix)
    BOOST_TEST_MESSAGE(runs.back().summary());
    OPTLAB_CHECK_OUTCOME(optlab::test::converged(runs.back(), "L-BFGS with memory m = " + std::to_string(m) +
                                                                  " must converge on a convex quadratic"));
  }
  for (size_t i = 0; i < runs.size(); ++i)
    for (size_t j = i + 1; j < runs.size(); ++j)
      // 25 % slack: with inexact line searches the iteration counts are not strictly monotone in m.
      BOOST_CHECK_MESSAGE(runs[j].iterations <= 1.25 * runs[i].iterations + 2,
                          "m = " << ms[j] << " needed " << runs[j].iterations << " iterations but m = " << ms[i] << " only "
                                 << runs[i].iterations
                                 << "; likely mistake: the memory does not keep the NEWEST m pairs or uses them in the wrong order");
  std::vector<const Result*> ptrs;
  for (auto& r : runs) ptrs.push_back(&r);
  plot_runs(ptrs, {.f_star = q.min_value()});
}

BOOST_AUTO_TEST_CASE(two_moons_classification) {
  // A 2-10-2 tanh network with softmax cross-entropy and a little L2 (so a finite minimiser exists).
  Dataset d = two_moons(200, 1, 0.1);
  MLPProblem prob(MLP::make({2, 10, 2}, Activation::tanh), d.X, d.T, Loss::softmax_cross_entropy, 1e-3);
  LbfgsOptions o;
  o.stop.max_iterations = 500;
  Result r = lbfgs_minimize(prob, prob.net().init(Init::xavier, 1), o);
  BOOST_TEST_MESSAGE(r.summary() << ", training accuracy " << prob.accuracy(r.x));
  OPTLAB_CHECK_OUTCOME(optlab::test::converged(r, "L-BFGS must train the two-moons network to a stationary point"));
  // The moons are separable by a 10-unit tanh net: the reference reaches 100 % training accuracy;
  // 97 % leaves room for a slightly different local minimum.
  BOOST_CHECK_MESSAGE(prob.accuracy(r.x) >= 0.97, "training accuracy " << prob.accuracy(r.x) << " < 0.97");
  // The strong Wolfe line search guarantees a monotone decrease of f.
  const auto f = r.trace.column("f");
  for (size_t k = 1; k < f.size(); ++k)
    BOOST_CHECK_MESSAGE(f[k] <= f[k - 1], "f increased at iteration " << k << " (" << f[k - 1] << " -> " << f[k]
                                                                        << "); likely mistake: a step was accepted without the line search");
  plot_run(r);
}

BOOST_AUTO_TEST_CASE(unreachable_gtol_ends_with_converged_precision) {
  // κ = 1e3 in 100 dimensions with a dense rotated A: computing f = ½xᵀAx − bᵀx sums terms much
  // larger than f, so f carries rounding noise of ~1e-14..1e-13.  Once ‖g‖ ≈ 1e-6 the decrease a
  // step can achieve is below that noise and no line search can find a Wolfe point: gtol = 1e-14 is
  // unreachable.  The run must end with converged_precision (the line search failed, also after
  // clearing the memory and retrying along −g, with ‖g‖ nearly small) — not loop until
  // max_iterations, not claim line_search_failed.
  Quadratic q = Quadratic::with_condition(100, 1e3, 3);
  LbfgsOptions o;
  o.stop.gtol = 1e-14;
  o.stop.max_iterations = 5000;
  Result r = lbfgs_minimize(q, arma::zeros(100), o);
  BOOST_TEST_MESSAGE(r.summary());
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::converged_precision,
      "when the line search fails (also after clearing the memory and retrying along -g) with "
      "|g|inf <= max(precision_gtol, 10 gtol) max(1, min(|f|, |f0|)), stop with converged_precision"));
  // f is at its rounding floor: the reference ends 2e-13 above f*; 1e-10 is safe.
  BOOST_CHECK_MESSAGE(r.f - q.min_value() <= 1e-10, "f - f* = " << r.f - q.min_value() << " > 1e-10");
  plot_run(r, {.f_star = q.min_value()});
}

BOOST_AUTO_TEST_CASE(recovers_from_a_failed_line_search) {
  // An objective that returns NaN for 35 evaluations in a row after its 8th call (a transient
  // failure, e.g. an overflow in a simulation).  The line search of that iteration fails; L-BFGS
  // must clear its memory, retry along −g, and go on to converge.
  Quadratic q = Quadratic::with_condition(10, 100.0, 4);
  long calls = 0;
  LambdaObjective f(10, [&](const arma::vec& x, arma::vec& g) {
    ++calls;
    arma::vec gq;
    const double v = q.value_gradient(x, gq);
    g = gq;
    return calls > 8 && calls <= 8 + 35 ? std::numeric_limits<double>::quiet_NaN() : v;
  });
  Result r = lbfgs_minimize(f, arma::zeros(10), LbfgsOptions{});
  BOOST_TEST_MESSAGE(r.summary());
  OPTLAB_CHECK_OUTCOME(optlab::test::converged(
      r, "after a failed line search, recover: clear the L-BFGS pairs and retry once along -g (then go on) "
         "instead of stopping at the first failure"));
  const auto pairs = r.trace.column("pairs");
  bool reset = false;
  for (size_t k = 1; k < pairs.size(); ++k) reset = reset || (pairs[k] <= 1 && pairs[k - 1] >= 2);
  BOOST_CHECK_MESSAGE(reset, "the trace column 'pairs' never drops back to <= 1: the memory must be cleared after a "
                             "failed line search (recover by retrying along -g with an empty memory)");
  plot_run(r, {.f_star = q.min_value()});
}

BOOST_AUTO_TEST_CASE(stops_with_line_search_failed_when_the_gradient_is_wrong) {
  // f = ½‖x‖² + 0.1x₁⁴, but after its 3rd call the objective returns the gradient with the WRONG SIGN (a
  // classic bug in a hand-written gradient).  Every direction then points uphill in truth: the
  // line search fails, the steepest-descent retry fails too, and the run must stop with
  // line_search_failed at the last good iterate — not loop, not return NaN, not claim convergence.
  long calls = 0;
  LambdaObjective f(3, [&](const arma::vec& x, arma::vec& g) {
    ++calls;
    g = x;
    g(0) += 0.4 * std::pow(x(0), 3);
    if (calls > 3) g = -g;
    return 0.5 * arma::dot(x, x) + 0.1 * std::pow(x(0), 4);
  });
  Result r = lbfgs_minimize(f, {1.0, 2.0, 3.0}, LbfgsOptions{});
  BOOST_TEST_MESSAGE(r.summary());
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::line_search_failed,
      "when the line search fails even along -g and the gradient is not small, stop with line_search_failed"));
  BOOST_CHECK_MESSAGE(r.x.is_finite() && r.x.n_elem == 3, "the result must hold the last good (finite) iterate");
  plot_run(r);
}

BOOST_AUTO_TEST_CASE(unbounded_objective_stops_at_max_x_norm) {
  // f = −x₁ + x₂² has no minimum (f → −∞ as x₁ → ∞).  The run must end with status unbounded once
  // ‖x‖ > max_x_norm — not with a line-search failure, not after max_iterations.
  LambdaObjective f(2, [](const arma::vec& x, arma::vec& g) {
    g = {-1.0, 2 * x(1)};
    return -x(0) + x(1) * x(1);
  });
  LbfgsOptions o;
  o.stop.max_x_norm = 1e6;
  Result r = lbfgs_minimize(f, {0.0, 1.0}, o);
  BOOST_TEST_MESSAGE(r.summary());
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::unbounded,
      "when the line search only ever expands (f keeps falling along p), take the longest trial step; "
      "RunMonitor then reports unbounded once |x| > max_x_norm"));
  plot_run(r);
}

BOOST_AUTO_TEST_CASE(non_finite_start_is_not_converged) {
  // f(x₀) = NaN: the run must report non_finite, never a convergence status.
  LambdaObjective f(2, [](const arma::vec& x, arma::vec& g) {
    g = x;
    return std::log(x(0) - 5.0);  // NaN for x₁ < 5
  });
  Result r = lbfgs_minimize(f, {1.0, 1.0}, LbfgsOptions{});
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::non_finite,
                                               "record x0 with RunMonitor first: it stops on a non-finite f"));
  plot_run(r);
}

BOOST_AUTO_TEST_CASE(rejects_bad_arguments) {
  Rosenbrock f(2);
  LbfgsOptions o;
  BOOST_CHECK_THROW(lbfgs_minimize(f, arma::vec{1.0, 2.0, 3.0}, o), optlab::invalid_argument);  // wrong size
  BOOST_CHECK_THROW(lbfgs_minimize(f, arma::vec{1.0, arma::datum::nan}, o), optlab::invalid_argument);
  o.memory = 0;
  BOOST_CHECK_THROW(lbfgs_minimize(f, arma::vec{1.0, 2.0}, o), optlab::invalid_argument);
  LbfgsMemory mem;
  mem.capacity = 0;
  BOOST_CHECK_THROW(lbfgs_store_pair(mem, {1.0}, {1.0}, {-1.0}), optlab::invalid_argument);
}
