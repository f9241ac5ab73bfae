// Lesson 01: losses and the gradient check.
//
// Tolerances: hand-computed values are exact up to a few roundings (1e-14 relative).  Gradients
// compared with lib's own implementation agree to rounding (1e-12).  Central differences with
// h = 1e-5 agree with an exact gradient to ~1e-9 relative (truncation h² plus rounding ε/h), so
// 1e-7 accepts a correct gradient and rejects a wrong factor or sign, which is off by O(1).
#include "losses.hpp"
#include "optlab_test.hpp"

using namespace optlab;

namespace {
const arma::mat Y1 = {{1.0, 2.0}, {3.0, 4.0}};
const arma::mat T1 = {{0.0, 2.0}, {3.0, 1.0}};
}  // namespace

BOOST_AUTO_TEST_CASE(mse_value_by_hand) {
  // Squared errors: row 1 → 1² + 0² = 1, row 2 → 0² + 3² = 9.  Mean over the 2 EXAMPLES: (1 + 9)/2 = 5.
  OPTLAB_CHECK_CLOSE(mse_loss(Y1, T1), 5.0, 1e-14, "mse_loss on a 2x2 example",
                     "the mean is over examples (rows): dividing by all N*K entries gives 2.5, forgetting to divide gives 10");
  OPTLAB_CHECK_CLOSE(mse_loss(T1, T1), 0.0, 1e-14, "mse_loss of perfect predictions", "");
}

BOOST_AUTO_TEST_CASE(mse_gradient) {
  // (2/N)(Y − T) with N = 2:  [[1, 0], [0, 3]]
  const arma::mat expected = {{1.0, 0.0}, {0.0, 3.0}};
  OPTLAB_CHECK_CLOSE(mse_grad(Y1, T1), expected, 1e-14, "mse_grad on a 2x2 example",
                     "missing factor 2 from d(y-t)^2/dy, or dividing by N*K instead of N");
  Rng rng(1);
  const arma::mat Y = rng.normal_mat(7, 3), T = rng.normal_mat(7, 3);
  OPTLAB_CHECK_CLOSE(mse_grad(Y, T), loss_gradient(Loss::mse, Y, T), 1e-12, "mse_grad vs lib", "the gradient must have Y's shape: (2/N)(Y - T)");
  auto f = [&](const arma::vec& y) { return mse_loss(arma::reshape(y, 7, 3), T); };
  OPTLAB_CHECK_GRADIENT(f, arma::vectorise(mse_grad(Y, T)), arma::vectorise(Y), 1e-7, "mse_grad",
                        "mse_grad is not the derivative of your mse_loss");
}

BOOST_AUTO_TEST_CASE(softmax_rows_sum_to_one) {
  const arma::mat Y = {{0.0, std::log(3.0)}, {1.0, 1.0}};
  // exp(0) = 1, exp(ln 3) = 3 → (1/4, 3/4);  equal logits → (1/2, 1/2)
  const arma::mat expected = {{0.25, 0.75}, {0.5, 0.5}};
  OPTLAB_CHECK_CLOSE(softmax_rows(Y), expected, 1e-14, "softmax_rows by hand", "normalise each ROW, not each column or the whole matrix");
  const arma::mat big = {{1000.0, 999.0, -1000.0}};
  const arma::mat P = softmax_rows(big);
  BOOST_CHECK_MESSAGE(P.is_finite(), "softmax_rows of logits ~1000 is not finite: subtract the row maximum before exp (exp(1000) overflows)");
  OPTLAB_CHECK_CLOSE(arma::sum(P, 1), arma::vec{1.0}, 1e-14, "row sum of softmax", "");
}

BOOST_AUTO_TEST_CASE(cross_entropy_value_by_hand) {
  // Row 1: p = (1/4, 3/4), class 1 → −ln(3/4).  Row 2: p = (1/2, 1/2), class 0 → ln 2.
  const arma::mat Y = {{0.0, std::log(3.0)}, {1.0, 1.0}};
  const arma::mat T = {{0.0, 1.0}, {1.0, 0.0}};
  const double expected = (-std::log(0.75) + std::log(2.0)) / 2.0;
  OPTLAB_CHECK_CLOSE(softmax_ce_loss(Y, T), expected, 1e-14, "softmax_ce_loss by hand",
                     "cross-entropy is MINUS the mean log-probability of the true class; Y are logits, apply softmax first");
}

BOOST_AUTO_TEST_CASE(cross_entropy_is_stable_for_huge_logits) {
  const arma::mat Y = {{1e300, 0.0, -1e300}, {0.0, 1000.0, 1001.0}};
  const arma::mat T = {{1.0, 0.0, 0.0}, {0.0, 0.0, 1.0}};
  const double L = softmax_ce_loss(Y, T);
  BOOST_REQUIRE_MESSAGE(std::isfinite(L), "softmax_ce_loss = " << L << " for logits of 1e300; likely mistake: compute log softmax with "
                                          "log-sum-exp (subtract the row maximum) instead of log(exp(y)/sum(exp(y)))");
  // Row 1: certain and right → 0.  Row 2: log-softmax of (−1001, −1, 0) at class 2 = −log(1 + e⁻¹ + e⁻¹⁰⁰¹).
  const double expected = 0.5 * std::log1p(std::exp(-1.0));
  OPTLAB_CHECK_CLOSE(L, expected, 1e-13, "softmax_ce_loss of huge logits", "subtract the row maximum before exponentiating");
  BOOST_CHECK_MESSAGE(softmax_ce_grad(Y, T).is_finite(), "softmax_ce_grad is not finite for huge logits: reuse the stable softmax");
}

BOOST_AUTO_TEST_CASE(cross_entropy_gradient) {
  Rng rng(2);
  const arma::mat Y = rng.normal_mat(6, 4, 2.0);
  arma::uvec labels = {0, 3, 1, 1, 2, 3};
  const arma::mat T = one_hot(labels, 4);
  OPTLAB_CHECK_CLOSE(softmax_ce_grad(Y, T), loss_gradient(Loss::softmax_cross_entropy, Y, T), 1e-12, "softmax_ce_grad vs lib",
                     "the gradient is (softmax(Y) - T)/N: check the sign and the 1/N");
  auto f = [&](const arma::vec& y) { return softmax_ce_loss(arma::reshape(y, 6, 4), T); };
  OPTLAB_CHECK_GRADIENT(f, arma::vectorise(softmax_ce_grad(Y, T)), arma::vectorise(Y), 1e-7, "softmax_ce_grad",
                        "softmax_ce_grad is not the derivative of your softmax_ce_loss");
}

BOOST_AUTO_TEST_CASE(central_differences_are_second_order) {
  // f(x) = x₀² + 3x₀x₁ − x₁³ has ∇f = (2x₀ + 3x₁, 3x₀ − 3x₁²).
  auto f = [](const arma::vec& x) { return x(0) * x(0) + 3 * x(0) * x(1) - x(1) * x(1) * x(1); };
  const arma::vec x = {0.7, -1.3};
  const arma::vec exact = {2 * 0.7 + 3 * -1.3, 3 * 0.7 - 3 * 1.69};
  // With a large h = 1e-2 the central difference is off only by the cubic term: h²·|f'''|/6 = 1e-4
  // in the x₁ component (f''' = −6), while a forward difference is off by h·|f''|/2 ≈ 4e-2.
  const arma::vec g = central_difference_gradient(f, x, 1e-2);
  BOOST_CHECK_MESSAGE(std::abs(g(0) - exact(0)) < 1e-10 && std::abs(g(1) - exact(1)) < 2e-4,
                      "central_difference_gradient with h = 1e-2 gave (" << g(0) << ", " << g(1) << "), expected (" << exact(0) << ", "
                                                                         << exact(1) << ") to O(h^2); likely mistake: a forward "
                                                                            "difference (f(x+h)-f(x))/h, which is only first order");
  OPTLAB_CHECK_CLOSE(central_difference_gradient(f, x), exact, 1e-9, "central_difference_gradient (h = 1e-5)",
                     "divide by 2h, perturb one coordinate at a time and restore it");
  const arma::vec xs = x;
  central_difference_gradient([](const arma::vec& z) { return arma::accu(z); }, xs);
  OPTLAB_CHECK_CLOSE(xs, x, 0, "x after the gradient check", "x must come back unchanged");
}

BOOST_AUTO_TEST_CASE(relative_error_definition) {
  const arma::vec a = {1.0, 2.0, 3.0}, b = {1.0, 2.5, 3.0};
  // max|a−b| = 0.5; max(|a|+|b|) = 6  →  1/12
  OPTLAB_CHECK_CLOSE(gradcheck_relative_error(a, b), 0.5 / 6.0, 1e-14, "gradcheck_relative_error",
                     "divide the largest |a-b| by the largest |a|+|b| (CS231n)");
  OPTLAB_CHECK_CLOSE(gradcheck_relative_error(b, a), 0.5 / 6.0, 1e-14, "gradcheck_relative_error(b, a)", "it must be symmetric");
  const double z = gradcheck_relative_error(arma::zeros(3), arma::zeros(3));
  BOOST_CHECK_MESSAGE(z == 0.0, "relative error of two zero vectors is " << z << ", expected 0; likely mistake: no floor in the denominator (0/0)");
}

BOOST_AUTO_TEST_CASE(gradient_check_catches_a_wrong_gradient) {
  // Your checker on a real network: the right gradient passes, a gradient with one wrong entry fails.
  const Dataset d = two_moons(20, 4);
  MLP net = MLP::make({2, 5, 2}, Activation::tanh);
  MLPProblem prob(net, d.X, d.T, Loss::softmax_cross_entropy);
  const arma::vec theta = net.init(Init::xavier, 3);
  arma::vec g = prob.gradient(theta);
  const arma::vec num = central_difference_gradient([&](const arma::vec& t) { return prob.value(t); }, theta);
  const double good = gradcheck_relative_error(num, g);
  BOOST_CHECK_MESSAGE(good < 1e-7, "your checker rejects lib's exact gradient: relative error " << good);
  g(3) += 0.1 * arma::abs(g).max();
  const double bad = gradcheck_relative_error(num, g);
  BOOST_CHECK_MESSAGE(bad > 1e-3, "your checker accepts a gradient with a wrong entry: relative error " << bad);
}
