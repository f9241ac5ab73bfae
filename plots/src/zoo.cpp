#include "zoo.hpp"

#include "observe.hpp"

#include <optlab/core.hpp>
#include <optlab/driver.hpp>
#include <optlab/functions.hpp>

#ifdef OPTLAB_HAVE_GD
#include "gradient_descent.hpp"
#endif
#ifdef OPTLAB_HAVE_SGD
#include "sgd.hpp"
#endif
#ifdef OPTLAB_HAVE_MOMENTUM
#include "momentum.hpp"
#endif
#ifdef OPTLAB_HAVE_ADAGRAD
#include "adagrad.hpp"
#endif
#ifdef OPTLAB_HAVE_RMSPROP
#include "rmsprop.hpp"
#endif
#ifdef OPTLAB_HAVE_ADAM
#include "adam.hpp"
#endif
#ifdef OPTLAB_HAVE_NEWTON
#include "newton.hpp"
#endif
#ifdef OPTLAB_HAVE_CG
#include "conjugate_gradient.hpp"
#endif
#ifdef OPTLAB_HAVE_LBFGS
#include "lbfgs.hpp"
#endif
#ifdef OPTLAB_HAVE_LM
#include "levenberg_marquardt.hpp"
#endif

namespace optlab::plots {

namespace {

#ifdef OPTLAB_HAVE_GD
constexpr bool kGD = true;
#else
constexpr bool kGD = false;
#endif
#ifdef OPTLAB_HAVE_SGD
constexpr bool kSGD = true;
#else
constexpr bool kSGD = false;
#endif
#ifdef OPTLAB_HAVE_MOMENTUM
constexpr bool kMomentum = true;
#else
constexpr bool kMomentum = false;
#endif
#ifdef OPTLAB_HAVE_ADAGRAD
constexpr bool kAdagrad = true;
#else
constexpr bool kAdagrad = false;
#endif
#ifdef OPTLAB_HAVE_RMSPROP
constexpr bool kRMSProp = true;
#else
constexpr bool kRMSProp = false;
#endif
#ifdef OPTLAB_HAVE_ADAM
constexpr bool kAdam = true;
#else
constexpr bool kAdam = false;
#endif
#ifdef OPTLAB_HAVE_NEWTON
constexpr bool kNewton = true;
#else
constexpr bool kNewton = false;
#endif
#ifdef OPTLAB_HAVE_CG
constexpr bool kCG = true;
#else
constexpr bool kCG = false;
#endif
#ifdef OPTLAB_HAVE_LBFGS
constexpr bool kLBFGS = true;
#else
constexpr bool kLBFGS = false;
#endif
#ifdef OPTLAB_HAVE_LM
constexpr bool kLM = true;
#else
constexpr bool kLM = false;
#endif

std::vector<MethodInfo> make_table() {
  auto m = [](std::string name, std::string label, std::string lesson, std::string summary, bool avail) {
    MethodInfo i;
    i.name = std::move(name);
    i.label = std::move(label);
    i.lesson = std::move(lesson);
    i.summary = std::move(summary);
    i.available = avail;
    return i;
  };
  std::vector<MethodInfo> t;
  t.push_back(m("gd", "GD", "03_gradient_descent", "gradient descent, fixed step --lr (full batch)", kGD));
  t.back().first_order = true;
  t.push_back(m("gd-armijo", "GD (Armijo)", "03_gradient_descent", "gradient descent with Armijo backtracking from --lr", kGD));
  t.push_back(m("sgd", "SGD", "04_sgd", "minibatch SGD (--batch-size, --schedule, --clip)", kSGD));
  t.back().first_order = t.back().minibatch = true;
  t.push_back(m("momentum", "Momentum", "05_momentum", "heavy-ball momentum (--lr, --momentum)", kMomentum));
  t.back().first_order = t.back().minibatch = true;
  t.push_back(m("nesterov", "Nesterov", "05_momentum", "Nesterov accelerated gradient (--lr, --momentum)", kMomentum));
  t.back().first_order = t.back().minibatch = true;
  t.push_back(m("adagrad", "AdaGrad", "06_adagrad", "AdaGrad (--lr, --eps)", kAdagrad));
  t.back().first_order = t.back().minibatch = true;
  t.push_back(m("rmsprop", "RMSProp", "07_rmsprop", "RMSProp (--lr, --rho, --eps)", kRMSProp));
  t.back().first_order = t.back().minibatch = true;
  t.push_back(m("adam", "Adam", "08_adam", "Adam (--lr, --beta1, --beta2, --eps, --weight-decay as L2)", kAdam));
  t.back().first_order = t.back().minibatch = true;
  t.push_back(m("adamw", "AdamW", "08_adam", "AdamW, decoupled weight decay (--weight-decay, default 1e-2)", kAdam));
  t.back().first_order = t.back().minibatch = true;
  t.push_back(m("newton", "modified Newton", "09_newton", "Newton with Hessian modification (Cholesky + τI), strong Wolfe", kNewton));
  t.back().needs_hessian = true;
  t.push_back(m("newton-plain", "Newton", "09_newton", "plain Newton: solves H p = -g, no modification", kNewton));
  t.back().needs_hessian = true;
  t.push_back(m("cg-fr", "FR-CG", "10_conjugate_gradient", "nonlinear CG, Fletcher-Reeves", kCG));
  t.push_back(m("cg-pr", "PR+-CG", "10_conjugate_gradient", "nonlinear CG, Polak-Ribiere+ (SciPy's CG)", kCG));
  t.push_back(m("cg-hs", "HS-CG", "10_conjugate_gradient", "nonlinear CG, Hestenes-Stiefel", kCG));
  t.push_back(m("linear-cg", "linear CG", "10_conjugate_gradient", "linear CG (quadratic problems only)", kCG));
  t.back().needs_quadratic = true;
  t.push_back(m("lbfgs", "L-BFGS", "11_lbfgs", "L-BFGS with strong Wolfe line search (--memory)", kLBFGS));
  t.push_back(m("lm", "LM", "12_levenberg_marquardt", "Levenberg-Marquardt, Nielsen damping (--tau; least squares: MSE nets, Rosenbrock)", kLM));
  t.back().needs_residuals = true;
  return t;
}

[[noreturn]] void unavailable(const MethodInfo& m) {
  throw Unavailable("optimizer '" + m.name + "' needs lesson " + m.lesson + ", whose solution (solutions/" + m.lesson +
                    "/) is not built on this track yet");
}

void check_problem(const MethodInfo& m, const Objective& f, const Hyper& h) {
  if (m.needs_hessian && !f.has_hessian())
    fail_argument("lab run", "--optimizer", "= " + m.name + " needs an exact Hessian, which problem '" + f.name() + "' does not have");
  if (m.needs_residuals && !f.has_residuals())
    fail_argument("lab run", "--optimizer", "= " + m.name + " needs a least-squares problem (residuals), which '" + f.name() +
                                          "' is not (classification nets use cross-entropy)");
  if (h.batch_size > 0 && !m.minibatch)
    fail_argument("lab run", "--batch-size", "= " + std::to_string(h.batch_size) + ", but " + m.name +
                                           " is a full-batch method (use --batch-size 0, or sgd/momentum/adam/...)");
  if (h.batch_size > 0 && f.num_examples() == 0)
    fail_argument("lab run", "--batch-size", "= " + std::to_string(h.batch_size) + ", but problem '" + f.name() +
                                           "' is not a finite sum (only data problems have minibatches)");
  if (h.clip > 0 && !(m.name == "sgd" || m.name == "adagrad" || m.name == "rmsprop" || m.name == "adam" || m.name == "adamw"))
    fail_argument("lab run", "--clip", "is supported by sgd, adagrad, rmsprop, adam and adamw, not by " + m.name);
}

#if defined(OPTLAB_HAVE_ADAGRAD) || defined(OPTLAB_HAVE_RMSPROP) || defined(OPTLAB_HAVE_ADAM)
// The lesson's step inside lib's driver, for the one thing *_minimize does not offer: clipping.
template <class Options, class State, class Step>
Result clipped(const Objective& f, const arma::vec& x0, const Options& o, const Hyper& h, Step step, const std::string& name) {
  State state(x0.n_elem);
  DriverOptions d;
  d.stop = o.stop;
  d.batch_size = o.batch_size;
  d.seed = o.seed;
  d.clip_norm = h.clip;
  return run_update_rule(
      f, x0, [&](arma::vec& x, const arma::vec& g, long, const GradientOracle&) { step(x, g, state, o); }, d, name);
}
#endif

}  // namespace

const std::vector<MethodInfo>& methods() {
  static const std::vector<MethodInfo> table = make_table();
  return table;
}

const MethodInfo* find_method(const std::string& name) {
  for (const auto& m : methods())
    if (m.name == name) return &m;
  return nullptr;
}

bool available(const std::string& name) {
  const MethodInfo* m = find_method(name);
  return m && m->available;
}

std::string label_of(const std::string& name) {
  const MethodInfo* m = find_method(name);
  return m ? m->label : name;
}

void require_methods(const std::vector<std::string>& names) {
  std::string missing;
  for (const auto& n : names) {
    const MethodInfo* m = find_method(n);
    if (!m) throw std::logic_error("unknown optimizer '" + n + "'");
    if (!m->available && missing.find(m->lesson) == std::string::npos)
      missing += (missing.empty() ? "" : ", ") + m->lesson;
  }
  if (!missing.empty()) throw Unavailable("needs lesson(s) " + missing + ", whose solution is not built yet");
}

Result run_method(const std::string& name, const Objective& f, const arma::vec& x0, const Hyper& h) {
  const MethodInfo* m = find_method(name);
  if (!m) fail_argument("lab run", "--optimizer", "= '" + name + "' is not an optimizer of the lab");
  if (!m->available) unavailable(*m);
  check_problem(*m, f, h);
  [[maybe_unused]] const arma::uword full = f.num_examples() > 0 ? f.num_examples() : 1;

#ifdef OPTLAB_HAVE_GD
  if (name == "gd" || name == "gd-armijo") {
    GradientDescentOptions o;
    if (h.lr) o.learning_rate = *h.lr;
    o.backtracking = name == "gd-armijo";
    o.stop = h.stop;
    return gradient_descent(f, x0, o);
  }
#endif
#ifdef OPTLAB_HAVE_SGD
  if (name == "sgd") {
    if (f.num_examples() == 0)
      fail_argument("lab run", "--optimizer", "= sgd needs a finite-sum (data) problem; '" + f.name() + "' is not one (use gd)");
    SGDOptions o;
    if (h.lr) o.schedule.eta0 = *h.lr;
    if (h.schedule == "constant") o.schedule.kind = SGDScheduleKind::constant;
    else if (h.schedule == "step") o.schedule.kind = SGDScheduleKind::step_decay;
    else if (h.schedule == "inverse_time" || h.schedule == "1/t") o.schedule.kind = SGDScheduleKind::inverse_time;
    else fail_argument("lab run", "--schedule", "= '" + h.schedule + "', expected constant, step or inverse_time");
    o.schedule.gamma = h.gamma;
    o.schedule.step_epochs = h.step_epochs;
    o.schedule.decay = h.decay;
    o.batch_size = h.batch_size > 0 ? h.batch_size : full;
    o.seed = h.seed;
    o.clip_norm = h.clip;
    o.stop = h.stop;
    return sgd_minimize(f, x0, o);
  }
#endif
#ifdef OPTLAB_HAVE_MOMENTUM
  if (name == "momentum" || name == "nesterov") {
    MomentumOptions o;
    if (h.lr) o.learning_rate = *h.lr;
    if (h.momentum) o.momentum = *h.momentum;
    o.nesterov = name == "nesterov";
    o.batch_size = h.batch_size;
    o.seed = h.seed;
    o.stop = h.stop;
    return momentum_minimize(f, x0, o);
  }
#endif
#ifdef OPTLAB_HAVE_ADAGRAD
  if (name == "adagrad") {
    AdagradOptions o;
    if (h.lr) o.learning_rate = *h.lr;
    if (h.eps) o.eps = *h.eps;
    o.batch_size = h.batch_size;
    o.seed = h.seed;
    o.stop = h.stop;
    if (h.clip > 0) return clipped<AdagradOptions, AdagradState>(f, x0, o, h, adagrad_step, "adagrad");
    return adagrad_minimize(f, x0, o);
  }
#endif
#ifdef OPTLAB_HAVE_RMSPROP
  if (name == "rmsprop") {
    RMSPropOptions o;
    if (h.lr) o.learning_rate = *h.lr;
    if (h.rho) o.rho = *h.rho;
    if (h.eps) o.eps = *h.eps;
    o.batch_size = h.batch_size;
    o.seed = h.seed;
    o.stop = h.stop;
    if (h.clip > 0) return clipped<RMSPropOptions, RMSPropState>(f, x0, o, h, rmsprop_step, "rmsprop");
    return rmsprop_minimize(f, x0, o);
  }
#endif
#ifdef OPTLAB_HAVE_ADAM
  if (name == "adam" || name == "adamw") {
    AdamOptions o = name == "adamw" ? adamw_options() : AdamOptions{};
    if (h.lr) o.learning_rate = *h.lr;
    if (h.beta1) o.beta1 = *h.beta1;
    if (h.beta2) o.beta2 = *h.beta2;
    if (h.eps) o.eps = *h.eps;
    if (h.weight_decay) o.weight_decay = *h.weight_decay;
    o.batch_size = h.batch_size;
    o.seed = h.seed;
    o.stop = h.stop;
    if (h.clip > 0) return clipped<AdamOptions, AdamState>(f, x0, o, h, adam_step, name);
    return adam_minimize(f, x0, o);
  }
#endif
#ifdef OPTLAB_HAVE_NEWTON
  if (name == "newton" || name == "newton-plain") {
    NewtonOptions o;
    o.modify = name == "newton";
    o.stop = h.stop;
    return newton_minimize(f, x0, o);
  }
#endif
#ifdef OPTLAB_HAVE_CG
  if (name == "cg-fr" || name == "cg-pr" || name == "cg-hs") {
    NonlinearCGOptions o;
    o.beta = name == "cg-fr" ? CGBeta::fletcher_reeves : name == "cg-pr" ? CGBeta::polak_ribiere_plus : CGBeta::hestenes_stiefel;
    o.stop = h.stop;
    return nonlinear_cg(f, x0, o);
  }
  if (name == "linear-cg") {
    const Objective* base = &f;  // under the figures' Observed wrapper sits the quadratic itself
    if (const auto* w = dynamic_cast<const Observed*>(&f)) base = &w->inner();
    const auto* q = dynamic_cast<const Quadratic*>(base);
    if (!q) fail_argument("lab run", "--optimizer", "= linear-cg solves Ax = b: it needs a quadratic problem (valley, quadratic)");
    LinearCGOptions o;
    o.stop = h.stop;
    return linear_cg(*q, x0, o);
  }
#endif
#ifdef OPTLAB_HAVE_LBFGS
  if (name == "lbfgs") {
    LbfgsOptions o;
    o.memory = h.memory;
    o.stop = h.stop;
    return lbfgs_minimize(f, x0, o);
  }
#endif
#ifdef OPTLAB_HAVE_LM
  if (name == "lm") {
    LevenbergMarquardtOptions o;
    if (h.tau) o.tau = *h.tau;
    o.stop = h.stop;
    return levenberg_marquardt_minimize(f, x0, o);
  }
#endif
  unavailable(*m);
}

}  // namespace optlab::plots
