// Lesson 04 — Minibatch stochastic gradient descent.
//
// Write the four functions below.  Their exact conventions are in sgd.hpp; README.md explains
// the method, `./lab hint 04` gives hints, `./lab test 04` runs the tests.
// Here RunMonitor does the bookkeeping (trace, stopping tests): you write the epoch loop.
#include "sgd.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace optlab {

std::vector<arma::uvec> sgd_epoch_batches(arma::uword n, arma::uword batch_size, Rng& rng) {
  // TODO(student): one rng.permutation(n), cut into consecutive slices of batch_size (keep the last, shorter one)
  OPTLAB_TODO("sgd_epoch_batches");
}

double sgd_learning_rate(const SGDSchedule& s, int epoch, long t) {
  // TODO(student): constant η₀, step decay η₀·γ^⌊epoch/step_epochs⌋, inverse time η₀/(1 + decay·t)
  OPTLAB_TODO("sgd_learning_rate");
}

void sgd_clip_by_norm(arma::vec& g, double max_norm) {
  // TODO(student): if ‖g‖ > max_norm > 0, rescale g to norm max_norm (keep its direction)
  OPTLAB_TODO("sgd_clip_by_norm");
}

Result sgd_minimize(const Objective& obj, const arma::vec& x0, const SGDOptions& opts) {
  // TODO(student): the epoch loop of sgd.hpp: per batch η, mean gradient, clip, x ← x − η·ĝ; RunMonitor per epoch
  OPTLAB_TODO("sgd_minimize");
}

}  // namespace optlab
