#pragma once
// Multi-panel figures for the chapter, drawn by gnuplot (pngcairo for screens, pdfcairo for the
// book) through gnuplot-iostream, with the data of every panel written next to them as CSV.
//
// lib's optlab::save_figure draws one panel; the chapter needs trajectories next to convergence
// curves, decision-boundary images and eigenvalue spectra, so this composes panels on a grid
// (gnuplot multiplot) while keeping lib's conventions: the same colour per method everywhere
// (optlab::method_color), PNG + PDF + CSV per figure, deterministic CSV text.
#include <armadillo>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <optlab/objective.hpp>
#include <optlab/plot.hpp>
#include <optlab/result.hpp>

namespace optlab::plots {

struct Curve {
  std::string label;           // legend entry ("" = not in the legend)
  std::vector<double> x, y;
  std::string style = "lines";  // lines, points, linespoints, steps, boxes, impulses
  std::string color;            // "" = optlab::method_color(label)
  int dash = 0;                 // 0 solid, 2 dashed, 3 dotted ...
  double lw = 2.0;
  int pt = 7;                   // point type (7 filled circle, 6 open circle, 5 filled square, 9 triangle)
  double ps = 0.5;              // point size
  bool in_csv = true;
};

// Contour lines of a 2-D objective over [x0,x1]×[y0,y1].
struct Contour {
  const Objective* f = nullptr;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  int levels = 16;
  bool log_levels = true;           // levels crowd towards the minimum (valleys show their floor)
  std::vector<double> explicit_levels;  // if non-empty, these levels instead
  int grid = 140;
};

// An image of a function on a regular grid (decision regions).  Z(i, j) is the value at
// (xs(i), ys(j)).  Discrete images map the integer value k to colors[k].
struct Image {
  arma::vec xs, ys;
  arma::mat Z;
  std::vector<std::string> colors;  // palette for values 0, 1, ..., K−1
};

struct Label {
  std::string text;
  double x = 0, y = 0;       // in graph coordinates (0..1) unless `first` is true
  bool first = false;        // true: data coordinates
  std::string align = "left";
  std::string color = "#333333";
};

struct Panel {
  std::string title, xlabel, ylabel;
  bool logx = false, logy = false;
  std::optional<std::pair<double, double>> xrange, yrange;
  std::string key = "top right";  // gnuplot "set key" position words, or "off"
  bool equal_aspect = false;      // 1 unit in x = 1 unit in y (trajectory plots)
  std::vector<Curve> curves;
  std::optional<Contour> contour;
  std::optional<Image> image;
  std::vector<Label> labels;
  std::string extra;              // raw gnuplot commands for this panel (ytics, arrows ...)
  int row = 0, col = 0, rowspan = 1, colspan = 1;
};

struct Chart {
  std::string title;  // optional heading over all panels
  int rows = 1, cols = 1;
  double width_in = 6.4, height_in = 4.2;
  std::vector<Panel> panels;
  // A legend shared by all panels, in a strip under them (only labels and styles are used).
  std::vector<Curve> legend;
  int legend_cols = 0;  // entries per row (0: up to 4)
};

// Writes <base>.png, <base>.pdf and <base>.csv (panel,series,x,y,value).  Returns false (after
// writing the CSV) when gnuplot is missing or fails.
bool save_chart(const Chart& chart, const std::string& base);

// A 2-D trajectory panel: contour lines of f over [x0,x1]×[y0,y1], equal aspect, axes x_1, x_2.
Panel trajectory_panel(const Objective& f, double x0, double x1, double y0, double y1, const std::string& title);

// Helpers that turn lib results into curves.
Curve trace_curve(const std::string& label, const Trace& t, const std::string& xcol, const std::string& ycol,
                  double y_shift = 0.0);
Curve path_curve(const std::string& label, const std::vector<arma::vec>& path, bool markers = true);
Curve marker(const std::string& label, double x, double y, const std::string& color, int pt = 3, double ps = 1.6);
// Colours for a family of runs of one method (step sizes, memory sizes): light to dark.
std::string ramp_color(std::size_t i, std::size_t n);
// Thins a long run for a log-x plot: every point up to `dense`, then about `dense` points per
// factor e of the index (and always the last one).  Nothing visible is lost on a log axis.
Curve thin_log(Curve c, std::size_t dense = 100);
// printf-style formatting of one number for labels and legends, e.g. fmt("%.3g", x).
std::string fmt(const char* format, double v);
// y ≥ floor, so that a run reaching f* exactly still shows on a log axis.
std::vector<double> floor_at(std::vector<double> y, double floor);

}  // namespace optlab::plots
