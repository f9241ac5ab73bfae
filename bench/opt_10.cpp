// Lesson 10's reference linear and nonlinear conjugate gradient.
#include <conjugate_gradient.hpp>

#include "common.hpp"

namespace {
using namespace optlab;

Result ncg(const bench::Problem& p, CGBeta beta, int iters) {
  NonlinearCGOptions o;
  o.beta = beta;
  o.stop = bench::budget(iters);
  return nonlinear_cg(*p.obj, p.x0, o);
}

const bool registered = [] {
  const bench::Problem quad = bench::quadratic_problem();
  bench::add("linear_cg", quad, [](const bench::Problem& p) {
    LinearCGOptions o;
    o.stop = bench::budget(1000);
    return linear_cg(static_cast<const Quadratic&>(*p.obj), p.x0, o);
  });
  for (const bench::Problem& p : {quad, bench::rosenbrock_problem(2), bench::rosenbrock_problem(10), bench::moons_problem(),
                                  bench::curve_problem()}) {
    bench::add("pr+_cg", p, [](const bench::Problem& q) { return ncg(q, CGBeta::polak_ribiere_plus, 1000); });
    bench::add("fr_cg", p, [](const bench::Problem& q) { return ncg(q, CGBeta::fletcher_reeves, 1000); });
  }
  return true;
}();
}  // namespace
