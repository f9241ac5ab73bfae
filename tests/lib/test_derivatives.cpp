// Every derivative in lib against central differences: activations, losses, MLP gradients,
// exact Hessians (R-operator), residual Jacobians and the Gauss-Newton matrix.
//
// Tolerances: central differences with h = 1e-5 have truncation error ~h²·|f'''| ≈ 1e-10 and
// rounding error ~ε|f|/h ≈ 1e-11 relative to O(1) derivatives, so a correct derivative agrees to
// ~1e-8 in the CS231n relative error; 1e-6 leaves room for curvature, a wrong one is off by O(1).
#include <cstring>

#include "optlab_test.hpp"

using namespace optlab;

namespace {
constexpr double kFdTol = 1e-6;
const Activation kActs[] = {Activation::identity, Activation::sigmoid, Activation::tanh,
                            Activation::relu, Activation::leaky_relu, Activation::softplus};

arma::mat targets_for(Loss loss, arma::uword n, arma::uword k, Rng& rng) {
  if (loss == Loss::mse) return rng.normal_mat(n, k);
  if (loss == Loss::binary_cross_entropy) {
    arma::mat T(n, k);
    for (auto& t : T) t = rng.uniform() < 0.5 ? 0.0 : 1.0;
    return T;
  }
  arma::uvec labels(n);
  for (auto& l : labels) l = rng.below(k);
  return one_hot(labels, k);
}
}  // namespace

BOOST_AUTO_TEST_CASE(activation_derivatives) {
  // Points away from 0 so that ReLU's kink is not straddled by ±h.
  const arma::vec z = {-3.1, -1.2, -0.4, 0.3, 0.9, 2.7};
  for (Activation a : kActs) {
    for (arma::uword i = 0; i < z.n_elem; ++i) {
      auto g = [&](const arma::vec& x) { return arma::mat(activate(a, arma::mat(x)))(0); };
      auto g1 = [&](const arma::vec& x) { return arma::mat(activate_d1(a, arma::mat(x)))(0); };
      const arma::vec x{z(i)};
      OPTLAB_CHECK_CLOSE(activate_d1(a, arma::mat(x)), arma::mat(numerical_gradient(g, x)), kFdTol,
                         "g' of " + to_string(a), "");
      OPTLAB_CHECK_CLOSE(activate_d2(a, arma::mat(x)), arma::mat(numerical_gradient(g1, x)), kFdTol,
                         "g'' of " + to_string(a), "");
    }
  }
  // The perceptron's step has zero derivative: exactly why gradient descent cannot train it.
  BOOST_TEST(arma::accu(arma::abs(activate_d1(Activation::step, arma::mat(z)))) == 0.0);
  BOOST_TEST((activation_from_string("tanh") == Activation::tanh));
  BOOST_CHECK_THROW(activation_from_string("swish"), optlab::invalid_argument);
}

namespace {
bool same_bits(const arma::mat& a, const arma::mat& b) {
  return a.n_rows == b.n_rows && a.n_cols == b.n_cols && std::memcmp(a.memptr(), b.memptr(), a.n_elem * sizeof(double)) == 0;
}
}  // namespace

BOOST_AUTO_TEST_CASE(training_pass_helpers_equal_the_plain_formulas_bit_for_bit) {
  // activate_into and multiply_d1 (MLP::forward/backward) are shortcuts for g(Z) and dA ⊙ g'(Z):
  // same bits, including ±0 (the kink), ±inf and NaN.
  const double inf = arma::datum::inf, nan = arma::datum::nan;
  const arma::mat Z = {{-3.1, -0.0, 0.0, 2.7}, {-inf, inf, nan, 1e-300}, {-1e-300, 0.5, -0.5, 40.0}};
  const arma::mat dA = {{1.5, -2.0, 3.0, -0.0}, {2.0, nan, -1.0, inf}, {-inf, 0.25, -7.0, 1.0}};
  for (Activation a : {Activation::identity, Activation::sigmoid, Activation::tanh, Activation::relu,
                       Activation::leaky_relu, Activation::softplus, Activation::step}) {
    arma::mat A(1, 1);
    activate_into(a, Z, A);
    BOOST_CHECK_MESSAGE(same_bits(A, activate(a, Z)), "activate_into vs activate for " + to_string(a));
    arma::mat D = dA;
    multiply_d1(a, Z, D);
    BOOST_CHECK_MESSAGE(same_bits(D, arma::mat(dA % activate_d1(a, Z))), "multiply_d1 vs dA % activate_d1 for " + to_string(a));
  }
  arma::mat wrong(2, 2);
  BOOST_CHECK_THROW(multiply_d1(Activation::relu, Z, wrong), optlab::invalid_argument);

  // A minibatch gradient is the full gradient of the gathered examples, bit for bit.
  Rng rng(5);
  MLP net = MLP::make({4, 7, 3}, Activation::relu);
  const arma::mat X = rng.normal_mat(20, 4);
  const arma::mat T = targets_for(Loss::softmax_cross_entropy, 20, 3, rng);
  const MLPProblem prob(net, X, T, Loss::softmax_cross_entropy, 0.1);
  const arma::uvec batch = {17, 3, 3, 0, 19, 8};
  const MLPProblem sub(net, X.rows(batch), T.rows(batch), Loss::softmax_cross_entropy, 0.1);
  const arma::vec theta = net.init(Init::he, 3);
  arma::vec g_batch, g_sub;
  const double f_batch = prob.batch_value_gradient(theta, batch, g_batch);
  const double f_sub = sub.value_gradient(theta, g_sub);
  BOOST_TEST(f_batch == f_sub);
  BOOST_CHECK_MESSAGE(same_bits(g_batch, g_sub), "batch_value_gradient vs value_gradient on X.rows(batch)");
}

BOOST_AUTO_TEST_CASE(loss_gradients_and_hessians) {
  Rng rng(7);
  for (Loss loss : {Loss::mse, Loss::softmax_cross_entropy, Loss::binary_cross_entropy}) {
    for (arma::uword k : {1u, 3u}) {
      if (loss == Loss::softmax_cross_entropy && k == 1) continue;
      const arma::uword n = 5;
      const arma::mat T = targets_for(loss, n, k, rng);
      const arma::vec y0 = rng.normal_vec(n * k);
      auto f = [&](const arma::vec& y) { return loss_value(loss, arma::reshape(y, n, k), T); };
      const arma::mat Y = arma::reshape(y0, n, k);
      OPTLAB_CHECK_GRADIENT(f, arma::vectorise(loss_gradient(loss, Y, T)), y0, kFdTol, "dL/dY of " + to_string(loss), "");
      const arma::mat V = rng.normal_mat(n, k);
      auto grad = [&](const arma::vec& y) { return arma::vec(arma::vectorise(loss_gradient(loss, arma::reshape(y, n, k), T))); };
      const arma::mat H = numerical_hessian(grad, y0);
      OPTLAB_CHECK_CLOSE(arma::vectorise(loss_hessian_vector(loss, Y, T, V)), H * arma::vectorise(V), kFdTol,
                         "Hessian-vector product of " + to_string(loss), "");
    }
  }
}

BOOST_AUTO_TEST_CASE(softmax_cross_entropy_is_stable_for_huge_logits) {
  // log-sum-exp: logits of 1e300 must give finite values; the naive exp overflows.
  const arma::mat Y = {{1e300, 0.0, -1e300}, {1000.0, 1001.0, 999.0}};
  const arma::mat T = {{1, 0, 0}, {0, 1, 0}};
  const double L = loss_value(Loss::softmax_cross_entropy, Y, T);
  BOOST_TEST(std::isfinite(L));
  // Row 1 is certain and right (loss 0); row 2 equals softmax of (0, 1, −1): −log(e/(1+e+e⁻¹)).
  const double expected = 0.5 * -std::log(std::exp(1.0) / (1 + std::exp(1.0) + std::exp(-1.0)));
  OPTLAB_CHECK_CLOSE(L, expected, 1e-14, "cross-entropy of huge logits", "");
  BOOST_TEST(loss_gradient(Loss::softmax_cross_entropy, Y, T).is_finite());
  const arma::mat Yb = arma::vec({800.0, -800.0});
  const arma::mat Tb = arma::vec({0.0, 1.0});
  BOOST_TEST(std::isfinite(loss_value(Loss::binary_cross_entropy, Yb, Tb)));
}

BOOST_AUTO_TEST_CASE(mlp_gradient_every_activation_and_loss) {
  Rng rng(3);
  const std::vector<std::vector<arma::uword>> shapes = {{3, 4, 2}, {2, 5, 3, 2}, {4, 1}, {1, 6, 6, 3}};
  for (const auto& sizes : shapes) {
    for (Activation a : kActs) {
      for (Loss loss : {Loss::mse, Loss::softmax_cross_entropy, Loss::binary_cross_entropy}) {
        if (loss == Loss::softmax_cross_entropy && sizes.back() < 2) continue;
        MLP net = MLP::make(sizes, a);
        const arma::uword n = 6;
        const arma::mat X = rng.normal_mat(n, sizes.front());
        MLPProblem prob(net, X, targets_for(loss, n, sizes.back(), rng), loss, 0.1);
        const arma::vec theta = net.init(Init::normal, rng.next(), 0.7);
        const auto chk = check_derivatives(prob, theta);
        const std::string what = net.describe() + " " + to_string(loss);
        BOOST_CHECK_MESSAGE(chk.gradient.rel_error < kFdTol, what + " gradient: " + chk.gradient.describe(kFdTol));
        BOOST_CHECK_MESSAGE(chk.hessian.rel_error < kFdTol, what + " Hessian: " + chk.hessian.describe(kFdTol));
        if (chk.has_jacobian)
          BOOST_CHECK_MESSAGE(chk.jacobian.rel_error < kFdTol, what + " Jacobian: " + chk.jacobian.describe(kFdTol));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(exact_hessian_is_symmetric_and_matches_r_operator) {
  Rng rng(11);
  MLP net = MLP::make({3, 5, 4, 2}, Activation::tanh);
  MLPProblem prob(net, rng.normal_mat(8, 3), rng.normal_mat(8, 2), Loss::mse);
  const arma::vec theta = net.init(Init::xavier, 5);
  const arma::mat H = prob.hessian(theta);
  // The R-operator computes each column exactly; symmetry holds to rounding (~1e-15 relative).
  OPTLAB_CHECK_CLOSE(H, arma::mat(H.t()), 1e-12, "Hessian symmetry", "");
  for (int trial = 0; trial < 3; ++trial) {
    const arma::vec v = rng.normal_vec(prob.dim());
    OPTLAB_CHECK_CLOSE(prob.hessian_vector(theta, v), H * v, 1e-12, "R-operator vs Hessian columns", "");
  }
}

BOOST_AUTO_TEST_CASE(gauss_newton_equals_jtj) {
  Rng rng(12);
  for (double l2 : {0.0, 0.3}) {
    MLP net = MLP::make({2, 6, 3}, Activation::sigmoid);
    MLPProblem prob(net, rng.normal_mat(7, 2), rng.normal_mat(7, 3), Loss::mse, l2);
    const arma::vec theta = net.init(Init::xavier, 9);
    const arma::mat J = prob.jacobian(theta);
    const arma::vec r = prob.residuals(theta);
    // f = ‖r‖² exactly (the lib's least-squares convention, no ½).
    OPTLAB_CHECK_CLOSE(arma::dot(r, r), prob.value(theta), 1e-13, "f = |r|^2", "");
    // ∇f = 2Jᵀr.
    OPTLAB_CHECK_CLOSE(arma::vec(2 * J.t() * r), prob.gradient(theta), 1e-12, "gradient = 2 J^T r", "");
    const arma::vec v = rng.normal_vec(prob.dim());
    OPTLAB_CHECK_CLOSE(prob.gauss_newton_vector(theta, v), arma::vec(J.t() * (J * v)), 1e-12, "Gauss-Newton product vs J^T J v", "");
    OPTLAB_CHECK_CLOSE(prob.gauss_newton(theta), arma::mat(J.t() * J), 1e-14, "gauss_newton()", "");
  }
  // A linear network with MSE has zero residual curvature: Hessian = 2 JᵀJ exactly.
  MLP lin = MLP::make({3, 2}, Activation::identity);
  MLPProblem lp(lin, rng.normal_mat(9, 3), rng.normal_mat(9, 2), Loss::mse);
  const arma::vec th = lin.init(Init::normal, 1);
  OPTLAB_CHECK_CLOSE(lp.hessian(th), arma::mat(2 * lp.gauss_newton(th)), 1e-12, "linear model: H = 2 J^T J", "");
}

BOOST_AUTO_TEST_CASE(test_function_derivatives) {
  Rng rng(5);
  std::vector<std::unique_ptr<Objective>> fs;
  fs.push_back(std::make_unique<Quadratic>(Quadratic::with_condition(4, 100, 1)));
  fs.push_back(std::make_unique<Rosenbrock>(2));
  fs.push_back(std::make_unique<Rosenbrock>(5));
  fs.push_back(std::make_unique<Beale>());
  fs.push_back(std::make_unique<Himmelblau>());
  fs.push_back(std::make_unique<Saddle>());
  for (const auto& f : fs) {
    for (int trial = 0; trial < 3; ++trial) {
      const arma::vec x = rng.normal_vec(f->dim(), 0.8);
      const auto chk = check_derivatives(*f, x);
      BOOST_CHECK_MESSAGE(chk.gradient.rel_error < kFdTol, f->name() + " gradient: " + chk.gradient.describe(kFdTol));
      BOOST_CHECK_MESSAGE(chk.hessian.rel_error < kFdTol, f->name() + " Hessian: " + chk.hessian.describe(kFdTol));
      if (chk.has_jacobian) {
        BOOST_CHECK_MESSAGE(chk.jacobian.rel_error < kFdTol, f->name() + " Jacobian: " + chk.jacobian.describe(kFdTol));
        const arma::vec r = f->residuals(x);
        OPTLAB_CHECK_CLOSE(arma::dot(r, r), f->value(x), 1e-13, f->name() + ": f = |r|^2", "");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(test_function_minimisers) {
  const arma::vec zero_g = arma::zeros(2);
  OPTLAB_CHECK_CLOSE(Rosenbrock(2).gradient(arma::vec{1, 1}), zero_g, 0, "Rosenbrock gradient at (1,1)", "");
  OPTLAB_CHECK_CLOSE(Beale().gradient(arma::vec{3, 0.5}), zero_g, 0, "Beale gradient at (3,0.5)", "");
  OPTLAB_CHECK_CLOSE(Himmelblau().gradient(arma::vec{3, 2}), zero_g, 0, "Himmelblau gradient at (3,2)", "");
  Saddle s;
  OPTLAB_CHECK_CLOSE(s.gradient(arma::vec{0, 0}), zero_g, 0, "saddle gradient at 0", "");
  const arma::vec eig = arma::eig_sym(s.hessian(arma::vec{0, 0}));
  BOOST_TEST(eig(0) < 0);
  BOOST_TEST(eig(1) > 0);
  OPTLAB_CHECK_CLOSE(s.value(arma::vec{0, 1}), -0.25, 1e-15, "saddle minimum value", "");
  Quadratic q = Quadratic::with_condition(6, 1000, 3);
  OPTLAB_CHECK_CLOSE(q.lipschitz() / q.strong_convexity(), 1000.0, 1e-9, "condition number", "");
  // Residual of the solve A x = b: |Ax − b| ≲ ε·κ·|b| ≈ 1e-13 for κ = 1000.
  BOOST_TEST(arma::norm(q.gradient(q.minimizer())) < 1e-10 * arma::norm(q.b()));
  Quadratic v = Quadratic::valley();
  OPTLAB_CHECK_CLOSE(v.value(arma::vec{1, 1}), 2.1, 1e-15, "valley f(1,1) = 0.1 + 2", "");
}

BOOST_AUTO_TEST_CASE(batch_norm_normalizes_and_its_backward_matches_finite_differences) {
  Rng rng(11);
  const arma::uword n = 6, k = 3;
  // Columns with very different means and scales: the output must not care.
  arma::mat Z = rng.normal_mat(n, k);
  Z.col(1) = 50 + 20 * Z.col(1);
  Z.col(2) *= 1e-3;
  BatchNormCache cache;
  const double eps = 1e-12;
  const arma::mat Zh = batch_norm_forward(Z, eps, cache);
  // Each column: mean 0, (biased) variance σ²/(σ² + ε) = 1 up to ε/σ² ≈ 1e-6 for column 2.
  // Means are sums of O(1) numbers that cancel: zero to a few ulps, so 1e-12 absolute.
  const double worst_mean = arma::abs(arma::mean(Zh, 0)).max();
  BOOST_CHECK_MESSAGE(worst_mean <= 1e-12, "a column of the normalized batch has mean " << worst_mean
                                               << " (expected 0): subtract the column (unit) mean over the batch ROWS");
  OPTLAB_CHECK_CLOSE(arma::rowvec(arma::mean(arma::square(Zh), 0)), arma::rowvec(arma::ones<arma::rowvec>(k)), 1e-5,
                     "column variances of the normalized batch", "divide by the biased (1/N) standard deviation");
  // Backward: L(Z) = Σ C ⊙ BN(Z) for a random C, so dẐ = C.  eps = 1e-3 keeps the FD step well
  // inside the smooth region of the column with σ ≈ 1e-3.
  const arma::mat C = rng.normal_mat(n, k);
  const double eps_fd = 1e-3;
  auto f = [&](const arma::vec& z) {
    BatchNormCache c;
    return arma::accu(C % batch_norm_forward(arma::reshape(z, n, k), eps_fd, c));
  };
  BatchNormCache c2;
  const arma::mat Zs = rng.normal_mat(n, k);
  batch_norm_forward(Zs, eps_fd, c2);
  OPTLAB_CHECK_GRADIENT(f, arma::vec(arma::vectorise(batch_norm_backward(C, c2))), arma::vec(arma::vectorise(Zs)), kFdTol,
                        "batch-norm backward dZ", "every Zhat(i, j) depends on the whole column through its mean and variance");
  BOOST_CHECK_THROW(batch_norm_forward(arma::mat(0, 3), eps, cache), optlab::invalid_argument);
  BOOST_CHECK_THROW(batch_norm_backward(arma::mat(2, 2), c2), optlab::invalid_argument);
}
