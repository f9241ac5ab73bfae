#include "plotkit.hpp"

#include <gnuplot-iostream.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace optlab::plots {

namespace {

// Shortest text that reads back to the same double, identical on every run (the CSVs are diffed).
std::string num(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string quote(const std::string& s) {  // gnuplot double-quoted string ("\n" starts a new line)
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '\n') {
      out += "\\n";
      continue;
    }
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

std::string csv_field(std::string s) {
  for (char& ch : s)
    if (ch == '\n') ch = ' ';  // two-line legend entries are one field
  if (s.find_first_of(",\"") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

void rgb(const std::string& color, int& r, int& g, int& b) {
  if (color.size() == 7 && color[0] == '#') {
    r = hex(color[1]) * 16 + hex(color[2]);
    g = hex(color[3]) * 16 + hex(color[4]);
    b = hex(color[5]) * 16 + hex(color[6]);
  } else {
    r = g = b = 200;
  }
}

std::string panel_label(const Panel& p, std::size_t k) {
  return p.title.empty() ? "panel " + std::to_string(k + 1) : p.title;
}

void write_csv(const Chart& c, const std::string& path) {
  std::ofstream os(path);
  if (!os) throw std::runtime_error("cannot write '" + path + "'");
  os << "panel,series,x,y,value\n";
  for (std::size_t k = 0; k < c.panels.size(); ++k) {
    const Panel& p = c.panels[k];
    const std::string pl = csv_field(panel_label(p, k));
    for (const Curve& cv : p.curves) {
      if (!cv.in_csv) continue;
      const std::string sl = csv_field(cv.label.empty() ? "(unlabelled)" : cv.label);
      for (std::size_t i = 0; i < cv.x.size() && i < cv.y.size(); ++i)
        os << pl << "," << sl << "," << num(cv.x[i]) << "," << num(cv.y[i]) << ",\n";
    }
    if (p.image) {
      const Image& im = *p.image;
      for (arma::uword i = 0; i < im.xs.n_elem; ++i)
        for (arma::uword j = 0; j < im.ys.n_elem; ++j)
          os << pl << ",image," << num(im.xs(i)) << "," << num(im.ys(j)) << "," << num(im.Z(i, j)) << "\n";
    }
  }
}

// Data blocks (shared by the PNG and the PDF pass) for panel k.
void data_blocks(const Panel& p, std::size_t k, std::ostream& s) {
  if (p.contour && p.contour->f && p.contour->f->dim() == 2) {
    const Contour& c = *p.contour;
    const int n = c.grid;
    arma::mat F(n, n);
    double fmin = INFINITY, fmax = -INFINITY;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        const double x = c.x0 + (c.x1 - c.x0) * i / (n - 1), y = c.y0 + (c.y1 - c.y0) * j / (n - 1);
        F(i, j) = c.f->value(arma::vec{x, y});
        if (std::isfinite(F(i, j))) {
          fmin = std::min(fmin, F(i, j));
          fmax = std::max(fmax, F(i, j));
        }
      }
    s << "$G" << k << " << EOD\n";
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n; ++j)
        s << num(c.x0 + (c.x1 - c.x0) * i / (n - 1)) << " " << num(c.y0 + (c.y1 - c.y0) * j / (n - 1)) << " "
          << num(F(i, j)) << "\n";
      s << "\n";
    }
    s << "EOD\n";
    std::ostringstream lv;
    if (!c.explicit_levels.empty()) {
      for (std::size_t i = 0; i < c.explicit_levels.size(); ++i) lv << (i ? "," : "") << num(c.explicit_levels[i]);
    } else {
      const double range = std::max(fmax - fmin, 1e-12);
      for (int i = 0; i < c.levels; ++i) {
        const double t = (i + 0.5) / c.levels;
        const double level = c.log_levels ? fmin + range * std::pow(10.0, -4.0 * (1 - t)) : fmin + range * t;
        lv << (i ? "," : "") << num(level);
      }
    }
    s << "set contour base\nset cntrparam levels discrete " << lv.str() << "\nunset surface\nset view map\n"
      << "set table $C" << k << "\nsplot $G" << k << " using 1:2:3 with lines notitle\nunset table\n"
      << "unset contour\nset surface\n";
  }
  if (p.image) {
    const Image& im = *p.image;
    s << "$I" << k << " << EOD\n";
    for (arma::uword j = 0; j < im.ys.n_elem; ++j) {
      for (arma::uword i = 0; i < im.xs.n_elem; ++i) {
        const double z = im.Z(i, j);
        int r = 255, g = 255, b = 255;
        if (std::isfinite(z) && z >= 0 && static_cast<std::size_t>(z) < im.colors.size())
          rgb(im.colors[static_cast<std::size_t>(z)], r, g, b);
        s << num(im.xs(i)) << " " << num(im.ys(j)) << " " << r << " " << g << " " << b << "\n";
      }
      s << "\n";
    }
    s << "EOD\n";
  }
  for (std::size_t c = 0; c < p.curves.size(); ++c) {
    const Curve& cv = p.curves[c];
    s << "$D" << k << "_" << c << " << EOD\n";
    for (std::size_t i = 0; i < cv.x.size() && i < cv.y.size(); ++i) {
      const double x = cv.x[i], y = cv.y[i];
      const bool ok = std::isfinite(x) && std::isfinite(y) && !(p.logy && y <= 0) && !(p.logx && x <= 0);
      if (ok) s << num(x) << " " << num(y) << "\n";
      else s << "\n";  // a gap in the line, never a NaN gnuplot would complain about
    }
    s << "EOD\n";
  }
}

int legend_columns(const Chart& c) {
  const int n = static_cast<int>(c.legend.size());
  return c.legend_cols > 0 ? c.legend_cols : std::min(n, 4);
}

// Height of the legend strip as a fraction of the figure (0 without a shared legend).
double legend_height(const Chart& c) {
  if (c.legend.empty()) return 0.0;
  const int cols = legend_columns(c);
  const int rows = (static_cast<int>(c.legend.size()) + cols - 1) / cols;
  const double scale = std::max(1.0, c.width_in / 7.0);
  return std::min(0.45, (0.2 + 0.21 * rows) * scale / c.height_in);
}

void legend_commands(const Chart& c, std::ostream& s) {
  s << "reset\nset encoding utf8\nset origin 0,0\nset size 1," << num(legend_height(c)) << "\n"
    << "unset border\nunset xtics\nunset ytics\nunset grid\nset xrange [0:1]\nset yrange [0:1]\n"
    << "set lmargin 0\nset rmargin 0\nset tmargin 0\nset bmargin 0\n"
    << "set key center center horizontal maxcols " << legend_columns(c) << " box samplen 2.5 spacing 1.1 width 0.5\nplot ";
  for (std::size_t i = 0; i < c.legend.size(); ++i) {
    const Curve& cv = c.legend[i];
    const std::string color = cv.color.empty() ? method_color(cv.label) : cv.color;
    s << (i ? ", \\\n     " : "") << "NaN with " << cv.style << " lc rgb '" << color << "'";
    if (cv.style != "points") s << " lw " << num(cv.lw);
    if (cv.style.find("points") != std::string::npos) s << " pt " << cv.pt << " ps " << num(cv.ps);
    if (cv.dash) s << " dt " << cv.dash;
    s << " title " << quote(cv.label) << " noenhanced";
  }
  s << "\n";
}

void panel_commands(const Chart& chart, const Panel& p, std::size_t k, std::ostream& s) {
  const double title_h = chart.title.empty() ? 0.0 : 0.35 / chart.height_in;  // room for the heading
  const double leg_h = legend_height(chart);
  const double cw = 1.0 / chart.cols, rh = (1.0 - title_h - leg_h) / chart.rows;
  const double ox = p.col * cw, oy = (1.0 - title_h) - (p.row + p.rowspan) * rh;
  s << "reset\nset encoding utf8\n"
    << "set origin " << num(ox) << "," << num(oy) << "\n"
    << "set size " << (p.equal_aspect ? "ratio -1 " : "noratio ") << num(cw * p.colspan) << "," << num(rh * p.rowspan) << "\n"
    << "set title " << quote(p.title) << "\nset xlabel " << quote(p.xlabel) << "\nset ylabel " << quote(p.ylabel) << "\n"
    << "set grid lc rgb '#e0e0e0' lw 1\nset border lw 1\nset style fill solid 0.55 noborder\n"
    << "set xtics nomirror out scale 0.6,0.3\nset ytics nomirror out scale 0.6,0.3\nset border 3\n";
  // (set xtics/ytics, not "set tics": the latter also touches the unused y2 axis and makes
  // "set size ratio -1" warn about it)
  if (p.equal_aspect || p.image || p.contour) s << "set border 15\nset xtics mirror in\nset ytics mirror in\n";
  if (p.key == "off") s << "unset key\n";
  else s << "set key " << p.key << " box opaque samplen 2.5 spacing 1.1 width 2\n";
  if (p.logx) s << "set logscale x\nset format x '10^{%L}'\n";
  if (p.logy) s << "set logscale y\nset format y '10^{%L}'\n";
  if (p.xrange) s << "set xrange [" << num(p.xrange->first) << ":" << num(p.xrange->second) << "]\n";
  else if (p.contour) s << "set xrange [" << num(p.contour->x0) << ":" << num(p.contour->x1) << "]\n";
  if (p.yrange) s << "set yrange [" << num(p.yrange->first) << ":" << num(p.yrange->second) << "]\n";
  else if (p.contour) s << "set yrange [" << num(p.contour->y0) << ":" << num(p.contour->y1) << "]\n";
  if (p.image && !p.xrange)
    s << "set xrange [" << num(p.image->xs.min()) << ":" << num(p.image->xs.max()) << "]\n";
  if (p.image && !p.yrange)
    s << "set yrange [" << num(p.image->ys.min()) << ":" << num(p.image->ys.max()) << "]\n";
  int tag = 1;
  for (const Label& l : p.labels)
    s << "set label " << tag++ << " " << quote(l.text) << " at " << (l.first ? "first " : "graph ") << num(l.x) << ","
      << (l.first ? "first " : "graph ") << num(l.y) << " " << l.align << " tc rgb '" << l.color << "' front\n";
  s << p.extra << (p.extra.empty() || p.extra.back() == '\n' ? "" : "\n");
  s << "plot ";
  bool first = true;
  auto sep = [&]() -> const char* {
    const char* r = first ? "" : ", \\\n     ";
    first = false;
    return r;
  };
  if (p.image) s << sep() << "$I" << k << " using 1:2:3:4:5 with rgbimage notitle";
  if (p.contour && p.contour->f && p.contour->f->dim() == 2)
    s << sep() << "$C" << k << " using 1:2 with lines lc rgb '#c4c4c4' lw 1 notitle";
  for (std::size_t c = 0; c < p.curves.size(); ++c) {
    const Curve& cv = p.curves[c];
    const std::string color = cv.color.empty() ? method_color(cv.label) : cv.color;
    bool any = false;  // an empty data block makes gnuplot warn; NaN keeps the legend entry quietly
    for (std::size_t i = 0; i < cv.x.size() && i < cv.y.size() && !any; ++i)
      any = std::isfinite(cv.x[i]) && std::isfinite(cv.y[i]) && !(p.logy && cv.y[i] <= 0) && !(p.logx && cv.x[i] <= 0);
    if (any) s << sep() << "$D" << k << "_" << c << " using 1:2";
    else s << sep() << "NaN";
    s << " with " << cv.style << " lc rgb '" << color << "'";
    if (cv.style != "points") s << " lw " << num(cv.lw);
    if (cv.style.find("points") != std::string::npos) s << " pt " << cv.pt << " ps " << num(cv.ps);
    if (cv.dash) s << " dt " << cv.dash;
    if (cv.label.empty()) s << " notitle";
    else s << " title " << quote(cv.label) << " noenhanced";
  }
  if (first) s << "NaN notitle";  // an empty panel still gets its axes
  s << "\n";
}

}  // namespace

bool save_chart(const Chart& chart, const std::string& base) {
  std::filesystem::path path(base);
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  write_csv(chart, base + ".csv");
  if (!gnuplot_available()) {
    static bool warned = false;
    if (!warned) std::cerr << "plots: gnuplot not found, figures are written as CSV only (apt-get install gnuplot-nox)\n";
    warned = true;
    return false;
  }
  std::ostringstream s;
  for (std::size_t k = 0; k < chart.panels.size(); ++k) data_blocks(chart.panels[k], k, s);
  std::ostringstream body;
  body << "set multiplot";
  if (!chart.title.empty()) body << " title " << quote(chart.title) << " font ',+2'";
  body << "\n";
  for (std::size_t k = 0; k < chart.panels.size(); ++k) panel_commands(chart, chart.panels[k], k, body);
  if (!chart.legend.empty()) legend_commands(chart, body);
  body << "unset multiplot\n";
  // A wide multi-panel figure is shrunk to the text width in the book and to the page width in the
  // gallery, so its fonts and lines grow with its width: at any size, text reads like 9 pt on a
  // 7-inch-wide page.
  const double scale = std::max(1.0, chart.width_in / 7.0);
  const int wpx = static_cast<int>(chart.width_in * 150), hpx = static_cast<int>(chart.height_in * 150);
  s << "set terminal pngcairo enhanced size " << wpx << "," << hpx << " font 'DejaVu Sans," << num(std::round(12 * scale))
    << "' linewidth " << num(1.3 * scale) << "\n"
    << "set output " << quote(base + ".png") << "\n"
    << body.str()
    << "set output\n"
    << "set terminal pdfcairo enhanced size " << num(chart.width_in) << "in," << num(chart.height_in)
    << "in font 'DejaVu Sans," << num(std::round(9 * scale)) << "' linewidth " << num(scale) << "\n"
    << "set output " << quote(base + ".pdf") << "\n"
    << body.str() << "set output\n";
  // Keep the script next to nothing: write it to a temporary file only when debugging.
  if (const char* dbg = std::getenv("OPTLAB_PLOT_SCRIPT"); dbg && *dbg) std::ofstream(base + ".gp") << s.str();
  try {
    Gnuplot gp("gnuplot");  // (a pipe through grep would make pclose report an error when gnuplot is silent)
    gp << s.str();
    gp.flush();
  } catch (const std::exception& e) {
    std::cerr << "plots: gnuplot failed for " << base << ": " << e.what() << "\n";
    return false;
  }
  return true;
}

Curve trace_curve(const std::string& label, const Trace& t, const std::string& xcol, const std::string& ycol,
                  double y_shift) {
  Curve c;
  c.label = label;
  c.x = t.column(xcol);
  c.y = t.column(ycol);
  if (y_shift != 0)
    for (double& v : c.y) v -= y_shift;
  return c;
}

Curve path_curve(const std::string& label, const std::vector<arma::vec>& path, bool markers) {
  Curve c;
  c.label = label;
  c.style = markers ? "linespoints" : "lines";
  c.lw = 1.6;
  c.ps = 0.55;
  for (const auto& p : path) {
    if (p.n_elem < 2 || !p.is_finite()) continue;
    c.x.push_back(p(0));
    c.y.push_back(p(1));
  }
  return c;
}

Curve marker(const std::string& label, double x, double y, const std::string& color, int pt, double ps) {
  Curve c;
  c.label = label;
  c.x = {x};
  c.y = {y};
  c.style = "points";
  c.color = color;
  c.pt = pt;
  c.ps = ps;
  return c;
}

std::string ramp_color(std::size_t i, std::size_t n) {
  // Viridis from dark purple to green, without its light yellow end (hard to see on white):
  // ordered families of one method (step sizes, batch sizes, memory sizes) never borrow a colour
  // that lib's method_color gives to an optimizer.
  static const char* viridis[] = {"#440154", "#482475", "#414487", "#355f8d", "#2a788e",
                                  "#21918c", "#22a884", "#44bf70", "#7ad151"};
  if (n <= 1) return viridis[2];
  const double t = static_cast<double>(i) / static_cast<double>(n - 1);
  return viridis[static_cast<std::size_t>(std::lround(t * 8))];
}

Curve thin_log(Curve c, std::size_t dense) {
  const std::size_t n = std::min(c.x.size(), c.y.size());
  if (n <= 2 * dense) return c;
  Curve out = c;
  out.x.clear();
  out.y.clear();
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t step = std::max<std::size_t>(1, i / dense);
    if (i < dense || i % step == 0 || i + 1 == n) {
      out.x.push_back(c.x[i]);
      out.y.push_back(c.y[i]);
    }
  }
  return out;
}

std::vector<double> floor_at(std::vector<double> y, double floor) {
  for (double& v : y)
    if (std::isfinite(v) && v < floor) v = floor;
  return y;
}

std::string fmt(const char* format, double v) {
  char b[64];
  std::snprintf(b, sizeof b, format, v);
  return b;
}

Panel trajectory_panel(const Objective& f, double x0, double x1, double y0, double y1, const std::string& title) {
  Panel p;
  p.title = title;
  p.xlabel = "x_1";
  p.ylabel = "x_2";
  p.equal_aspect = true;
  Contour c;
  c.f = &f;
  c.x0 = x0, c.x1 = x1, c.y0 = y0, c.y1 = y1;
  p.contour = c;
  return p;
}

}  // namespace optlab::plots
