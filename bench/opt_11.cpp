// Lesson 11's reference L-BFGS.
#include <lbfgs.hpp>

#include "common.hpp"

namespace {
using namespace optlab;

Result lbfgs(const bench::Problem& p, int iters) {
  LbfgsOptions o;
  o.stop = bench::budget(iters);
  return lbfgs_minimize(*p.obj, p.x0, o);
}

const bool registered = [] {
  for (const bench::Problem& p : {bench::quadratic_problem(), bench::rosenbrock_problem(2), bench::rosenbrock_problem(10),
                                  bench::moons_problem(), bench::curve_problem()})
    bench::add("lbfgs", p, [](const bench::Problem& q) { return lbfgs(q, 1000); });
  return true;
}();
}  // namespace
