// Figures 6, 7, 8, 10, 15: neural networks.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <optlab/optlab.hpp>

#include "figures.hpp"
#include "observe.hpp"
#include "problems.hpp"

namespace optlab::plots {

namespace {

// A first-order run with the test accuracy of every recorded iterate (epoch).
struct Trained {
  Result r;
  std::vector<double> test_acc, work, seconds;
};

Trained train(const std::string& method, const MLPProblem& net, const arma::vec& theta0, const Hyper& h,
              const Dataset* test) {
  Observed obs(net);
  obs.full_gradient_is_work = !(h.batch_size > 0 || method == "sgd");
  Trained t;
  if (test && test->size() > 0)
    obs.on_full_gradient = [&](const arma::vec& x, double, const arma::vec&) {
      t.test_acc.push_back(net.accuracy(x, test->X, test->labels));
    };
  t.r = run_method(method, obs, theta0, h);
  t.work = obs.work_column(t.r.trace);
  t.seconds = obs.seconds_column(t.r.trace);
  return t;
}

Curve drop_first(Curve c) {
  if (!c.x.empty()) {
    c.x.erase(c.x.begin());
    c.y.erase(c.y.begin());
  }
  return c;
}

Curve series(const std::string& label, std::vector<double> x, std::vector<double> y) {
  Curve c;
  c.label = label;
  c.x = std::move(x);
  c.y = std::move(y);
  return c;
}

std::vector<double> epochs_of(std::size_t n) {
  std::vector<double> e(n);
  for (std::size_t i = 0; i < n; ++i) e[i] = static_cast<double>(i);
  return e;
}

std::vector<double> percent(std::vector<double> v) {
  for (double& x : v) x *= 100;
  return v;
}

struct Setting {
  std::string method;
  double lr = 0;
  std::string label() const {  // momentum methods run with μ = 0.9 in every figure
    if (lr <= 0) return label_of(method);
    const bool mom = method == "momentum" || method == "nesterov";
    return label_of(method) + " (η = " + fmt("%g", lr) + (mom ? ", μ = 0.9" : "") + ")";
  }
};

// Keeps the available methods; names the missing ones once (the figure is drawn without them).
std::vector<Setting> available_only(const Ctx& ctx, const std::vector<Setting>& all) {
  std::vector<Setting> out;
  std::string missing;
  for (const auto& s : all) {
    if (available(s.method)) out.push_back(s);
    else if (const MethodInfo* m = find_method(s.method); m && missing.find(m->lesson) == std::string::npos)
      missing += (missing.empty() ? "" : ", ") + m->lesson;
  }
  if (!missing.empty()) ctx.note("without lesson(s) " + missing + " (solution not built yet)");
  if (out.empty()) throw Unavailable("none of its optimizers is built yet");
  return out;
}

const std::vector<std::string> kClassDark = {"#2166ac", "#b2182b", "#1b7837"};
const std::vector<std::string> kClassLight = {"#d1e5f0", "#fddbc7", "#d9f0d3"};

}  // namespace

// ---- Figure 6 -------------------------------------------------------------------------------
void fig_house_prices(const Ctx& ctx) {
  const auto [train_set, test_set] = house_data(200, 42);
  const auto net = make_net(train_set, {4, 16, 1}, Activation::tanh, 0.0, "house");
  const arma::vec theta0 = net->net().init(Init::xavier, 1);
  const int first_order_iters = ctx.quick ? 200 : 500;
  const std::vector<Setting> all = {{"gd", 0.3},      {"sgd", 0.05},     {"momentum", 0.05}, {"nesterov", 0.05},
                                    {"adagrad", 0.1}, {"rmsprop", 0.003}, {"adam", 0.01},     {"cg-pr", 0},
                                    {"lbfgs", 0},     {"newton", 0},     {"lm", 0}};
  const auto settings = available_only(ctx, all);
  Chart ch, timing;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 6.2;
  Panel by_it, by_ev, by_t;
  by_it.title = "Training loss per iteration";
  by_it.xlabel = "iteration (epoch for SGD)";
  by_ev.title = "Training loss per gradient evaluation";
  by_ev.xlabel = "gradient evaluations [passes over the data]";
  by_ev.col = 1;
  by_t.title = "Training loss against wall time";
  by_t.xlabel = "wall time [s]";
  for (Panel* p : {&by_it, &by_ev, &by_t}) {
    p->ylabel = "training loss (MSE, standardised price)";
    p->logx = p->logy = true;
    p->key = "off";
  }
  std::vector<Curve> keys;
  for (const Setting& s : settings) {
    const MethodInfo* m = find_method(s.method);
    Hyper h;
    if (s.lr > 0) h.lr = s.lr;
    h.momentum = 0.9;
    if (s.method == "sgd") h.batch_size = 16;
    h.seed = 4;
    if (m->first_order) {
      h.stop = iterations_only(first_order_iters);
    } else {
      h.stop.max_iterations = s.method == "newton" ? (ctx.quick ? 30 : 100) : first_order_iters;
      h.stop.gtol = 1e-7;
    }
    const Trained t = train(s.method, *net, theta0, h, nullptr);
    const std::string label = s.label();
    Curve c = trace_curve(label, t.r.trace, "iteration", "f");
    by_it.curves.push_back(drop_first(c));
    std::vector<double> work = t.work;
    // LM never asks for a gradient: it evaluates one Jacobian per accepted step (the first at
    // x₀), and for a network with one output a Jacobian costs about one backward pass.
    if (m->needs_residuals)
      for (std::size_t k = 0; k < work.size(); ++k) work[k] = static_cast<double>(k + 1);
    by_ev.curves.push_back(series(label, work, c.y));
    std::vector<double> sec = t.seconds;
    for (double& v : sec) v = std::max(v, 1e-5);
    by_t.curves.push_back(drop_first(series(label, sec, c.y)));
    keys.push_back(c);
  }
  ch.panels = {by_it, by_ev};
  ch.legend = keys;
  ch.legend_cols = 3;
  ctx.save(ch, "fig06_house_prices");
  timing.width_in = 8;
  timing.height_in = 6;
  timing.panels = {by_t};
  timing.legend = keys;
  timing.legend_cols = 3;
  ctx.save(timing, "fig06_house_prices_timing");
}

// ---- Figure 7 -------------------------------------------------------------------------------
void fig_classification(const Ctx& ctx) {
  const std::vector<Setting> all = {{"sgd", 0.1},     {"momentum", 0.05}, {"nesterov", 0.05},
                                    {"adagrad", 0.1}, {"rmsprop", 0.003}, {"adam", 0.01}};
  const auto settings = available_only(ctx, all);
  const int epochs = ctx.quick ? 30 : 100;
  struct Problem2 {
    std::string title;
    Dataset train, test;
    std::vector<arma::uword> sizes;
  };
  std::vector<Problem2> problems;
  {
    auto [tr, te] = standardized_split(two_moons(300, 1, 0.25), 0.2, 1);
    problems.push_back({"Two moons", tr, te, {2, 16, 16, 2}});
  }
  {
    auto [tr, te] = standardized_split(spirals(450, 3, 1, 0.4), 0.2, 1);
    problems.push_back({"Spirals", tr, te, {2, 32, 32, 3}});
  }
  Chart curves;
  curves.rows = 2;
  curves.cols = 2;
  curves.width_in = 11;
  curves.height_in = 8.4;
  curves.legend_cols = 3;
  Chart regions;
  regions.rows = 2;
  regions.cols = static_cast<int>(settings.size());
  regions.width_in = 2.0 * static_cast<double>(settings.size());
  regions.height_in = 4.9;
  for (std::size_t pi = 0; pi < problems.size(); ++pi) {
    const Problem2& pr = problems[pi];
    const auto net = make_net(pr.train, pr.sizes, Activation::tanh, 0.0, pr.title);
    const arma::vec theta0 = net->net().init(Init::xavier, 2);
    std::string arch;
    for (std::size_t i = 0; i < pr.sizes.size(); ++i) arch += (i ? "-" : "") + std::to_string(pr.sizes[i]);
    Panel loss, acc;
    loss.row = acc.row = static_cast<int>(pi);
    acc.col = 1;
    loss.title = pr.title + " (MLP " + arch + "): training loss";
    loss.ylabel = "cross-entropy";
    loss.logy = true;
    acc.title = pr.title + ": test accuracy";
    acc.ylabel = "test accuracy [%]";
    for (Panel* p : {&loss, &acc}) {
      p->xlabel = "epoch (minibatches of 16)";
      p->key = "off";
    }

    // Decision regions on a grid around the data.
    const double pad = 0.4;
    const double xlo = pr.train.X.col(0).min() - pad, xhi = pr.train.X.col(0).max() + pad;
    const double ylo = pr.train.X.col(1).min() - pad, yhi = pr.train.X.col(1).max() + pad;
    const arma::uword G = 80;
    const arma::vec gx = arma::linspace(xlo, xhi, G), gy = arma::linspace(ylo, yhi, G);
    arma::mat grid(G * G, 2);
    for (arma::uword i = 0; i < G; ++i)
      for (arma::uword j = 0; j < G; ++j) grid.row(i * G + j) = arma::rowvec{gx(i), gy(j)};
    for (std::size_t si = 0; si < settings.size(); ++si) {
      const Setting& s = settings[si];
      Hyper h;
      h.lr = s.lr;
      h.momentum = 0.9;
      h.batch_size = 16;
      h.seed = 3;
      h.stop = iterations_only(epochs);
      const Trained t = train(s.method, *net, theta0, h, &pr.test);
      const std::string label = s.label();
      Curve cl = trace_curve(label, t.r.trace, "iteration", "f");
      loss.curves.push_back(cl);
      // From epoch 1 on: the untrained nets' accuracy would squeeze the interesting range.
      acc.curves.push_back(drop_first(series(label, epochs_of(t.test_acc.size()), percent(t.test_acc))));
      if (pi == 0) curves.legend.push_back(cl);
      // Decision regions of the trained net.
      const arma::mat Y = net->predict(t.r.x, grid);
      Image im;
      im.xs = gx;
      im.ys = gy;
      im.Z.set_size(G, G);
      for (arma::uword i = 0; i < G; ++i)
        for (arma::uword j = 0; j < G; ++j) im.Z(i, j) = static_cast<double>(Y.row(i * G + j).index_max());
      im.colors = kClassLight;
      Panel reg;
      reg.row = static_cast<int>(pi);
      reg.col = static_cast<int>(si);
      reg.title = label_of(s.method) + "\ntest " + fmt("%.0f", 100 * net->accuracy(t.r.x, pr.test.X, pr.test.labels)) + " %";
      if (si == 0) reg.ylabel = pr.title;
      reg.image = im;
      reg.equal_aspect = true;
      reg.key = "off";
      // Fixed margins: every panel gets the same size, the row label fits in the left one.
      reg.extra = "set format x ''\nset format y ''\nunset grid\nset xtics scale 0.3\nset ytics scale 0.3\n"
                  "set lmargin 3.5\nset rmargin 1\nset tmargin 3\nset bmargin 1\n";
      for (arma::uword k = 0; k < pr.train.num_classes; ++k) {
        Curve pts;
        pts.label = "class " + std::to_string(k);
        pts.style = "points";
        pts.color = kClassDark[k % kClassDark.size()];
        pts.pt = 7;
        pts.ps = 0.3;
        const arma::uvec idx = arma::find(pr.train.labels == k);
        for (arma::uword i : idx) {
          pts.x.push_back(pr.train.X(i, 0));
          pts.y.push_back(pr.train.X(i, 1));
        }
        reg.curves.push_back(pts);
      }
      regions.panels.push_back(reg);
    }
    curves.panels.push_back(loss);
    curves.panels.push_back(acc);
  }
  ctx.save(curves, "fig07_classification");
  ctx.save(regions, "fig07_decision_boundaries");
}

// ---- Figure 8 -------------------------------------------------------------------------------
void fig_fashion_mnist(const Ctx& ctx) {
  if (!fashion_mnist_available())
    throw Skip("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist: "
               "apt-get install dataset-fashion-mnist)");
  const std::vector<Setting> all = {{"sgd", 0.1}, {"momentum", 0.01}, {"rmsprop", 0.001}, {"adam", 0.001}};
  const auto settings = available_only(ctx, all);
  const arma::uword n_train = ctx.quick ? 2000 : 12000, n_test = ctx.quick ? 1000 : 5000;
  const int epochs = ctx.quick ? 3 : 12;
  const Dataset tr = fashion_mnist("train", n_train), te = fashion_mnist("test", n_test);
  const auto net = make_net(tr, {784, 64, 10}, Activation::relu, 0.0, "fashion_mnist");
  const arma::vec theta0 = net->net().init(Init::he, 1);
  Chart ch;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 4.6;
  Panel loss, acc;
  loss.title = "Training loss (" + std::to_string(n_train) + " images)";
  loss.ylabel = "cross-entropy";
  loss.logy = true;
  acc.col = 1;
  acc.title = "Test accuracy (" + std::to_string(n_test) + " held-out images)";
  acc.ylabel = "test accuracy [%]";
  for (Panel* p : {&loss, &acc}) {
    p->xlabel = "epoch (minibatches of 64)";
  }
  // The legend goes where no curve is: the top right of the loss panel (the curves fall below
  // 1 after the first epoch); in the accuracy panel it would cover the first epochs.
  loss.key = "top right";
  acc.key = "off";
  for (const Setting& s : settings) {
    Hyper h;
    h.lr = s.lr;
    h.momentum = 0.9;
    h.batch_size = 64;
    h.seed = 1;
    h.stop = iterations_only(epochs);
    const Trained t = train(s.method, *net, theta0, h, &te);
    const std::string label = s.label();
    Curve cl = trace_curve(label, t.r.trace, "iteration", "f");
    cl.style = "linespoints";
    cl.ps = 0.6;
    // Accuracy from epoch 1 on: at epoch 0 every method sits at chance level (≈ 10 %), which
    // would squeeze the differences that matter into a sliver of the axis.
    Curve ca = drop_first(series(label, epochs_of(t.test_acc.size()), percent(t.test_acc)));
    ca.style = "linespoints";
    ca.ps = 0.6;
    loss.curves.push_back(cl);
    acc.curves.push_back(ca);
  }
  ch.panels = {loss, acc};
  ctx.save(ch, "fig08_fashion_mnist");
}

// ---- Figure 10 ------------------------------------------------------------------------------
void fig_vanishing(const Ctx& ctx) {
  // A 10-hidden-layer network of width 32 on two-moons inputs, cross-entropy at the output; the
  // gradient of every layer's weights at initialisation (no training), median over 5 seeds.
  auto [tr, te] = standardized_split(two_moons(256, 1, 0.15), 0.2, 1);
  const arma::uword depth = 10, width = 32;
  std::vector<arma::uword> sizes = {2};
  for (arma::uword l = 0; l < depth; ++l) sizes.push_back(width);
  sizes.push_back(2);
  const int seeds = 5;
  auto layer_norms = [&](Activation act, Init init, double scale) {
    const auto net = make_net(tr, sizes, act, 0.0, "deep");
    std::vector<std::vector<double>> per_seed;
    for (int s = 0; s < seeds; ++s) {
      const arma::vec theta = net->net().init(init, 100 + s, scale);
      per_seed.push_back(net->net().layer_gradient_norms(net->gradient(theta)));
    }
    std::vector<double> med(per_seed[0].size());
    for (std::size_t l = 0; l < med.size(); ++l) {
      std::vector<double> v;
      for (const auto& ps : per_seed) v.push_back(ps[l]);
      std::sort(v.begin(), v.end());
      med[l] = v[v.size() / 2];
    }
    return med;
  };
  auto layers = [](std::size_t n) {
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>(i + 1);
    return x;
  };
  Chart ch;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 4.6;
  Panel acts, scales;
  acts.title = "Activation functions (standard initialisation)";
  scales.title = "Initialisation scale (ReLU, σ = c·√(2/n_{in}))";
  scales.col = 1;
  for (Panel* p : {&acts, &scales}) {
    p->xlabel = "layer l   (1 = next to the input, 11 = output)";
    p->ylabel = "‖∂C/∂W^l‖_F";
    p->logy = true;
    p->key = "top right";  // above the data: the y ranges below leave the top decades free
    p->xrange = std::make_pair(0.5, static_cast<double>(depth + 1) + 0.5);
    p->extra = "set xtics 1";
  }
  struct A {
    Activation act;
    Init init;
    std::string label, color;
  };
  acts.yrange = std::make_pair(1e-7, 1e5);
  scales.yrange = std::make_pair(1e-4, 1e7);
  const std::vector<A> as = {{Activation::sigmoid, Init::xavier, "sigmoid (Xavier init)", "#b2182b"},
                             {Activation::tanh, Init::xavier, "tanh (Xavier init)", "#762a83"},
                             {Activation::relu, Init::he, "ReLU (He init)", "#2166ac"}};
  for (const A& a : as) {
    const auto v = layer_norms(a.act, a.init, 1.0);
    Curve c = series(a.label, layers(v.size()), v);
    c.style = "linespoints";
    c.color = a.color;
    c.ps = 0.8;
    acts.curves.push_back(c);
  }
  {
    // The tutorial's other remedy ("Solutions": batch normalization): the same sigmoid network
    // with every hidden layer's pre-activations normalized over the batch before σ (lib's
    // batch_norm_forward/backward, γ = 1, β = 0), backpropagated by hand below.  The same code
    // without BN must reproduce lib's gradient norms: a check that the hand-written pass is right.
    const auto net = make_net(tr, sizes, Activation::sigmoid, 0.0, "deep");
    const MLP& mlp = net->net();
    const arma::uword L = mlp.num_layers();
    auto norms = [&](const arma::vec& theta, bool bn) {
      std::vector<arma::mat> A_prev(L + 1), Zh(L + 1);
      std::vector<BatchNormCache> cache(L + 1);
      arma::mat A = tr.X;
      for (arma::uword l = 1; l <= L; ++l) {
        A_prev[l] = A;
        arma::mat Z = A * mlp.W(theta, l);
        Z.each_row() += mlp.b(theta, l).t();
        if (l == L) {
          A = Z;  // logits (identity output)
          break;
        }
        Zh[l] = bn ? batch_norm_forward(Z, 1e-5, cache[l]) : Z;
        A = activate(Activation::sigmoid, Zh[l]);
      }
      arma::mat dZ = loss_gradient(net->loss(), A, tr.T);
      std::vector<double> out(L);
      for (arma::uword l = L; l >= 1; --l) {
        out[l - 1] = arma::norm(A_prev[l].t() * dZ, "fro");
        if (l == 1) break;
        const arma::mat dA = dZ * mlp.W(theta, l).t();
        const arma::mat dZh = dA % activate_d1(Activation::sigmoid, Zh[l - 1]);
        dZ = bn ? batch_norm_backward(dZh, cache[l - 1]) : dZh;
      }
      return out;
    };
    std::vector<std::vector<double>> per_seed;
    for (int s = 0; s < seeds; ++s) {
      const arma::vec theta = mlp.init(Init::xavier, 100 + s, 1.0);
      const std::vector<double> plain = norms(theta, false), lib = mlp.layer_gradient_norms(net->gradient(theta));
      for (arma::uword l = 0; l < L; ++l)
        if (std::abs(plain[l] - lib[l]) > 1e-10 * lib[l])
          throw std::runtime_error("fig10: hand-written backprop disagrees with lib at layer " + std::to_string(l + 1));
      per_seed.push_back(norms(theta, true));
    }
    std::vector<double> med(L);
    for (arma::uword l = 0; l < L; ++l) {
      std::vector<double> v;
      for (const auto& ps : per_seed) v.push_back(ps[l]);
      std::sort(v.begin(), v.end());
      med[l] = v[v.size() / 2];
    }
    Curve c = series("sigmoid + batch norm", layers(med.size()), med);
    c.style = "linespoints";
    c.color = "#b2182b";
    c.dash = 2;
    c.ps = 0.8;
    acts.curves.push_back(c);
  }
  const std::vector<double> cs = {0.5, 0.8, 1.0, 1.25, 1.5};
  for (std::size_t i = 0; i < cs.size(); ++i) {
    const auto v = layer_norms(Activation::relu, Init::he, cs[i]);
    Curve c = series("c = " + fmt("%g", cs[i]) + (cs[i] == 1.0 ? " (He)" : ""), layers(v.size()), v);
    c.style = "linespoints";
    c.color = ramp_color(i, cs.size());
    c.ps = 0.8;
    scales.curves.push_back(c);
  }
  ch.panels = {acts, scales};
  ctx.save(ch, "fig10_vanishing");
}

// ---- Figure 15 ------------------------------------------------------------------------------
void fig_hessian_spectrum(const Ctx& ctx) {
  auto [tr, te] = standardized_split(two_moons(200, 1, 0.15), 0.2, 1);
  // A little L2 makes the trained point a true local minimum (cross-entropy alone keeps
  // decreasing as the weights grow on separable data).
  const double l2 = 1e-4;
  const auto net = make_net(tr, {2, 8, 8, 2}, Activation::tanh, l2, "moons_small");
  const arma::vec theta0 = net->net().init(Init::xavier, 1);
  arma::vec theta1;
  std::string how;
  if (available("lbfgs")) {
    Hyper h;
    h.stop.max_iterations = ctx.quick ? 2000 : 5000;
    h.stop.gtol = 1e-9;
    theta1 = run_method("lbfgs", *net, theta0, h).x;
    how = "after training (L-BFGS to ‖g‖ ≈ 0)";
  } else {
    // lib's driver with a plain gradient step: slower, but needs no lesson.
    DriverOptions d;
    d.stop = iterations_only(ctx.quick ? 5000 : 20000);
    theta1 = run_update_rule(
                 *net, theta0, [](arma::vec& x, const arma::vec& g, long, const GradientOracle&) { x -= 0.5 * g; }, d, "gd")
                 .x;
    how = "after training (gradient descent)";
    ctx.note("lesson 11 (L-BFGS) not built: trained with plain gradient descent instead");
  }
  Chart ch;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 4.6;
  const std::size_t P = net->dim();
  int col = 0;
  for (const auto& [theta, title] : {std::pair{theta0, std::string("at initialisation")}, std::pair{theta1, how}}) {
    const arma::mat H = net->hessian(theta);
    const arma::vec lam = arma::eig_sym(0.5 * (H + H.t()));  // ascending
    // Sorted by magnitude, largest first; sign shown by the marker.  Eigenvalues within rounding
    // of zero (|λ| ≤ 1e-10·max|λ|) are neither positive nor negative: they are counted apart.
    const arma::uvec order = arma::sort_index(arma::abs(lam), "descend");
    const double zero_tol = 1e-10 * arma::abs(lam).max();
    Curve pos, neg;
    pos.label = "λ > 0";
    neg.label = "λ < 0  (plotted: |λ|)";
    pos.style = neg.style = "points";
    pos.color = "#2166ac";
    neg.color = "#b2182b";
    pos.pt = 7;
    neg.pt = 6;
    pos.ps = neg.ps = 0.7;
    int n_neg = 0, n_zero = 0;
    double min_pos = INFINITY;
    for (arma::uword i = 0; i < order.n_elem; ++i) {
      const double v = lam(order(i));
      if (std::abs(v) <= zero_tol) {
        ++n_zero;
        continue;
      }
      Curve& c = v > 0 ? pos : neg;
      c.x.push_back(static_cast<double>(i + 1));
      c.y.push_back(std::abs(v));
      if (v < 0) ++n_neg;
      if (v > 0) min_pos = std::min(min_pos, v);
    }
    Panel p;
    p.col = col++;
    p.title = "Hessian eigenvalues " + title;
    p.xlabel = "eigenvalue rank (by |λ|)";
    p.ylabel = "|λ_i|";
    p.logy = true;
    p.key = "top right";
    p.yrange = std::make_pair(1e-10, 1e2);  // room under the smallest |λ| for the three notes
    p.curves = {pos, neg};
    std::string counts = std::to_string(P) + " parameters: " + std::to_string(n_neg) + " negative eigenvalues";
    if (n_zero) counts += ", " + std::to_string(n_zero) + " zero";
    p.labels.push_back({counts, 0.04, 0.23, false, "left", "#333333"});
    p.labels.push_back({"λ_{max} = " + fmt("%.3g", lam.max()) +
                            (n_neg ? ",  most negative λ = " + fmt("%.3g", lam.min()) : ",  smallest λ > 0: " + fmt("%.2g", min_pos)),
                        0.04, 0.145, false, "left", "#333333"});
    p.labels.push_back({"κ = λ_{max}/λ^+_{min} = " + fmt("%.1e", lam.max() / min_pos), 0.04, 0.06, false, "left", "#333333"});
    ch.panels.push_back(p);
  }
  ctx.save(ch, "fig15_hessian_spectrum");
}

}  // namespace optlab::plots
