// Lesson 09's reference Newton's method with Hessian modification.
#include <newton.hpp>

#include "common.hpp"

namespace {
using namespace optlab;

Result newton(const bench::Problem& p, int iters) {
  NewtonOptions o;
  o.stop = bench::budget(iters);
  return newton_minimize(*p.obj, p.x0, o);
}

const bool registered = [] {
  for (const bench::Problem& p : {bench::quadratic_problem(), bench::rosenbrock_problem(2), bench::rosenbrock_problem(10)})
    bench::add("newton", p, [](const bench::Problem& q) { return newton(q, 200); });
  // MLPs: every iteration forms the exact Hessian (P Hessian-vector products), so keep the budget
  // short; the target is reached within it.
  bench::add("newton", bench::moons_problem(), [](const bench::Problem& q) { return newton(q, 15); });
  bench::add("newton", bench::curve_problem(), [](const bench::Problem& q) { return newton(q, 50); });
  return true;
}();
}  // namespace
