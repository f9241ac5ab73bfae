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

BOOST_AUTO_TEST_CASE(direction_does_not_modify_memory_and_checks_sizes) {
  const arma::mat A = spd_matrix(4, 1.0, 3.0, 5);
  const LbfgsMemory mem = pairs_of(A, 3, 5, 6);
  const LbfgsMemory copy = mem;
  const arma::vec g{1.0, 2.0, 3.0, 4.0};
  const arma::vec p = lbfgs_direction(mem, g);
  BOOST_CHECK_MESSAGE(arma::dot(g, p) < 0, "p = -H g must be a descent direction (g'p < 0): check the sign of p");
  for (arma::uword i = 0; i < mem.size(); ++i)
    OPTLAB_CHECK_CLOSE(mem.s[i], copy.s[i], 0.0, "stored s after lbfgs_direction", "the direction must not change the memory");
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
  // Quadratic f = ½(x₁² + 9x₂²) from (3, 1): g₀ = (3, 9).  The first trial is x₀ − g₀/‖g₀‖
  // (α₀ = 1/‖g₀‖); record the first line search's evaluation.
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
    BOOST_REQUIRE(ls.ok());
    const arma::vec s = ls.x - x, y = ls.g - g;
    if (k == 0) H = (arma::dot(s, y) / arma::dot(y, y)) * arma::eye(n, n);  // eq. 6.20
    H = bfgs_inverse_update(H, s, y);
    x = ls.x;
    g = ls.g;
    fx = ls.f;
    bfgs.push_back(x);
  }
  BOOST_TEST_MESSAGE("lbfgs iterations " << r.iterations << ", bfgs " << bfgs.size() - 1);
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
                      "L-BFGS with m >= n and exact line searches needs about n = " << n << " iterations on a quadratic, took "
                                                                              << r.iterations << "; likely mistake: pairs not stored or the memory is reset");
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
  OPTLAB_CHECK_CLOSE(r.x, arma::vec({1.0, 1.0}), 1e-6, "Rosenbrock minimiser", "L-BFGS stopped away from (1, 1)");
  plot_run(r, {.f_star = 0.0, .contour = &f, .x0 = -2, .x1 = 2, .y0 = -1, .y1 = 3});
}

BOOST_AUTO_TEST_CASE(rosenbrock_10d) {
  Rosenbrock f(10);
  LbfgsOptions o;
  o.stop.gtol = 1e-8;
  Result r = lbfgs_minimize(f, Rosenbrock::start(10), o);
  BOOST_TEST_MESSAGE(r.summary());
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::converged_gradient, "L-BFGS must converge on 10-D Rosenbrock"));
  OPTLAB_CHECK_CLOSE(r.x, f.minimizer(), 1e-6, "10-D Rosenbrock minimiser", "L-BFGS stopped away from (1, ..., 1)");
  plot_run(r, {.f_star = 0.0});
}

BOOST_AUTO_TEST_CASE(ill_conditioned_quadratic) {
  Quadratic q = Quadratic::with_condition(100, 1e4, 3);
  LbfgsOptions o;
  o.stop.gtol = 1e-9;
  Result r = lbfgs_minimize(q, arma::zeros(100), o);
  BOOST_TEST_MESSAGE(r.summary());
  OPTLAB_CHECK_OUTCOME(optlab::test::converged(r, "L-BFGS must converge on a quadratic with condition number 1e4"));
  plot_run(r, {.f_star = q.min_value()});
}

BOOST_AUTO_TEST_CASE(memory_sweep) {
  Quadratic q = Quadratic::with_condition(50, 1e3, 9);
  std::vector<Result> runs;
  for (arma::uword m : {1, 2, 3, 5, 10, 20}) {
    LbfgsOptions o;
    o.memory = m;
    o.stop.gtol = 1e-8;
    runs.push_back(lbfgs_minimize(q, arma::zeros(50), o));
    runs.back().method = "lbfgs m=" + std::to_string(m);
    BOOST_TEST_MESSAGE(runs.back().summary());
  }
  std::vector<const Result*> ptrs;
  for (auto& r : runs) ptrs.push_back(&r);
  plot_runs(ptrs, {.f_star = q.min_value()});
}

BOOST_AUTO_TEST_CASE(two_moons_classification) {
  Dataset d = two_moons(200, 1, 0.1);
  MLPProblem prob(MLP::make({2, 10, 2}, Activation::tanh), d.X, d.T, Loss::softmax_cross_entropy);
  const arma::vec th0 = prob.net().init(Init::xavier, 1);
  LbfgsOptions o;
  o.stop.max_iterations = 300;
  Result r = lbfgs_minimize(prob, th0, o);
  BOOST_TEST_MESSAGE(r.summary() << " acc " << prob.accuracy(r.x));
  plot_run(r);
}

BOOST_AUTO_TEST_CASE(precision_limit) {
  Rosenbrock f(2);
  LbfgsOptions o;
  o.stop.gtol = 1e-30;
  Result r = lbfgs_minimize(f, Rosenbrock::start(2), o);
  BOOST_TEST_MESSAGE(r.summary());
  plot_run(r, {.f_star = 0.0});
}

BOOST_AUTO_TEST_CASE(unbounded) {
  LambdaObjective f(2, [](const arma::vec& x, arma::vec& g) {
    g = {-1.0, 2 * x(1)};
    return -x(0) + x(1) * x(1);
  });
  LbfgsOptions o;
  o.stop.max_x_norm = 1e6;
  Result r = lbfgs_minimize(f, {0.0, 1.0}, o);
  BOOST_TEST_MESSAGE(r.summary());
  plot_run(r);
}
