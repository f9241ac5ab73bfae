// bench_summary OUT_DIR: reads what bench/run left in OUT_DIR and writes OUT_DIR/summary.json,
// OUT_DIR/summary.md (the table for README.md) and prints the table.
//
// Inputs (all written by bench/run; everything but mlp.json is optional):
//   mlp.json              bench_mlp, Google Benchmark JSON with repetitions (median aggregates)
//   dgemm_threads.json    bench_mlp --benchmark_filter=dgemm with every core (real time)
//   torch.rK.json         bench/torch_mlp.py, rounds K = 1, 2, 3, each followed by a short run of
//   mlp.rK.json           lib's mlp/gradient          | torch.skipped: the reason it did not run
//   mlp_tuned*.json, torch_tuned.rK.json, dgemm_threads_tuned.json
//                         the same with OPENBLAS_CORETYPE forced to the kernel the CPU supports,
//                         when OpenBLAS picked a fallback kernel (tuned.core holds its name)
//   opt_NN.json           bench_opt_NN                  | opt_NN.skipped: the reason
//   lab_timing.json       the lab-speed numbers          | lab_timing.skipped: the reason
//
// Timing convention: single-threaded rates use CPU time (this machine is shared: CPU time does not
// count the time another process had the core); multi-threaded dgemm uses wall time.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

constexpr double kBatch = 256;  // bench_mlp's batch (examples per mlp/* iteration)

std::optional<json> load(const fs::path& p) {
  std::ifstream in(p);
  if (!in) return std::nullopt;
  try {
    return json::parse(in);
  } catch (const std::exception& e) {
    std::cerr << "bench_summary: cannot parse " << p << ": " << e.what() << "\n";
    return std::nullopt;
  }
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

double to_seconds(double t, const std::string& unit) {
  if (unit == "ns") return t * 1e-9;
  if (unit == "us") return t * 1e-6;
  if (unit == "ms") return t * 1e-3;
  return t;
}

double cpu_s(const json& b) { return to_seconds(b.at("cpu_time").get<double>(), b.at("time_unit").get<std::string>()); }
double real_s(const json& b) { return to_seconds(b.at("real_time").get<double>(), b.at("time_unit").get<std::string>()); }

// One benchmark of a Google Benchmark JSON file: of its repetitions, the FASTEST (by CPU time, or
// wall time with `by_real`).  On a shared machine noise only ever adds time, so the minimum over
// repetitions (each itself an average over ≥ 0.2 s) is the most stable estimate of what the code
// costs, and baseline and candidate are treated alike.  Aggregates are used only when the
// repetitions themselves are absent.
std::optional<json> find(const json& gb, const std::string& name, bool by_real = false) {
  std::optional<json> best, median;
  for (const json& b : gb.value("benchmarks", json::array())) {
    if (b.value("run_name", "") != name) continue;
    if (b.value("run_type", "") == "aggregate") {
      if (b.value("aggregate_name", "") == "median") median = b;
    } else if (!best || (by_real ? real_s(b) < real_s(*best) : cpu_s(b) < cpu_s(*best))) {
      best = b;
    }
  }
  return best ? best : median;
}

// The spread of a benchmark's repetitions: (max − min)/min of the CPU times (0 for one run).
double spread(const json& gb, const std::string& name) {
  double lo = INFINITY, hi = 0;
  for (const json& b : gb.value("benchmarks", json::array()))
    if (b.value("run_name", "") == name && b.value("run_type", "") != "aggregate") {
      lo = std::min(lo, cpu_s(b));
      hi = std::max(hi, cpu_s(b));
    }
  return std::isfinite(lo) && lo > 0 ? (hi - lo) / lo : 0.0;
}

double round_to(double v, int digits) {
  if (!std::isfinite(v) || v == 0) return v;
  const double scale = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(std::abs(v)))));
  return std::round(v * scale) / scale;
}
json num(double v, int digits = 4) { return std::isfinite(v) ? json(round_to(v, digits)) : json(nullptr); }

// Every file of a round series: <stem>.r1.json, <stem>.r2.json, …
std::vector<json> rounds(const fs::path& dir, const std::string& stem) {
  std::vector<json> out;
  for (int k = 1; k <= 9; ++k)
    if (auto j = load(dir / (stem + ".r" + std::to_string(k) + ".json"))) out.push_back(*j);
  return out;
}

// The numbers one bench_mlp run gives (plus the PyTorch rounds): examples/s and ratios.
//   torch       PyTorch's results, one per round (empty: skipped, for the reason torch_skip)
//   lib_rounds  the short lib mlp/gradient runs made between the PyTorch rounds
json mlp_numbers(const json& gb, const std::vector<json>& torch, const std::vector<json>& lib_rounds,
                 const std::string& torch_skip, const std::optional<json>& dgemm_mt) {
  json out;
  out["blas_core"] = gb["context"].value("blas_core", "unknown");
  auto get = [&](const char* name) { return find(gb, name); };
  double dgemm = 0;
  for (const char* n : {"BM_dgemm/256", "BM_dgemm/1024"})
    if (auto b = get(n)) dgemm = std::max(dgemm, b->value("flops", 0.0));
  // Counter rates in the JSON are per CPU second already (kIsIterationInvariantRate).
  out["dgemm_gflops"] = num(dgemm / 1e9, 3);
  if (dgemm_mt) {
    double best = 0;
    for (const char* n : {"BM_dgemm/256", "BM_dgemm/1024"})
      if (auto b = find(*dgemm_mt, n, true)) best = std::max(best, 2.0 * std::pow(std::stod(std::string(n).substr(9)), 3) / real_s(*b));
    out["dgemm_gflops_all_threads"] = num(best / 1e9, 3);
  }
  const auto chain = get("mlp/gemm_chain"), grad = get("mlp/gradient"), lean = get("mlp/gradient_lean"),
             batch = get("mlp/gradient_batch"), hvp = get("mlp/hessian_vector");
  if (!chain || !grad) throw std::runtime_error("mlp.json lacks mlp/gemm_chain or mlp/gradient");
  const double chain_eps = kBatch / cpu_s(*chain), grad_eps = kBatch / cpu_s(*grad);
  out["mlp_examples_per_s"] = num(grad_eps);
  out["gemm_chain_examples_per_s"] = num(chain_eps);
  out["mlp_vs_gemm_chain"] = num(grad_eps / chain_eps, 3);
  out["repetition_spread"] = {{"mlp/gradient", num(spread(gb, "mlp/gradient"), 2)},
                              {"mlp/gemm_chain", num(spread(gb, "mlp/gemm_chain"), 2)}};
  out["mlp_gflops"] = num(grad->value("flops", 0.0) / 1e9, 3);
  out["gemm_chain_gflops"] = num(chain->value("flops", 0.0) / 1e9, 3);
  if (dgemm > 0) out["gemm_chain_vs_dgemm"] = num(chain->value("flops", 0.0) / dgemm, 3);
  if (lean) {
    out["mlp_lean_examples_per_s"] = num(kBatch / cpu_s(*lean));
    out["mlp_lean_vs_gemm_chain"] = num(kBatch / cpu_s(*lean) / chain_eps, 3);
    out["mlp_lean_rel_error_vs_lib"] = num(lean->value("rel_error_vs_lib", NAN), 2);
  }
  if (batch) {
    out["mlp_minibatch_examples_per_s"] = num(kBatch / cpu_s(*batch));
    out["mlp_minibatch_vs_gemm_chain"] = num(kBatch / cpu_s(*batch) / chain_eps, 3);
  }
  if (hvp) out["hvp_vs_gradient"] = num(cpu_s(*hvp) / cpu_s(*grad), 3);
  if (!torch.empty()) {
    // Fastest of each side over the interleaved rounds (lib's main run counts as one more).
    double t = 0, lib = grad_eps;
    for (const json& r : torch) t = std::max(t, r.at("examples_per_second").get<double>());
    for (const json& r : lib_rounds)
      if (auto g = find(r, "mlp/gradient")) lib = std::max(lib, kBatch / cpu_s(*g));
    out["pytorch_examples_per_s"] = num(t);
    out["mlp_examples_per_s_pytorch_rounds"] = num(lib);
    out["mlp_vs_pytorch"] = num(lib / t, 3);
    out["pytorch_rounds"] = torch.size();
    out["pytorch_version"] = torch.front().value("torch", "");
  } else {
    out["mlp_vs_pytorch"] = nullptr;
    out["pytorch_skipped"] = torch_skip;
  }
  if (auto g = get("small/gradient")) {
    const double tg = cpu_s(*g);
    out["small_mlp_params"] = g->value("params", 0.0);
    out["small_gradient_s"] = num(tg);
    if (auto h = get("small/hessian_vector")) out["small_hvp_vs_gradient"] = num(cpu_s(*h) / tg, 3);
    if (auto h = get("small/hessian")) {
      out["hessian_full_s"] = num(cpu_s(*h));
      out["hessian_full_vs_gradient"] = num(cpu_s(*h) / tg, 3);
    }
    if (auto j = get("small/jacobian")) {
      out["jacobian_s"] = num(cpu_s(*j));
      out["jacobian_vs_gradient"] = num(cpu_s(*j) / tg, 3);
    }
    if (auto j = get("small/gauss_newton")) out["gauss_newton_matrix_s"] = num(cpu_s(*j));
  }
  if (auto r = get("gather/rows"), c = get("gather/cols_transposed"); r && c) {
    out["gather_rows_s"] = num(cpu_s(*r));
    out["gather_cols_transposed_s"] = num(cpu_s(*c));
  }
  return out;
}

json goal(const json& value, const std::string& op, double target) {
  json g;
  g["value"] = value;
  g["goal"] = op + " " + (std::ostringstream() << target).str();
  if (value.is_number()) {
    const double v = value.get<double>();
    g["met"] = op == ">=" ? v >= target : v <= target;
  } else {
    g["met"] = nullptr;
  }
  return g;
}

std::string fmt(const json& v, int prec = 3) {
  if (v.is_null()) return "-";
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_string()) return v.get<std::string>();
  const double d = v.get<double>();
  char buf[64];
  if (std::abs(d) >= 1e5 || (std::abs(d) < 1e-3 && d != 0))
    std::snprintf(buf, sizeof buf, "%.*g", prec, d);
  else
    std::snprintf(buf, sizeof buf, "%.*g", std::max(prec, static_cast<int>(std::log10(std::abs(d) + 1)) + 1), d);
  return buf;
}

// A markdown table (also readable as plain text).
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string str() const {
    std::vector<size_t> w(header.size());
    for (size_t i = 0; i < header.size(); ++i) w[i] = header[i].size();
    for (const auto& r : rows)
      for (size_t i = 0; i < r.size(); ++i) w[i] = std::max(w[i], r[i].size());
    auto line = [&](const std::vector<std::string>& r) {
      std::string s = "|";
      for (size_t i = 0; i < header.size(); ++i) s += " " + r[i] + std::string(w[i] - r[i].size(), ' ') + " |";
      return s + "\n";
    };
    std::string s = line(header);
    s += "|";
    for (size_t i = 0; i < header.size(); ++i) s += std::string(w[i] + 2, '-') + "|";
    s += "\n";
    for (const auto& r : rows) s += line(r);
    return s;
  }
};

std::string seconds_text(const json& v) {
  if (v.is_null()) return "-";
  const double s = v.get<double>();
  char buf[64];
  if (s < 1e-3)
    std::snprintf(buf, sizeof buf, "%.3g us", s * 1e6);
  else if (s < 1)
    std::snprintf(buf, sizeof buf, "%.3g ms", s * 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.3g s", s);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: bench_summary OUT_DIR\n";
    return 2;
  }
  const fs::path dir = argv[1];
  try {
    const auto mlp = load(dir / "mlp.json");
    if (!mlp) {
      std::cerr << "bench_summary: " << (dir / "mlp.json") << " is missing: run bench/run\n";
      return 1;
    }
    const std::vector<json> torch = rounds(dir, "torch");
    const std::string torch_skip = fs::exists(dir / "torch.skipped") ? read_text(dir / "torch.skipped") : "no result";

    json s;
    s["schema"] = 1;
    const json& ctx = (*mlp)["context"];
    s["date"] = ctx.value("date", "");
    s["host"] = ctx.value("host_name", "");
    s["num_cpus"] = ctx.value("num_cpus", 0);
    s["mhz_per_cpu"] = ctx.value("mhz_per_cpu", 0);
    s["load_avg_at_start"] = ctx.value("load_avg", json::array());
    s["timing"] = "single-threaded rates and ratios from CPU time, fastest of the repetitions (PyTorch likewise); all baselines measured in this run";
    s["network"] = "784-256-128-10 ReLU, softmax cross-entropy, batch 256, float64, 1 BLAS thread";

    json m = mlp_numbers(*mlp, torch, rounds(dir, "mlp"), torch_skip, load(dir / "dgemm_threads.json"));
    for (auto& [k, v] : m.items()) s[k] = v;

    std::optional<json> tuned;
    if (auto mt = load(dir / "mlp_tuned.json")) {
      tuned = mlp_numbers(*mt, rounds(dir, "torch_tuned"), rounds(dir, "mlp_tuned"), torch_skip,
                          load(dir / "dgemm_threads_tuned.json"));
      (*tuned)["why"] = "OpenBLAS picked the fallback kernel '" + m["blas_core"].get<std::string>() +
                        "' for this CPU; these numbers use OPENBLAS_CORETYPE=" + read_text(dir / "tuned.core") +
                        " (the kernel the CPU supports)";
      s["tuned_kernel"] = *tuned;
    }

    // Optimizers.
    json opts = json::array(), skipped = json::object();
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) {
      const std::string fn = p.filename().string();
      if (fn.rfind("opt_", 0) != 0) continue;
      const std::string id = fn.substr(4, 2);
      if (p.extension() == ".skipped") {
        skipped[id] = read_text(p);
        continue;
      }
      if (p.extension() != ".json") continue;
      const auto gb = load(p);
      if (!gb) {
        skipped[id] = "its benchmark output could not be read";
        continue;
      }
      for (const json& b : gb->value("benchmarks", json::array())) {
        if (b.value("run_type", "") == "aggregate") continue;
        std::string name = b.value("run_name", "");  // opt/<method>/<problem>[/min_time:…]
        std::vector<std::string> parts;
        std::stringstream ss(name);
        for (std::string part; std::getline(ss, part, '/');) parts.push_back(part);
        if (parts.size() < 3) continue;
        std::string label = b.value("label", ""), status = label, target;
        if (auto bar = label.find('|'); bar != std::string::npos) {
          status = label.substr(0, bar);
          target = label.substr(bar + 1);
        }
        const bool reached = b.value("reached", 0.0) > 0.5;
        json o;
        o["lesson"] = id;
        o["method"] = parts[1];
        o["problem"] = parts[2];
        o["target"] = target;
        o["reached"] = reached;
        o["iters_to_target"] = reached ? json(b.value("iters_to_target", 0.0)) : json(nullptr);
        o["evals_to_target"] = reached ? json(b.value("evals_to_target", 0.0)) : json(nullptr);
        o["hessians_to_target"] = reached ? json(b.value("hessians_to_target", 0.0)) : json(nullptr);
        o["s_to_target"] = reached ? num(b.value("s_to_target", NAN)) : json(nullptr);
        o["run_iterations"] = b.value("run_iterations", 0.0);
        o["run_evals"] = b.value("run_evals", 0.0);
        o["run_s"] = num(cpu_s(b));
        o["f_final"] = num(b.value("f_final", NAN), 6);
        o["status"] = status;
        opts.push_back(o);
      }
    }
    s["optimizers"] = opts;
    s["optimizers_skipped"] = skipped;

    // Lab speed.
    if (auto lab = load(dir / "lab_timing.json")) {
      for (const char* k : {"cold_build_s", "test_all_s", "edit_to_result_s"}) s[k] = (*lab).value(k, json(nullptr));
      s["lab_timing"] = *lab;
    } else {
      for (const char* k : {"cold_build_s", "test_all_s", "edit_to_result_s"}) s[k] = nullptr;
      s["lab_timing_skipped"] = fs::exists(dir / "lab_timing.skipped") ? read_text(dir / "lab_timing.skipped") : "not measured";
    }

    json goals;
    goals["mlp_vs_gemm_chain"] = goal(s["mlp_vs_gemm_chain"], ">=", 0.8);
    goals["mlp_vs_pytorch"] = goal(s["mlp_vs_pytorch"], ">=", 1.3);
    goals["hvp_vs_gradient"] = goal(s.value("hvp_vs_gradient", json(nullptr)), "<=", 3.0);
    if (tuned) {
      goals["mlp_vs_gemm_chain_tuned_kernel"] = goal((*tuned)["mlp_vs_gemm_chain"], ">=", 0.8);
      goals["mlp_vs_pytorch_tuned_kernel"] = goal((*tuned)["mlp_vs_pytorch"], ">=", 1.3);
      goals["hvp_vs_gradient_tuned_kernel"] = goal(tuned->value("hvp_vs_gradient", json(nullptr)), "<=", 3.0);
    }
    goals["test_all_s"] = goal(s["test_all_s"], "<=", 60);
    goals["edit_to_result_s"] = goal(s["edit_to_result_s"], "<=", 10);
    s["goals"] = goals;

    std::ofstream(dir / "summary.json") << s.dump(2) << "\n";

    // ---- the table ----
    std::string md;
    const bool has_tuned = tuned.has_value();
    Table t;
    t.header = {"measurement", has_tuned ? "as the lab runs (" + m["blas_core"].get<std::string>() + ")" : "value", "goal"};
    if (has_tuned) t.header.insert(t.header.begin() + 2, "tuned kernel (" + read_text(dir / "tuned.core") + ")");
    auto row = [&](const std::string& what, const std::string& key, const std::string& g, int prec = 3) {
      std::vector<std::string> r = {what, fmt(m.value(key, json(nullptr)), prec)};
      if (has_tuned) r.push_back(fmt(tuned->value(key, json(nullptr)), prec));
      r.push_back(g);
      t.rows.push_back(r);
    };
    row("dgemm GFLOP/s, 1 thread (machine limit)", "dgemm_gflops", "context");
    if (m.contains("dgemm_gflops_all_threads")) row("dgemm GFLOP/s, all threads", "dgemm_gflops_all_threads", "context");
    row("gemm chain examples/s (8 products, same shapes)", "gemm_chain_examples_per_s", "baseline", 4);
    row("lib MLP gradient examples/s", "mlp_examples_per_s", "", 4);
    row("  mlp_vs_gemm_chain", "mlp_vs_gemm_chain", ">= 0.8");
    row("  lean prototype vs gemm chain (bench-local)", "mlp_lean_vs_gemm_chain", "");
    row("  minibatch path (batch_value_gradient) vs chain", "mlp_minibatch_vs_gemm_chain", "");
    row("PyTorch CPU float64 examples/s", "pytorch_examples_per_s", "baseline", 4);
    row("  mlp_vs_pytorch", "mlp_vs_pytorch", ">= 1.3");
    row("Hessian-vector product / gradient", "hvp_vs_gradient", "<= 3");
    row("full Hessian, 992 params, 200 examples [s]", "hessian_full_s", "");
    row("  full Hessian / gradient", "hessian_full_vs_gradient", "");
    row("residual Jacobian 400x992 [s]", "jacobian_s", "");
    row("  Jacobian / gradient", "jacobian_vs_gradient", "");
    t.rows.push_back({"cold build, 2 cores [s]", fmt(s["cold_build_s"])});
    t.rows.push_back({"./lab test, all lessons, after a build [s]", fmt(s["test_all_s"])});
    t.rows.push_back({"edit one lesson .cpp -> ./lab test NN [s]", fmt(s["edit_to_result_s"])});
    for (size_t i = t.rows.size() - 3; i < t.rows.size(); ++i) {
      auto& r = t.rows[i];
      if (has_tuned) r.push_back("");
      static const char* goals_text[] = {"measure, reduce", "<= 60", "<= 10"};
      r.push_back(goals_text[i - (t.rows.size() - 3)]);
    }
    md += t.str();
    if (torch.empty()) md += "\nPyTorch comparison skipped: " + torch_skip + "\n";
    if (s.contains("lab_timing_skipped")) md += "Lab timing skipped: " + s["lab_timing_skipped"].get<std::string>() + "\n";

    Table o;
    o.header = {"optimizer", "problem", "target", "reached", "iters", "evals", "time to target", "status"};
    for (const json& r : opts) {
      o.rows.push_back({r["method"].get<std::string>(), r["problem"].get<std::string>(), r["target"].get<std::string>(),
                        r["reached"].get<bool>() ? "yes" : "NO", fmt(r["iters_to_target"], 6), fmt(r["evals_to_target"], 6),
                        seconds_text(r["s_to_target"]), r["status"].get<std::string>()});
    }
    md += "\n" + o.str();
    {  // one line per distinct reason
      std::map<std::string, std::string> by_reason;
      for (auto& [id, why] : skipped.items()) by_reason[why.get<std::string>()] += (by_reason[why.get<std::string>()].empty() ? "" : " ") + id;
      for (auto& [why, ids] : by_reason)
        md += std::string(ids.find(' ') == std::string::npos ? "lesson " : "lessons ") + ids + " skipped: " + why + "\n";
    }

    int missed = 0;
    std::string missed_text, unmeasured;
    for (auto& [k, g] : goals.items()) {
      if (g["met"].is_null()) unmeasured += (unmeasured.empty() ? "" : ", ") + k;
      if (g["met"].is_boolean() && !g["met"].get<bool>()) {
        ++missed;
        missed_text += "  " + k + " = " + fmt(g["value"]) + " (goal " + g["goal"].get<std::string>() + ")\n";
      }
    }
    md += missed ? "\nGoals missed (gap, cause and plan: bench/README.md):\n" + missed_text : "\nAll measured goals met.\n";
    if (!unmeasured.empty()) md += "Not measured in this run: " + unmeasured + "\n";
    std::ofstream(dir / "summary.md") << md;
    std::cout << md << "\nwrote " << (dir / "summary.json").string() << " and summary.md\n";
  } catch (const std::exception& e) {
    std::cerr << "bench_summary: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
