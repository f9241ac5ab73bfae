// Lesson 08 — Adam and AdamW.  Every expected number below is computed from Kingma & Ba's
// Algorithm 1 (t from 1, m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), x ← x − α·m̂/(√v̂ + ε)) and from
// Loshchilov & Hutter's decoupled decay by hand-written arithmetic in the test, never by calling
// the reference implementation.
#include <cmath>
#include <string>

#include "adam.hpp"
#include "optlab_test.hpp"

using optlab::AdamOptions;
using optlab::AdamState;
using optlab::Status;

namespace {

using optlab::test::rejects;

bool near(const arma::vec& a, const arma::vec& b, double tol = 1e-9) {
  return a.n_elem == b.n_elem && a.is_finite() && arma::approx_equal(a, b, "reldiff", tol);
}

const char* const kBiasCorrection =
    "m_hat = m/(1 - beta1^t) and v_hat = v/(1 - beta2^t) with t = 1 on the first step (bias correction), then "
    "x <- x - alpha*m_hat/(sqrt(v_hat) + eps) with eps OUTSIDE the square root";

// What went wrong in the first step dx = x₀ − x₁ for the gradient g (no weight decay).
std::string diagnose_first_step(const arma::vec& dx, const arma::vec& g, double alpha, double b1, double b2,
                                double eps) {
  if (!dx.is_finite())
    return "the first step is NaN/Inf: t must start at 1 (increment state.t BEFORE the bias correction; with t = 0 "
           "you divide by 1 - beta^0 = 0)";
  // Without bias correction: α·(1−β₁)g / (√((1−β₂)g²) + ε) ≈ 3.16 α on every coordinate.
  if (near(dx, alpha * (1 - b1) * g / (std::sqrt(1 - b2) * arma::abs(g) + eps), 1e-6))
    return "the first step is (1 - beta1)/sqrt(1 - beta2) = 3.16 alpha: you are running without bias correction; " +
           std::string(kBiasCorrection);
  return kBiasCorrection;
}

// f(x) = (x₁ − 3)²: x₂, x₃, ... do not enter f at all (their gradient is exactly 0).
optlab::LambdaObjective only_first_coordinate(arma::uword n) {
  return optlab::LambdaObjective(
      n,
      [](const arma::vec& x, arma::vec& g) {
        g.zeros(x.n_elem);
        g(0) = 2.0 * (x(0) - 3.0);
        return (x(0) - 3.0) * (x(0) - 3.0);
      },
      "(x1 - 3)^2");
}

}  // namespace

// Three steps with α = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, every moment by hand:
//   g₁ = (1, −2, 0):  m = (0.1, −0.2, 0),       v = (0.001, 0.004, 0),          1−β₁ = 0.1,  1−β₂ = 0.001
//   g₂ = (3,  1, 0):  m = (0.39, −0.08, 0),     v = (0.009999, 0.004996, 0),    1−β₁² = 0.19, 1−β₂² = 0.001999
//   g₃ = (−1, 0.5, 0): m = (0.251, −0.022, 0),  v = (0.010989001, 0.005241004, 0), 1−β₁³ = 0.271, 1−β₂³ = 0.002997001
BOOST_AUTO_TEST_CASE(first_three_steps_by_hand) {
  AdamOptions o;
  o.learning_rate = 0.1;
  const double a = 0.1, e = 1e-8;
  const arma::vec x0 = {1.0, -2.0, 0.5};
  arma::vec x = x0;
  AdamState s(3);
  const std::string moments =
      "m <- beta1*m + (1 - beta1)*g and v <- beta2*v + (1 - beta2)*g^2 (elementwise), from 0; the state keeps the RAW "
      "averages (bias correction is applied to copies m_hat, v_hat, never stored back)";
  // Tolerances 1e-14: a handful of floating-point operations per element (a few ulps); the
  // decimal literals are the exact values the recurrences produce up to those ulps.

  const arma::vec g1 = {1.0, -2.0, 0.0};
  optlab::adam_step(x, g1, s, o);
  BOOST_CHECK_MESSAGE(s.t == 1, "state.t = " << s.t << " after the first step, expected 1; likely mistake: "
                                               "adam_step must increment state.t once per step");
  OPTLAB_CHECK_CLOSE(s.m, (arma::vec{0.1, -0.2, 0.0}), 1e-14, "m after step 1", moments);
  OPTLAB_CHECK_CLOSE(s.v, (arma::vec{0.001, 0.004, 0.0}), 1e-14, "v after step 1", moments);
  // m̂ = (1, −2, 0), v̂ = (1, 4, 0): the step is α·(1/(1+ε), −2/(2+ε), 0).
  const arma::vec x1 = {1.0 - a * 1.0 / (1.0 + e), -2.0 + a * 2.0 / (2.0 + e), 0.5};
  OPTLAB_CHECK_CLOSE(x, x1, 1e-14, "x after step 1", diagnose_first_step(x0 - x, g1, a, 0.9, 0.999, e));

  arma::vec before = x;
  optlab::adam_step(x, arma::vec{3.0, 1.0, 0.0}, s, o);
  BOOST_CHECK_MESSAGE(s.t == 2, "state.t = " << s.t << " after the second step, expected 2");
  OPTLAB_CHECK_CLOSE(s.m, (arma::vec{0.39, -0.08, 0.0}), 1e-14, "m after step 2", moments);
  OPTLAB_CHECK_CLOSE(s.v, (arma::vec{0.009999, 0.004996, 0.0}), 1e-14, "v after step 2", moments);
  const arma::vec x2 = {x1(0) - a * (0.39 / 0.19) / (std::sqrt(0.009999 / 0.001999) + e),
                        x1(1) - a * (-0.08 / 0.19) / (std::sqrt(0.004996 / 0.001999) + e), 0.5};
  OPTLAB_CHECK_CLOSE(x, x2, 1e-14, "x after step 2",
                     before.is_finite() && !x.is_finite()
                         ? std::string("a NaN appeared on step 2: check 1 - beta^t uses the incremented t")
                         : std::string(kBiasCorrection));

  before = x;
  optlab::adam_step(x, arma::vec{-1.0, 0.5, 0.0}, s, o);
  BOOST_CHECK_MESSAGE(s.t == 3, "state.t = " << s.t << " after the third step, expected 3");
  OPTLAB_CHECK_CLOSE(s.m, (arma::vec{0.251, -0.022, 0.0}), 1e-14, "m after step 3", moments);
  OPTLAB_CHECK_CLOSE(s.v, (arma::vec{0.010989001, 0.005241004, 0.0}), 1e-14, "v after step 3", moments);
  const arma::vec x3 = {x2(0) - a * (0.251 / 0.271) / (std::sqrt(0.010989001 / 0.002997001) + e),
                        x2(1) - a * (-0.022 / 0.271) / (std::sqrt(0.005241004 / 0.002997001) + e), 0.5};
  OPTLAB_CHECK_CLOSE(x, x3, 1e-14, "x after step 3", kBiasCorrection);
  BOOST_CHECK_MESSAGE(x(2) == 0.5, "the coordinate with zero gradient moved to " << x(2) << "; likely mistake: eps "
                                   "missing (0/0), a NaN from an earlier step, or weight decay applied although "
                                   "weight_decay = 0");
}

// Thanks to bias correction the first step is α·g/(|g| + ε) ≈ α·sign(g) on EVERY coordinate,
// whatever the size of its gradient: here gradients from 10⁻³ to 2·10⁴, with two step sizes.
BOOST_AUTO_TEST_CASE(first_step_is_learning_rate_for_any_gradient_scale) {
  const arma::vec g = {1e-3, -0.7, 1e3, -2e4, 0.05};
  for (double alpha : {1e-3, 0.05}) {
    AdamOptions o;
    o.learning_rate = alpha;
    const arma::vec x0 = {0.3, -1.0, 2.0, 0.0, 5.0};
    arma::vec x = x0;
    AdamState s(5);
    optlab::adam_step(x, g, s, o);
    // Tolerance 1e-5: the only deviation from α·sign(g) is ε/|g| ≤ 1e-8/1e-3 = 1e-5.
    OPTLAB_CHECK_CLOSE(arma::vec(x0 - x), arma::vec(alpha * arma::sign(g)), 1e-5,
                       "first step (alpha = " + std::to_string(alpha) + ") on gradients of scale 1e-3 ... 2e4",
                       diagnose_first_step(x0 - x, g, alpha, 0.9, 0.999, 1e-8));
  }
}

// AdamW vs Adam + L2 on f(x) = (x₁ − 3)², where x₂ = 5 and x₃ = 0.5 have no gradient at all.
//   AdamW:     m, v stay 0 there, so each step is exactly x ← (1 − αλ)·x: after K steps
//              x₂ = 5·(1 − αλ)ᴷ and x₃ = 0.5·(1 − αλ)ᴷ, the same RELATIVE shrinkage for both.
//   Adam + L2: the decay λx IS the gradient there, and Adam normalises it: m̂/√v̂ ≈ sign(x), so
//              both move by ≈ α per step, whatever their size (x₃ reaches 0 after ~50 steps).
BOOST_AUTO_TEST_CASE(adamw_decouples_weight_decay) {
  const double alpha = 0.01, lambda = 0.1;
  const int K = 100;
  // (a) One step, by hand.  AdamW on g = (0, 0): x = (5, 0.5)·(1 − 0.001), m = v = 0.
  AdamOptions w = optlab::adamw_options(lambda);
  w.learning_rate = alpha;
  arma::vec x = {5.0, 0.5};
  AdamState s(2);
  optlab::adam_step(x, arma::vec{0.0, 0.0}, s, w);
  // Tolerance 1e-15: one multiplication and one subtraction per element.
  OPTLAB_CHECK_CLOSE(x, (arma::vec{5.0 - alpha * lambda * 5.0, 0.5 - alpha * lambda * 0.5}), 1e-15,
                     "AdamW step on zero gradients",
                     "AdamW is x <- x - alpha*(m_hat/(sqrt(v_hat) + eps) + lambda*x): decoupled weight decay, "
                     "proportional to x and not normalised; adding lambda*x to the gradient is Adam + L2");
  BOOST_CHECK_MESSAGE(arma::norm(s.m) == 0.0 && arma::norm(s.v) == 0.0,
                      "AdamW put the decay into the moments (m = " << s.m.t() << ", v = " << s.v.t()
                          << "); likely mistake: the decoupled decay must not pass through m and v");
  // Adam + L2 is Adam on g + λx: compare with a plain Adam step (λ = 0) on that gradient.
  AdamOptions l2;
  l2.learning_rate = alpha;
  l2.weight_decay = lambda;
  AdamOptions plain = l2;
  plain.weight_decay = 0.0;
  arma::vec xa = {5.0, 0.5}, xb = xa;
  AdamState sa(2), sb(2);
  optlab::adam_step(xa, arma::vec{0.0, 0.0}, sa, l2);
  optlab::adam_step(xb, arma::vec(lambda * xb), sb, plain);
  // Tolerance 1e-15: the same arithmetic on the same numbers.
  OPTLAB_CHECK_CLOSE(xa, xb, 1e-15, "Adam + L2 step vs plain Adam on g + lambda*x",
                     "with decoupled_weight_decay = false the decay is L2: add lambda*x to the gradient BEFORE "
                     "updating m and v");

  // (b) The picture: f(x) = (x₁ − 3)² in 2-D from (0, 2), α = 0.05, 100 steps.  Both runs walk x₁ to 3
  // at ≈ α per step; AdamW shrinks x₂ geometrically, x₂ = 2·(1 − αλ)ᵏ (a curve in the trajectory
  // plot), while Adam + L2 pushes x₂ down at ≈ α per step too (a 45° line) and parks it at 0.
  {
    const auto f2 = only_first_coordinate(2);
    AdamOptions pw = optlab::adamw_options(lambda), pl;
    pw.learning_rate = pl.learning_rate = 0.05;
    pl.weight_decay = lambda;
    pw.stop.max_iterations = pl.stop.max_iterations = K;
    pw.stop.gtol = pl.stop.gtol = 0;
    const optlab::Result rw = optlab::adam_minimize(f2, arma::vec{0.0, 2.0}, pw);
    const optlab::Result rl = optlab::adam_minimize(f2, arma::vec{0.0, 2.0}, pl);
    optlab::test::plot_runs({&rw, &rl}, {.title = "AdamW vs Adam + L2 on (x1 - 3)^2: x2 is only decayed",
                                         .contour = &f2, .x0 = -0.5, .x1 = 4.0, .y0 = -0.5, .y1 = 2.5});
    BOOST_REQUIRE_EQUAL(rw.iterations, K);
    BOOST_CHECK_EQUAL(rw.method, "adamw");
    BOOST_CHECK_EQUAL(rl.method, "adam");
    // Tolerance 1e-12: K = 100 products, each exact to an ulp or two.
    OPTLAB_CHECK_CLOSE(rw.x(1), 2.0 * std::pow(1.0 - 0.05 * lambda, K), 1e-12,
                       "AdamW: x2 after 100 steps (expected 2*(1 - alpha*lambda)^100)",
                       "decoupled weight decay shrinks x by exactly (1 - alpha*lambda) per step where the gradient "
                       "is 0; the decay must not go through m and v");
    // 2/α = 40 steps of ≈ α reach 0; afterwards x₂ hovers within a few α of 0.
    BOOST_CHECK_MESSAGE(std::abs(rl.x(1)) < 0.1, "Adam + L2: x2 = " << rl.x(1) << " after 100 steps, expected ~0 "
                                                 "(the normalised decay moves it by ~alpha = 0.05 per step)");
  }

  // (c) K steps through the driver in 3-D: x₂ = 5 and x₃ = 0.5, α = 0.01.
  const auto f = only_first_coordinate(3);
  const arma::vec x0 = {0.0, 5.0, 0.5};
  w.stop.max_iterations = K;
  w.stop.gtol = 0;
  l2.stop = w.stop;
  const optlab::Result rw = optlab::adam_minimize(f, x0, w);
  const optlab::Result rl = optlab::adam_minimize(f, x0, l2);
  BOOST_REQUIRE_EQUAL(rw.iterations, K);
  BOOST_REQUIRE_EQUAL(rl.iterations, K);
  const double shrink = std::pow(1.0 - alpha * lambda, K);
  // Tolerance 1e-12: K = 100 products, each exact to an ulp or two.
  OPTLAB_CHECK_CLOSE(arma::vec(rw.x.subvec(1, 2)), (arma::vec{5.0 * shrink, 0.5 * shrink}), 1e-12,
                     "AdamW: gradient-free coordinates after 100 steps (expected x0*(1 - alpha*lambda)^100)",
                     "decoupled weight decay shrinks x by exactly (1 - alpha*lambda) per step when the gradient is "
                     "0; if they moved by about alpha per step instead, the decay went through m and v (Adam + L2)");
  const double moved = 5.0 - rl.x(1);
  // Adam + L2 normalises the decay: x₂ moves by ≈ α per step.  The gradient λx₂ changes by only
  // 0.2 % per step, so m̂/√v̂ stays within a few % of 1: the band [0.9, 1.05]·Kα is generous.
  BOOST_CHECK_MESSAGE(moved > 0.9 * K * alpha && moved < 1.05 * K * alpha,
                      "Adam + L2 moved x2 = 5 by " << moved << " in " << K << " steps, expected about K*alpha = "
                      << K * alpha << "; likely mistake: with decoupled_weight_decay = false, lambda*x must be ADDED "
                      "TO THE GRADIENT and then normalised by sqrt(v_hat) like the rest of it");
  BOOST_CHECK_MESSAGE(std::abs(rl.x(2)) < 0.05,
                      "Adam + L2: x3 = 0.5 should reach ~0 in 100 steps of ~alpha = 0.01, got " << rl.x(2));
}

// Trains a 2-32-32-3 ReLU network with softmax cross-entropy on lib's spirals (3 classes, 300
// points), minibatches of 32, α = 0.01, 100 epochs.  The reference reaches 100 % training
// accuracy (other seeds and α ∈ [0.003, 0.02] too); 90 % leaves room for any harmless difference.
BOOST_AUTO_TEST_CASE(trains_spirals_classifier) {
  const optlab::Dataset d = optlab::spirals(300, 3, 1);
  const optlab::MLP net = optlab::MLP::make({2, 32, 32, 3}, optlab::Activation::relu);
  const optlab::MLPProblem problem(net, d.X, d.T, optlab::Loss::softmax_cross_entropy, 0.0, "spirals 2-32-32-3 relu");
  AdamOptions o;
  o.learning_rate = 0.01;
  o.batch_size = 32;
  o.seed = 1;
  o.stop.max_iterations = 100;  // epochs
  o.stop.gtol = 0;
  const arma::vec theta0 = net.init(optlab::Init::he, 1);
  const optlab::Result r = optlab::adam_minimize(problem, theta0, o);
  optlab::test::plot_run(r, {.title = "Adam trains a 2-32-32-3 ReLU net on 3 spirals (cross-entropy per epoch)"});
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(
      r, Status::max_iterations,
      "the run must go through all 100 epochs; non_finite means a NaN appeared (t must start at 1: 1 - beta^0 = 0 "
      "divides by zero; or eps missing)"));
  const double acc = problem.accuracy(r.x);
  BOOST_CHECK_MESSAGE(acc >= 0.9, "training accuracy " << 100 * acc << " % after 100 epochs, expected >= 90 % "
                                  "[" << r.summary() << "]; likely mistake: " << kBiasCorrection);
  // Cross-entropy starts near log 3 ≈ 1.1; the reference ends near 5e-4.
  BOOST_CHECK_MESSAGE(r.f < 0.1, "training loss " << r.f << " after 100 epochs, expected < 0.1");
}

// Full batch on Rosenbrock from (−1.2, 1) with α = 0.05: Adam follows the curved valley and
// reaches the minimiser (1, 1); the driver rejects bad options with a message naming them.
BOOST_AUTO_TEST_CASE(rosenbrock_run_and_bad_options) {
  const optlab::Rosenbrock rosen(2);
  const arma::vec x0 = optlab::Rosenbrock::start(2);
  AdamOptions o;
  o.learning_rate = 0.05;
  o.stop.max_iterations = 5000;
  o.stop.gtol = 1e-6;
  const optlab::Result r = optlab::adam_minimize(rosen, x0, o);
  optlab::test::plot_run(r, {.f_star = 0.0, .contour = &rosen, .x0 = -1.5, .x1 = 1.5, .y0 = -0.5, .y1 = 1.5});
  // The reference converges in ≈ 2400 steps; 5000 leaves room.
  OPTLAB_CHECK_OUTCOME(optlab::test::status_is(r, Status::converged_gradient,
                                               "Adam with alpha = 0.05 reaches |g| <= 1e-6 on Rosenbrock in about "
                                               "2400 steps; check the bias correction and eps outside the root"));
  // |g|∞ ≤ 1e-6 near (1, 1) (smallest Hessian eigenvalue ≈ 0.4) puts x within ~1e-5 of it.
  BOOST_CHECK_MESSAGE(arma::norm(r.x - arma::vec{1.0, 1.0}) < 1e-4, "final iterate " << r.x.t() << " is not (1, 1)");
  BOOST_CHECK_EQUAL(r.method, "adam");

  AdamOptions bad = o;
  bad.learning_rate = -1e-3;
  BOOST_CHECK_MESSAGE(rejects([&] { optlab::adam_minimize(rosen, x0, bad); }, "learning_rate"),
                      "a negative learning_rate must throw optlab::invalid_argument naming 'learning_rate'");
  bad = o;
  bad.beta1 = 1.0;
  BOOST_CHECK_MESSAGE(rejects([&] { optlab::adam_minimize(rosen, x0, bad); }, "beta1"),
                      "beta1 = 1 must throw optlab::invalid_argument naming 'beta1' (1 - beta1^t = 0)");
  bad = o;
  bad.beta2 = -0.5;
  BOOST_CHECK_MESSAGE(rejects([&] { optlab::adam_minimize(rosen, x0, bad); }, "beta2"),
                      "beta2 = -0.5 must throw optlab::invalid_argument naming 'beta2'");
  bad = o;
  bad.weight_decay = -0.01;
  BOOST_CHECK_MESSAGE(rejects([&] { optlab::adam_minimize(rosen, x0, bad); }, "weight_decay"),
                      "a negative weight_decay must throw optlab::invalid_argument naming 'weight_decay'");
}
