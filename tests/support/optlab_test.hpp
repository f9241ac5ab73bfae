#pragma once
// The grading harness every lesson test includes.
//
//   OPTLAB_CHECK_CLOSE(actual, expected, tol, "what", "likely mistake")
//       compares matrices/vectors/scalars by the CS231n relative error and, on failure, names
//       the worst element (index, expected, actual, relative error, tolerance) and the mistake.
//   OPTLAB_CHECK_GRADIENT(f_fn, grad, x, tol, "what", "likely mistake")
//       compares an analytic gradient with central differences.
//   plot_run(result) writes plots/out/lessons/<lesson>/<test>.png (+ .pdf, + trace .csv), with
//       the reference curve from lessons/<lesson>/reference/<test>.csv overlaid when it exists.
#include <boost/test/unit_test.hpp>
#include <optlab/optlab.hpp>
#include <string>
#include <vector>

namespace optlab::test {

struct Outcome {
  bool ok;
  std::string message;
};

// Tolerances are relative errors in the CS231n sense (max|a−b| / max|a|+|b|).
Outcome close(const arma::mat& actual, const arma::mat& expected, double tol, const std::string& what,
              const std::string& mistake);
inline Outcome close(double actual, double expected, double tol, const std::string& what, const std::string& mistake) {
  return close(arma::mat(1, 1, arma::fill::value(actual)), arma::mat(1, 1, arma::fill::value(expected)), tol, what, mistake);
}
Outcome gradient_ok(const ScalarFn& f, const arma::vec& grad, const arma::vec& x, double tol, const std::string& what,
                    const std::string& mistake, double h = 1e-5);
// True when fn() throws optlab::invalid_argument whose message names the argument 'arg' (the lab's
// convention: "<where>: argument 'arg' ... ").  False when it throws nothing.
template <class Fn>
bool rejects(Fn&& fn, const std::string& arg) {
  try {
    fn();
  } catch (const optlab::invalid_argument& e) {
    return std::string(e.what()).find("'" + arg + "'") != std::string::npos;
  }
  return false;
}
// Checks that call() throws optlab::invalid_argument; otherwise reports `what` and the likely mistake.
// (Any other exception, e.g. a PENDING stub's not_implemented, fails the test too.)
template <class Call>
void expect_rejects(Call&& call, const std::string& what, const std::string& mistake) {
  try {
    call();
    BOOST_ERROR(what << " did not throw optlab::invalid_argument\n    likely mistake: " << mistake);
  } catch (const optlab::invalid_argument&) {
  }
}
// Result status check: names the expected and actual status and the run's own message.
Outcome status_is(const Result& r, Status expected, const std::string& mistake);
Outcome converged(const Result& r, const std::string& mistake);

std::string current_test();          // Boost.Test's current test case name
std::string lesson();                // e.g. "05_momentum" (empty for lib tests)
std::string out_dir();               // <repo>/plots/out/lessons/<lesson>
bool plots_enabled();                // false when OPTLAB_NO_PLOTS is set (mutant runs)
void set_lesson(const char* lesson);  // done by the registrar below in each lesson's tests

struct PlotOptions {
  std::string title;                 // default: "<lesson>: <test>"
  XAxis x = XAxis::iterations;
  double f_star = std::numeric_limits<double>::quiet_NaN();  // plot f − f* when given
  const Objective* contour = nullptr;  // 2-D: also draw the trajectory over contour lines
  double x0 = -2, x1 = 2, y0 = -2, y1 = 2;
  std::string suffix;                // appended to the test name (several runs in one test)
};
// Writes the convergence plot (and the trajectory plot for 2-D runs); never fails the test.
void plot_run(const Result& r, const PlotOptions& opts = {});
// Several runs of one test in one figure (e.g. GD against momentum).
void plot_runs(const std::vector<const Result*>& runs, const PlotOptions& opts = {});

}  // namespace optlab::test

#ifdef OPTLAB_LESSON
namespace {
[[maybe_unused]] const bool optlab_lesson_registered_ = (::optlab::test::set_lesson(OPTLAB_LESSON), true);
}
#endif

#define OPTLAB_CHECK_OUTCOME(expr)                        \
  do {                                                    \
    const ::optlab::test::Outcome optlab_o_ = (expr);     \
    BOOST_CHECK_MESSAGE(optlab_o_.ok, optlab_o_.message); \
  } while (0)
#define OPTLAB_REQUIRE_OUTCOME(expr)                        \
  do {                                                      \
    const ::optlab::test::Outcome optlab_o_ = (expr);       \
    BOOST_REQUIRE_MESSAGE(optlab_o_.ok, optlab_o_.message); \
  } while (0)
#define OPTLAB_CHECK_CLOSE(actual, expected, tol, what, mistake) \
  OPTLAB_CHECK_OUTCOME(::optlab::test::close((actual), (expected), (tol), (what), (mistake)))
#define OPTLAB_REQUIRE_CLOSE(actual, expected, tol, what, mistake) \
  OPTLAB_REQUIRE_OUTCOME(::optlab::test::close((actual), (expected), (tol), (what), (mistake)))
#define OPTLAB_CHECK_GRADIENT(f, grad, x, tol, what, mistake) \
  OPTLAB_CHECK_OUTCOME(::optlab::test::gradient_ok((f), (grad), (x), (tol), (what), (mistake)))
