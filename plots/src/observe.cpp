#include "observe.hpp"

#include <chrono>

namespace optlab::plots {

double Observed::eval_value_gradient(const arma::vec& x, arma::vec& g) const {
  const double f = inner_.value_gradient(x, g);
  work_.push_back(work_.back() + (full_gradient_is_work ? 1.0 : 0.0));
  double cb = 0;
  if (on_full_gradient) {
    const auto t0 = std::chrono::steady_clock::now();
    on_full_gradient(x, f, g);
    cb = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  cb_seconds_.push_back(cb_seconds_.back() + cb);
  return f;
}

double Observed::eval_batch(const arma::vec& x, const arma::uvec& batch, arma::vec* g) const {
  if (!g) return inner_.batch_value(x, batch);
  const double f = inner_.batch_value_gradient(x, batch, *g);
  const double n = static_cast<double>(std::max<arma::uword>(1, inner_.num_examples()));
  work_.push_back(work_.back() + static_cast<double>(batch.n_elem) / n);
  cb_seconds_.push_back(cb_seconds_.back());
  return f;
}

double Observed::work_after(long n) const {
  if (n < 0) return 0;
  const auto i = static_cast<std::size_t>(n);
  return i < work_.size() ? work_[i] : work_.back();
}

double Observed::callback_seconds_after(long n) const {
  if (n < 0) return 0;
  const auto i = static_cast<std::size_t>(n);
  return i < cb_seconds_.size() ? cb_seconds_[i] : cb_seconds_.back();
}

std::vector<double> Observed::work_column(const Trace& t) const {
  std::vector<double> out;
  for (const auto& r : t.rows) out.push_back(work_after(r.n_gradient));
  return out;
}

std::vector<double> Observed::seconds_column(const Trace& t) const {
  std::vector<double> out;
  for (const auto& r : t.rows) out.push_back(std::max(0.0, r.seconds - callback_seconds_after(r.n_gradient)));
  return out;
}

}  // namespace optlab::plots
