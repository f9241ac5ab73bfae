#pragma once
// Plotting over gnuplot-iostream (gnuplot runs headless: pngcairo and pdfcairo terminals).
// Every figure is written as <base>.png and <base>.pdf, and its data as <base>.csv.
// If gnuplot is missing, the functions write the CSV, print one warning, and return false.
#include <armadillo>
#include <limits>
#include <string>
#include <vector>

#include "optlab/objective.hpp"
#include "optlab/result.hpp"

namespace optlab {

struct Series {
  std::string label;
  std::vector<double> x, y;
  std::string style = "lines";  // gnuplot "with" style: lines, points, linespoints
  std::string color;            // "" = the lab's colour for `label` (same colour per method everywhere)
  int dash = 0;                 // 0 = solid; 2 = dashed (reference curves)
};

struct Figure {
  std::string title, xlabel, ylabel;
  bool logx = false, logy = false;
  double width_in = 6.4, height_in = 4.2;
  std::string key = "top right";
  std::vector<Series> series;
  // Optional 2-D extras for trajectory plots: contour lines of f over [x0,x1]×[y0,y1].
  const Objective* contour_of = nullptr;
  double cx0 = 0, cx1 = 0, cy0 = 0, cy1 = 0;
  int contour_levels = 20;
  bool contour_log_levels = true;
};

// The colour the lab uses for a method name ("gd", "momentum", "adam", ...).
std::string method_color(const std::string& label);

// Writes <base>.png, <base>.pdf (and <base>.csv with every series); creates parent folders.
bool save_figure(const Figure& fig, const std::string& base);

enum class XAxis { iterations, evaluations, seconds };
// Convergence plot of several runs: f (or f − f_star when f_star is given) on a log scale.
Figure convergence_figure(const std::vector<std::pair<std::string, const Trace*>>& runs, XAxis x,
                          const std::string& title, double f_star = std::numeric_limits<double>::quiet_NaN());
// Trajectory of a 2-D run (the iterates a RunMonitor kept in trace.path).
Series trajectory_series(const std::string& label, const std::vector<arma::vec>& path);

bool gnuplot_available();

}  // namespace optlab
