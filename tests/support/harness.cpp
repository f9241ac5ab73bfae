#include "optlab_test.hpp"

#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <sstream>

namespace optlab::test {

static std::string with_mistake(std::string msg, const std::string& mistake) {
  if (!mistake.empty()) msg += "\n    likely mistake: " + mistake;
  return msg;
}

Outcome close(const arma::mat& actual, const arma::mat& expected, double tol, const std::string& what,
              const std::string& mistake) {
  if (actual.n_rows != expected.n_rows || actual.n_cols != expected.n_cols) {
    std::ostringstream os;
    os << what << ": shape " << actual.n_rows << "x" << actual.n_cols << ", expected " << expected.n_rows << "x" << expected.n_cols;
    return {false, with_mistake(os.str(), mistake)};
  }
  const Comparison c = compare(expected, actual);
  if (c.rel_error <= tol) return {true, ""};
  return {false, with_mistake(what + ": " + c.describe(tol), mistake)};
}

Outcome gradient_ok(const ScalarFn& f, const arma::vec& grad, const arma::vec& x, double tol, const std::string& what,
                    const std::string& mistake, double h) {
  const arma::vec num = numerical_gradient(f, x, h);
  if (grad.n_elem != num.n_elem) {
    return {false, with_mistake(what + ": gradient has " + std::to_string(grad.n_elem) + " elements, expected " +
                                    std::to_string(num.n_elem),
                                mistake)};
  }
  const Comparison c = compare(num, grad);
  if (c.rel_error <= tol) return {true, ""};
  return {false, with_mistake(what + " vs central differences: " + c.describe(tol), mistake)};
}

Outcome status_is(const Result& r, Status expected, const std::string& mistake) {
  if (r.status == expected) return {true, ""};
  return {false, with_mistake("run stopped with status " + to_string(r.status) + ", expected " + to_string(expected) +
                                  " [" + r.summary() + "]",
                              mistake)};
}

Outcome converged(const Result& r, const std::string& mistake) {
  if (r.converged()) return {true, ""};
  return {false, with_mistake("run did not converge: " + r.summary(), mistake)};
}

std::string current_test() { return boost::unit_test::framework::current_test_case().p_name; }

static std::string& lesson_name() {
  static std::string name;
  return name;
}
void set_lesson(const char* l) { lesson_name() = l; }
std::string lesson() { return lesson_name(); }

static std::string source_dir() {
  if (const char* s = std::getenv("OPTLAB_SOURCE_DIR")) return s;
  return OPTLAB_SOURCE_DIR;
}

std::string out_dir() { return source_dir() + "/plots/out/lessons/" + (lesson().empty() ? std::string("lib") : lesson()); }

bool plots_enabled() { return std::getenv("OPTLAB_NO_PLOTS") == nullptr; }

void plot_runs(const std::vector<const Result*>& runs, const PlotOptions& o) {
  if (!plots_enabled() || runs.empty()) return;
  try {
    const std::string name = current_test() + o.suffix;
    const std::string base = out_dir() + "/" + name;
    std::vector<std::pair<std::string, const Trace*>> curves;
    for (const Result* r : runs) {
      curves.emplace_back(r->method, &r->trace);
      r->trace.write_csv(out_dir() + "/" + name + (runs.size() > 1 ? "_" + r->method : std::string()) + ".trace.csv");
    }
    // Reference curve shipped with the lesson (generated from the solutions by `./lab refs`).
    const std::string ref_path = source_dir() + "/lessons/" + lesson() + "/reference/" + name + ".csv";
    Trace ref;
    const bool have_ref = runs.size() == 1 && std::filesystem::exists(ref_path);
    if (have_ref) ref = Trace::read_csv(ref_path);
    if (std::getenv("OPTLAB_WRITE_REFERENCE") && std::string(OPTLAB_TRACK) == "solutions" && runs.size() == 1)
      runs.front()->trace.write_csv(ref_path);
    const std::string title = o.title.empty() ? lesson() + ": " + name : o.title;
    Figure fig = convergence_figure(curves, o.x, title, o.f_star);
    if (have_ref) {
      Figure rf = convergence_figure({{"reference", &ref}}, o.x, title, o.f_star);
      rf.series.front().dash = 2;
      fig.series.push_back(rf.series.front());
    }
    // f − f* can reach exactly 0; the log axis skips those points.
    save_figure(fig, base);
    if (o.contour && o.contour->dim() == 2) {
      Figure traj;
      traj.title = title + " (trajectory)";
      traj.xlabel = "x_1";
      traj.ylabel = "x_2";
      traj.contour_of = o.contour;
      traj.cx0 = o.x0, traj.cx1 = o.x1, traj.cy0 = o.y0, traj.cy1 = o.y1;
      for (const Result* r : runs) traj.series.push_back(trajectory_series(r->method, r->trace.path));
      save_figure(traj, base + "_path");
    }
    BOOST_TEST_MESSAGE("plot: " << base << ".png");
  } catch (const std::exception& e) {
    BOOST_TEST_MESSAGE("plot skipped: " << e.what());
  }
}

void plot_run(const Result& r, const PlotOptions& o) { plot_runs({&r}, o); }

}  // namespace optlab::test
