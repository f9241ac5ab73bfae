// optlab_figures: regenerates every comparison figure of the chapter from the solutions track.
//   ./lab plots [--quick] [--only 1,5,rosenbrock] [--list]
// One progress line per figure; a figure whose lesson or data set is missing is skipped with a
// message naming it; the gallery plots/out/index.html shows everything with captions.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>

#include "figures.hpp"

// OpenBLAS reads OPENBLAS_NUM_THREADS when it loads; ./lab sets it, and this catches a direct
// run: one thread makes every BLAS sum happen in the same order, so the CSVs are reproducible.
extern "C" void openblas_set_num_threads(int) __attribute__((weak));

namespace optlab::plots {

namespace {
std::vector<std::string>* g_written = nullptr;
std::vector<std::string> g_notes;  // printed under the figure's progress line
}  // namespace

void Ctx::note(const std::string& msg) const { g_notes.push_back(msg); }

void Ctx::save(const Chart& c, const std::string& base) const {
  save_chart(c, path(base));
  if (g_written) g_written->push_back(base);
}

StopOptions iterations_only(int n) {
  StopOptions s;
  s.max_iterations = n;
  s.gtol = 0;
  s.ftol = 0;
  s.xtol = 0;
  return s;
}

Curve f_curve(const std::string& label, const Trace& t, const std::string& xcol, double f_star, double floor) {
  Curve c = trace_curve(label, t, xcol, "f", std::isfinite(f_star) ? f_star : 0.0);
  if (std::isfinite(f_star)) c.y = floor_at(c.y, floor);
  return c;
}

const std::vector<FigureDef>& figure_registry() {
  static const std::vector<FigureDef> reg = {
      {1, "gd_step_sizes", "Gradient descent: the step size decides everything",
       {{"fig01_gd_step_sizes",
         "Gradient descent θ ← θ − α∇f(θ) (chapter §5) on the valley f = 0.1x₁² + 2x₂², 40 iterations from "
         "(−4.5, 1.5). The largest curvature is L = 4, so GD is stable only for α &lt; 2/L = 0.5. α = 0.05 is too "
         "small and crawls; α = 1/L = 0.25, the textbook safe step, converges steadily; α = 0.48 zigzags across the "
         "steep direction yet converges fastest here (for a quadratic the best fixed step is 2/(μ+L) ≈ 0.48, right "
         "next to the edge); α = 0.52 &gt; 2/L makes the zigzag grow and f explode. Solution of lesson 03."}},
       fig_gd_step_sizes},
      {2, "momentum", "Momentum and Nesterov in the valley",
       {{"fig02_momentum",
         "The valley of tutorial slide 'Challenge: valleys' (an ill-conditioned Hessian, κ = 20), 40 steps with the "
         "same η = 0.3. GD shrinks the error along the flat floor by only 6 % per step and crawls; momentum (slide "
         "'Solution: momentum': v ← μv − η∇f, θ ← θ + v, here μ = 0.6) keeps the velocity built up along the floor "
         "and converges several times faster, overshooting back and forth; Nesterov takes the gradient at the "
         "look-ahead point θ + μv and damps those oscillations. Solutions of lessons 03 and 05."}},
       fig_momentum},
      {3, "adaptive", "AdaGrad, RMSProp and Adam",
       {{"fig03_adaptive",
         "Per-coordinate step sizes (tutorial slides 'Solution: AdaGrad' and 'Solution: RMSProp'; Adam adds momentum "
         "and bias correction). Top: the valley f = 0.1x₁² + 2x₂², 60 iterations from (−4.5, 1.5) — dividing by the "
         "root of the squared gradients equalises the two directions, so all three head for the minimum instead of "
         "zigzagging; Adam's momentum makes it overshoot and circle in. Bottom: Rosenbrock from (−1.2, 1), 3000 "
         "iterations — AdaGrad's accumulated squares keep shrinking its steps and RMSProp's normalised steps stay "
         "about η long, so both crawl along the curved valley, while Adam's momentum carries it to the minimum (1, 1). "
         "Solutions of lessons 06–08."}},
       fig_adaptive},
      {4, "saddle", "Newton's method near a saddle point",
       {{"fig04_saddle",
         "f(x, y) = ½x² + ¼y⁴ − ½y² has a saddle at the origin (Hessian diag(1, −1)) and minima at (0, ±1) with "
         "f = −¼ (tutorial slide 'Local minima and saddle points'); every run starts at (1.5, 0.001), next to the "
         "saddle's stable direction. Plain Newton solves Hp = −g and lands on the saddle in one step, where the "
         "gradient test reports convergence: a stationary point is all Newton looks for. Modified Newton (Cholesky "
         "with added multiple of the identity, N&amp;W Alg. 3.3) turns the negative curvature into a descent "
         "direction and reaches a minimum in 3 iterations. GD escapes too, but slowly: near the saddle the gradient "
         "in y is tiny and grows only by the factor 1 + η per step. Solutions of lessons 03 and 09."}},
       fig_saddle},
      {5, "rosenbrock", "Second-order and quasi-Newton methods on Rosenbrock",
       {{"fig05_rosenbrock",
         "Rosenbrock's banana valley from (−1.2, 1): f − f* against iterations and against function evaluations "
         "(values + gradients; modified Newton also evaluates one Hessian per iteration, not counted here). The "
         "families of chapter §6: GD with Armijo backtracking from α₀ = 1 (first order) needs about 20 000 "
         "iterations — Armijo accepts any step with enough decrease, even the long one that jumps across the "
         "valley early on; nonlinear CG (Fletcher–Reeves, Polak–Ribière+) and L-BFGS (quasi-second order) need "
         "30–40; modified Newton (second order) about 20, with quadratic convergence at the end. "
         "Solutions of lessons 03, 09, 10 and 11."}},
       fig_rosenbrock},
      {6, "house_prices", "Every optimizer on the house-price network",
       {{"fig06_house_prices",
         "The chapter's example (§2 and §4): an MLP 4-16-1 (tanh) maps (rooms, area, house type, distance to the "
         "station) to the price, trained by minimising the MSE on 160 houses (features and price standardised), "
         "every optimizer of the lab from the same initial weights. Left: training loss per iteration (one epoch = "
         "one iteration for SGD with minibatches of 16). Right: against gradient evaluations counted in passes over "
         "the data, so minibatches and full batches share one axis (Nesterov pays two gradients per step, one at "
         "the look-ahead point; LM counts one Jacobian per accepted step; Newton's Hessians are not counted). "
         "Solutions of lessons 03–12."},
        {"fig06_house_prices_timing",
         "The same runs against wall time (machine-dependent: these data are in the _timing CSV and change from run "
         "to run). Modified Newton wins per iteration but pays for a 97×97 Hessian and its Cholesky factorisation "
         "at every step."}},
       fig_house_prices},
      {7, "classification", "Classification: two moons and spirals",
       {{"fig07_classification",
         "Cross-entropy training (chapter §4) of MLPs on noisy two moons (2-16-16-2, tanh, 240 training points) and "
         "three spirals (2-32-32-3, tanh, 360 points) with minibatches of 16: training loss and accuracy on the "
         "held-out 20 % per epoch for the first-order methods of chapter §6, each with its usual learning rate "
         "(momentum and Nesterov with μ = 0.9). Solutions of lessons 04–08."},
        {"fig07_decision_boundaries",
         "Decision regions of the networks of the figure above after their last epoch, training points on top "
         "(colour = class): every optimizer finds a boundary that follows the data; they differ in the details "
         "where there are no data."}},
       fig_classification},
      {8, "fashion_mnist", "Fashion-MNIST",
       {{"fig08_fashion_mnist",
         "Real data (Debian's dataset-fashion-mnist): an MLP 784-64-10 (ReLU, He initialisation) on 28×28 images of "
         "clothing, minibatches of 64, cross-entropy. Training loss and test accuracy on held-out images (numbers in "
         "the panel titles; <code>--quick</code> uses fewer) per epoch for SGD, momentum, RMSProp and Adam with "
         "their common learning rates; chance level is 10 %. Solutions of lessons 04, 05, 07 and 08."}},
       fig_fashion_mnist},
      {9, "minibatch", "Minibatch size",
       {{"fig09_minibatch",
         "SGD with η = 0.05 on the house-price network (800 training houses) with batch sizes 1, 10, 100 and the "
         "full batch (tutorial slides 'Challenge: large number of samples' and 'Stochastic gradient descent'). Per "
         "epoch, small batches make many cheap, noisy updates and get ahead; per update, the full batch makes the "
         "best (exact) steps. Solution of lesson 04."},
        {"fig09_minibatch_timing",
         "The same runs against wall time (d2l style; machine-dependent, data in the _timing CSV). An epoch costs "
         "the most with batch size 1 (one small update per example, each paying the per-update overhead) and a "
         "full-batch step the most per update; a moderate batch (here 10) reaches a low loss first, the trade-off "
         "between cheap noisy updates and vectorised exact ones."}},
       fig_minibatch},
      {10, "vanishing", "Vanishing and exploding gradients",
       {{"fig10_vanishing",
         "Tutorial slides 'Challenge: unstable gradients', 'Vanishing gradients' and 'Exploding gradients': the norm "
         "‖∂C/∂Wˡ‖ of each layer's weight gradient in a network with 10 hidden layers of width 32 on two-moons "
         "inputs, at initialisation, median over 5 seeds. Left: every sigmoid layer multiplies the backpropagated "
         "error by σ' ≤ ¼, so the first layers get a million times less gradient than the last; tanh with Xavier "
         "and ReLU with He initialisation keep it level. Dashed: the same sigmoid network with batch "
         "normalization of every hidden layer's pre-activations (the slide's other remedy; lib's "
         "batch_norm_forward/backward, no learned scale or shift): renormalising each layer's inputs to σ keeps σ' "
         "near its maximum ¼ and the gradient within an order of magnitude from the output to the first layer. "
         "Right: scaling He's standard deviation by c multiplies the "
         "gradient by about c per layer — it vanishes for c &lt; 1 and explodes for c &gt; 1."}},
       fig_vanishing},
      {11, "clipping", "Gradient clipping",
       {{"fig11_clipping",
         "An exploding run: a ReLU network with 4 hidden layers of 32 on the house prices, initialised 1.5× He's "
         "scale, SGD with η = 0.05 and minibatches of 16. Without clipping the first minibatch gradients are huge, "
         "the first updates overshoot and the loss becomes NaN within the first epoch; clipping each minibatch "
         "gradient to norm c (tutorial slide 'Solutions': gradient clipping) bounds every step by ηc and the same "
         "run trains — too tight a bound (c = 1) trains slowly. Right: the full gradient norm per epoch. "
         "Solution of lesson 04."}},
       fig_clipping},
      {12, "schedules", "Learning-rate schedules for SGD",
       {{"fig12_schedules",
         "SGD with batch size 4 on linear regression of the house prices (a network without hidden layer: convex, "
         "and its minimum f* is known exactly from least squares). With a constant η = 0.05 the loss stalls at a "
         "noise floor about 10⁻³ above f*, set by the variance of the minibatch gradient; step decay (×½ every 20 "
         "epochs) and 1/t decay (per update t) lower the floor by orders of magnitude, but decaying too fast "
         "(η₀/(1 + 0.05t)) freezes the progress early. Right: the learning rate each schedule used. "
         "Solution of lesson 04."}},
       fig_schedules},
      {13, "lbfgs_memory", "L-BFGS memory",
       {{"fig13_lbfgs_memory",
         "L-BFGS with m = 1, 3, 5, 10, 20 stored pairs (s, y) (chapter §6: quasi-Newton methods trade memory for "
         "curvature information). Left: Rosenbrock in 100 dimensions; right: the spirals network 2-32-32-3 "
         "(cross-entropy). One pair gives a poor inverse-Hessian model and about twice the iterations; beyond "
         "m ≈ 5–10 (SciPy's default is 10) more memory barely helps. Solution of lesson 11."}},
       fig_lbfgs_memory},
      {14, "levenberg_marquardt", "Levenberg–Marquardt damping",
       {{"fig14_levenberg_marquardt",
         "Levenberg–Marquardt with Nielsen's damping (chapter §6; τ = 10⁻³, Marquardt scaling) on the house-price "
         "network, a least-squares problem. The gain ratio ϱ = actual / predicted decrease judges the Gauss–Newton "
         "model: while ϱ is large μ shrinks and LM takes nearly Gauss–Newton steps, and the loss falls fast; when "
         "the model stops predicting well, trial steps are rejected (bottom right), μ grows by the factors 2, 4, 8, … "
         "and the steps shrink towards short scaled-gradient steps, slowly creeping along a flat region. "
         "Solution of lesson 12."}},
       fig_levenberg_marquardt},
      {15, "hessian_spectrum", "The Hessian spectrum of a small network",
       {{"fig15_hessian_spectrum",
         "All 114 eigenvalues of the exact Hessian (tutorial slide 'Local minima and saddle points') of an MLP "
         "2-8-8-2 (tanh, cross-entropy + 10⁻⁴·½‖W‖²) on two moons, at initialisation and after training, by "
         "magnitude on a log scale. At initialisation a third of them are negative (open markers): the landscape "
         "is saddle-shaped there and a plain Newton step points uphill in those directions. At the trained minimum "
         "none is, but the eigenvalues spread over four orders of magnitude and most sit on the plateau 10⁻⁴ that "
         "only the L2 term provides — directions the data do not curve at all. Ill-conditioned, nearly singular and "
         "P×P large: why 'second order methods do not scale well' on networks."}},
       fig_hessian_spectrum},
      {16, "activations", "Activation functions and their derivatives",
       {{"fig16_activations",
         "The activations of the chapter (lib's <code>Activation</code>): the perceptron's step and the sigmoid "
         "(tutorial slides 'Basic element: neuron or perceptron', 'The activation function: step / sigmoid'), tanh, "
         "ReLU (seed 001), leaky ReLU (slope 0.01; PReLU, seed 000 §2, learns that slope as a model parameter) and "
         "softplus. Right: g'(z), the factor σ'(zˡ) in every backpropagation step δˡ = ((wˡ⁺¹)ᵀδˡ⁺¹) ⊙ σ'(zˡ). The "
         "step's derivative is zero wherever it exists, so gradient descent gets no signal from a perceptron; the "
         "sigmoid's is at most ¼ (the vanishing gradients of figure 10), ReLU's is 1 for every active unit."}},
       fig_activations},
      {17, "overfitting", "The risk of overfitting",
       {{"fig17_overfitting",
         "Tutorial slide 'Risk of overfitting': a 1-64-64-1 tanh network (4,289 parameters) fitted to 20 noisy "
         "samples of sin(2πx)e^{−x} (noise σ = 0.15) by full-batch Adam, η = 0.01. Left: the training loss keeps "
         "falling while the loss on 400 fresh samples of the same curve turns up again once the network starts "
         "fitting the noise; the triangle marks where early stopping would end the unregularised run. L2 weight "
         "decay (λ = 10⁻³: a hyperparameter, seed 000 §2; lib's MLPProblem, AdamW in lesson 08) keeps the weights small and the "
         "test loss low. Right: the final fits; the dotted black curve is the early-stopped network. "
         "Solution of lesson 08."}},
       fig_overfitting},
  };
  return reg;
}

}  // namespace optlab::plots

int main(int argc, char** argv) {
  using namespace optlab::plots;
  if (openblas_set_num_threads) openblas_set_num_threads(1);
  CLI::App app{"optlab_figures: the chapter's comparison figures from the solutions track (./lab plots)"};
  app.name("./lab plots");
  std::string out = "plots/out";
  bool quick = false, list = false;
  std::vector<std::string> only;
  app.add_option("--out", out, "output folder (PNG, PDF, CSV and index.html)")->capture_default_str();
  app.add_flag("--quick", quick, "smaller data and fewer epochs (CI: the whole run within 60 s)");
  app.add_option("--only", only, "draw only these figures (numbers or names, comma separated)")->delimiter(',');
  app.add_flag("--list", list, "list the figures and exit");
  std::string footer = "\nFigures:\n";
  for (const auto& f : figure_registry()) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "  %2d  %-20s %s\n", f.number, f.slug.c_str(), f.title.c_str());
    footer += buf;
  }
  app.footer(footer);
  CLI11_PARSE(app, argc, argv);
  if (list) {
    std::cout << footer.substr(1);
    return 0;
  }
  const auto& reg = figure_registry();
  std::set<std::string> wanted;
  for (const auto& o : only) {
    bool found = false;
    for (const auto& f : reg)
      if (o == f.slug || o == std::to_string(f.number) || (o.size() == 2 && o[0] == '0' && o.substr(1) == std::to_string(f.number))) {
        wanted.insert(f.slug);
        found = true;
      }
    if (!found) {
      std::cerr << "optlab_figures: --only: no figure '" << o << "' (see --list)\n";
      return 2;
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::cerr << "optlab_figures: cannot create '" << out << "': " << ec.message() << "\n";
    return 2;
  }
  if (!optlab::gnuplot_available())
    std::cerr << "optlab_figures: gnuplot is missing (apt-get install gnuplot-nox): writing CSV data only\n";

  Ctx ctx{std::filesystem::absolute(out).lexically_normal().string(), quick};
  std::cout << "Chapter figures" << (quick ? " (quick)" : "") << " -> " << ctx.out << "\n" << std::flush;
  std::vector<std::pair<std::string, std::string>> status;
  std::vector<std::string> written;
  g_written = &written;
  int failures = 0, skipped = 0, drawn = 0;
  const auto t_all = std::chrono::steady_clock::now();
  const int total = static_cast<int>(wanted.empty() ? reg.size() : wanted.size());
  int k = 0;
  for (const auto& f : reg) {
    if (!wanted.empty() && !wanted.count(f.slug)) continue;
    ++k;
    char head[96];
    std::snprintf(head, sizeof head, "[%2d/%d] fig %02d %-20s ", k, total, f.number, f.slug.c_str());
    std::cout << head << "..." << std::flush;
    const auto t0 = std::chrono::steady_clock::now();
    std::string reason;
    try {
      f.draw(ctx);
      ++drawn;
    } catch (const Unavailable& e) {
      reason = std::string("skipped: ") + e.what();
      ++skipped;
    } catch (const Skip& e) {
      reason = std::string("skipped: ") + e.what();
      ++skipped;
    } catch (const std::exception& e) {
      reason = std::string("FAILED: ") + e.what();
      ++failures;
    }
    const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    char tail[64];
    std::snprintf(tail, sizeof tail, " %.1f s", sec);
    std::cout << (reason.empty() ? " done" : " " + reason) << tail << "\n";
    for (const auto& n : g_notes) std::cout << "         (" << n << ")\n";
    g_notes.clear();
    std::cout << std::flush;
    status.emplace_back(f.slug, reason);
  }
  write_gallery(ctx.out, status, quick);
  const double total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_all).count();
  std::printf("%d figures drawn, %d skipped, %d failed in %.1f s; gallery: %s/index.html\n", drawn, skipped, failures,
              total_s, ctx.out.c_str());
  return failures ? 1 : 0;
}
