// plots/out/index.html: every chapter figure with its caption and links to its PDF and CSV.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "figures.hpp"

namespace optlab::plots {

namespace {
std::string esc(const std::string& s) {  // captions may carry entities already; escape only < > in text
  std::string o;
  for (char c : s) {
    if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else o += c;
  }
  return o;
}
}  // namespace

void write_gallery(const std::string& out, const std::vector<std::pair<std::string, std::string>>& status, bool quick) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> st(status.begin(), status.end());
  std::ofstream h(out + "/index.html");
  h << R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>optlab: the chapter's figures</title>
<style>
 body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 1180px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
 h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2.2em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
 figure { margin: 1em 0 1.6em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
 figcaption { font-size: .95em; margin-top: .4em; } .links { font-size: .9em; color: #555; }
 .links a { margin-right: 1em; } .note { background: #fff6dd; border-left: 4px solid #e6a700; padding: .4em .8em; }
 .fail { background: #fde8e8; border-left: 4px solid #c00; padding: .4em .8em; }
 nav a { margin-right: .8em; white-space: nowrap; }
</style></head><body>
<h1>optlab: the chapter's comparison figures</h1>
<p>Drawn by <code>./lab plots</code> from the reference solutions of the lessons)"
    << (quick ? " in <b>quick</b> mode (smaller data, fewer epochs: CI)" : "")
    << R"(. Every figure is a PNG (screen), a PDF (book) and the CSV it was drawn from; the CSVs are reproducible
byte for byte, except wall-time data, which live in files ending in <code>_timing.csv</code>.
Chapter references: §N = sections of the optimization chapter (seed 000), 'slide' = the tutorial slides (seed 002).</p>
<nav>)";
  for (const auto& f : figure_registry()) h << "<a href=\"#fig" << f.number << "\">" << f.number << ". " << esc(f.title) << "</a> ";
  h << "</nav>\n";
  for (const auto& f : figure_registry()) {
    h << "<h2 id=\"fig" << f.number << "\">Figure " << f.number << ". " << esc(f.title) << "</h2>\n";
    auto it = st.find(f.slug);
    if (it != st.end() && !it->second.empty())
      h << "<p class=\"" << (it->second.rfind("FAILED", 0) == 0 ? "fail" : "note") << "\">" << esc(it->second) << "</p>\n";
    for (const auto& file : f.files) {
      const bool png = fs::exists(out + "/" + file.base + ".png");
      const bool pdf = fs::exists(out + "/" + file.base + ".pdf");
      const bool csv = fs::exists(out + "/" + file.base + ".csv");
      h << "<figure>\n";
      if (png) h << "  <a href=\"" << file.base << ".png\"><img src=\"" << file.base << ".png\" alt=\"" << file.base << "\"></a>\n";
      else h << "  <p class=\"note\">" << file.base << ".png has not been drawn" << (it == st.end() ? " (not selected in this run)" : "") << ".</p>\n";
      h << "  <figcaption><b>" << file.base << ".</b> " << file.caption << "\n   <div class=\"links\">";
      if (png) h << "<a href=\"" << file.base << ".png\">PNG</a>";
      if (pdf) h << "<a href=\"" << file.base << ".pdf\">PDF</a>";
      if (csv) h << "<a href=\"" << file.base << ".csv\">CSV data</a>";
      h << "</div></figcaption>\n</figure>\n";
    }
  }
  // The lessons' own plots (written by ./lab test), one line of links per lesson.
  const fs::path lessons = fs::path(out) / "lessons";
  if (fs::is_directory(lessons)) {
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(lessons))
      if (e.is_directory()) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    if (!dirs.empty()) {
      h << "<h2 id=\"lessons\">The lessons' test plots</h2>\n<p>Written by <code>./lab test</code>: each student run over "
           "the dashed reference curve.</p>\n<ul>\n";
      for (const auto& d : dirs) {
        std::vector<std::string> pngs;
        for (const auto& e : fs::directory_iterator(d))
          if (e.path().extension() == ".png") pngs.push_back(e.path().filename().string());
        std::sort(pngs.begin(), pngs.end());
        const std::string name = d.filename().string();
        h << "<li><b>" << esc(name) << "</b>: ";
        for (std::size_t i = 0; i < pngs.size(); ++i)
          h << (i ? ", " : "") << "<a href=\"lessons/" << esc(name) << "/" << esc(pngs[i]) << "\">"
            << esc(pngs[i].substr(0, pngs[i].size() - 4)) << "</a>";
        h << "</li>\n";
      }
      h << "</ul>\n";
    }
  }
  h << "</body></html>\n";
}

}  // namespace optlab::plots
