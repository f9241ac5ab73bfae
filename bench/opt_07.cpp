// Lesson 07's reference RMSProp.
#include <rmsprop.hpp>

#include "common.hpp"

namespace {
using namespace optlab;

Result rmsprop(const bench::Problem& p, double lr, int iters, arma::uword batch = 0) {
  RMSPropOptions o;
  o.learning_rate = lr;
  o.batch_size = batch;
  o.seed = 1;
  o.stop = bench::budget(iters);
  return rmsprop_minimize(*p.obj, p.x0, o);
}

const bool registered = [] {
  const bench::Problem rosen = bench::rosenbrock_problem(2), moons = bench::moons_problem();
  bench::add("rmsprop", rosen, [](const bench::Problem& p) { return rmsprop(p, 1e-3, 20000); });
  bench::add("rmsprop", moons, [](const bench::Problem& p) { return rmsprop(p, 1e-2, 1000); });
  bench::add("rmsprop_b20", moons, [](const bench::Problem& p) { return rmsprop(p, 1e-3, 500, 20); });
  return true;
}();
}  // namespace
