#pragma once
// An Objective that forwards to another one and watches what the optimizer asks for:
//  * the work in "gradient evaluations" measured in passes over the data (a minibatch of B of N
//    examples costs B/N), so SGD and full-batch methods share one x axis;
//  * a callback at every FULL value_gradient() — first-order drivers call it exactly once per
//    recorded iterate (epoch), which is where the figures measure test accuracy — whose own
//    time is kept out of the run's wall-time column.
#include <functional>
#include <vector>

#include <optlab/objective.hpp>
#include <optlab/result.hpp>

namespace optlab::plots {

class Observed : public Objective {
 public:
  explicit Observed(const Objective& inner) : inner_(inner) {}

  arma::uword dim() const override { return inner_.dim(); }
  std::string name() const override { return inner_.name(); }
  bool has_hessian() const override { return inner_.has_hessian(); }
  bool has_residuals() const override { return inner_.has_residuals(); }
  arma::uword num_examples() const override { return inner_.num_examples(); }
  const Objective& inner() const { return inner_; }
  // Minibatch drivers evaluate the full f and ∇f once per epoch only to record the trace; with
  // this off, those evaluations do not count as work (the updates never see them).
  bool full_gradient_is_work = true;

  // Called with (x, f, g) at every full value_gradient(); its time is not part of the run.
  std::function<void(const arma::vec& x, double f, const arma::vec& g)> on_full_gradient;

  // Data passes spent on gradients after the first n gradient calls (n = a trace row's n_gradient).
  double work_after(long n_gradient) const;
  // Seconds spent in on_full_gradient after the first n gradient calls.
  double callback_seconds_after(long n_gradient) const;
  // Columns for a trace: data passes and wall time without the callbacks, one per row.
  std::vector<double> work_column(const Trace& t) const;
  std::vector<double> seconds_column(const Trace& t) const;

 protected:
  double eval_value(const arma::vec& x) const override { return inner_.value(x); }
  double eval_value_gradient(const arma::vec& x, arma::vec& g) const override;
  arma::mat eval_hessian(const arma::vec& x) const override { return inner_.hessian(x); }
  arma::vec eval_hessian_vector(const arma::vec& x, const arma::vec& v) const override {
    return inner_.hessian_vector(x, v);
  }
  arma::vec eval_residuals(const arma::vec& x) const override { return inner_.residuals(x); }
  arma::mat eval_jacobian(const arma::vec& x) const override { return inner_.jacobian(x); }
  double eval_batch(const arma::vec& x, const arma::uvec& batch, arma::vec* g) const override;

 private:
  const Objective& inner_;
  mutable std::vector<double> work_{0.0};      // work_[n] after n gradient calls
  mutable std::vector<double> cb_seconds_{0.0};
};

}  // namespace optlab::plots
