// Figures for chapter concepts that are not an optimizer comparison: the activation functions
// (the tutorial's perceptron/step and sigmoid, seed 001's ReLU) and the risk of overfitting.
#include <armadillo>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <optlab/optlab.hpp>

#include "figures.hpp"
#include "observe.hpp"
#include "problems.hpp"

namespace optlab::plots {

namespace {

Curve xy(const std::string& label, const arma::vec& x, const arma::vec& y, const std::string& color, int dash = 0) {
  Curve c;
  c.label = label;
  c.x = arma::conv_to<std::vector<double>>::from(x);
  c.y = arma::conv_to<std::vector<double>>::from(y);
  c.color = color;
  c.dash = dash;
  return c;
}

}  // namespace

void fig_activations(const Ctx& ctx) {
  // g and g' on a grid that contains z = 0 exactly (the kinks of step and ReLU sit there).
  const arma::vec z = arma::linspace(-4.0, 4.0, 801);
  struct Act {
    Activation a;
    std::string label, color;
  };
  const std::vector<Act> acts = {{Activation::step, "step (perceptron)", "#000000"},
                                 {Activation::sigmoid, "sigmoid σ", "#0072B2"},
                                 {Activation::tanh, "tanh", "#009E73"},
                                 {Activation::relu, "ReLU", "#D55E00"},
                                 {Activation::leaky_relu, "leaky ReLU", "#CC79A7"},
                                 {Activation::softplus, "softplus", "#E69F00"}};
  Chart ch;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 4.6;
  ch.legend_cols = 3;
  Panel g, d;
  g.title = "Activation g(z)";
  g.ylabel = "g(z)";
  g.yrange = std::make_pair(-1.5, 4.0);
  d.title = "Derivative g'(z): the factor backpropagation multiplies by";
  d.ylabel = "g'(z)";
  d.yrange = std::make_pair(-0.1, 1.2);
  d.col = 1;
  for (Panel* p : {&g, &d}) {
    p->xlabel = "z = wᵀx + b";
    p->key = "off";
  }
  for (const Act& a : acts) {
    const arma::mat Z(z);
    Curve cg = xy(a.label, z, arma::vec(activate(a.a, Z)), a.color);
    // Leaky ReLU (slope 0.01) lies on top of ReLU: dashed, so that ReLU shows through.
    const int dash = a.a == Activation::step || a.a == Activation::leaky_relu ? 2 : 0;
    Curve cd = xy(a.label, z, arma::vec(activate_d1(a.a, Z)), a.color, dash);
    cg.dash = a.a == Activation::leaky_relu ? 2 : 0;
    // The step jumps at 0: draw it as steps, not as a steep line through the jump.
    if (a.a == Activation::step) cg.style = "steps";
    g.curves.push_back(cg);
    d.curves.push_back(cd);
    ch.legend.push_back(cg);
  }
  d.labels.push_back({"sigmoid: σ' ≤ ¼", 0.03, 0.80, false, "left", "#0072B2"});
  d.labels.push_back({"step: g' = 0", 0.03, 0.70, false, "left", "#000000"});
  ch.panels = {g, d};
  ctx.save(ch, "fig16_activations");
}

void fig_overfitting(const Ctx& ctx) {
  require_methods({"adam"});
  // Few noisy points, many parameters: a 1-64-64-1 tanh network (4,289 parameters) on 20
  // samples of y = sin(2πx)e^{−x} + noise, tested on 400 fresh samples of the same curve.
  const double noise = 0.15;
  const Dataset train = curve_1d(20, 3, noise);
  const Dataset test = curve_1d(400, 4, noise);
  const int iters = ctx.quick ? 1500 : 6000;
  const MLP net = MLP::make({1, 64, 64, 1}, Activation::tanh);
  const arma::vec theta0 = net.init(Init::xavier, 1);
  // Data-only losses (no L2 term), so that runs with and without weight decay compare.
  const MLPProblem train_mse(net, train.X, train.T, Loss::mse, 0.0, "curve_train");
  const MLPProblem test_mse(net, test.X, test.T, Loss::mse, 0.0, "curve_test");

  struct Run {
    double l2;
    std::string label, color;
  };
  const std::vector<Run> runs = {{0.0, "no regularisation", "#D55E00"}, {1e-3, "L2 weight decay λ = 10⁻³", "#0072B2"}};
  Chart ch;
  ch.cols = 2;
  ch.width_in = 11;
  ch.height_in = 4.8;
  ch.legend_cols = 2;
  Panel loss, fit;
  loss.title = "Training vs test loss (Adam, η = 0.01, full batch)";
  loss.xlabel = "iteration";
  loss.ylabel = "MSE (data term only)";
  loss.logx = loss.logy = true;
  loss.key = "off";
  fit.title = "The fitted functions";
  fit.xlabel = "x";
  fit.ylabel = "y";
  fit.col = 1;
  fit.key = "off";
  fit.yrange = std::make_pair(-1.2, 1.4);

  const arma::vec xs = arma::linspace(0.0, 1.0, 401);
  const arma::vec truth = arma::sin(2 * arma::datum::pi * xs) % arma::exp(-xs);
  arma::vec early_theta;
  double early_iter = 0, early_test = std::numeric_limits<double>::infinity();
  for (const Run& run : runs) {
    const MLPProblem prob(net, train.X, train.T, Loss::mse, run.l2, "curve_fit");
    Observed obs(prob);
    std::vector<double> it, tr, te;
    arma::vec best_theta = theta0;
    double best_test = std::numeric_limits<double>::infinity(), best_iter = 0;
    obs.on_full_gradient = [&](const arma::vec& x, double, const arma::vec&) {
      const double k = static_cast<double>(it.size());
      it.push_back(k);
      tr.push_back(train_mse.value(x));
      te.push_back(test_mse.value(x));
      if (te.back() < best_test) {
        best_test = te.back();
        best_theta = x;
        best_iter = k;
      }
    };
    Hyper h;
    h.lr = 0.01;
    h.stop = iterations_only(iters);
    const Result r = run_method("adam", obs, theta0, h);
    // Iteration 0 does not fit a log axis: start the curves at iteration 1.
    std::vector<double> it1(it.begin() + 1, it.end()), tr1(tr.begin() + 1, tr.end()), te1(te.begin() + 1, te.end());
    Curve ctr;
    ctr.label = run.label + ": training";
    ctr.x = it1;
    ctr.y = tr1;
    ctr.color = run.color;
    Curve cte = ctr;
    cte.label = run.label + ": test";
    cte.y = te1;
    cte.dash = 2;
    loss.curves.push_back(thin_log(ctr));
    loss.curves.push_back(thin_log(cte));
    ch.legend.push_back(ctr);
    ch.legend.push_back(cte);
    fit.curves.push_back(xy(run.label, xs, arma::vec(prob.predict(r.x, arma::mat(xs)).col(0)), run.color));
    if (run.l2 == 0.0) {
      early_theta = best_theta;
      early_iter = best_iter;
      early_test = best_test;
    }
  }
  // Early stopping: the unregularised run at its lowest test loss.
  Curve stop_mark = marker("early stopping (lowest test loss)", early_iter, early_test, "#000000", 9, 1.8);
  loss.curves.push_back(stop_mark);
  ch.legend.push_back(stop_mark);
  Curve early_fit = xy("early-stopped network", xs, arma::vec(net.forward(early_theta, arma::mat(xs)).col(0)), "#000000", 3);
  fit.curves.push_back(early_fit);
  ch.legend.push_back(early_fit);
  Curve truth_c = xy("true function sin(2πx)·exp(−x)", xs, truth, "#777777", 2);
  truth_c.lw = 1.5;
  fit.curves.push_back(truth_c);
  ch.legend.push_back(truth_c);
  Curve pts = xy("20 training points", train.X.col(0), train.T.col(0), "#000000");
  pts.style = "points";
  pts.ps = 0.9;
  fit.curves.push_back(pts);
  ch.legend.push_back(pts);
  ch.panels = {loss, fit};
  ctx.save(ch, "fig17_overfitting");
}

}  // namespace optlab::plots
