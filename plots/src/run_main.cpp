// optlab_run (./lab run): any optimizer of the solutions track on any problem of the lab, with
// any hyperparameters; prints progress and a summary, writes the trace as CSV and a plot.
//   ./lab run --problem moons --model 2-16-16-2 --optimizer adam --lr 0.01 --epochs 200 --seed 1
//             --csv out.csv --plot out.png
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>

#include <optlab/optlab.hpp>

#include "observe.hpp"
#include "plotkit.hpp"
#include "problems.hpp"
#include "zoo.hpp"

extern "C" void openblas_set_num_threads(int) __attribute__((weak));

using namespace optlab;
using namespace optlab::plots;

namespace {

const double NaN = std::numeric_limits<double>::quiet_NaN();

std::string g(double v, int prec = 6) {
  char b[48];
  std::snprintf(b, sizeof b, "%.*g", prec, v);
  return b;
}

// Throttled progress: one line per second on a pipe, an updating line on a terminal.
class Progress {
 public:
  Progress(bool quiet, bool first_order) : quiet_(quiet), first_order_(first_order), tty_(isatty(2)) {}
  void update(long n, double f, double gnorm, double extra_acc) {
    if (quiet_) return;
    const auto now = std::chrono::steady_clock::now();
    const double since = std::chrono::duration<double>(now - last_).count();
    if (shown_ && since < (tty_ ? 0.2 : 1.0)) return;
    last_ = now;
    shown_ = true;
    const double t = std::chrono::duration<double>(now - t0_).count();
    std::string line = std::string(first_order_ ? "  iteration " : "  evaluation ") + std::to_string(n) +
                       "   f = " + g(f, 8) + "   |g| = " + g(gnorm, 3);
    if (std::isfinite(extra_acc)) line += "   test acc = " + g(100 * extra_acc, 4) + " %";
    line += "   " + g(t, 3) + " s";
    if (tty_) std::fprintf(stderr, "\r%-96s", line.c_str());
    else std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
  }
  void done() {
    if (!quiet_ && tty_ && shown_) std::fprintf(stderr, "\r%-96s\r", "");
  }

 private:
  bool quiet_, first_order_, tty_, shown_ = false;
  std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now(), last_ = t0_;
};

void write_csv(const std::string& path, const Result& r, const Observed& obs, const std::vector<double>& train_acc,
               const std::vector<double>& test_acc) {
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  std::ofstream os(path);
  if (!os) throw std::runtime_error("cannot write '" + path + "'");
  const Trace& t = r.trace;
  const bool acc = !train_acc.empty();
  os << "iteration,f,grad_norm,step_norm,alpha,n_value,n_gradient,n_hessian,data_passes,seconds";
  for (const auto& e : t.extra_names) os << "," << e;
  if (acc) os << ",train_accuracy,test_accuracy";
  os << "\n";
  const auto work = obs.work_column(t), secs = obs.seconds_column(t);
  os.precision(12);
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    os << row.iteration << "," << row.f << "," << row.grad_norm << "," << row.step_norm << "," << row.alpha << ","
       << row.n_value << "," << row.n_gradient << "," << row.n_hessian << "," << work[i] << "," << secs[i];
    for (std::size_t e = 0; e < t.extra_names.size(); ++e) os << "," << (e < row.extra.size() ? row.extra[e] : NaN);
    if (acc) os << "," << (i < train_acc.size() ? train_acc[i] : NaN) << "," << (i < test_acc.size() ? test_acc[i] : NaN);
    os << "\n";
  }
}

void write_plot(const std::string& path, const Problem& prob, const Result& r, const std::string& label, bool epochs,
                const std::vector<double>& train_acc, const std::vector<double>& test_acc) {
  std::filesystem::path p(path);
  const std::string ext = p.extension().string();
  Chart ch;
  Panel loss;
  loss.title = prob.name + ": " + label;
  loss.xlabel = epochs ? "epoch" : "iteration";
  const bool gap = std::isfinite(prob.f_star);
  std::vector<double> f = r.trace.column("f");
  double fmin = INFINITY;
  for (double v : f)
    if (std::isfinite(v)) fmin = std::min(fmin, gap ? v - prob.f_star : v);
  loss.logy = fmin > 0;
  loss.ylabel = gap ? "f(x_k) - f^*" : prob.net ? "training loss f(θ_k)" : "f(x_k)";
  Curve c = trace_curve(label, r.trace, "iteration", "f", gap ? prob.f_star : 0.0);
  if (gap) c.y = floor_at(c.y, 1e-16);
  loss.curves.push_back(c);
  ch.panels.push_back(loss);
  if (!train_acc.empty()) {
    Panel acc;
    acc.col = 1;
    acc.title = "accuracy";
    acc.xlabel = loss.xlabel;
    acc.ylabel = "accuracy [%]";
    acc.key = "bottom right";
    Curve a1, a2;
    a1.label = "train";
    a2.label = "test";
    a1.color = "#0072B2";
    a2.color = "#D55E00";
    for (std::size_t i = 0; i < train_acc.size(); ++i) {
      a1.x.push_back(static_cast<double>(i));
      a1.y.push_back(100 * train_acc[i]);
      a2.x.push_back(static_cast<double>(i));
      a2.y.push_back(100 * test_acc[i]);
    }
    acc.curves = {a1, a2};
    ch.panels.push_back(acc);
  }
  if (prob.has_box && prob.objective->dim() == 2) {
    Panel traj = trajectory_panel(*prob.objective, prob.bx0, prob.bx1, prob.by0, prob.by1, "trajectory");
    traj.col = static_cast<int>(ch.panels.size());
    traj.key = "off";
    traj.curves.push_back(path_curve(label, r.trace.path, r.trace.path.size() <= 100));
    traj.curves.push_back(marker("", prob.x0(0), prob.x0(1), "#000000", 6, 1.4));
    ch.panels.push_back(traj);
  }
  ch.cols = static_cast<int>(ch.panels.size());
  ch.width_in = 5.5 * ch.cols;
  ch.height_in = 4.2;
  // save_chart writes <base>.png, .pdf and .csv; keep only the image that was asked for (the
  // trace's data go to --csv), under the name that was asked for.
  const std::string tmp = path + ".tmp-plot";
  if (!save_chart(ch, tmp)) throw std::runtime_error("could not draw '" + path + "' (is gnuplot installed?)");
  std::error_code ec;
  std::filesystem::rename(tmp + (ext == ".pdf" ? ".pdf" : ".png"), path, ec);
  if (ec) throw std::runtime_error("cannot write '" + path + "': " + ec.message());
  for (const char* e : {".png", ".pdf", ".csv"}) std::filesystem::remove(tmp + e, ec);
}

// Number validators with short messages (CLI11's own print the whole double range).
CLI::Validator number_check(const std::string& desc, bool (*ok)(double), const std::string& must) {
  return CLI::Validator(
      [ok, must](std::string& s) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(s.c_str(), &end);
        if (end == s.c_str() || *end != '\0') return "'" + s + "' is not a number";
        if (!std::isfinite(v) || !ok(v)) return s + " is not " + must;
        return "";
      },
      desc);
}
const CLI::Validator kPositive = number_check("> 0", [](double v) { return v > 0; }, "positive");
const CLI::Validator kNonNegative = number_check(">= 0", [](double v) { return v >= 0; }, "zero or positive");
const CLI::Validator kUnit = number_check("in [0,1)", [](double v) { return v >= 0 && v < 1; }, "in [0, 1)");
const CLI::Validator kFactor = number_check("in (0,1]", [](double v) { return v > 0 && v <= 1; }, "in (0, 1]");
const CLI::Validator kFraction = number_check("in (0,1)", [](double v) { return v > 0 && v < 1; }, "in (0, 1)");
const CLI::Validator kCount = number_check(">= 1", [](double v) { return v >= 1 && v == std::floor(v); }, "a whole number >= 1");
const CLI::Validator kCount0 = number_check(">= 0", [](double v) { return v >= 0 && v == std::floor(v); }, "a whole number >= 0");

// "f 12, gradient 40 (3.5 passes over the data), Hessian 10": the non-zero counts only.
std::string evaluations(const Result& r, const Observed& obs) {
  std::string out;
  auto add = [&](const char* what, long n, const std::string& extra = "") {
    if (n > 0) out += std::string(out.empty() ? "  " : ", ") + what + " " + std::to_string(n) + extra;
  };
  add("f", r.evals.value);
  const double passes = obs.work_after(r.evals.gradient);
  add("gradient", r.evals.gradient,
      obs.num_examples() > 0 && std::abs(passes - static_cast<double>(r.evals.gradient)) > 1e-9
          ? " (" + g(passes, 4) + " passes over the data)" : "");
  add("Hessian", r.evals.hessian);
  add("Hessian-vector", r.evals.hessian_vector);
  add("residual", r.evals.residual);
  add("Jacobian", r.evals.jacobian);
  return out.empty() ? "  none" : out;
}

void report(const std::exception& e) {
  const std::string w = e.what();
  std::cerr << (w.rfind("lab run", 0) == 0 ? "" : "lab run: ") << w << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (openblas_set_num_threads) openblas_set_num_threads(1);
  CLI::App app{"optlab_run (./lab run): run any optimizer of the solutions track on any problem of the lab.\n"
               "Example: ./lab run --problem moons --model 2-16-16-2 --optimizer adam --lr 0.01 --epochs 200 "
               "--seed 1 --csv out.csv --plot out.png"};
  app.name("./lab run");
  app.get_formatter()->column_width(34);

  std::vector<std::string> problem_names, method_names;
  for (const auto& [n, d] : problem_list()) problem_names.push_back(n);
  for (const auto& m : methods()) method_names.push_back(m.name);

  ProblemSpec spec;
  std::string optimizer = "gd";
  Hyper h;
  double lr = NaN, momentum = NaN, beta1 = NaN, beta2 = NaN, rho = NaN, eps = NaN, wd = NaN;
  int epochs = 100;
  long max_evals = 0;
  double gtol = 1e-6, ftol = 0, xtol = 0;
  std::uint64_t seed = 1;
  std::string csv, plot;
  bool quiet = false, list = false;

  auto* grp_p = "Problem";
  app.add_option("--problem", spec.name, "problem (see the list below)")
      ->check(CLI::IsMember(problem_names))->capture_default_str()->group(grp_p);
  app.add_option("--model", spec.model, "network layer sizes, e.g. 2-16-16-2 (data problems)")->group(grp_p);
  app.add_option("--activation", spec.activation, "hidden activation")
      ->check(CLI::IsMember({"identity", "sigmoid", "tanh", "relu", "leaky_relu", "softplus"}))->capture_default_str()->group(grp_p);
  app.add_option("--init", spec.init, "weight initialisation")
      ->check(CLI::IsMember({"xavier", "he", "normal"}))->capture_default_str()->group(grp_p);
  app.add_option("--init-scale", spec.init_scale, "multiplies the init's standard deviation")
      ->check(kPositive)->capture_default_str()->group(grp_p);
  app.add_option("--l2", spec.l2, "L2 regularisation λ (weights only)")->check(kNonNegative)->group(grp_p);
  app.add_option("--n", spec.n, "number of examples (default: the problem's)")->check(kCount)->group(grp_p);
  app.add_option("--noise", spec.noise, "dataset noise (default: the problem's)")->check(kNonNegative)->group(grp_p);
  app.add_option("--data-seed", spec.data_seed, "dataset seed")->capture_default_str()->group(grp_p);
  app.add_option("--test-fraction", spec.test_fraction, "held-out fraction of the data")
      ->check(kFraction)->capture_default_str()->group(grp_p);
  app.add_option("--dim", spec.dim, "dimension of rosenbrock / quadratic")->check(kCount)->group(grp_p);
  app.add_option("--kappa", spec.kappa, "condition number of quadratic")->check(kPositive)->capture_default_str()->group(grp_p);
  app.add_option("--x0", spec.x0, "starting point of a test function, e.g. --x0=-1.2,1")->delimiter(',')->group(grp_p);

  auto* grp_o = "Optimizer";
  app.add_option("--optimizer,-o", optimizer, "optimizer (see the list below)")
      ->check(CLI::IsMember(method_names))->capture_default_str()->group(grp_o);
  auto* o_lr = app.add_option("--lr", lr, "learning rate η (first trial step for gd-armijo)")->check(kPositive)->group(grp_o);
  auto* o_mom = app.add_option("--momentum", momentum, "momentum μ in [0, 1)")->check(kUnit)->group(grp_o);
  auto* o_b1 = app.add_option("--beta1", beta1, "Adam β₁ in [0, 1)")->check(kUnit)->group(grp_o);
  auto* o_b2 = app.add_option("--beta2", beta2, "Adam β₂ in [0, 1)")->check(kUnit)->group(grp_o);
  auto* o_rho = app.add_option("--rho", rho, "RMSProp ρ in [0, 1)")->check(kUnit)->group(grp_o);
  auto* o_eps = app.add_option("--eps", eps, "ε of AdaGrad / RMSProp / Adam")->check(kPositive)->group(grp_o);
  auto* o_wd = app.add_option("--weight-decay", wd, "Adam: L2 in the gradient; AdamW: decoupled decay")->check(kNonNegative)->group(grp_o);
  app.add_option("--batch-size,-b", h.batch_size, "minibatch size, 0 = full batch")->check(kCount0)->capture_default_str()->group(grp_o);
  app.add_option("--schedule", h.schedule, "SGD learning-rate schedule")
      ->check(CLI::IsMember({"constant", "step", "inverse_time"}))->capture_default_str()->group(grp_o);
  app.add_option("--gamma", h.gamma, "step schedule: factor per period")->check(kFactor)->capture_default_str()->group(grp_o);
  app.add_option("--step-epochs", h.step_epochs, "step schedule: period in epochs")->check(kCount)->capture_default_str()->group(grp_o);
  app.add_option("--decay", h.decay, "inverse_time schedule: η₀/(1 + decay·t)")->check(kNonNegative)->capture_default_str()->group(grp_o);
  app.add_option("--clip", h.clip, "clip gradients to this norm (0 = off)")->check(kNonNegative)->group(grp_o);
  double tau = NaN;
  auto* o_tau = app.add_option("--tau", tau, "Levenberg-Marquardt: mu0 = tau * max diag(J'J)")->check(kPositive)->group(grp_o);
  app.add_option("--memory,-m", h.memory, "L-BFGS memory m")->check(kCount)->capture_default_str()->group(grp_o);

  auto* grp_s = "Stopping and output";
  app.add_option("--epochs,--iterations", epochs, "maximum iterations (epochs for minibatch methods)")
      ->check(kCount0)->capture_default_str()->group(grp_s);
  app.add_option("--max-evals", max_evals, "maximum function evaluations (0 = no limit)")->check(kCount0)->group(grp_s);
  app.add_option("--gtol", gtol, "stop when |g|inf <= gtol max(1,|f|) (0 = off)")->check(kNonNegative)->capture_default_str()->group(grp_s);
  app.add_option("--ftol", ftol, "relative f-change test (with a loose gradient test)")->check(kNonNegative)->group(grp_s);
  app.add_option("--xtol", xtol, "step-size test")->check(kNonNegative)->group(grp_s);
  app.add_option("--seed,-s", seed, "seed of the initial weights and the minibatch order")->capture_default_str()->group(grp_s);
  app.add_option("--csv", csv, "write the trace (one row per iteration) to this CSV file")->group(grp_s);
  const CLI::Validator image_file(
      [](std::string& s) -> std::string {
        const std::string e = std::filesystem::path(s).extension().string();
        return e == ".png" || e == ".pdf" ? "" : "'" + s + "' must end in .png or .pdf";
      },
      "FILE.png|FILE.pdf");
  app.add_option("--plot", plot, "write a plot (.png or .pdf)")->check(image_file)->group(grp_s);
  app.add_flag("--quiet,-q", quiet, "no progress lines")->group(grp_s);
  app.add_flag("--list", list, "list problems and optimizers and exit")->group(grp_s);

  std::string footer = "\nProblems:\n";
  for (const auto& [n, d] : problem_list()) footer += "  " + n + std::string(n.size() < 14 ? 14 - n.size() : 1, ' ') + d + "\n";
  footer += "\nOptimizers (lesson whose solution runs):\n";
  for (const auto& m : methods())
    footer += "  " + m.name + std::string(m.name.size() < 14 ? 14 - m.name.size() : 1, ' ') + m.summary + "  [" + m.lesson +
              (m.available ? "" : ", NOT BUILT") + "]\n";
  footer += "\nDefaults of unset hyperparameters are the lesson's own (its options struct).";
  app.footer(footer);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "lab run: " << e.what() << "\n(./lab run --help lists the options, problems and optimizers)\n";
    return 2;
  }
  if (list) {
    std::cout << footer.substr(1) << "\n";
    return 0;
  }

  auto given = [](const CLI::Option* o) { return o->count() > 0; };
  if (given(o_lr)) h.lr = lr;
  if (given(o_mom)) h.momentum = momentum;
  if (given(o_b1)) h.beta1 = beta1;
  if (given(o_b2)) h.beta2 = beta2;
  if (given(o_rho)) h.rho = rho;
  if (given(o_eps)) h.eps = eps;
  if (given(o_wd)) h.weight_decay = wd;
  if (given(o_tau)) h.tau = tau;
  h.seed = seed;
  h.stop.max_iterations = epochs;
  h.stop.max_evaluations = max_evals;
  h.stop.gtol = gtol;
  h.stop.ftol = ftol;
  h.stop.xtol = xtol;
  spec.init_seed = seed;

  // Options that the chosen optimizer would silently ignore are mistakes: say so.
  const MethodInfo* m = find_method(optimizer);
  struct Use {
    const CLI::Option* opt;
    std::vector<std::string> methods;
  };
  const std::vector<Use> uses = {
      {o_mom, {"momentum", "nesterov"}}, {o_b1, {"adam", "adamw"}}, {o_b2, {"adam", "adamw"}}, {o_rho, {"rmsprop"}},
      {o_eps, {"adagrad", "rmsprop", "adam", "adamw"}}, {o_wd, {"adam", "adamw"}},
      {app.get_option("--schedule"), {"sgd"}}, {app.get_option("--memory"), {"lbfgs"}}, {o_tau, {"lm"}},
      {o_lr, {"gd", "gd-armijo", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"}}};
  for (const auto& u : uses)
    if (u.opt->count() > 0 && std::find(u.methods.begin(), u.methods.end(), optimizer) == u.methods.end()) {
      std::string list_s;
      for (const auto& x : u.methods) list_s += (list_s.empty() ? "" : ", ") + x;
      std::cerr << "lab run: " << u.opt->get_name() << " does not apply to --optimizer " << optimizer << " (it is used by "
                << list_s << ")\n";
      return 2;
    }

  Problem prob;
  try {
    prob = make_problem(spec);
  } catch (const optlab::invalid_argument& e) {
    report(e);
    return 2;
  } catch (const std::exception& e) {
    report(e);
    return 1;
  }

  std::cout << "problem    " << prob.name;
  if (prob.net) {
    std::cout << ": " << prob.train.size() << " training / " << prob.test.size() << " test examples, MLP "
              << prob.net->net().describe() << " (" << prob.net->dim() << " parameters), " << to_string(prob.net->loss());
  } else {
    std::cout << " in " << prob.objective->dim() << " dimensions, x0 = (";
    for (arma::uword i = 0; i < std::min<arma::uword>(prob.x0.n_elem, 4); ++i) std::cout << (i ? ", " : "") << g(prob.x0(i));
    std::cout << (prob.x0.n_elem > 4 ? ", ...)" : ")");
  }
  std::cout << "\noptimizer  " << optimizer << " (lesson " << m->lesson << ")";
  if (h.lr) std::cout << ", lr = " << g(*h.lr);
  if (h.batch_size) std::cout << ", batch size " << h.batch_size;
  std::cout << ", at most " << epochs << (h.batch_size ? " epochs" : " iterations") << ", seed " << seed << "\n" << std::flush;

  Observed obs(*prob.objective);
  // Minibatch runs evaluate the full gradient once per epoch only for the trace: not work.
  obs.full_gradient_is_work = !(h.batch_size > 0 || optimizer == "sgd");
  Progress progress(quiet, m->first_order);
  std::vector<double> train_acc, test_acc;
  const bool track_acc = prob.net && prob.classification() && m->first_order;
  long n_full = 0;
  obs.on_full_gradient = [&](const arma::vec& x, double f, const arma::vec& grad) {
    double tacc = NaN;
    if (track_acc) {
      train_acc.push_back(prob.net->accuracy(x));
      tacc = prob.test.size() ? prob.net->accuracy(x, prob.test.X, prob.test.labels) : NaN;
      test_acc.push_back(tacc);
    }
    progress.update(n_full++, f, arma::norm(grad), tacc);
  };
  Result r;
  try {
    r = run_method(optimizer, obs, prob.x0, h);
  } catch (const Unavailable& e) {
    progress.done();
    std::cerr << "lab run: " << e.what() << "\n";
    return 1;
  } catch (const optlab::invalid_argument& e) {
    progress.done();
    report(e);
    return 2;
  } catch (const std::exception& e) {
    progress.done();
    std::cerr << "lab run: the run failed: " << e.what() << "\n";
    return 1;
  }
  progress.done();

  std::cout << "status     " << to_string(r.status) << (r.message.empty() ? "" : ": " + r.message) << "\n"
            << "result     f = " << g(r.f, 10) << "   |g| = " << g(r.grad_norm, 4) << "   after " << r.iterations
            << (h.batch_size ? " epochs" : " iterations") << " in " << g(r.seconds, 3) << " s\n"
            << "evaluations" << evaluations(r, obs) << "\n";
  if (std::isfinite(prob.f_star)) std::cout << "gap        f - f* = " << g(r.f - prob.f_star, 4) << "\n";
  if (prob.net && prob.classification())
    std::cout << "accuracy   train " << g(100 * prob.net->accuracy(r.x), 4) << " %"
              << (prob.test.size() ? ", test " + g(100 * prob.net->accuracy(r.x, prob.test.X, prob.test.labels), 4) + " %" : "")
              << "\n";
  if (prob.net && !prob.classification() && prob.test.size()) {
    const double test_mse = loss_value(Loss::mse, prob.net->predict(r.x, prob.test.X), prob.test.T);
    std::cout << "test MSE   " << g(test_mse, 6) << " (standardised targets)\n";
  }
  try {
    if (!csv.empty()) {
      write_csv(csv, r, obs, train_acc, test_acc);
      std::cout << "wrote      " << csv << "\n";
    }
    if (!plot.empty()) {
      write_plot(plot, prob, r, label_of(optimizer), h.batch_size > 0 || optimizer == "sgd", train_acc, test_acc);
      std::cout << "wrote      " << plot << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "lab run: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
