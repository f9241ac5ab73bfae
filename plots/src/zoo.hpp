#pragma once
// Every optimizer of the solutions track behind one interface, for the figures and `lab run`.
// Each method calls the lesson's own function (gradient_descent, sgd_minimize, adam_minimize,
// newton_minimize, ...) declared in lessons/NN_slug/<slug>.hpp.  A lesson whose solution is not
// built yet (plots/CMakeLists.txt decides) is listed as unavailable, and running it throws
// Unavailable naming the lesson, so a figure that needs it is skipped instead of failing.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <optlab/objective.hpp>
#include <optlab/result.hpp>

namespace optlab::plots {

struct Unavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Hyperparameters of any method; a method reads the fields it understands.  Unset optionals
// take the lesson's own defaults (its options struct's initialisers).
struct Hyper {
  std::optional<double> lr;         // learning rate η / α; first trial step for gd-armijo
  std::optional<double> momentum;   // μ (momentum, nesterov)
  std::optional<double> beta1, beta2, rho, eps;
  std::optional<double> weight_decay;  // adam (L2) / adamw (decoupled)
  arma::uword batch_size = 0;       // 0 = full batch
  std::uint64_t seed = 0;           // minibatch order
  double clip = 0;                  // gradient clipping by norm (0 = off)
  std::string schedule = "constant";  // sgd: constant, step, inverse_time
  double gamma = 0.5;               // step decay factor
  int step_epochs = 10;             // step decay period
  double decay = 0.01;              // inverse-time decay rate
  arma::uword memory = 10;          // L-BFGS m
  std::optional<double> tau;        // Levenberg–Marquardt: μ₀ = τ·max diag(JᵀJ)/d2
  StopOptions stop;
};

struct MethodInfo {
  std::string name;     // CLI name, e.g. "adam"
  std::string label;    // legend label, e.g. "Adam" (lib's method_color picks the colour from it)
  std::string lesson;   // e.g. "08_adam"
  std::string summary;  // one line for --help
  bool available = false;
  bool first_order = false;   // an update rule: one recorded iterate per step or epoch
  bool minibatch = false;     // accepts batch_size > 0
  bool needs_hessian = false, needs_residuals = false, needs_quadratic = false;
};

const std::vector<MethodInfo>& methods();
const MethodInfo* find_method(const std::string& name);  // nullptr if unknown
// Throws Unavailable when the lesson is not built, optlab::invalid_argument for a problem the
// method cannot handle (no Hessian, not a finite sum, ...) and whatever the lesson throws.
Result run_method(const std::string& name, const Objective& f, const arma::vec& x0, const Hyper& h);
// Throws Unavailable (naming every missing lesson) unless all `names` are available.
void require_methods(const std::vector<std::string>& names);
bool available(const std::string& name);
std::string label_of(const std::string& name);

}  // namespace optlab::plots
