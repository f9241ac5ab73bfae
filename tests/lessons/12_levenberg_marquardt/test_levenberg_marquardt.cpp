// Lesson 12 — Levenberg–Marquardt.  Every test calls into lessons/12_levenberg_marquardt/levenberg_marquardt.cpp.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#include "levenberg_marquardt.hpp"
#include "optlab_test.hpp"

using namespace optlab;
using optlab::test::plot_run;
using optlab::test::plot_runs;

namespace {

// y = a·e^{b t} sampled exactly (no noise) at 9 points: a zero-residual problem with minimiser
// (a, b) = (2, −1) and a well-conditioned Jacobian.
class ExpFit : public Objective {
 public:
  ExpFit() : t_(arma::linspace(0.0, 2.0, 9)), y_(2.0 * arma::exp(-t_)) {}
  arma::uword dim() const override { return 2; }
  std::string name() const override { return "exp_fit"; }
  bool has_residuals() const override { return true; }

 protected:
  arma::vec eval_residuals(const arma::vec& x) const override { return x(0) * arma::exp(x(1) * t_) - y_; }
  arma::mat eval_jacobian(const arma::vec& x) const override {
    arma::mat J(t_.n_elem, 2);
    J.col(0) = arma::exp(x(1) * t_);
    J.col(1) = x(0) * t_ % arma::exp(x(1) * t_);
    return J;
  }
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override {
    const arma::vec r = eval_residuals(x);
    g = 2 * eval_jacobian(x).t() * r;
    return arma::dot(r, r);
  }

 private:
  arma::vec t_, y_;
};

// A residual objective from two callables (r and J); f and g follow from them.
class ResidualObjective : public Objective {
 public:
  using VecFn = std::function<arma::vec(const arma::vec&)>;
  using MatFn = std::function<arma::mat(const arma::vec&)>;
  ResidualObjective(arma::uword n, VecFn r, MatFn J) : n_(n), r_(std::move(r)), J_(std::move(J)) {}
  arma::uword dim() const override { return n_; }
  bool has_residuals() const override { return true; }

 protected:
  arma::vec eval_residuals(const arma::vec& x) const override { return r_(x); }
  arma::mat eval_jacobian(const arma::vec& x) const override { return J_(x); }
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override {
    const arma::vec r = r_(x);
    g = 2 * J_(x).t() * r;
    return arma::dot(r, r);
  }

 private:
  arma::uword n_;
  VecFn r_;
  MatFn J_;
};

// Householder reflector I − 2uuᵀ/uᵀu: orthogonal and symmetric, so its columns are orthonormal.
arma::mat reflector(const arma::vec& u) { return arma::eye(u.n_elem, u.n_elem) - 2.0 * u * u.t() / arma::dot(u, u); }

// Extra figure <test>_damping.png: μ and the gain ratio ϱ per iteration (log scale; rejected
// trials do not appear as rows, their count is in the trace column "rejected").
void plot_damping(const Result& r) {
  if (!optlab::test::plots_enabled()) return;
  try {
    Figure fig;
    fig.title = optlab::test::lesson() + ": " + optlab::test::current_test() + " (damping)";
    fig.xlabel = "iteration";
    fig.ylabel = "mu, gain ratio";
    fig.logy = true;
    const auto it = r.trace.column("iteration");
    for (const char* name : {"mu", "gain_ratio"}) {
      Series s;
      s.label = name;
      s.style = "linespoints";
      const auto v = r.trace.column(name);
      for (size_t k = 0; k < v.size(); ++k)
        if (v[k] > 0) {  // log axis: skip NaN (row 0's gain ratio) and non-positive values
          s.x.push_back(it[k]);
          s.y.push_back(v[k]);
        }
      fig.series.push_back(s);
    }
    save_figure(fig, optlab::test::out_dir() + "/" + optlab::test::current_test() + "_damping");
  } catch (const std::exception& e) {
    BOOST_TEST_MESSAGE("damping plot skipped: " << e.what());
  }
}

int first_below(const Result& r, double target) {
  const auto f = r.trace.column("f");
  for (size_t k = 0; k < f.size(); ++k)
    if (f[k] <= target) return static_cast<int>(k);
  return -1;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The pieces: scaling, step, gain ratio, damping update.

BOOST_AUTO_TEST_CASE(scaling_is_diag_of_jtj_with_guarded_zero_columns) {
  // Column norms² of J: (1+4+4, 9+0+16, 0) = (9, 25, 0); the zero column is floored at
  // 1e-12·max = 2.5e-11 (a parameter the residuals ignore must not make the system singular).
  const arma::mat J{{1.0, 3.0, 0.0}, {2.0, 0.0, 0.0}, {2.0, 4.0, 0.0}};
  const arma::vec d2 = lm_scaling(J);
  // Sums of three exactly representable squares: exact.
  OPTLAB_CHECK_CLOSE(d2, arma::vec({9.0, 25.0, 2.5e-11}), 1e-15, "Marquardt scaling d2 = diag(J'J)",
                     "Marquardt scaling is d2_j = (J'J)_jj = sum_i J_ij^2 (squared column norms, not the column "
                     "norms and not the row norms), floored at 1e-12 * max_j d2_j for zero columns");
  // J = 0: no scale information at all, D = I.
  OPTLAB_CHECK_CLOSE(lm_scaling(arma::zeros(4, 2)), arma::vec({1.0, 1.0}), 0.0, "scaling of J = 0",
                     "with J = 0 every column is zero: the contract asks for d2 = 1 (Marquardt scaling guard)");
}

BOOST_AUTO_TEST_CASE(step_solves_the_damped_system_by_hand) {
  // J = [[1,1],[0,1],[1,0]], r = (1,2,3), μ = 2, D = I:
  //   JᵀJ + 2I = [[4,1],[1,4]],  −Jᵀr = (−4, −3)  ⇒  h = (1/15)[[4,−1],[−1,4]](−4,−3) = (−13/15, −8/15).
  const arma::mat J{{1.0, 1.0}, {0.0, 1.0}, {1.0, 0.0}};
  const arma::vec h = lm_step(J, {1.0, 2.0, 3.0}, 2.0, {1.0, 1.0});
  // A 5×2 QR of small integers: rounding only.
  OPTLAB_CHECK_CLOSE(h, arma::vec({-13.0 / 15.0, -8.0 / 15.0}), 1e-13, "damped step for mu = 2, D = I",
                     "solve (J'J + mu D^2) h = -J'r: check the sign of the right-hand side (-J'r) and that the "
                     "damping term mu*D^2 is added (stack sqrt(mu)*D under J)");
  // J = diag(2, 1), r = (1, 1), μ = 1, d2 = (4, 1):  diag(4+4, 1+1) h = (−2, −1)  ⇒  h = (−1/4, −1/2).
  const arma::vec h2 = lm_step(arma::diagmat(arma::vec{2.0, 1.0}), {1.0, 1.0}, 1.0, {4.0, 1.0});
  OPTLAB_CHECK_CLOSE(h2, arma::vec({-0.25, -0.5}), 1e-14, "damped step with d2 = (4, 1)",
                     "the damping term is mu*D^2 = mu*diag(d2) (d2 already holds the SQUARES: stack sqrt(mu*d2), "
                     "not mu*d2)");
  BOOST_CHECK_THROW(lm_step(J, {1.0, 2.0}, 1.0, {1.0, 1.0}), optlab::invalid_argument);       // r has 2 != 3 rows
  BOOST_CHECK_THROW(lm_step(J, {1.0, 2.0, 3.0}, -1.0, {1.0, 1.0}), optlab::invalid_argument);  // μ < 0
  BOOST_CHECK_THROW(lm_step(J, {1.0, 2.0, 3.0}, 1.0, {1.0}), optlab::invalid_argument);        // d2 size
}

BOOST_AUTO_TEST_CASE(small_mu_gives_the_gauss_newton_step) {
  // J = U·diag(σ)·Vᵀ with orthonormal U (8×3), orthogonal V and σ = (1, 1e-3, 1e-6): κ(J) = 1e6.
  // The Gauss–Newton step is h = −J⁺r = −V·diag(1/σ)·Uᵀr, computed here from the factors.
  const arma::mat Um = reflector(arma::linspace(1.0, 8.0, 8));
  const arma::mat U = Um.cols(0, 2);
  const arma::mat V = reflector({1.0, 2.0, 3.0});
  const arma::vec sigma{1.0, 1e-3, 1e-6};
  const arma::mat J = U * arma::diagmat(sigma) * V.t();
  const arma::vec r = arma::linspace(-1.0, 2.5, 8);
  const arma::vec h_gn = -V * arma::diagmat(1.0 / sigma) * U.t() * r;
  const arma::vec d2 = lm_scaling(J);
  // QR works with κ(J) = 1e6: error ~ κ·ε ≈ 1e-10 (measured 7e-12).  The normal equations work
  // with κ(JᵀJ) = 1e12 and lose ~1e-5 (measured 2e-5); the tolerance 1e-8 separates the two.
  OPTLAB_CHECK_CLOSE(lm_step(J, r, 0.0, d2), h_gn, 1e-8, "step for mu = 0 (Gauss-Newton) with cond(J) = 1e6",
                     "solve by QR of the stacked matrix [J; sqrt(mu) D], not the normal equations (J'J + mu D^2) h = "
                     "-J'r: forming J'J squares the condition number (1e6 -> 1e12)");
  // μ = 1e-24: the damping changes the step by ~μ·d2/σ_min² ≈ 1e-12, far below the tolerance.
  OPTLAB_CHECK_CLOSE(lm_step(J, r, 1e-24, d2), h_gn, 1e-8, "step for mu = 1e-24 (the mu -> 0 limit)",
                     "as mu -> 0 the LM step must tend to the Gauss-Newton step; solve by QR, not the normal equations");
}

BOOST_AUTO_TEST_CASE(large_mu_gives_a_short_scaled_gradient_step) {
  // (JᵀJ + μD²)h = −Jᵀr with μ = 1e8:  h = −D⁻²Jᵀr/μ + O(‖JᵀJ‖/(μ·min d2)) relative ≈ 1e-7.
  const arma::mat J{{1.0, 2.0}, {0.5, -1.0}, {3.0, 0.25}};
  const arma::vec r{1.0, -2.0, 0.5};
  const arma::vec d2{10.0, 5.3125};  // diag(JᵀJ) = (1 + 0.25 + 9, 4 + 1 + 0.0625)
  const double mu = 1e8;
  const arma::vec Jtr = J.t() * r;  // (1 − 1 + 1.5, 2 + 2 + 0.125) = (1.5, 4.125)
  const arma::vec expected = -(Jtr / d2) / mu;
  // Relative deviation of the exact solution from the limit ≈ ‖JᵀJ‖/(μ·min d2) ≈ 2e-8; 1e-6 is safe.
  OPTLAB_CHECK_CLOSE(lm_step(J, r, mu, d2), expected, 1e-6, "step for mu = 1e8 vs -D^-2 J'r / mu",
                     "for large mu the step must shrink like 1/mu along the scaled gradient -D^-2 J'r: the damping "
                     "term mu*D^2 is missing (that gives the Gauss-Newton step for every mu) or has the wrong scaling");
  BOOST_CHECK_MESSAGE(arma::dot(lm_step(J, r, mu, d2), Jtr) < 0,
                      "the LM step must be a descent direction for f = |r|^2 (h'J'r < 0); check the sign of -J'r");
}

BOOST_AUTO_TEST_CASE(gain_ratio_by_hand) {
  // J = diag(2, 1), d2 = (4, 1), μ = 1, h = (−1/4, −1/2) (the step of the system above):
  //   ‖Jh‖² = 0.25 + 0.25 = 0.5,  2μ‖Dh‖² = 2·(4·1/16 + 1/4) = 1  ⇒  predicted reduction 1.5
  //   (check: ‖r‖² − ‖r + Jh‖² = 2 − (0.25 + 0.25) = 1.5).  f = 2 → f_new = 1.25: ϱ = 0.75/1.5 = 0.5.
  const arma::mat J = arma::diagmat(arma::vec{2.0, 1.0});
  const arma::vec h{-0.25, -0.5}, d2{4.0, 1.0};
  OPTLAB_CHECK_CLOSE(lm_gain_ratio(2.0, 1.25, J, h, 1.0, d2), 0.5, 1e-15, "gain ratio for f: 2 -> 1.25",
                     "rho = (f - f_new) / (|Jh|^2 + 2 mu |Dh|^2) for f = |r|^2 (no 1/2): predicted reduction "
                     "L(0) - L(h) with L(h) = |r + Jh|^2");
  // f went up: ϱ < 0.
  OPTLAB_CHECK_CLOSE(lm_gain_ratio(2.0, 2.75, J, h, 1.0, d2), -0.5, 1e-15, "gain ratio for f: 2 -> 2.75",
                     "an increase of f must give a negative gain ratio (actual reduction f - f_new < 0)");
  const double inf_rho = lm_gain_ratio(2.0, std::numeric_limits<double>::quiet_NaN(), J, h, 1.0, d2);
  BOOST_CHECK_MESSAGE(inf_rho == -std::numeric_limits<double>::infinity(),
                      "a non-finite f_new (overflow at the trial point) must give rho = -inf so that the step is "
                      "rejected, got " << inf_rho);
  BOOST_CHECK_MESSAGE(lm_gain_ratio(2.0, 2.0, J, arma::zeros(2), 1.0, d2) == 0.0,
                      "h = 0 predicts no reduction: the contract asks for rho = 0 (not NaN from 0/0)");
}

BOOST_AUTO_TEST_CASE(damping_update_by_hand) {
  // Nielsen (MNT Alg. 3.16): ϱ > 0 ⇒ μ ← μ·max(1/3, 1 − (2ϱ − 1)³), ν ← 2.
  struct Case {
    double rho, factor;
  };
  // factors: ϱ = 1 → max(1/3, 0) = 1/3;  0.9 → 1 − 0.8³ = 0.488;  0.75 → 1 − 0.125 = 0.875;
  //          0.5 → 1;  0.25 → 1 + 0.125 = 1.125.
  for (const Case& c : {Case{1.0, 1.0 / 3.0}, Case{0.9, 0.488}, Case{0.75, 0.875}, Case{0.5, 1.0}, Case{0.25, 1.125}}) {
    double mu = 1.0, nu = 8.0;
    const bool accepted = lm_update_damping(c.rho, mu, nu);
    BOOST_CHECK_MESSAGE(accepted, "rho = " << c.rho << " > 0: f decreased, the step must be accepted");
    // Two or three roundings in the cubic.
    OPTLAB_CHECK_CLOSE(mu, c.factor, 1e-14, "mu after an accepted step with rho = " + std::to_string(c.rho),
                       "Nielsen's rule: mu <- mu * max(1/3, 1 - (2 rho - 1)^3) on acceptance");
    BOOST_CHECK_MESSAGE(nu == 2.0, "nu must be reset to 2 after an accepted step, got " << nu);
  }
  // Rejections: μ ← μν, ν ← 2ν.  From μ = 1, ν = 2: (2, 4), (8, 8), (64, 16).
  double mu = 1.0, nu = 2.0;
  const double mus[] = {2.0, 8.0, 64.0}, nus[] = {4.0, 8.0, 16.0};
  const double rhos[] = {0.0, -0.5, std::numeric_limits<double>::quiet_NaN()};
  for (int k = 0; k < 3; ++k) {
    const bool accepted = lm_update_damping(rhos[k], mu, nu);
    BOOST_CHECK_MESSAGE(!accepted, "a step with gain ratio <= 0 (here rho = " << rhos[k]
                                                                          << ": f did not decrease) must be rejected");
    BOOST_CHECK_MESSAGE(mu == mus[k] && nu == nus[k],
                        "after rejection " << k + 1 << " expected (mu, nu) = (" << mus[k] << ", " << nus[k] << "), got ("
                                           << mu << ", " << nu
                                           << "); on rejection mu must grow: mu <- mu*nu, then nu <- 2*nu "
                                              "(likely mistake: updating mu the wrong way, mu/nu, or not doubling nu)");
  }
  // Then an excellent step: μ = 64/3, ν back to 2.
  BOOST_CHECK(lm_update_damping(1.0, mu, nu));
  OPTLAB_CHECK_CLOSE(mu, 64.0 / 3.0, 1e-15, "mu after 3 rejections and one step with rho = 1",
                     "on acceptance mu <- mu * max(1/3, 1 - (2 rho - 1)^3) and nu <- 2");
}

// ---------------------------------------------------------------------------------------------
// The optimizer.

BOOST_AUTO_TEST_CASE(exact_fit_converges_quadratically) {
  // Zero residual at x* = (2, −1) and a well-conditioned J: near x* the LM step is (almost) the
  // Gauss–Newton step, which converges quadratically when r(x*) = 0:  e_{k+1} ≤ C·e_k².
  ExpFit f;
  LevenbergMarquardtOptions o;
  o.stop.gtol = 1e-14;
  Result r = levenberg_marquardt_minimize(f, {1.0, 0.0}, o);
  BOOST_TEST_MESSAGE(r.summary());
  OPTLAB_CHECK_OUTCOME(optlab::test::converged(r, "LM must converge on an exactly fittable curve"));
  // Quadratic convergence pins x* to rounding: 1e-10.
  OPTLAB_CHECK_CLOSE(r.x, arma::vec({2.0, -1.0}), 1e-10, "fitted (a, b)", "LM stopped away from (2, -1)");
  std::vector<double> e;
  for (const auto& x : r.trace.path) e.push_back(arma::norm(x - arma::vec{2.0, -1.0}));
  int checked = 0;
  for (size_t k = 0; k + 1 < e.size(); ++k) {
    if (e[k] > 1e-1 || e[k] < 1e-6) continue;  // the quadratic regime, above the damping/rounding floor
    ++checked;
    // Measured constants are 0.07–4 (the largest where μ_k·e_k starts to matter); 10 leaves margin,
    // while a linearly convergent method has e_{k+1}/e_k² → ∞.
    BOOST_CHECK_MESSAGE(e[k + 1] <= 10 * e[k] * e[k],
                        "error " << e[k] << " -> " << e[k + 1] << " at iteration " << k
                                 << " is not quadratic (e_{k+1} > 10 e_k^2); likely mistake: mu does not shrink after "
                                    "good steps (rho near 1 must divide mu by 3) or the step is not the damped GN step");
  }
  BOOST_CHECK_MESSAGE(checked >= 2, "only " << checked << " iterates had an error in [1e-6, 0.1]: " << r.summary());
  BOOST_CHECK_MESSAGE(r.iterations <= 10, "LM needed " << r.iterations << " iterations (expected <= 10, reference 6)");
  plot_run(r, {.f_star = 0.0, .contour = &f, .x0 = 0.0, .x1 = 3.0, .y0 = -2.0, .y1 = 1.0});
}

BOOST_AUTO_TEST_CASE(marquardt_scaling_makes_lm_invariant_to_rescaled_parameters) {
  // Fit the same curve in rescaled parameters y, x = S·y with S = diag(1e3, 1e-2): r̃(y) = r(Sy),
  // J̃ = J·S.  With D² = diag(JᵀJ) the scaling follows (d̃2 = d2 ⊙ s²), the damped system becomes
  // S(JᵀJ + μD²)S·h̃ = −S·Jᵀr, so h̃ = S⁻¹h, μ₀ and every gain ratio are the same, and the two runs
  // visit the same points.  With D = I they do not (Marquardt's reason for the scaling).
  ExpFit f;
  const arma::vec S{1e3, 1e-2};
  ResidualObjective scaled(
      2, [&](const arma::vec& y) { return f.residuals(S % y); },
      [&](const arma::vec& y) { return arma::mat(f.jacobian(S % y) * arma::diagmat(S)); });
  const arma::vec x0{1.0, 0.0};
  for (bool marquardt : {true, false}) {
    LevenbergMarquardtOptions o;
    o.marquardt_scaling = marquardt;
    o.stop.max_iterations = 200;
    const Result rx = levenberg_marquardt_minimize(f, x0, o);
    const Result ry = levenberg_marquardt_minimize(scaled, x0 / S, o);
    BOOST_TEST_MESSAGE((marquardt ? "Marquardt scaling: " : "D = I: ") << rx.summary() << " | rescaled: " << ry.summary());
    // The gradient test is not scale invariant (g̃ = S·g), so the runs may stop one iteration
    // apart: compare the iterates both have.
    const size_t n = std::min(rx.trace.path.size(), ry.trace.path.size());
    BOOST_REQUIRE(n >= 3);
    double worst = 0;
    size_t worst_k = 0;
    for (size_t k = 0; k < n; ++k) {
      const double d = arma::norm(S % ry.trace.path[k] - rx.trace.path[k]) / arma::norm(rx.trace.path[k]);
      if (d > worst) worst = d, worst_k = k;
    }
    if (marquardt) {
      // Exact in exact arithmetic; the QR of differently scaled columns rounds differently, and a
      // handful of well-conditioned iterations keep that far below 1e-8.
      BOOST_CHECK_MESSAGE(worst <= 1e-8, "with Marquardt scaling the rescaled run should visit the same points, but "
                                             "iterate " << worst_k << " differs by " << worst
                                                       << " (relative); likely mistake: d2 is not diag(J'J) of the CURRENT "
                                                          "Jacobian, or mu*D^2 is not what damps the step");
      BOOST_CHECK_MESSAGE(optlab::is_converged(ry.status), "the rescaled run must converge too: " << ry.summary());
    } else {
      BOOST_CHECK_MESSAGE(worst > 1e-3, "with D = I the rescaled run should take different steps (worst relative "
                                            "difference " << worst << "); is marquardt_scaling = false ignored?");
    }
  }
}

BOOST_AUTO_TEST_CASE(rosenbrock_residuals) {
  // Rosenbrock as least squares, r = (10(x₂ − x₁²), 1 − x₁).  From (−1.2, 1) the first Gauss–Newton
  // steps overshoot: LM must reject them (ϱ ≤ 0), raise μ, and never let f increase.
  Rosenbrock f(2);
  LevenbergMarquardtOptions o;
  o.stop.gtol = 1e-10;
  Result r = levenberg_marquardt_minimize(f, Rosenbrock::start(2), o);
  BOOST_TEST_MESSAGE(r.summary());
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::converged_gradient, "LM must converge on Rosenbrock's residuals"));
  OPTLAB_CHECK_CLOSE(r.x, arma::vec({1.0, 1.0}), 1e-8, "Rosenbrock minimiser", "LM stopped away from (1, 1)");
  const auto fs = r.trace.column("f");
  const auto mu = r.trace.column("mu");
  const auto rho = r.trace.column("gain_ratio");
  const auto rejected = r.trace.column("rejected");
  BOOST_REQUIRE_MESSAGE(mu.size() == fs.size() && rho.size() == fs.size() && rejected.size() == fs.size(),
                        "record the extra trace columns mu, gain_ratio and rejected on every row");
  // Row 0: μ₀ = τ·max (JᵀJ)ᵢᵢ/d2ᵢ = τ with Marquardt scaling.
  OPTLAB_CHECK_CLOSE(mu[0], 1e-3, 1e-12, "mu0 (trace row 0)",
                     "mu0 = tau * max_i (J'J)_ii / d2_i, which is tau itself with Marquardt scaling");
  double total_rejected = 0;
  for (size_t k = 1; k < fs.size(); ++k) {
    total_rejected += rejected[k];
    BOOST_CHECK_MESSAGE(fs[k] < fs[k - 1], "f went from " << fs[k - 1] << " to " << fs[k] << " at iteration " << k
                                                          << "; likely mistake: a step with gain ratio <= 0 was accepted "
                                                             "(only rho > 0 moves x)");
    BOOST_CHECK_MESSAGE(rho[k] > 0, "row " << k << " records gain ratio " << rho[k]
                                           << " for an accepted step; a step with gain ratio <= 0 must be rejected");
  }
  BOOST_CHECK_MESSAGE(total_rejected >= 1, "no step was rejected on Rosenbrock from (-1.2, 1); the early Gauss-Newton "
                                           "steps overshoot, so the gain ratio test must reject some of them");
  // The reference needs 23 accepted steps and 34 residual evaluations; 50 leaves room.
  BOOST_CHECK_MESSAGE(r.evals.residual <= 50, "LM used " << r.evals.residual << " residual evaluations (expected <= 50)");
  plot_run(r, {.f_star = 0.0, .contour = &f, .x0 = -2, .x1 = 2, .y0 = -1, .y1 = 3});
  plot_damping(r);
}

BOOST_AUTO_TEST_CASE(non_finite_trial_is_rejected) {
  // r(x) = log(x) − 1, zero at x = e.  From x₀ = 10 the Gauss–Newton step is −r/J = −13 and lands at
  // x = −3 where log is NaN: LM must reject that trial (ϱ = −∞), raise μ and go on.
  ResidualObjective f(
      1, [](const arma::vec& x) { return arma::vec{std::log(x(0)) - 1.0}; },
      [](const arma::vec& x) { return arma::mat{1.0 / x(0)}; });
  LevenbergMarquardtOptions o;
  o.stop.gtol = 1e-12;
  Result r = levenberg_marquardt_minimize(f, {10.0}, o);
  BOOST_TEST_MESSAGE(r.summary());
  OPTLAB_CHECK_OUTCOME(optlab::test::converged(r, "a trial point with NaN residuals must be rejected (rho = -inf), "
                                                  "not accepted and not allowed to end the run"));
  // Converged with |g| ≤ 1e-12: x is e to ~1e-11.
  OPTLAB_CHECK_CLOSE(r.x, arma::vec{std::exp(1.0)}, 1e-10, "root of log(x) - 1", "LM stopped away from x = e");
  const auto rejected = r.trace.column("rejected");
  BOOST_CHECK_MESSAGE(rejected.size() > 1 && rejected[1] >= 1,
                      "the first trial step (to x = -3, NaN) must be counted as rejected in trace column 'rejected'");
  for (double fk : r.trace.column("f"))
    BOOST_CHECK_MESSAGE(std::isfinite(fk), "a non-finite f was recorded: never accept a trial step with NaN residuals");
  plot_run(r, {.f_star = 0.0});
}

BOOST_AUTO_TEST_CASE(wrong_jacobian_ends_with_line_search_failed) {
  // r = x − (1, 2), but the Jacobian is returned with the wrong sign: every "descent" step goes
  // uphill, every trial is rejected, μ grows until the step no longer moves x.  The run must stop with
  // line_search_failed (‖g‖ is far from small) — not loop forever, not claim convergence.
  ResidualObjective f(
      2, [](const arma::vec& x) { return arma::vec(x - arma::vec{1.0, 2.0}); },
      [](const arma::vec&) { return arma::mat(-arma::eye(2, 2)); });
  Result r = levenberg_marquardt_minimize(f, {3.0, -1.0}, LevenbergMarquardtOptions{});
  BOOST_TEST_MESSAGE(r.summary());
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::line_search_failed,
      "when mu has grown so large that the trial step no longer moves x (|h| <= eps(|x|+eps)) and |g| is "
      "not small, stop with line_search_failed (rejected steps must increase mu: mu <- mu*nu)"));
  OPTLAB_CHECK_CLOSE(r.x, arma::vec({3.0, -1.0}), 0.0, "final x", "no trial step may be accepted: all increase f");
  plot_run(r);
}

BOOST_AUTO_TEST_CASE(unreachable_gtol_ends_with_converged_precision) {
  // Inconsistent linear least squares r = Ax − b (f* = 1.8 > 0).  LM gets close in a few steps;
  // once ‖g‖ ≈ 1e-8, the decrease any step can achieve (~‖g‖²) is below the rounding of f itself
  // (ε·f ≈ 4e-16), so gtol = 1e-30 is unreachable: trial steps stop decreasing f, μ grows until the
  // step no longer moves x, and the run must end with converged_precision — not loop forever, not
  // claim line_search_failed.
  const arma::mat A{{1.0, 0.0}, {1.0, 1.0}, {1.0, 2.0}, {1.0, 3.0}};
  const arma::vec b{1.0, 0.0, 2.0, 1.0};
  ResidualObjective f(
      2, [&](const arma::vec& x) { return arma::vec(A * x - b); }, [&](const arma::vec&) { return A; });
  LevenbergMarquardtOptions o;
  o.stop.gtol = 1e-30;
  Result r = levenberg_marquardt_minimize(f, {5.0, 5.0}, o);
  BOOST_TEST_MESSAGE(r.summary());
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::converged_precision,
      "when mu has grown until the trial step no longer moves x and |g|inf <= max(precision_gtol, 10 gtol) "
      "max(1, min(f, f0)), stop with converged_precision"));
  // Least-squares line through (0,1), (1,0), (2,2), (3,1): slope 0.2, intercept 0.7 (normal
  // equations by hand: [[4,6],[6,14]]x = (4, 7)).  A method that accepts steps by comparing f
  // values locates x only to ~√ε relative (closer in, f changes by less than its rounding ε·f):
  // the reference stops 8e-9 away; 1e-7 allows for that.
  OPTLAB_CHECK_CLOSE(r.x, arma::vec({0.7, 0.2}), 1e-7, "least-squares fit", "LM stopped away from the LS solution");
  plot_run(r);
}

BOOST_AUTO_TEST_CASE(limits_end_the_run_with_their_status) {
  Rosenbrock f(2);
  LevenbergMarquardtOptions o;
  o.stop.max_iterations = 3;
  Result r1 = levenberg_marquardt_minimize(f, Rosenbrock::start(2), o);
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r1, Status::max_iterations, "record every accepted step with RunMonitor"));
  BOOST_CHECK_MESSAGE(r1.iterations == 3, "max_iterations = 3 must give 3 recorded (accepted) steps, got " << r1.iterations);

  // xtol: the accepted (or trial) step falls below xtol·(xtol + ‖x‖) long before gtol = 1e-14.
  o = LevenbergMarquardtOptions{};
  o.stop.gtol = 1e-14;
  o.stop.xtol = 1e-4;
  Result r2 = levenberg_marquardt_minimize(f, Rosenbrock::start(2), o);
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r2, Status::converged_step,
                                               "with xtol > 0 a step below xtol*(xtol + |x|) ends the run (converged_step)"));

  // Every trial rejected (wrong Jacobian) and a budget of 4 evaluations: the rejection loop itself
  // must respect max_evaluations.
  ResidualObjective bad(
      2, [](const arma::vec& x) { return arma::vec(x - arma::vec{1.0, 2.0}); },
      [](const arma::vec&) { return arma::mat(-arma::eye(2, 2)); });
  o = LevenbergMarquardtOptions{};
  o.stop.max_evaluations = 4;
  Result r3 = levenberg_marquardt_minimize(bad, {3.0, -1.0}, o);
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r3, Status::max_evaluations, "count residual evaluations in the loop of rejected trials and stop at max_evaluations"));
  BOOST_CHECK_MESSAGE(r3.evals.function_evals() <= 4, "used " << r3.evals.function_evals() << " > 4 evaluations");
  r1.method = "max_iterations=3";  // legend labels (and trace file suffixes)
  r2.method = "xtol=1e-4";
  plot_runs({&r1, &r2}, {.f_star = 0.0});
}

BOOST_AUTO_TEST_CASE(house_price_mlp_fewer_iterations_than_gd_and_lbfgs) {
  // The house-price regression of Chapter 3 §2 (lib's data), standardised, with a 4-8-1 tanh network and
  // the MSE loss: f = (1/N)Σ(y − t)² = ‖r‖² with r = (y − t)/√N (lib's residual form).
  Dataset d = house_prices(200, 42, 0.05);
  const Standardizer sx = Standardizer::fit(d.X), st = Standardizer::fit(d.T);
  MLPProblem prob(MLP::make({4, 8, 1}, Activation::tanh), sx.transform(d.X), st.transform(d.T), Loss::mse);
  const arma::vec th0 = prob.net().init(Init::xavier, 1);
  const double target = 0.0125;  // MSE in standardised units: 98.75 % of the price variance explained

  LevenbergMarquardtOptions o;
  o.stop.max_iterations = 60;
  Result lm = levenberg_marquardt_minimize(prob, th0, o);
  lm.method = "levenberg_marquardt";

  // Gradient descent, η = 0.1 (stable: the largest Hessian eigenvalue at θ₀ is ≈ 5, so η < 2/5).
  DriverOptions gd_opts;
  gd_opts.stop.max_iterations = 500;
  const double eta = 0.1;
  Result gd = run_update_rule(
      prob, th0, [&](arma::vec& x, const arma::vec& g, long, const GradientOracle&) { x -= eta * g; }, gd_opts, "gd");

  // A plain L-BFGS (m = 10, strong Wolfe from lib), written here so that this lesson stands alone.
  Result lb;
  {
    RunMonitor mon(prob, StopOptions{.max_iterations = 200}, "lbfgs");
    std::vector<arma::vec> S, Y;
    arma::vec x = th0, g;
    double fx = prob.value_gradient(x, g), alpha = std::numeric_limits<double>::quiet_NaN();
    while (!mon.record(x, fx, g, alpha)) {
      arma::vec q = g;
      std::vector<double> a(S.size());
      for (size_t i = S.size(); i-- > 0;) {
        a[i] = arma::dot(S[i], q) / arma::dot(Y[i], S[i]);
        q -= a[i] * Y[i];
      }
      if (!S.empty()) q *= arma::dot(S.back(), Y.back()) / arma::dot(Y.back(), Y.back());
      for (size_t i = 0; i < S.size(); ++i) q += (a[i] - arma::dot(Y[i], q) / arma::dot(Y[i], S[i])) * S[i];
      const LineSearchResult ls = strong_wolfe(prob, x, fx, g, -q, S.empty() ? 1.0 / arma::norm(g) : 1.0);
      if (!ls.ok()) break;
      S.push_back(ls.x - x);
      Y.push_back(ls.g - g);
      if (S.size() > 10) {
        S.erase(S.begin());
        Y.erase(Y.begin());
      }
      x = ls.x;
      g = ls.g;
      fx = ls.f;
      alpha = ls.alpha;
    }
    lb = mon.result();
  }

  // LM's cost per iteration counts rejected trials too (each is a linear solve and a residual evaluation).
  const int k_lm = first_below(lm, target), k_gd = first_below(gd, target), k_lb = first_below(lb, target);
  double lm_trials = 0;
  const auto rejected = lm.trace.column("rejected");
  for (int k = 0; k <= k_lm && k >= 0 && k < static_cast<int>(rejected.size()); ++k) lm_trials += 1 + rejected[k];
  BOOST_TEST_MESSAGE(lm.summary() << "\n  first f <= " << target << ": LM iteration " << k_lm << " (" << lm_trials
                                  << " trials), L-BFGS " << k_lb << ", GD " << k_gd);
  BOOST_REQUIRE_MESSAGE(k_lm >= 0, "LM did not reach f <= " << target << " in 60 iterations: " << lm.summary()
                                                            << "; likely mistake: mu is not decreased after good steps");
  // Reference: LM 12 iterations (~15 trials), L-BFGS ~45, GD > 500 (≈ 2700).
  BOOST_CHECK_MESSAGE(k_lb < 0 || lm_trials < k_lb,
                      "LM needed " << lm_trials << " trial steps, L-BFGS only " << k_lb
                                   << " iterations; likely mistake: the damping stays too large (mu must shrink by "
                                      "up to 3x after good steps) or steps are rejected too often");
  BOOST_CHECK_MESSAGE(k_gd < 0 || lm_trials < k_gd, "LM needed " << lm_trials << " trial steps, GD only " << k_gd);
  plot_runs({&lm, &lb, &gd}, {});
  plot_damping(lm);
}

BOOST_AUTO_TEST_CASE(two_moons_one_hot_least_squares) {
  // Classification as least squares: one-hot targets T, MSE loss, so r = vec(Y − T)/√N.
  Dataset d = two_moons(200, 1, 0.1);
  MLPProblem prob(MLP::make({2, 10, 2}, Activation::tanh), d.X, d.T, Loss::mse);
  LevenbergMarquardtOptions o;
  o.stop.max_iterations = 100;
  Result r = levenberg_marquardt_minimize(prob, prob.net().init(Init::xavier, 1), o);
  BOOST_TEST_MESSAGE(r.summary() << ", training accuracy " << prob.accuracy(r.x));
  // The moons are separable by a 10-unit tanh net; LM fits the one-hot targets almost exactly
  // (reference: f ≈ 1e-10 after 100 iterations, 100 % accuracy).
  BOOST_CHECK_MESSAGE(prob.accuracy(r.x) >= 0.97, "training accuracy " << prob.accuracy(r.x) << " < 0.97");
  BOOST_CHECK_MESSAGE(r.f <= 1e-3, "f = " << r.f << " > 1e-3 after " << r.iterations << " iterations: " << r.summary());
  const auto fs = r.trace.column("f");
  for (size_t k = 1; k < fs.size(); ++k)
    BOOST_CHECK_MESSAGE(fs[k] < fs[k - 1], "f increased at iteration " << k << ": accept only steps with gain ratio > 0");
  plot_run(r, {.f_star = 0.0});
}

BOOST_AUTO_TEST_CASE(rejects_bad_arguments) {
  Quadratic q = Quadratic::valley();  // not a least-squares problem
  BOOST_CHECK_THROW(levenberg_marquardt_minimize(q, arma::vec{1.0, 1.0}), optlab::invalid_argument);
  Rosenbrock f(2);
  BOOST_CHECK_THROW(levenberg_marquardt_minimize(f, arma::vec{1.0, 1.0, 1.0}), optlab::invalid_argument);
  BOOST_CHECK_THROW(levenberg_marquardt_minimize(f, arma::vec{1.0, arma::datum::nan}), optlab::invalid_argument);
  LevenbergMarquardtOptions o;
  o.tau = 0;
  BOOST_CHECK_THROW(levenberg_marquardt_minimize(f, arma::vec{1.0, 1.0}, o), optlab::invalid_argument);
}
