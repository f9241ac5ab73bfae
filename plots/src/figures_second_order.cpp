// Figures 4, 5, 13, 14: Newton, CG, L-BFGS, Levenberg–Marquardt (lessons 09–12).
#include <cmath>
#include <cstdio>

#include <optlab/optlab.hpp>

#include "figures.hpp"
#include "observe.hpp"
#include "problems.hpp"

namespace optlab::plots {

namespace {
// x = iteration on a log axis: drop x₀ (k = 0), every run starts from the same f(x₀) anyway.
Curve drop_first(Curve c) {
  if (!c.x.empty()) {
    c.x.erase(c.x.begin());
    c.y.erase(c.y.begin());
  }
  return c;
}
}  // namespace

// ---- Figure 4 -------------------------------------------------------------------------------
void fig_saddle(const Ctx& ctx) {
  require_methods({"gd", "newton", "newton-plain"});
  const Saddle f;
  const double f_star = -0.25;
  // Almost on the saddle's stable manifold (the x axis): the gradient is tiny in y.
  const arma::vec x0{1.5, 0.001};
  Chart ch;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 5.0;
  ch.legend_cols = 3;
  Panel traj = trajectory_panel(f, -2, 2, -1.5, 1.5, "f = ½x² + ¼y⁴ − ½y² from (1.5, 0.001)");
  traj.xlabel = "x";
  traj.ylabel = "y";
  traj.key = "off";
  traj.contour->explicit_levels = {-0.2, -0.1, 0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 2.5};
  Panel conv;
  conv.col = 1;
  conv.title = "f(x_k) − f^* per iteration";
  conv.xlabel = "iteration k";
  conv.ylabel = "f(x_k) − f^*   (f^* = −¼)";
  conv.logy = true;
  conv.key = "off";
  struct Run {
    std::string method, label;
  };
  // GD first so that the Newton paths are drawn on top of it.
  const std::vector<Run> runs = {{"gd", "GD (η = 0.2)"}, {"newton", "modified Newton"}, {"newton-plain", "Newton (plain)"}};
  for (const Run& run : runs) {
    Hyper h;
    h.lr = 0.2;
    h.stop.max_iterations = 100;
    const Result r = run_method(run.method, f, x0, h);
    std::string label = run.label;
    if (run.method == "newton-plain" && r.converged() && std::abs(r.x(1)) < 1e-3)
      label += ": stops at the saddle";
    else if (r.converged())
      label += ": " + std::to_string(r.iterations) + " iterations";
    Curve p = path_curve(label, r.trace.path);
    Curve fc = f_curve(label, r.trace, "iteration", f_star);
    if (run.method == "newton-plain") {  // two points only: make them stand out
      p.lw = fc.lw = 3;
      p.dash = fc.dash = 2;
      p.pt = fc.pt = 5;
      p.ps = fc.ps = 1.3;
      fc.style = "linespoints";
    } else {
      p.ps = 0.8;
    }
    traj.curves.push_back(p);
    conv.curves.push_back(fc);
    ch.legend.push_back(fc);
  }
  traj.curves.push_back(marker("", 0, 0, "#000000", 2, 1.8));  // the saddle
  traj.curves.push_back(marker("", 0, 1, "#000000", 3, 1.6));
  traj.curves.push_back(marker("", 0, -1, "#000000", 3, 1.6));
  traj.labels.push_back({"saddle", 0.08, 0.12, true, "left", "#333333"});
  traj.labels.push_back({"minimum", 0.1, 1.12, true, "left", "#333333"});
  traj.labels.push_back({"minimum", 0.1, -1.12, true, "left", "#333333"});
  ch.panels = {traj, conv};
  ctx.save(ch, "fig04_saddle");
}

// ---- Figure 5 -------------------------------------------------------------------------------
void fig_rosenbrock(const Ctx& ctx) {
  require_methods({"gd-armijo", "cg-fr", "cg-pr", "lbfgs", "newton"});
  const Rosenbrock f(2);
  const arma::vec x0 = Rosenbrock::start(2);
  Chart ch;
  ch.cols = 3;
  ch.width_in = 13;
  ch.height_in = 5.2;
  ch.legend_cols = 5;
  Panel traj = trajectory_panel(f, -1.5, 1.5, -0.5, 1.5, "Trajectories from (−1.2, 1)"), by_it, by_ev;
  traj.key = "off";
  traj.contour->explicit_levels = {0.25, 1, 2.5, 5, 10, 20, 40, 80, 160, 320};
  by_it.title = "f − f^* per iteration";
  by_it.xlabel = "iteration k";
  by_ev.title = "f − f^* per function evaluation";
  by_ev.xlabel = "function + gradient evaluations";
  by_ev.col = 2;
  by_it.col = 1;
  for (Panel* p : {&by_it, &by_ev}) {
    p->ylabel = "f(x_k) − f^*";
    p->logx = p->logy = true;
    p->key = "off";
    p->yrange = std::make_pair(1e-20, 1e3);
  }

  struct Run {
    std::string method;
    int max_it;
  };
  const std::vector<Run> runs = {{"gd-armijo", ctx.quick ? 5000 : 20000}, {"cg-pr", 1000}, {"cg-fr", 1000}, {"lbfgs", 1000}, {"newton", 1000}};
  for (const Run& run : runs) {
    Hyper h;
    h.lr = 1.0;
    h.stop.max_iterations = run.max_it;
    h.stop.gtol = 1e-10;
    const Result r = run_method(run.method, f, x0, h);
    const std::string label = label_of(run.method);
    // FR and PR+ nearly coincide in 2-D (a restart every n = 2 steps): FR dashed so both show.
    const int dash = run.method == "cg-fr" ? 2 : 0;
    Curve p = thin_log(path_curve(label, r.trace.path, r.trace.path.size() <= 60));
    p.ps = 0.45;
    p.dash = dash;
    traj.curves.push_back(p);
    by_it.curves.push_back(thin_log(drop_first(f_curve(label, r.trace, "iteration", 0.0, 1e-20))));
    by_ev.curves.push_back(thin_log(f_curve(label, r.trace, "n_function", 0.0, 1e-20)));
    by_it.curves.back().dash = by_ev.curves.back().dash = dash;
    ch.legend.push_back(by_ev.curves.back());
  }
  traj.curves.push_back(marker("", 1, 1, "#000000", 3, 1.8));
  traj.curves.push_back(marker("", -1.2, 1, "#000000", 6, 1.4));
  ch.panels = {traj, by_it, by_ev};
  ctx.save(ch, "fig05_rosenbrock");
}

// ---- Figure 13 ------------------------------------------------------------------------------
void fig_lbfgs_memory(const Ctx& ctx) {
  require_methods({"lbfgs"});
  const std::vector<arma::uword> ms = {1, 3, 5, 10, 20};
  Chart ch;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 4.4;
  Panel rosen, net;
  const arma::uword n = ctx.quick ? 30 : 100;
  rosen.title = "Rosenbrock in " + std::to_string(n) + " dimensions";
  rosen.ylabel = "f(x_k) − f^*";
  net.col = 1;
  net.title = "Spirals network 2-32-32-3 (cross-entropy)";
  net.ylabel = "training loss f(θ_k)";
  for (Panel* p : {&rosen, &net}) {
    p->xlabel = "iteration k";
    p->logy = true;
    p->key = "off";
  }
  ch.legend_cols = 5;
  ch.height_in = 4.9;
  const Rosenbrock f(n);
  const auto [train, test] = standardized_split(spirals(450, 3, 1, 0.1), 0.2, 1);
  const auto mlp = make_net(train, {2, 32, 32, 3}, Activation::tanh, 0.0, "spirals");
  const arma::vec theta0 = mlp->net().init(Init::xavier, 1);
  for (std::size_t i = 0; i < ms.size(); ++i) {
    Hyper h;
    h.memory = ms[i];
    h.stop.max_iterations = ctx.quick ? 300 : 1000;
    h.stop.gtol = 1e-10;
    const std::string label = "m = " + std::to_string(ms[i]);
    const std::string color = ramp_color(i, ms.size());
    const Result r1 = run_method("lbfgs", f, Rosenbrock::start(n), h);
    Curve c1 = f_curve(label, r1.trace, "iteration", 0.0, 1e-20);
    c1.color = color;
    rosen.curves.push_back(c1);
    ch.legend.push_back(c1);
    h.stop.max_iterations = ctx.quick ? 100 : 300;
    h.stop.gtol = 1e-9;
    const Result r2 = run_method("lbfgs", *mlp, theta0, h);
    Curve c2 = trace_curve(label, r2.trace, "iteration", "f");
    c2.color = color;
    net.curves.push_back(c2);
  }
  ch.panels = {rosen, net};
  ctx.save(ch, "fig13_lbfgs_memory");
}

// ---- Figure 14 ------------------------------------------------------------------------------
void fig_levenberg_marquardt(const Ctx& ctx) {
  require_methods({"lm"});
  const auto [train, test] = house_data(200, 42);
  const auto net = make_net(train, {4, 16, 1}, Activation::tanh, 0.0, "house");
  const arma::vec theta0 = net->net().init(Init::xavier, 1);
  Chart ch;
  ch.rows = 2;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 7.6;
  Panel loss, mu, rho, rej;
  loss.ylabel = "training loss (MSE)";
  loss.logy = true;
  mu.col = 1;
  mu.title = "Damping μ used for each accepted step";
  mu.ylabel = "μ";
  mu.logy = true;
  rho.row = 1;
  rho.title = "Gain ratio ϱ = actual / predicted decrease";
  rho.ylabel = "ϱ";
  rho.yrange = std::make_pair(-0.05, 1.25);
  rho.extra = "set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb '#888888'\n";
  rej.row = 1;
  rej.col = 1;
  rej.title = "Rejected trial steps before each accepted one";
  rej.ylabel = "rejected steps";
  for (Panel* p : {&loss, &mu, &rho, &rej}) {
    p->xlabel = "accepted step k";
    p->key = "off";
  }
  Hyper h;  // the lesson's defaults: τ = 1e-3, Marquardt scaling
  h.stop.max_iterations = ctx.quick ? 60 : 150;
  h.stop.gtol = 1e-8;
  const Result r = run_method("lm", *net, theta0, h);
  const std::string label = "Levenberg–Marquardt (τ = 10^{-3}, Marquardt scaling)";
  Curve cl = trace_curve(label, r.trace, "iteration", "f");
  Curve cm = trace_curve(label, r.trace, "iteration", "mu");
  Curve cr = drop_first(trace_curve(label, r.trace, "iteration", "gain_ratio"));
  Curve cj = drop_first(trace_curve(label, r.trace, "iteration", "rejected"));
  for (Curve* c : {&cl, &cm, &cr, &cj}) c->color = method_color("lm");
  cl.lw = cm.lw = 2.5;
  cr.style = "linespoints";
  cr.ps = 0.6;
  cr.lw = 1.2;
  cj.style = "impulses";
  cj.lw = 3;
  loss.curves.push_back(cl);
  mu.curves.push_back(cm);
  rho.curves.push_back(cr);
  rej.curves.push_back(cj);
  loss.title = "Training loss, house-price network 4-16-1 (LM, τ = 10^{-3})";
  ch.panels = {loss, mu, rho, rej};
  ctx.save(ch, "fig14_levenberg_marquardt");
}

}  // namespace optlab::plots
