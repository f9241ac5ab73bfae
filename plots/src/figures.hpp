#pragma once
// The chapter's comparison figures.  Each figure function draws one or more files into ctx.out
// and throws Unavailable (zoo.hpp) / Skip when something it needs is missing.
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "plotkit.hpp"
#include "zoo.hpp"

namespace optlab::plots {

struct Skip : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Ctx {
  std::string out;     // output folder
  bool quick = false;  // CI: smaller data, fewer epochs
  std::string path(const std::string& base) const { return out + "/" + base; }
  // One line under the progress line (indented), e.g. a skipped series.
  void note(const std::string& msg) const;
  // Saves a chart and remembers that this file was written.
  void save(const Chart& c, const std::string& base) const;
};

struct FigureFile {
  std::string base;     // file name without extension, e.g. "fig01_gd_step_sizes"
  std::string caption;  // HTML caption for the gallery
};

struct FigureDef {
  int number;
  std::string slug;   // progress name and --only key
  std::string title;  // gallery heading
  std::vector<FigureFile> files;
  std::function<void(const Ctx&)> draw;
};

const std::vector<FigureDef>& figure_registry();

// Gallery page plots/out/index.html: every figure with its caption and links to PDF and CSV;
// `status` maps a figure slug to "" (drawn), or the reason it was skipped / failed.
void write_gallery(const std::string& out, const std::vector<std::pair<std::string, std::string>>& status, bool quick);

// Figure functions (figures_first_order.cpp, figures_second_order.cpp, figures_nets.cpp,
// figures_chapter.cpp).
void fig_gd_step_sizes(const Ctx&);
void fig_momentum(const Ctx&);
void fig_adaptive(const Ctx&);
void fig_saddle(const Ctx&);
void fig_rosenbrock(const Ctx&);
void fig_house_prices(const Ctx&);
void fig_classification(const Ctx&);
void fig_fashion_mnist(const Ctx&);
void fig_minibatch(const Ctx&);
void fig_vanishing(const Ctx&);
void fig_clipping(const Ctx&);
void fig_schedules(const Ctx&);
void fig_lbfgs_memory(const Ctx&);
void fig_levenberg_marquardt(const Ctx&);
void fig_hessian_spectrum(const Ctx&);
// figures_chapter.cpp
void fig_activations(const Ctx&);
void fig_overfitting(const Ctx&);

// Shared helpers.
StopOptions iterations_only(int n);  // run exactly n iterations (no convergence tests)
Curve f_curve(const std::string& label, const Trace& t, const std::string& xcol, double f_star, double floor = 1e-16);

}  // namespace optlab::plots
