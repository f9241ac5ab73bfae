// Lesson 05's reference heavy-ball momentum and Nesterov.
#include <momentum.hpp>

#include "common.hpp"

namespace {
using namespace optlab;

Result mom(const bench::Problem& p, double lr, double mu, bool nesterov, int iters, arma::uword batch = 0) {
  MomentumOptions o;
  o.learning_rate = lr;
  o.momentum = mu;
  o.nesterov = nesterov;
  o.batch_size = batch;
  o.seed = 1;
  o.stop = bench::budget(iters);
  return momentum_minimize(*p.obj, p.x0, o);
}

const bool registered = [] {
  const bench::Problem quad = bench::quadratic_problem(), rosen = bench::rosenbrock_problem(2),
                       moons = bench::moons_problem();
  // Quadratic: η = 1/L with μ = 0.9 (a κ-independent speed-up over GD's α = 1/L).
  bench::add("momentum", quad, [](const bench::Problem& p) { return mom(p, 1e-3, 0.9, false, 20000); });
  bench::add("nesterov", quad, [](const bench::Problem& p) { return mom(p, 1e-3, 0.9, true, 20000); });
  bench::add("momentum", rosen, [](const bench::Problem& p) { return mom(p, 1e-3, 0.9, false, 20000); });
  bench::add("nesterov", rosen, [](const bench::Problem& p) { return mom(p, 1e-3, 0.9, true, 20000); });
  bench::add("momentum", moons, [](const bench::Problem& p) { return mom(p, 0.1, 0.9, false, 1000); });
  bench::add("momentum_b20", moons, [](const bench::Problem& p) { return mom(p, 0.05, 0.9, false, 300, 20); });
  return true;
}();
}  // namespace
