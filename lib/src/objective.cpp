#include "optlab/objective.hpp"

#include "optlab/core.hpp"

namespace optlab {

void Objective::check_x(const arma::vec& x, const char* where) const {
  if (x.n_elem != dim())
    fail_argument(name() + "." + where, "x",
                  "has " + std::to_string(x.n_elem) + " elements, expected dim() = " + std::to_string(dim()));
}

double Objective::value(const arma::vec& x) const {
  check_x(x, "value");
  ++counts_.value;
  return eval_value(x);
}

double Objective::value_gradient(const arma::vec& x, arma::vec& g) const {
  check_x(x, "value_gradient");
  ++counts_.gradient;
  return eval_value_gradient(x, g);
}

arma::vec Objective::gradient(const arma::vec& x) const {
  arma::vec g;
  value_gradient(x, g);
  return g;
}

arma::mat Objective::hessian(const arma::vec& x) const {
  check_x(x, "hessian");
  if (!has_hessian()) throw std::logic_error("objective '" + name() + "' has no Hessian (has_hessian() is false)");
  ++counts_.hessian;
  return eval_hessian(x);
}

arma::vec Objective::hessian_vector(const arma::vec& x, const arma::vec& v) const {
  check_x(x, "hessian_vector");
  require_size(v, dim(), (name() + ".hessian_vector").c_str(), "v");
  if (!has_hessian()) throw std::logic_error("objective '" + name() + "' has no Hessian (has_hessian() is false)");
  ++counts_.hessian_vector;
  return eval_hessian_vector(x, v);
}

arma::vec Objective::residuals(const arma::vec& x) const {
  check_x(x, "residuals");
  if (!has_residuals()) throw std::logic_error("objective '" + name() + "' is not a least-squares problem (has_residuals() is false)");
  ++counts_.residual;
  return eval_residuals(x);
}

arma::mat Objective::jacobian(const arma::vec& x) const {
  check_x(x, "jacobian");
  if (!has_residuals()) throw std::logic_error("objective '" + name() + "' is not a least-squares problem (has_residuals() is false)");
  ++counts_.jacobian;
  return eval_jacobian(x);
}

double Objective::batch_value_gradient(const arma::vec& x, const arma::uvec& batch, arma::vec& g) const {
  check_x(x, "batch_value_gradient");
  if (num_examples() == 0) throw std::logic_error("objective '" + name() + "' is not a finite sum (num_examples() is 0)");
  if (batch.is_empty()) fail_argument(name() + ".batch_value_gradient", "batch", "is empty");
  if (batch.max() >= num_examples())
    fail_argument(name() + ".batch_value_gradient", "batch",
                  "contains index " + std::to_string(batch.max()) + " but there are " + std::to_string(num_examples()) + " examples");
  ++counts_.gradient;
  counts_.examples += static_cast<long>(batch.n_elem);
  return eval_batch(x, batch, &g);
}

double Objective::batch_value(const arma::vec& x, const arma::uvec& batch) const {
  check_x(x, "batch_value");
  if (num_examples() == 0) throw std::logic_error("objective '" + name() + "' is not a finite sum (num_examples() is 0)");
  if (batch.is_empty()) fail_argument(name() + ".batch_value", "batch", "is empty");
  if (batch.max() >= num_examples())
    fail_argument(name() + ".batch_value", "batch",
                  "contains index " + std::to_string(batch.max()) + " but there are " + std::to_string(num_examples()) + " examples");
  ++counts_.value;
  counts_.examples += static_cast<long>(batch.n_elem);
  return eval_batch(x, batch, nullptr);
}

double Objective::eval_value(const arma::vec& x) const {
  arma::vec g;
  return eval_value_gradient(x, g);
}

arma::mat Objective::eval_hessian(const arma::vec&) const {
  throw std::logic_error("objective '" + name() + "' says has_hessian() but does not override eval_hessian");
}

arma::vec Objective::eval_hessian_vector(const arma::vec& x, const arma::vec& v) const { return eval_hessian(x) * v; }

arma::vec Objective::eval_residuals(const arma::vec&) const {
  throw std::logic_error("objective '" + name() + "' says has_residuals() but does not override eval_residuals");
}

arma::mat Objective::eval_jacobian(const arma::vec&) const {
  throw std::logic_error("objective '" + name() + "' says has_residuals() but does not override eval_jacobian");
}

double Objective::eval_batch(const arma::vec&, const arma::uvec&, arma::vec*) const {
  throw std::logic_error("objective '" + name() + "' says num_examples() > 0 but does not override eval_batch");
}

}  // namespace optlab
