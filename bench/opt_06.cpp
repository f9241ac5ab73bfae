// Lesson 06's reference AdaGrad.
#include <adagrad.hpp>

#include "common.hpp"

namespace {
using namespace optlab;

Result adagrad(const bench::Problem& p, double lr, int iters, arma::uword batch = 0) {
  AdagradOptions o;
  o.learning_rate = lr;
  o.batch_size = batch;
  o.seed = 1;
  o.stop = bench::budget(iters);
  return adagrad_minimize(*p.obj, p.x0, o);
}

const bool registered = [] {
  const bench::Problem rosen = bench::rosenbrock_problem(2), moons = bench::moons_problem();
  bench::add("adagrad", rosen, [](const bench::Problem& p) { return adagrad(p, 0.5, 20000); });
  bench::add("adagrad", moons, [](const bench::Problem& p) { return adagrad(p, 0.1, 1000); });
  bench::add("adagrad_b20", moons, [](const bench::Problem& p) { return adagrad(p, 0.05, 300, 20); });
  return true;
}();
}  // namespace
