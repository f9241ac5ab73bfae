// Lesson 03 — Gradient descent: the training loop.
//
// Write the three functions below.  Their exact conventions are in gradient_descent.hpp;
// README.md explains the method, `./lab hint 03` gives hints, `./lab test 03` runs the tests.
// In this lesson you build the loop yourself: use Result/Trace/TraceRow, but not RunMonitor,
// run_update_rule or lib's backtracking().
#include "gradient_descent.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>

namespace optlab {

Status gd_stopping_test(const StopOptions& stop, const GDProgress& p) {
  // TODO(student): check the 8 stopping tests in the order of the header; return Status::running if none fires
  OPTLAB_TODO("gd_stopping_test");
}

LineSearchResult armijo_backtracking(const Objective& obj, const arma::vec& x, double f, const arma::vec& g,
                                     const arma::vec& p, double alpha0, const LineSearchOptions& opts) {
  // TODO(student): try alpha0, alpha0*rho, ... and accept the first finite f(x+αp) <= f + c1*α*gᵀp
  OPTLAB_TODO("armijo_backtracking");
}

Result gradient_descent(const Objective& obj, const arma::vec& x0, const GradientDescentOptions& opts) {
  // TODO(student): the loop evaluate → stop test → x ← x − αg, recording a trace row per iterate
  OPTLAB_TODO("gradient_descent");
}

}  // namespace optlab
