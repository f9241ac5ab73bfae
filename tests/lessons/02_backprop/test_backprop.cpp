// Lesson 02: backpropagation in matrix form.
//
// Tolerances: hand-computed layers are exact up to a few roundings (1e-14).  Your gradient and
// lib's are the same sums in possibly another order: 1e-12.  Central differences (h = 1e-5) agree
// with an exact gradient to ~1e-9 relative: 1e-7 accepts it and rejects a missing factor.
#include "backprop.hpp"
#include "optlab_test.hpp"

using namespace optlab;

namespace {
const arma::mat A0 = {{1.0, 2.0}, {-1.0, 0.5}, {0.0, 3.0}};  // N = 3 examples, n_in = 2
const arma::mat W0 = {{0.5, -1.0, 2.0}, {1.0, 0.0, -0.5}};   // n_in = 2, n_out = 3
const arma::rowvec b0 = {0.1, 0.2, -0.3};
const Activation kActs[] = {Activation::identity, Activation::sigmoid, Activation::tanh, Activation::relu,
                            Activation::leaky_relu, Activation::softplus};
}  // namespace

BOOST_AUTO_TEST_CASE(dense_forward_by_hand) {
  // Row 1: (1·0.5 + 2·1, 1·(−1) + 0, 1·2 + 2·(−0.5)) + b = (2.6, −0.8, 0.7); ReLU keeps (2.6, 0, 0.7).
  // Row 2: (−0.5 + 0.5, 1 + 0, −2 − 0.25) + b = (0.1, 1.2, −2.55).  Row 3: (3, 0, −1.5) + b.
  arma::mat Z;
  const arma::mat A = dense_forward(A0, W0, b0, Activation::relu, Z);
  const arma::mat Zexp = {{2.6, -0.8, 0.7}, {0.1, 1.2, -2.55}, {3.1, 0.2, -1.8}};
  OPTLAB_CHECK_CLOSE(Z, Zexp, 1e-14, "Z = A_prev W + b", "examples are rows: Z = A_prev*W (not W*A_prev), b added to EVERY row");
  OPTLAB_CHECK_CLOSE(A, arma::mat(arma::clamp(Zexp, 0.0, 1e300)), 1e-14, "A = relu(Z)", "apply the activation elementwise to Z");
}

BOOST_AUTO_TEST_CASE(dense_backward_identity_by_hand) {
  // With g = identity, dZ = dA, so dW = A_prevᵀ dA, db = column sums of dA, dA_prev = dA Wᵀ.
  const arma::mat dA = {{1.0, 0.0, -1.0}, {0.5, 2.0, 0.0}, {0.0, 1.0, 1.0}};
  arma::mat Z;
  dense_forward(A0, W0, b0, Activation::identity, Z);
  const DenseGradients d = dense_backward(dA, A0, Z, W0, Activation::identity);
  const arma::mat dW = {{1 * 1.0 + -1 * 0.5 + 0, 0 + -1 * 2.0 + 0, -1.0 + 0 + 0}, {2 * 1.0 + 0.5 * 0.5 + 0, 0 + 0.5 * 2 + 3 * 1.0, 2 * -1.0 + 0 + 3 * 1.0}};
  OPTLAB_CHECK_CLOSE(d.dW, dW, 1e-14, "dW = A_prev^T dZ", "dW must have W's shape (n_in x n_out): A_prev^T * dZ, not dZ^T * A_prev");
  OPTLAB_CHECK_CLOSE(d.db, arma::rowvec({1.5, 3.0, 0.0}), 1e-14, "db = 1^T dZ",
                     "the bias is added to every example, so db SUMS dZ over the rows (not the mean, not the columns)");
  const arma::mat dAp = {{0.5 - 2.0, 1.0 + 0.5}, {0.25 - 2.0, 0.5}, {-1.0 + 2.0, -0.5}};
  OPTLAB_CHECK_CLOSE(d.dA_prev, dAp, 1e-14, "dA_prev = dZ W^T", "dA_prev must have A_prev's shape: dZ * W^T");
}

BOOST_AUTO_TEST_CASE(dense_backward_matches_finite_differences) {
  // L(A_prev, W, b) = Σ R ⊙ g(A_prev W + b) for a fixed random R, so ∂L/∂A = R.
  Rng rng(4);
  const arma::mat R = rng.normal_mat(3, 3);
  for (Activation g : kActs) {
    arma::mat Z;
    dense_forward(A0, W0, b0, g, Z);
    const DenseGradients d = dense_backward(R, A0, Z, W0, g);
    auto L = [&](const arma::mat& Ap, const arma::mat& W, const arma::rowvec& b) {
      arma::mat Zt;
      return arma::accu(R % dense_forward(Ap, W, b, g, Zt));
    };
    const std::string name = "dense layer with " + to_string(g);
    OPTLAB_CHECK_GRADIENT([&](const arma::vec& w) { return L(A0, arma::reshape(w, 2, 3), b0); }, arma::vectorise(d.dW),
                          arma::vectorise(W0), 1e-7, name + ": dW",
                          "dZ = dA % g'(Z) — did you forget the activation derivative, or use g(Z) instead of g'(Z)?");
    OPTLAB_CHECK_GRADIENT([&](const arma::vec& bb) { return L(A0, W0, bb.t()); }, arma::vec(d.db.t()), arma::vec(b0.t()), 1e-7,
                          name + ": db", "db sums dZ = dA % g'(Z) over the examples");
    OPTLAB_CHECK_GRADIENT([&](const arma::vec& a) { return L(arma::reshape(a, 3, 2), W0, b0); }, arma::vectorise(d.dA_prev),
                          arma::vectorise(A0), 1e-7, name + ": dA_prev", "dA_prev = dZ * W^T, with dZ including g'(Z)");
  }
}

BOOST_AUTO_TEST_CASE(mlp_gradient_matches_lib) {
  Rng rng(8);
  const std::vector<std::vector<arma::uword>> shapes = {{2, 3, 1}, {3, 5, 4, 2}, {4, 6, 6, 6, 3}};
  for (const auto& sizes : shapes) {
    for (Activation g : kActs) {
      for (Loss loss : {Loss::mse, Loss::softmax_cross_entropy}) {
        MLP net = MLP::make(sizes, g);
        const arma::mat X = rng.normal_mat(5, sizes.front());
        arma::uvec labels(5);
        for (auto& l : labels) l = rng.below(sizes.back());
        const arma::mat T = loss == Loss::mse ? rng.normal_mat(5, sizes.back()) : one_hot(labels, sizes.back());
        const arma::vec theta = net.init(Init::xavier, rng.next());
        arma::vec grad;
        const double f = mlp_loss_gradient(net, theta, X, T, loss, grad);
        MLPCache cache;
        const arma::mat Y = net.forward(theta, X, cache);
        const std::string what = net.describe() + " with " + to_string(loss);
        OPTLAB_CHECK_CLOSE(f, loss_value(loss, Y, T), 1e-12, what + ": loss", "the loss is lib's loss_value of the last layer's A");
        OPTLAB_CHECK_CLOSE(grad, net.backward(theta, cache, loss_gradient(loss, Y, T)), 1e-12, what + ": gradient",
                           "layer blocks in theta are vec(W^l) (column-major) then b^l; walk the layers from L down to 1 "
                           "and feed each layer the dA_prev of the layer above");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(mlp_gradient_matches_finite_differences) {
  const Dataset d = two_moons(30, 2);
  MLP net = MLP::make({2, 8, 8, 2}, Activation::tanh);
  const arma::vec theta = net.init(Init::xavier, 7);
  arma::vec grad;
  mlp_loss_gradient(net, theta, d.X, d.T, Loss::softmax_cross_entropy, grad);
  auto f = [&](const arma::vec& t) {
    arma::vec unused;
    return mlp_loss_gradient(net, t, d.X, d.T, Loss::softmax_cross_entropy, unused);
  };
  OPTLAB_CHECK_GRADIENT(f, grad, theta, 1e-7, "whole-network gradient", "check each layer with dense_backward_matches_finite_differences first");
}

BOOST_AUTO_TEST_CASE(gradient_descent_with_your_backprop) {
  // Your gradient drives plain gradient descent on a 1-D curve regression (lib's curve_1d): the loss must fall.
  const Dataset d = curve_1d(60, 3);
  MLP net = MLP::make({1, 12, 1}, Activation::tanh);
  MLPProblem prob(net, d.X, d.T, Loss::mse);
  DriverOptions o;
  o.stop.max_iterations = 400;
  o.stop.gtol = 0;
  const Result r = run_update_rule(prob, net.init(Init::xavier, 1),
                                   [&](arma::vec& theta, const arma::vec&, long, const GradientOracle&) {
                                     arma::vec g;
                                     mlp_loss_gradient(net, theta, d.X, d.T, Loss::mse, g);
                                     theta -= 0.2 * g;  // ignore lib's gradient: use yours
                                   },
                                   o, "gd (your backprop)");
  test::plot_run(r, {.title = "Lesson 02: gradient descent on curve_1d with your backprop"});
  const double f0 = r.trace.rows.front().f;
  BOOST_CHECK_MESSAGE(r.f < 0.5 * f0, "loss went from " << f0 << " to " << r.f << " in 400 steps; your gradient does not descend");
}
