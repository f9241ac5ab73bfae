// Lesson 03's reference gradient descent (fixed step and Armijo backtracking).
#include <gradient_descent.hpp>

#include "common.hpp"

namespace {
using namespace optlab;

Result gd(const bench::Problem& p, double lr, bool armijo, int iters) {
  GradientDescentOptions o;
  o.learning_rate = lr;
  o.backtracking = armijo;
  o.stop = bench::budget(iters);
  return gradient_descent(*p.obj, p.x0, o);
}

const bool registered = [] {
  const bench::Problem quad = bench::quadratic_problem(), rosen = bench::rosenbrock_problem(2),
                       moons = bench::moons_problem(), curve = bench::curve_problem();
  // α = 1/L: the safe fixed step for an L-smooth function (κ = 1000 here: slow on purpose).
  bench::add("gd", quad, [](const bench::Problem& p) { return gd(p, 1e-3, false, 20000); });
  bench::add("gd_armijo", quad, [](const bench::Problem& p) { return gd(p, 1.0, true, 5000); });
  bench::add("gd_armijo", rosen, [](const bench::Problem& p) { return gd(p, 1.0, true, 20000); });
  bench::add("gd", moons, [](const bench::Problem& p) { return gd(p, 0.5, false, 1000); });
  bench::add("gd", curve, [](const bench::Problem& p) { return gd(p, 0.2, false, 5000); });
  return true;
}();
}  // namespace
