#pragma once
// The problems `lab run` and the figures work on: lib's test functions and lib's datasets with
// an MLP on top (inputs standardised; regression targets standardised too).
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <optlab/datasets.hpp>
#include <optlab/mlp.hpp>
#include <optlab/objective.hpp>

namespace optlab::plots {

struct ProblemSpec {
  std::string name = "valley";
  std::string model;                // "2-16-16-2" (data problems); "" = the problem's default
  std::string activation = "tanh";  // hidden layers
  std::string init = "xavier";      // xavier, he, normal
  double init_scale = 1.0;          // σ of init = normal
  double l2 = 0.0;
  arma::uword n = 0;                // examples (0 = the problem's default)
  double noise = -1;                // dataset noise (< 0 = default)
  std::uint64_t data_seed = 1;
  std::uint64_t init_seed = 1;
  double test_fraction = 0.2;
  arma::uword dim = 0;              // test functions with a size (rosenbrock, quadratic); 0 = default
  double kappa = 100;               // quadratic: condition number
  std::vector<double> x0;           // starting point of a test function (empty = default)
};

struct Problem {
  std::string name, description;
  std::shared_ptr<Objective> objective;
  std::shared_ptr<MLPProblem> net;  // the same object when the problem is a network, else null
  arma::vec x0;
  double f_star = std::numeric_limits<double>::quiet_NaN();
  bool has_box = false;             // 2-D test function: a plotting box for trajectories
  double bx0 = 0, bx1 = 0, by0 = 0, by1 = 0;
  Dataset train, test;              // data problems (test may be empty)
  bool classification() const { return train.is_classification(); }
};

// name, one-line description
const std::vector<std::pair<std::string, std::string>>& problem_list();
bool is_data_problem(const std::string& name);
// Throws optlab::invalid_argument with a clear message for an unknown problem or a bad model.
Problem make_problem(const ProblemSpec& spec);

// "2-16-16-2" → {2, 16, 16, 2}
std::vector<arma::uword> parse_model(const std::string& model);
Init init_from_string(const std::string& s);

// An MLP objective on a dataset: MSE for regression, softmax cross-entropy for classification.
std::shared_ptr<MLPProblem> make_net(const Dataset& train, const std::vector<arma::uword>& sizes, Activation hidden,
                                     double l2 = 0.0, const std::string& name = "mlp");
// House prices (chapter §2) standardised: features and price to zero mean, unit variance,
// scaled with the TRAINING statistics; returns {train, test}.
std::pair<Dataset, Dataset> house_data(arma::uword n, std::uint64_t seed, double test_fraction = 0.2);
// Inputs standardised with the training statistics (classification sets).
std::pair<Dataset, Dataset> standardized_split(const Dataset& d, double test_fraction, std::uint64_t seed);

}  // namespace optlab::plots
