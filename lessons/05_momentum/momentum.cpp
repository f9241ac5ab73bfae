// Lesson 05 — Momentum and Nesterov.
//
// Write the three functions below.  Their exact conventions are in momentum.hpp; README.md
// explains the methods, `./lab hint 05` gives hints, `./lab test 05` runs the tests.
// lib's run_update_rule (optlab/driver.hpp) is the driver: you write the update rules.
#include "momentum.hpp"

#include <cmath>
#include <string>

namespace optlab {

void momentum_step(arma::vec& x, arma::vec& v, const arma::vec& g, double learning_rate, double momentum) {
  // TODO(student): v ← μv − ηg, then x ← x + v (with the NEW v)
  OPTLAB_TODO("momentum_step");
}

void nesterov_step(arma::vec& x, arma::vec& v, const GradientOracle& oracle, double learning_rate, double momentum) {
  // TODO(student): g = oracle.gradient_at(x + μv); v ← μv − ηg; x ← x + v
  OPTLAB_TODO("nesterov_step");
}

Result momentum_minimize(const Objective& obj, const arma::vec& x0, const MomentumOptions& opts) {
  // TODO(student): validate, v = zeros, wrap your step in an UpdateRule lambda, call run_update_rule
  OPTLAB_TODO("momentum_minimize");
}

}  // namespace optlab
