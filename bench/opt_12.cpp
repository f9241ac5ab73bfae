// Lesson 12's reference Levenberg-Marquardt (least-squares problems only).
#include <levenberg_marquardt.hpp>

#include "common.hpp"

namespace {
using namespace optlab;

Result lm(const bench::Problem& p, int iters) {
  LevenbergMarquardtOptions o;
  o.stop = bench::budget(iters);
  return levenberg_marquardt_minimize(*p.obj, p.x0, o);
}

const bool registered = [] {
  for (const bench::Problem& p : {bench::rosenbrock_problem(2), bench::rosenbrock_problem(10), bench::curve_problem()})
    bench::add("lm", p, [](const bench::Problem& q) { return lm(q, 500); });
  return true;
}();
}  // namespace
