// Lesson 08's reference Adam and AdamW.
#include <adam.hpp>

#include "common.hpp"

namespace {
using namespace optlab;

Result adam(const bench::Problem& p, AdamOptions o, double lr, int iters, arma::uword batch = 0) {
  o.learning_rate = lr;
  o.batch_size = batch;
  o.seed = 1;
  o.stop = bench::budget(iters);
  return adam_minimize(*p.obj, p.x0, o);
}

const bool registered = [] {
  const bench::Problem quad = bench::quadratic_problem(), rosen = bench::rosenbrock_problem(2),
                       moons = bench::moons_problem(), curve = bench::curve_problem();
  bench::add("adam", quad, [](const bench::Problem& p) { return adam(p, {}, 1e-2, 20000); });
  bench::add("adam", rosen, [](const bench::Problem& p) { return adam(p, {}, 1e-2, 20000); });
  bench::add("adam", moons, [](const bench::Problem& p) { return adam(p, {}, 1e-2, 1000); });
  bench::add("adam_b20", moons, [](const bench::Problem& p) { return adam(p, {}, 1e-3, 500, 20); });
  bench::add("adamw_b20", moons, [](const bench::Problem& p) { return adam(p, adamw_options(1e-2), 1e-3, 500, 20); });
  bench::add("adam", curve, [](const bench::Problem& p) { return adam(p, {}, 1e-2, 5000); });
  return true;
}();
}  // namespace
