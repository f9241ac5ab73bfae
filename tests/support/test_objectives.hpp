#pragma once
// Small objectives shared by several lessons' tests.
#include <armadillo>
#include <optlab/optlab.hpp>
#include <string>
#include <utility>
#include <vector>

namespace optlab::test {

// f(x) = (1/N) Σᵢ ½(aᵢᵀx − yᵢ)², a finite sum that logs its evaluations in order: a minibatch
// evaluation logs (x, batch); a full evaluation logs (x, empty batch) when log_full is true.
class LoggedLeastSquares : public Objective {
 public:
  LoggedLeastSquares(arma::mat A, arma::vec y, bool log_full = true)
      : A_(std::move(A)), y_(std::move(y)), log_full_(log_full) {}
  arma::uword dim() const override { return A_.n_cols; }
  arma::uword num_examples() const override { return A_.n_rows; }
  std::string name() const override { return "logged least squares"; }
  // ∇fᵢ(x) = aᵢ(aᵢᵀx − yᵢ), one example at a time (tests sum these by hand).
  arma::vec example_gradient(const arma::vec& x, arma::uword i) const {
    const arma::vec a = A_.row(i).t();
    return a * (arma::dot(a, x) - y_(i));
  }
  // The mean of example_gradient over a batch, example by example.
  arma::vec batch_gradient(const arma::vec& x, const arma::uvec& batch) const {
    arma::vec g(x.n_elem, arma::fill::zeros);
    for (arma::uword i : batch) g += example_gradient(x, i);
    return g / static_cast<double>(batch.n_elem);
  }
  arma::vec minimizer() const { return arma::solve(A_, y_); }  // least-squares solution
  struct Event {
    arma::vec x;
    arma::uvec batch;  // empty: full evaluation
  };
  mutable std::vector<Event> log;

 protected:
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override {
    if (log_full_) log.push_back({x, arma::uvec()});
    const arma::vec r = A_ * x - y_;
    g = A_.t() * r / static_cast<double>(A_.n_rows);
    return 0.5 * arma::dot(r, r) / static_cast<double>(A_.n_rows);
  }
  double eval_batch(const arma::vec& x, const arma::uvec& batch, arma::vec* g) const override {
    log.push_back({x, batch});
    const arma::mat Ab = A_.rows(batch);
    const arma::vec r = Ab * x - y_.elem(batch);
    if (g) *g = Ab.t() * r / static_cast<double>(batch.n_elem);
    return 0.5 * arma::dot(r, r) / static_cast<double>(batch.n_elem);
  }

 private:
  arma::mat A_;
  arma::vec y_;
  bool log_full_;
};

}  // namespace optlab::test
