// Lesson 04's reference minibatch SGD (one iteration = one epoch).
#include <sgd.hpp>

#include "common.hpp"

namespace {
using namespace optlab;

Result sgd(const bench::Problem& p, double lr, arma::uword batch, int epochs) {
  SGDOptions o;
  o.schedule.eta0 = lr;
  o.batch_size = batch;
  o.seed = 1;
  o.stop = bench::budget(epochs);
  return sgd_minimize(*p.obj, p.x0, o);
}

const bool registered = [] {
  const bench::Problem moons = bench::moons_problem(), curve = bench::curve_problem();
  bench::add("sgd_b20", moons, [](const bench::Problem& p) { return sgd(p, 0.2, 20, 300); });
  bench::add("sgd_b10", curve, [](const bench::Problem& p) { return sgd(p, 0.1, 10, 1000); });
  return true;
}();
}  // namespace
