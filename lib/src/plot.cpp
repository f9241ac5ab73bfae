#include "optlab/plot.hpp"

#include <gnuplot-iostream.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "optlab/core.hpp"

namespace optlab {

bool gnuplot_available() {
  static const bool ok = std::system("gnuplot --version >/dev/null 2>&1") == 0;
  return ok;
}

std::string method_color(const std::string& label) {
  // One colour per method across every figure of the lab (colour-blind-safe Okabe-Ito + extras).
  static const std::vector<std::pair<std::string, std::string>> table = {
      {"reference", "#7f7f7f"}, {"nesterov", "#D55E00"}, {"momentum", "#E69F00"}, {"adagrad", "#009E73"},
      {"rmsprop", "#56B4E9"},   {"adamw", "#882255"},     {"adam", "#CC79A7"},     {"sgd", "#0072B2"},
      {"l-bfgs", "#117733"},    {"lbfgs", "#117733"},     {"bfgs", "#117733"},     {"modified newton", "#AA4499"},
      {"newton", "#332288"},    {"pr+", "#44AA99"},       {"fr", "#999933"},       {"hs", "#661100"},
      {"cg", "#44AA99"},        {"levenberg", "#DDCC77"}, {"lm", "#DDCC77"},       {"gd", "#000000"},
      {"gradient descent", "#000000"}};
  std::string l = label;
  for (auto& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const auto& [key, color] : table)
    if (l.rfind(key, 0) == 0) return color;
  static const char* palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#117733"};
  std::size_t h = 0;
  for (char ch : l) h = h * 31 + static_cast<unsigned char>(ch);
  return palette[h % 8];
}

static std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

static void write_csv(const Figure& fig, const std::string& path) {
  std::ofstream os(path);
  os << "series,x,y\n" << std::setprecision(12);
  for (const auto& s : fig.series)
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) os << quote(s.label) << "," << s.x[i] << "," << s.y[i] << "\n";
}

bool save_figure(const Figure& fig, const std::string& base) {
  std::filesystem::path p(base);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  write_csv(fig, base + ".csv");
  if (!gnuplot_available()) {
    static bool warned = false;
    if (!warned) std::cerr << "optlab: gnuplot not found, figures are written as CSV only (apt-get install gnuplot-nox)\n";
    warned = true;
    return false;
  }
  std::ostringstream s;  // the whole gnuplot script; data go in datablocks so PNG and PDF share them
  s << std::setprecision(12);
  // Contour lines (computed by gnuplot from a grid we evaluate here).
  bool contours = fig.contour_of != nullptr && fig.contour_of->dim() == 2;
  if (contours) {
    const int n = 120;
    std::vector<double> vals;
    std::ostringstream grid;
    grid << std::setprecision(12);
    double fmin = INFINITY, fmax = -INFINITY;
    arma::mat F(n, n);
    const EvalCounts saved = fig.contour_of->counts();  // drawing must not change the run's counts
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        const double x = fig.cx0 + (fig.cx1 - fig.cx0) * i / (n - 1), y = fig.cy0 + (fig.cy1 - fig.cy0) * j / (n - 1);
        F(i, j) = fig.contour_of->value(arma::vec{x, y});
        if (std::isfinite(F(i, j))) {
          fmin = std::min(fmin, F(i, j));
          fmax = std::max(fmax, F(i, j));
        }
      }
    fig.contour_of->restore_counts(saved);
    s << "$GRID << EOD\n";
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n; ++j)
        s << fig.cx0 + (fig.cx1 - fig.cx0) * i / (n - 1) << " " << fig.cy0 + (fig.cy1 - fig.cy0) * j / (n - 1) << " " << F(i, j) << "\n";
      s << "\n";
    }
    s << "EOD\n";
    std::ostringstream levels;
    levels << std::setprecision(10);
    const double range = std::max(fmax - fmin, 1e-12);
    for (int k = 0; k < fig.contour_levels; ++k) {
      const double t = (k + 0.5) / fig.contour_levels;
      const double lv = fig.contour_log_levels ? fmin + range * std::pow(10.0, -4.0 * (1 - t)) : fmin + range * t;
      levels << (k ? "," : "") << lv;
    }
    s << "set contour base\nset cntrparam levels discrete " << levels.str() << "\nunset surface\nset view map\n"
      << "set table $CONT\nsplot $GRID using 1:2:3 with lines notitle\nunset table\nunset contour\n";
  }
  for (size_t k = 0; k < fig.series.size(); ++k) {
    s << "$D" << k << " << EOD\n";
    const auto& ser = fig.series[k];
    for (size_t i = 0; i < ser.x.size() && i < ser.y.size(); ++i) {
      const double y = ser.y[i];
      if (!std::isfinite(y) || !std::isfinite(ser.x[i]) || (fig.logy && y <= 0)) s << "\n";  // gap, not a NaN
      else s << ser.x[i] << " " << y << "\n";
    }
    s << "EOD\n";
  }
  std::ostringstream plot;
  plot << "set title " << quote(fig.title) << " noenhanced\nset xlabel " << quote(fig.xlabel) << "\nset ylabel " << quote(fig.ylabel) << "\n"
       << "set grid lc rgb '#dddddd'\nset key " << fig.key << " box opaque\nset border lw 1\n"
       << (fig.logx ? "set logscale x\n" : "unset logscale x\n") << (fig.logy ? "set logscale y\nset format y '10^{%L}'\n" : "unset logscale y\n");
  if (contours) plot << "set xrange [" << fig.cx0 << ":" << fig.cx1 << "]\nset yrange [" << fig.cy0 << ":" << fig.cy1 << "]\nset size ratio -1\n";
  plot << "plot ";
  bool first = true;
  if (contours) {
    plot << "$CONT using 1:2 with lines lc rgb '#c8c8c8' lw 1 notitle";
    first = false;
  }
  for (size_t k = 0; k < fig.series.size(); ++k) {
    const auto& ser = fig.series[k];
    const std::string color = ser.color.empty() ? method_color(ser.label) : ser.color;
    plot << (first ? "" : ", \\\n     ") << "$D" << k << " using 1:2 with " << ser.style << " lc rgb '" << color << "' lw 2";
    if (ser.style.find("points") != std::string::npos) plot << " pt 7 ps 0.5";
    if (ser.dash) plot << " dt " << ser.dash;
    plot << " title " << quote(ser.label) << " noenhanced";
    first = false;
  }
  plot << "\n";
  const int wpx = static_cast<int>(fig.width_in * 150), hpx = static_cast<int>(fig.height_in * 150);
  s << "set terminal pngcairo enhanced size " << wpx << "," << hpx << " font 'DejaVu Sans,13'\n"
    << "set output " << quote(base + ".png") << "\n" << plot.str()
    << "set terminal pdfcairo enhanced size " << fig.width_in << "in," << fig.height_in << "in font 'DejaVu Sans,9'\n"
    << "set output " << quote(base + ".pdf") << "\n" << plot.str() << "set output\n";
  try {
    Gnuplot gp("gnuplot 2>&1 | { grep -v '^$' >&2 || true; }");
    gp << s.str();
    gp.flush();
  } catch (const std::exception& e) {
    std::cerr << "optlab: gnuplot failed for " << base << ": " << e.what() << "\n";
    return false;
  }
  return true;
}

Figure convergence_figure(const std::vector<std::pair<std::string, const Trace*>>& runs, XAxis x, const std::string& title,
                          double f_star) {
  Figure fig;
  fig.title = title;
  fig.xlabel = x == XAxis::iterations ? "iteration" : x == XAxis::evaluations ? "function + gradient evaluations" : "wall time [s]";
  const bool gap = std::isfinite(f_star);
  fig.ylabel = gap ? "f(x_k) - f^*" : "f(x_k)";
  fig.logy = true;
  for (const auto& [label, trace] : runs) {
    Series s;
    s.label = label;
    s.x = trace->column(x == XAxis::iterations ? "iteration" : x == XAxis::evaluations ? "n_function" : "seconds");
    s.y = trace->column("f");
    if (gap)
      for (auto& v : s.y) v -= f_star;
    fig.series.push_back(std::move(s));
  }
  return fig;
}

Series trajectory_series(const std::string& label, const std::vector<arma::vec>& path) {
  Series s;
  s.label = label;
  s.style = "linespoints";
  for (const auto& p : path) {
    if (p.n_elem < 2) continue;
    s.x.push_back(p(0));
    s.y.push_back(p(1));
  }
  return s;
}

}  // namespace optlab
