#pragma once
// Multi-layer perceptron in the matrix form of the notes "Backpropagation in matrix form": examples are ROWS.
//   A⁰ = X,   Zˡ = Aˡ⁻¹·Wˡ + 1·bˡ,   Aˡ = gˡ(Zˡ),   output Y = Aᴸ
// Backprop:   dAᴸ = ∂L/∂Y,  dZˡ = dAˡ ⊙ gˡ'(Zˡ),  dWˡ = Aˡ⁻¹ᵀ·dZˡ,  dbˡ = 1ᵀ·dZˡ,  dAˡ⁻¹ = dZˡ·Wˡᵀ
//
// Parameters live in ONE flat arma::vec θ, layer after layer: vec(W¹) (column-major,
// n₀×n₁), b¹ (n₁), vec(W²), b², ...  W()/b() give views into θ without copying.
#include <armadillo>
#include <cstdint>
#include <string>
#include <vector>

#include "optlab/activations.hpp"
#include "optlab/losses.hpp"
#include "optlab/objective.hpp"

namespace optlab {

enum class Init { xavier, he, normal };  // normal: N(0, init_scale²)

struct MLPCache {                 // what the forward pass keeps for backprop
  // The input is NOT copied (a copy of X costs ~3% of a gradient): X points to the caller's
  // matrix, so the cache is valid only while that matrix lives and is unchanged.
  const arma::mat* X = nullptr;
  std::vector<arma::mat> A;       // A[l] = g(Z[l]) for l = 1..L; A[0] unused (it is *X)
  std::vector<arma::mat> Z;       // Z[0] unused
  const arma::mat& act(arma::uword l) const { return l == 0 ? *X : A[l]; }  // Aˡ, A⁰ = X
};

class MLP {
 public:
  // sizes = {n₀, n₁, ..., n_L}; activations has L entries (one per layer, the last is usually
  // identity for regression and for logits).
  MLP(std::vector<arma::uword> sizes, std::vector<Activation> activations);
  // Same activation for every hidden layer, `output` for the last.
  static MLP make(std::vector<arma::uword> sizes, Activation hidden, Activation output = Activation::identity);

  arma::uword num_layers() const { return sizes_.size() - 1; }
  arma::uword num_params() const { return n_params_; }
  arma::uword input_dim() const { return sizes_.front(); }
  arma::uword output_dim() const { return sizes_.back(); }
  const std::vector<arma::uword>& sizes() const { return sizes_; }
  const std::vector<Activation>& activations() const { return acts_; }
  std::string describe() const;  // e.g. "4-16-1 tanh/identity"

  // Views of layer l = 1..L inside θ (writable views alias θ's memory).
  arma::mat W(arma::vec& theta, arma::uword l) const;
  arma::vec b(arma::vec& theta, arma::uword l) const;
  const arma::mat W(const arma::vec& theta, arma::uword l) const;
  const arma::vec b(const arma::vec& theta, arma::uword l) const;
  arma::uword W_offset(arma::uword l) const { return offsets_[l]; }
  arma::uword b_offset(arma::uword l) const { return offsets_[l] + sizes_[l - 1] * sizes_[l]; }
  // Mask of θ that is 1 on weights and 0 on biases (L2 regularisation acts on weights only).
  arma::vec weight_mask() const;

  arma::vec init(Init scheme, std::uint64_t seed, double init_scale = 1.0) const;

  arma::mat forward(const arma::vec& theta, const arma::mat& X) const;
  // The cache refers to X (no copy): X must outlive the cache's use, hence no temporaries.
  arma::mat forward(const arma::vec& theta, const arma::mat& X, MLPCache& cache) const;
  arma::mat forward(const arma::vec& theta, arma::mat&& X, MLPCache& cache) const = delete;
  arma::mat forward(const arma::vec& theta, const arma::mat&& X, MLPCache& cache) const = delete;
  // Gradient of a loss through the net, given dL/dY at the output (the notes' matrix form).
  arma::vec backward(const arma::vec& theta, const MLPCache& cache, const arma::mat& dY) const;
  // Gradient norms ‖dWˡ‖_F per layer (for the vanishing/exploding gradient figure).
  std::vector<double> layer_gradient_norms(const arma::vec& grad) const;

  // Exact Hessian-vector product of L(θ) = loss(forward(θ, X), T) by Pearlmutter's R-operator:
  // one forward and one backward pass of the directional derivatives.
  arma::vec hessian_vector(const arma::vec& theta, const arma::mat& X, const arma::mat& T, Loss loss,
                           const arma::vec& v) const;
  // Jacobian of the outputs, ∂ vec_rows(Y)/∂θ: row i·K + k is ∂Y(i,k)/∂θ  (N·K × P).
  arma::mat output_jacobian(const arma::vec& theta, const arma::mat& X) const;
  // J·v (forward mode, R-operator) and Jᵀ·U (reverse mode) without forming J.
  arma::mat jacobian_vector(const arma::vec& theta, const arma::mat& X, const arma::vec& v) const;

 private:
  std::vector<arma::uword> sizes_;
  std::vector<Activation> acts_;
  std::vector<arma::uword> offsets_;  // offsets_[l] = start of W^l in θ (index 0 unused)
  arma::uword n_params_ = 0;
};

// Supervised learning with an MLP as an Objective over its flat parameters θ:
//   f(θ) = loss(forward(θ, X), T) + (λ/2)·Σₗ‖Wˡ‖²_F
// It is a finite sum (minibatch methods), has the exact Hessian (R-operator, column by column)
// and, for the MSE loss, residuals r = vec_rows(Y − T)/√N so that f = ‖r‖² (+ the L2 term,
// which then enters the residuals as √(λ/2)·W) and the Jacobian of r.
class MLPProblem : public Objective {
 public:
  MLPProblem(MLP net, arma::mat X, arma::mat T, Loss loss, double l2 = 0.0, std::string name = "mlp");

  arma::uword dim() const override { return net_.num_params(); }
  std::string name() const override { return name_; }
  bool has_hessian() const override { return true; }
  bool has_residuals() const override { return loss_ == Loss::mse; }
  arma::uword num_examples() const override { return X_.n_rows; }

  const MLP& net() const { return net_; }
  const arma::mat& X() const { return X_; }
  const arma::mat& T() const { return T_; }
  Loss loss() const { return loss_; }
  double l2() const { return l2_; }

  arma::mat predict(const arma::vec& theta, const arma::mat& X) const { return net_.forward(theta, X); }
  // Classification accuracy on (X, labels) (argmax of the outputs; threshold 0 for one output).
  double accuracy(const arma::vec& theta, const arma::mat& X, const arma::uvec& labels) const;
  double accuracy(const arma::vec& theta) const;  // on the training data (T one-hot or 0/1)
  // Gauss-Newton matrix JᵀJ of the residuals and its product with v (no J formed).
  arma::mat gauss_newton(const arma::vec& theta) const;
  arma::vec gauss_newton_vector(const arma::vec& theta, const arma::vec& v) const;

 protected:
  double eval_value(const arma::vec& x) const override;
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override;
  arma::mat eval_hessian(const arma::vec& x) const override;
  arma::vec eval_hessian_vector(const arma::vec& x, const arma::vec& v) const override;
  arma::vec eval_residuals(const arma::vec& x) const override;
  arma::mat eval_jacobian(const arma::vec& x) const override;
  double eval_batch(const arma::vec& x, const arma::uvec& batch, arma::vec* g) const override;

 private:
  MLP net_;
  arma::mat X_, T_;
  arma::mat Xt_;  // X_ᵀ: a minibatch gathers contiguous columns instead of strided rows (2× the memory of X)
  Loss loss_;
  double l2_;
  arma::vec wmask_;
  std::string name_;
};

}  // namespace optlab
