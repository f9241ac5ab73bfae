// Figures 1, 2, 3, 9, 11, 12: first-order methods (lessons 03–08).
#include <cmath>
#include <cstdio>

#include <optlab/optlab.hpp>

#include "figures.hpp"
#include "observe.hpp"
#include "problems.hpp"

namespace optlab::plots {

// ---- Figure 1 -------------------------------------------------------------------------------
void fig_gd_step_sizes(const Ctx& ctx) {
  require_methods({"gd"});
  const Quadratic f = Quadratic::valley();
  const arma::vec x0{-4.5, 1.5};
  struct Case {
    double alpha;
    std::string what, color;
  };
  const std::vector<Case> cases = {{0.05, "too small", ramp_color(0, 4)},
                                   {0.25, "1/L", ramp_color(1, 4)},
                                   {0.48, "near 2/L: zigzag", ramp_color(2, 4)},
                                   {0.52, "> 2/L: diverges", "#b2182b"}};
  Chart ch;
  ch.rows = 2;
  ch.cols = 3;
  ch.width_in = 12;
  ch.height_in = 5.6;
  Panel conv;
  conv.row = 0, conv.col = 2, conv.rowspan = 2;
  conv.title = "f(x_k) per iteration";
  conv.xlabel = "iteration k";
  conv.ylabel = "f(x_k)   (f^* = 0)";
  conv.logy = true;
  conv.key = "bottom left";
  conv.extra = "set xtics 10";
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    Hyper h;
    h.lr = c.alpha;
    h.stop = iterations_only(40);
    const Result r = run_method("gd", f, x0, h);
    const std::string label = "α = " + fmt("%g", c.alpha) + " (" + c.what + ")";
    Panel p = trajectory_panel(f, -5, 5, -2.5, 2.5, label);
    p.row = static_cast<int>(i / 2);
    p.col = static_cast<int>(i % 2);
    p.key = "off";
    Curve path = path_curve(label, r.trace.path);
    path.color = c.color;
    p.curves.push_back(path);
    p.curves.push_back(marker("start", x0(0), x0(1), "#000000", 6, 1.4));
    p.curves.push_back(marker("minimum", 0, 0, "#000000", 3, 1.6));
    ch.panels.push_back(p);
    Curve fc = f_curve("α = " + fmt("%g", c.alpha), r.trace, "iteration", 0.0);
    fc.color = c.color;
    conv.curves.push_back(fc);
  }
  ch.panels.push_back(conv);
  ctx.save(ch, "fig01_gd_step_sizes");
}

// ---- Figure 2 -------------------------------------------------------------------------------
void fig_momentum(const Ctx& ctx) {
  require_methods({"gd", "momentum", "nesterov"});
  const Quadratic f = Quadratic::valley();
  const arma::vec x0{-4.5, 1.5};
  // Same η for all three; μ = 0.6 keeps Nesterov inside its stability region (ηλ_max < 2(1+μ)/(1+2μ)).
  const double eta = 0.3, mu = 0.6;
  const int iters = 40;
  Chart ch;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 4.0;
  Panel traj = trajectory_panel(f, -5, 5, -2.5, 2.5, "Trajectories (" + std::to_string(iters) + " steps)");
  traj.key = "off";
  Panel conv;
  conv.col = 1;
  conv.title = "f(x_k) per iteration";
  conv.xlabel = "iteration k";
  conv.ylabel = "f(x_k)   (f^* = 0)";
  conv.logy = true;
  conv.key = "off";
  ch.height_in = 4.6;
  ch.legend_cols = 3;
  for (const std::string m : {"gd", "momentum", "nesterov"}) {
    Hyper h;
    h.lr = eta;
    h.momentum = mu;
    h.stop = iterations_only(iters);
    const Result r = run_method(m, f, x0, h);
    const std::string label = m == "gd" ? "GD (η = " + fmt("%g", eta) + ")"
                                        : label_of(m) + " (η = " + fmt("%g", eta) + ", μ = " + fmt("%g", mu) + ")";
    traj.curves.push_back(path_curve(label, r.trace.path));
    conv.curves.push_back(f_curve(label, r.trace, "iteration", 0.0));
    ch.legend.push_back(conv.curves.back());
  }
  traj.curves.push_back(marker("", 0, 0, "#000000", 3, 1.6));
  ch.panels = {traj, conv};
  ctx.save(ch, "fig02_momentum");
}

// ---- Figure 3 -------------------------------------------------------------------------------
void fig_adaptive(const Ctx& ctx) {
  require_methods({"adagrad", "rmsprop", "adam"});
  struct Setting {
    std::string method;
    double lr;
    std::optional<double> rho;
  };
  Chart ch;
  ch.rows = 2;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 8.2;
  auto add = [&](int row, const Objective& f, const arma::vec& x0, double bx0, double bx1, double by0, double by1,
                 const std::string& name, int iters, const std::vector<Setting>& settings, const arma::vec& xmin) {
    Panel traj = trajectory_panel(f, bx0, bx1, by0, by1, name + ": trajectories");
    traj.row = row;
    traj.key = "off";
    if (name == "Rosenbrock") traj.contour->explicit_levels = {0.5, 2, 5, 10, 25, 50, 100, 200, 400, 800};
    Panel conv;
    conv.row = row;
    conv.col = 1;
    conv.title = name + ": f(x_k) per iteration";
    conv.xlabel = "iteration k";
    conv.ylabel = "f(x_k)   (f^* = 0)";
    conv.logy = true;
    conv.key = "top right";  // the curves have left that corner by then
    for (const Setting& s : settings) {
      Hyper h;
      h.lr = s.lr;
      h.rho = s.rho;
      h.stop = iterations_only(iters);
      const Result r = run_method(s.method, f, x0, h);
      std::string label = label_of(s.method) + " (η = " + fmt("%g", s.lr) + (s.rho ? ", ρ = " + fmt("%g", *s.rho) : "") + ")";
      traj.curves.push_back(path_curve(label, r.trace.path, iters <= 100));
      conv.curves.push_back(f_curve(label, r.trace, "iteration", 0.0));
    }
    traj.curves.push_back(marker("", xmin(0), xmin(1), "#000000", 3, 1.6));
    traj.curves.push_back(marker("", x0(0), x0(1), "#000000", 6, 1.4));
    ch.panels.push_back(traj);
    ch.panels.push_back(conv);
  };
  const Quadratic valley = Quadratic::valley();
  add(0, valley, arma::vec{-4.5, 1.5}, -5, 5, -2.5, 2.5, "Valley", 60,
      {{"adagrad", 0.8, {}}, {"rmsprop", 0.1, 0.9}, {"adam", 0.3, {}}}, arma::vec{0, 0});
  const Rosenbrock rosen(2);
  add(1, rosen, Rosenbrock::start(2), -2, 2, -1, 3, "Rosenbrock", 3000,
      {{"adagrad", 0.5, {}}, {"rmsprop", 0.003, 0.9}, {"adam", 0.02, {}}}, arma::vec{1, 1});
  ctx.save(ch, "fig03_adaptive");
}
// ---- Figure 9 -------------------------------------------------------------------------------
void fig_minibatch(const Ctx& ctx) {
  require_methods({"sgd"});
  const auto [train, test] = house_data(1000, 7);
  const auto net = make_net(train, {4, 16, 1}, Activation::tanh, 0.0, "house");
  const arma::vec theta0 = net->net().init(Init::xavier, 3);
  const arma::uword N = train.size();
  const double eta = 0.05;
  const int epochs = ctx.quick ? 15 : 40;
  Chart ch, timing;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 4.8;
  Panel by_epoch, by_update, by_time;
  by_epoch.title = "Training loss per epoch";
  by_epoch.xlabel = "epoch";
  by_update.title = "Training loss per parameter update";
  by_update.xlabel = "parameter updates";
  by_update.logx = true;
  by_update.col = 1;
  by_time.title = "Training loss against wall time (SGD, η = " + fmt("%g", eta) + ")";
  by_time.xlabel = "wall time [s]";
  for (Panel* p : {&by_epoch, &by_update, &by_time}) {
    p->ylabel = "training loss (MSE, standardised price)";
    p->logy = true;
    p->key = "off";
  }
  by_time.key = "top right";
  const std::vector<arma::uword> sizes = {1, 10, 100, N};
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const arma::uword B = sizes[i];
    Observed obs(*net);
    Hyper h;
    h.lr = eta;
    h.batch_size = B;
    h.seed = 11;
    h.stop = iterations_only(epochs);
    const Result r = run_method("sgd", obs, theta0, h);
    const std::string label = B == N ? "full batch (" + std::to_string(N) + ")" : "batch size " + std::to_string(B);
    const std::string color = ramp_color(i, sizes.size());
    Curve ce = trace_curve(label, r.trace, "iteration", "f");
    ce.color = color;
    by_epoch.curves.push_back(ce);
    ch.legend.push_back(ce);
    // Per update: from the end of the first epoch on (x₀ has no place on a log axis).
    Curve cu = ce;
    const double per_epoch = std::ceil(static_cast<double>(N) / static_cast<double>(B));
    cu.x.erase(cu.x.begin());
    cu.y.erase(cu.y.begin());
    for (double& x : cu.x) x *= per_epoch;
    cu.style = "linespoints";
    cu.ps = 0.4;
    by_update.curves.push_back(cu);
    Curve ct = ce;
    ct.x = obs.seconds_column(r.trace);
    by_time.curves.push_back(ct);
  }
  ch.panels = {by_epoch, by_update};
  ctx.save(ch, "fig09_minibatch");
  timing.width_in = 6.4;
  timing.height_in = 4.4;
  timing.panels = {by_time};
  ctx.save(timing, "fig09_minibatch_timing");
}

// ---- Figure 11 ------------------------------------------------------------------------------
void fig_clipping(const Ctx& ctx) {
  require_methods({"sgd"});
  const auto [train, test] = house_data(200, 42);
  // A deep ReLU net initialised 1.5× larger than He's scale: activations and gradients grow
  // layer by layer, so the first minibatch gradients are huge.
  const auto net = make_net(train, {4, 32, 32, 32, 32, 1}, Activation::relu, 0.0, "house");
  const arma::vec theta0 = net->net().init(Init::he, 5, 1.5);
  const double eta = 0.05;
  const int epochs = ctx.quick ? 40 : 100;
  Chart ch;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 4.2;
  Panel loss, grad;
  loss.title = "Training loss (SGD, η = " + fmt("%g", eta) + ", batch 16)";
  loss.ylabel = "training loss (MSE)";
  grad.title = "Full gradient norm ‖∇f(θ_k)‖";
  grad.ylabel = "‖∇f‖_2";
  grad.col = 1;
  for (Panel* p : {&loss, &grad}) {
    p->xlabel = "epoch";
    p->logy = true;
    p->key = "off";
  }
  ch.height_in = 4.8;
  const std::vector<double> clips = {0, 10, 3, 1};
  for (std::size_t i = 0; i < clips.size(); ++i) {
    Hyper h;
    h.lr = eta;
    h.batch_size = 16;
    h.seed = 2;
    h.clip = clips[i];
    h.stop = iterations_only(epochs);
    const Result r = run_method("sgd", *net, theta0, h);
    std::string label = clips[i] == 0 ? "no clipping" : "clip at ‖g‖ ≤ " + fmt("%g", clips[i]);
    const std::string color = clips[i] == 0 ? "#b2182b" : ramp_color(i - 1, clips.size() - 1);
    if (clips[i] == 0 && r.status == Status::non_finite) label += " (NaN in epoch " + std::to_string(r.trace.rows.size() - 1) + ")";
    Curve cl = trace_curve(label, r.trace, "iteration", "f");
    Curve cg = trace_curve(label, r.trace, "iteration", "grad_norm");
    cl.color = cg.color = color;
    if (r.trace.rows.size() < 4) {  // a run that blew up at once: show its points
      cl.style = cg.style = "linespoints";
      cl.pt = cg.pt = 5;
      cl.ps = cg.ps = 1.2;
    }
    loss.curves.push_back(cl);
    grad.curves.push_back(cg);
    ch.legend.push_back(cl);
  }
  ch.panels = {loss, grad};
  ctx.save(ch, "fig11_clipping");
}

// ---- Figure 12 ------------------------------------------------------------------------------
void fig_schedules(const Ctx& ctx) {
  require_methods({"sgd"});
  // Linear regression (a network without hidden layer): convex, and f* is known exactly from
  // the least-squares solution, so the noise floor of constant-η SGD shows as f − f*.
  const auto [train, test] = house_data(200, 42);
  const auto net = make_net(train, {4, 1}, Activation::identity, 0.0, "house_linear");
  arma::mat A = arma::join_rows(train.X, arma::ones(train.size()));
  const arma::vec w = arma::solve(A, train.T.col(0));
  const double f_star = arma::mean(arma::square(A * w - train.T.col(0)));
  const arma::vec theta0 = net->net().init(Init::xavier, 1);
  const int epochs = 100;
  struct Sched {
    std::string kind, label;
    double gamma = 0.5, decay = 0.0;
    int step = 20;
  };
  const std::vector<Sched> scheds = {{"constant", "constant η = 0.05"},
                                     {"step", "step decay: ×½ every 20 epochs", 0.5, 0.0, 20},
                                     {"inverse_time", "1/t decay: η₀/(1 + 0.01t)", 0.5, 0.01},
                                     {"inverse_time", "1/t decay: η₀/(1 + 0.05t)", 0.5, 0.05}};
  Chart ch;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 4.2;
  Panel gap, rate;
  gap.title = "Linear regression, SGD with batch size 4";
  gap.ylabel = "f(θ_k) − f^*";
  gap.key = "off";
  rate.title = "Learning rate of each epoch's last update";
  rate.ylabel = "η";
  rate.col = 1;
  rate.key = "off";
  ch.height_in = 4.8;
  ch.legend_cols = 2;
  for (Panel* p : {&gap, &rate}) {
    p->xlabel = "epoch";
    p->logy = true;
  }
  for (std::size_t i = 0; i < scheds.size(); ++i) {
    Hyper h;
    h.lr = 0.05;
    h.batch_size = 4;
    h.seed = 9;
    h.schedule = scheds[i].kind;
    h.gamma = scheds[i].gamma;
    h.step_epochs = scheds[i].step;
    h.decay = scheds[i].decay;
    h.stop = iterations_only(epochs);
    const Result r = run_method("sgd", *net, theta0, h);
    Curve cg = f_curve(scheds[i].label, r.trace, "iteration", f_star);
    Curve cr = trace_curve(scheds[i].label, r.trace, "iteration", "alpha");
    cg.color = cr.color = ramp_color(i, scheds.size());
    gap.curves.push_back(cg);
    rate.curves.push_back(cr);
    ch.legend.push_back(cg);
  }
  ch.panels = {gap, rate};
  ctx.save(ch, "fig12_schedules");
}

}  // namespace optlab::plots
