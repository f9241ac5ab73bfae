#pragma once
// The objective interface every optimizer in the lab works on.
//
// Callers use the public, non-virtual methods (value, value_gradient, hessian, ...).  They check
// the dimension of x, count evaluations (reported in every Result) and forward to the protected
// virtual eval_* methods that a problem overrides.  Only dim() and eval_value_gradient() are
// required; the rest are optional capabilities announced by has_*().
#include <armadillo>
#include <functional>
#include <string>

namespace optlab {

struct EvalCounts {
  long value = 0;           // calls of value() (f only)
  long gradient = 0;        // calls that computed a gradient (value_gradient, gradient, batch)
  long hessian = 0;         // full Hessians
  long hessian_vector = 0;  // Hessian-vector products
  long jacobian = 0;        // residual Jacobians
  long residual = 0;        // residual vectors
  long examples = 0;        // examples touched by minibatch evaluations
  long function_evals() const { return value + gradient + residual; }  // every evaluation of f
};

class Objective {
 public:
  virtual ~Objective() = default;

  virtual arma::uword dim() const = 0;
  virtual std::string name() const { return "objective"; }

  // f(x)
  double value(const arma::vec& x) const;
  // f(x) and g = ∇f(x)
  double value_gradient(const arma::vec& x, arma::vec& g) const;
  arma::vec gradient(const arma::vec& x) const;

  // Second order (optional).
  virtual bool has_hessian() const { return false; }
  arma::mat hessian(const arma::vec& x) const;                            // ∇²f(x), n×n
  arma::vec hessian_vector(const arma::vec& x, const arma::vec& v) const;  // ∇²f(x)·v

  // Least squares (optional): f(x) = Σ rᵢ(x)² (no ½, see docs/algorithms.md).
  virtual bool has_residuals() const { return false; }
  arma::vec residuals(const arma::vec& x) const;  // r(x), m
  arma::mat jacobian(const arma::vec& x) const;   // J = ∂r/∂x, m×n

  // Finite sums (optional): f(x) = (1/N) Σᵢ fᵢ(x).  The batch forms average over `batch`
  // (mean, not sum), so a batch of all N examples gives exactly f and ∇f.
  virtual arma::uword num_examples() const { return 0; }
  double batch_value_gradient(const arma::vec& x, const arma::uvec& batch, arma::vec& g) const;
  double batch_value(const arma::vec& x, const arma::uvec& batch) const;

  // Evaluation counters, reported by every optimizer's Result.
  const EvalCounts& counts() const { return counts_; }
  void reset_counts() const { counts_ = EvalCounts{}; }
  void restore_counts(const EvalCounts& c) const { counts_ = c; }  // after evaluations that must not count (plots)

 protected:
  virtual double eval_value(const arma::vec& x) const;  // default: eval_value_gradient
  virtual double eval_value_gradient(const arma::vec& x, arma::vec& g) const = 0;
  virtual arma::mat eval_hessian(const arma::vec& x) const;
  virtual arma::vec eval_hessian_vector(const arma::vec& x, const arma::vec& v) const;  // default H·v
  virtual arma::vec eval_residuals(const arma::vec& x) const;
  virtual arma::mat eval_jacobian(const arma::vec& x) const;
  virtual double eval_batch(const arma::vec& x, const arma::uvec& batch, arma::vec* g) const;

 private:
  void check_x(const arma::vec& x, const char* where) const;
  mutable EvalCounts counts_;
};

// Wraps a callable pair into an Objective (handy in tests and for 1-D line-search examples).
class LambdaObjective : public Objective {
 public:
  using ValueGrad = std::function<double(const arma::vec&, arma::vec&)>;
  LambdaObjective(arma::uword n, ValueGrad fg, std::string name = "lambda")
      : n_(n), fg_(std::move(fg)), name_(std::move(name)) {}
  arma::uword dim() const override { return n_; }
  std::string name() const override { return name_; }

 protected:
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override { return fg_(x, g); }

 private:
  arma::uword n_;
  ValueGrad fg_;
  std::string name_;
};

}  // namespace optlab
