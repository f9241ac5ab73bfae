#include "problems.hpp"

#include <optlab/core.hpp>
#include <optlab/functions.hpp>

#include <sstream>

namespace optlab::plots {

const std::vector<std::pair<std::string, std::string>>& problem_list() {
  static const std::vector<std::pair<std::string, std::string>> list = {
      {"valley", "f = 0.1x1^2 + 2x2^2, the chapter's ill-conditioned valley (kappa = 20), x0 = (-4.5, 1.5)"},
      {"quadratic", "1/2 x'Ax - b'x with condition number --kappa in --dim dimensions (seeded rotation)"},
      {"rosenbrock", "extended Rosenbrock in --dim dimensions (default 2), x0 = (-1.2, 1, ...)"},
      {"beale", "Beale's function, minimum 0 at (3, 0.5), x0 = (1, 1)"},
      {"himmelblau", "Himmelblau's function, four minima with f = 0, x0 = (0, 0)"},
      {"saddle", "1/2 x^2 + 1/4 y^4 - 1/2 y^2: a saddle at the origin (tutorial slide 'Local minima and saddle points')"},
      {"house", "house prices (chapter section 2): 4 features -> price, MSE; default model 4-16-1"},
      {"curve", "1-D curve sin(2 pi x) e^-x + noise, MSE; default model 1-16-1"},
      {"moons", "two moons, 2 classes, cross-entropy; default model 2-16-16-2"},
      {"spirals", "three interleaved spirals, 3 classes, cross-entropy; default model 2-32-32-3"},
      {"xor", "XOR clusters, 2 classes, cross-entropy; default model 2-8-2"},
      {"fashion-mnist", "Fashion-MNIST (Debian dataset-fashion-mnist), 10 classes; default model 784-64-10, --n 5000"},
  };
  return list;
}

bool is_data_problem(const std::string& n) {
  return n == "house" || n == "curve" || n == "moons" || n == "spirals" || n == "xor" || n == "fashion-mnist";
}

std::vector<arma::uword> parse_model(const std::string& model) {
  std::vector<arma::uword> sizes;
  std::stringstream ss(model);
  std::string part;
  while (std::getline(ss, part, '-')) {
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos || part.size() > 6)
      fail_argument("lab run", "--model", "= '" + model + "', expected layer sizes joined by '-', e.g. 2-16-16-2");
    const auto v = static_cast<arma::uword>(std::stoul(part));
    if (v == 0) fail_argument("lab run", "--model", "= '" + model + "' has a layer of size 0");
    sizes.push_back(v);
  }
  if (sizes.size() < 2) fail_argument("lab run", "--model", "= '" + model + "', expected at least input and output sizes, e.g. 2-16-2");
  return sizes;
}

Init init_from_string(const std::string& s) {
  if (s == "xavier") return Init::xavier;
  if (s == "he") return Init::he;
  if (s == "normal") return Init::normal;
  fail_argument("lab run", "--init", "= '" + s + "', expected xavier, he or normal");
}

std::shared_ptr<MLPProblem> make_net(const Dataset& train, const std::vector<arma::uword>& sizes, Activation hidden,
                                     double l2, const std::string& name) {
  const Loss loss = train.is_classification() ? Loss::softmax_cross_entropy : Loss::mse;
  return std::make_shared<MLPProblem>(MLP::make(sizes, hidden, Activation::identity), train.X, train.T, loss, l2, name);
}

std::pair<Dataset, Dataset> house_data(arma::uword n, std::uint64_t seed, double test_fraction) {
  auto [tr, te] = train_test_split(house_prices(n, seed), test_fraction, seed + 1000);
  const Standardizer sx = Standardizer::fit(tr.X), st = Standardizer::fit(tr.T);
  tr.X = sx.transform(tr.X);
  te.X = sx.transform(te.X);
  tr.T = st.transform(tr.T);
  te.T = st.transform(te.T);
  return {tr, te};
}

std::pair<Dataset, Dataset> standardized_split(const Dataset& d, double test_fraction, std::uint64_t seed) {
  auto [tr, te] = train_test_split(d, test_fraction, seed + 1000);
  const Standardizer sx = Standardizer::fit(tr.X);
  tr.X = sx.transform(tr.X);
  te.X = sx.transform(te.X);
  return {tr, te};
}

Problem make_problem(const ProblemSpec& s) {
  Problem p;
  p.name = s.name;
  bool known = false;
  for (const auto& [n, d] : problem_list())
    if (n == s.name) {
      known = true;
      p.description = d;
    }
  if (!known) {
    std::string names;
    for (const auto& [n, d] : problem_list()) names += (names.empty() ? "" : ", ") + n;
    fail_argument("lab run", "--problem", "= '" + s.name + "' is not a problem of the lab; choose one of: " + names);
  }
  auto box = [&](double a, double b, double c, double d) {
    p.has_box = true;
    p.bx0 = a, p.bx1 = b, p.by0 = c, p.by1 = d;
  };
  if (!is_data_problem(s.name)) {
    if (!s.model.empty()) fail_argument("lab run", "--model", "= '" + s.model + "' only applies to data problems, not to '" + s.name + "'");
    if (s.name == "valley") {
      p.objective = std::make_shared<Quadratic>(Quadratic::valley());
      p.x0 = {-4.5, 1.5};
      p.f_star = 0;
      box(-5, 5, -2.5, 2.5);
    } else if (s.name == "quadratic") {
      const arma::uword n = s.dim ? s.dim : 10;
      require(s.kappa >= 1, "lab run", "--kappa", s.kappa, ">= 1");
      auto q = std::make_shared<Quadratic>(Quadratic::with_condition(n, s.kappa, s.data_seed));
      p.f_star = q->min_value();
      p.x0 = arma::zeros(n);
      p.objective = q;
      if (n == 2) {
        const arma::vec xs = q->minimizer();
        const double r = std::max(2.0, 1.5 * arma::norm(xs));
        box(xs(0) - r, xs(0) + r, xs(1) - r, xs(1) + r);
      }
    } else if (s.name == "rosenbrock") {
      const arma::uword n = s.dim ? s.dim : 2;
      require(n >= 2, "lab run", "--dim", n, ">= 2 for rosenbrock");
      p.objective = std::make_shared<Rosenbrock>(n);
      p.x0 = Rosenbrock::start(n);
      p.f_star = 0;
      if (n == 2) box(-2, 2, -1, 3);
    } else if (s.name == "beale") {
      p.objective = std::make_shared<Beale>();
      p.x0 = {1, 1};
      p.f_star = 0;
      box(-4.5, 4.5, -4.5, 4.5);
    } else if (s.name == "himmelblau") {
      p.objective = std::make_shared<Himmelblau>();
      p.x0 = {0, 0};
      p.f_star = 0;
      box(-5, 5, -5, 5);
    } else if (s.name == "saddle") {
      p.objective = std::make_shared<Saddle>();
      p.x0 = {1.5, 0.01};
      p.f_star = -0.25;
      box(-2, 2, -1.6, 1.6);
    }
    if (!s.x0.empty()) {
      if (s.x0.size() != p.objective->dim())
        fail_argument("lab run", "--x0", "has " + std::to_string(s.x0.size()) + " values, expected " +
                                       std::to_string(p.objective->dim()) + " for problem '" + s.name + "'");
      p.x0 = arma::vec(s.x0);
    }
    if (s.dim && s.name != "rosenbrock" && s.name != "quadratic")
      fail_argument("lab run", "--dim", "= " + std::to_string(s.dim) + " only applies to rosenbrock and quadratic");
    return p;
  }

  if (!s.x0.empty()) fail_argument("lab run", "--x0", "only applies to test functions; a network starts from its --init");
  const double noise = s.noise;
  std::string model = s.model;
  if (s.name == "house") {
    std::tie(p.train, p.test) = house_data(s.n ? s.n : 200, s.data_seed, s.test_fraction);
    if (model.empty()) model = "4-16-1";
  } else if (s.name == "curve") {
    std::tie(p.train, p.test) = standardized_split(curve_1d(s.n ? s.n : 100, s.data_seed, noise >= 0 ? noise : 0.05),
                                                   s.test_fraction, s.data_seed);
    if (model.empty()) model = "1-16-1";
  } else if (s.name == "moons") {
    std::tie(p.train, p.test) =
        standardized_split(two_moons(s.n ? s.n : 300, s.data_seed, noise >= 0 ? noise : 0.15), s.test_fraction, s.data_seed);
    if (model.empty()) model = "2-16-16-2";
  } else if (s.name == "spirals") {
    std::tie(p.train, p.test) =
        standardized_split(spirals(s.n ? s.n : 450, 3, s.data_seed, noise >= 0 ? noise : 0.1), s.test_fraction, s.data_seed);
    if (model.empty()) model = "2-32-32-3";
  } else if (s.name == "xor") {
    std::tie(p.train, p.test) =
        standardized_split(xor_data(s.n ? s.n : 200, s.data_seed, noise >= 0 ? noise : 0.1), s.test_fraction, s.data_seed);
    if (model.empty()) model = "2-8-2";
  } else if (s.name == "fashion-mnist") {
    if (!fashion_mnist_available())
      throw std::runtime_error("Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist");
    p.train = fashion_mnist("train", s.n ? s.n : 5000);
    p.test = fashion_mnist("test", std::min<arma::uword>(10000, std::max<arma::uword>(1000, (s.n ? s.n : 5000) / 5)));
    if (model.empty()) model = "784-64-10";
  }
  const auto sizes = parse_model(model);
  const arma::uword d = p.train.X.n_cols, k = p.train.T.n_cols;
  if (sizes.front() != d || sizes.back() != k)
    fail_argument("lab run", "--model", "= '" + model + "' does not fit problem '" + s.name + "': it has " + std::to_string(d) +
                                      " inputs and " + std::to_string(k) + " outputs, so the model must look like " +
                                      std::to_string(d) + "-...-" + std::to_string(k));
  Activation act;
  try {
    act = activation_from_string(s.activation);
  } catch (const std::exception&) {
    fail_argument("lab run", "--activation", "= '" + s.activation + "', expected identity, sigmoid, tanh, relu, leaky_relu or softplus");
  }
  require(s.l2 >= 0, "lab run", "--l2", s.l2, ">= 0");
  require(s.init_scale > 0, "lab run", "--init-scale", s.init_scale, "> 0");
  p.net = make_net(p.train, sizes, act, s.l2, s.name);
  p.objective = p.net;
  p.x0 = p.net->net().init(init_from_string(s.init), s.init_seed, s.init_scale);
  return p;
}

}  // namespace optlab::plots
