// Runs the reference optimizers of lessons 09–12 on the MGH problem set and writes CSV files for
// the comparison with scipy.optimize (solutions/compare/run, solutions/README.md).
//
//   optlab_compare OUTDIR [--only NAME[,NAME...]]
//
// writes OUTDIR/problems.csv (the problem set), OUTDIR/points.csv (f, ∇f, ∇²f, r, J at two points
// of every problem, for scipy_compare.py to check its own transcription against) and
// OUTDIR/optlab.csv (one row per problem and method).  Before anything runs, every problem's
// derivatives are checked against central differences (optlab::check_derivatives); a mismatch
// aborts with exit status 1.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <optlab/optlab.hpp>

#include "conjugate_gradient.hpp"
#include "levenberg_marquardt.hpp"
#include "lbfgs.hpp"
#include "mgh_problems.hpp"
#include "newton.hpp"

using namespace optlab;
using optlab::mgh::ProblemSpec;

namespace {

// The same limits for every method, ours and scipy's (scipy_compare.py uses the same numbers):
// generous, so that a run ends because the method stopped, not because the budget did.
constexpr int kMaxIterations = 10000;
constexpr long kMaxEvaluations = 20000;
constexpr double kGtol = 1e-6;  // ‖g‖∞ ≤ 1e-6·max(1, |f|): StopOptions' default test

StopOptions stop_options() {
  StopOptions s;
  s.gtol = kGtol;
  s.max_iterations = kMaxIterations;
  s.max_evaluations = kMaxEvaluations;
  return s;
}

struct Method {
  std::string name;  // as in optlab.csv
  std::function<Result(const Objective&, const arma::vec&)> run;
};

std::vector<Method> methods() {
  std::vector<Method> m;
  m.push_back({"newton", [](const Objective& f, const arma::vec& x0) {
                 NewtonOptions o;  // Alg. 3.3 modification, strong Wolfe c2 = 0.9
                 o.stop = stop_options();
                 return newton_minimize(f, x0, o);
               }});
  m.push_back({"cg_pr+", [](const Objective& f, const arma::vec& x0) {
                 NonlinearCGOptions o;  // PR+, restarts, strong Wolfe c2 = 0.1
                 o.stop = stop_options();
                 return nonlinear_cg(f, x0, o);
               }});
  m.push_back({"cg_fr", [](const Objective& f, const arma::vec& x0) {
                 NonlinearCGOptions o;
                 o.beta = CGBeta::fletcher_reeves;
                 o.stop = stop_options();
                 return nonlinear_cg(f, x0, o);
               }});
  m.push_back({"lbfgs", [](const Objective& f, const arma::vec& x0) {
                 LbfgsOptions o;
                 o.memory = 10;  // SciPy's maxcor
                 o.stop = stop_options();
                 return lbfgs_minimize(f, x0, o);
               }});
  m.push_back({"lm", [](const Objective& f, const arma::vec& x0) {
                 LevenbergMarquardtOptions o;  // Nielsen damping, Marquardt scaling D² = diag(JᵀJ)
                 o.stop = stop_options();
                 return levenberg_marquardt_minimize(f, x0, o);
               }});
  m.push_back({"lm_unscaled", [](const Objective& f, const arma::vec& x0) {
                 LevenbergMarquardtOptions o;  // D = I, like SciPy's default x_scale = 1
                 o.marquardt_scaling = false;
                 o.stop = stop_options();
                 return levenberg_marquardt_minimize(f, x0, o);
               }});
  return m;
}

std::string join(const arma::vec& v) {
  std::ostringstream os;
  os << std::setprecision(17);
  for (arma::uword i = 0; i < v.n_elem; ++i) os << (i ? " " : "") << v(i);
  return os.str();
}

std::string join_rows(const arma::mat& A) {  // row-major
  return join(arma::vectorise(A.t()));
}

std::string quote(const std::string& s) {
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// A second check point near x₀, deterministic: x₀ + 0.1·(1 + |x₀|)·cos(1.3j + 0.7).
arma::vec second_point(const arma::vec& x0) {
  arma::vec x = x0;
  for (arma::uword j = 0; j < x.n_elem; ++j) x(j) += 0.1 * (1 + std::abs(x0(j))) * std::cos(1.3 * j + 0.7);
  return x;
}

// Central differences against the exact derivatives; also f = ‖r‖² and ∇f = 2Jᵀr, the identities
// LM and the minimisers rely on to be solving the same problem.
bool check_problem(const ProblemSpec& p, std::ostream& log) {
  bool ok = true;
  const Objective& f = *p.f;
  for (const arma::vec& x : {p.x0, second_point(p.x0)}) {
    // Central differences err by ~h²·f'''/6 (truncation) plus ~ε·|f|/h (rounding).  Which h
    // balances the two depends on the problem's scale (Brown badly scaled has |f| ~ 1e12 at x₀,
    // Osborne 1 has exponents −320·x₄), so take the best of four steps for each derivative: a
    // wrong derivative term is wrong at every h, with errors of order one.  1e-6 then leaves a
    // margin of 100 or more on every problem here; the Hessian is a difference of gradients,
    // one derivative further from exact: 1e-5.
    DerivativeCheck c = check_derivatives(f, x, 1e-4);
    for (double h : {1e-5, 1e-6, 1e-7}) {
      const DerivativeCheck ch = check_derivatives(f, x, h);
      if (ch.gradient.rel_error < c.gradient.rel_error) c.gradient = ch.gradient;
      if (ch.hessian.rel_error < c.hessian.rel_error) c.hessian = ch.hessian;
      if (ch.jacobian.rel_error < c.jacobian.rel_error) c.jacobian = ch.jacobian;
    }
    const double tol_g = 1e-6, tol_h = 1e-5;
    const arma::vec r = f.residuals(x);
    const arma::mat J = f.jacobian(x);
    arma::vec g;
    const double fx = f.value_gradient(x, g);
    const double id_f = std::abs(fx - arma::dot(r, r)) / std::max(1.0, std::abs(fx));
    const Comparison id_g = optlab::compare(2 * J.t() * r, g);
    log << "  " << std::left << std::setw(28) << p.name << std::scientific << std::setprecision(1)
        << " grad " << c.gradient.rel_error << "  hess " << c.hessian.rel_error << "  jac " << c.jacobian.rel_error
        << "  f=|r|^2 " << id_f << "  g=2J'r " << id_g.rel_error << std::defaultfloat << "\n";
    if (c.gradient.rel_error > tol_g) {
      log << "    gradient of " << p.name << ": " << c.gradient.describe(tol_g) << "\n";
      ok = false;
    }
    if (c.hessian.rel_error > tol_h) {
      log << "    Hessian of " << p.name << ": " << c.hessian.describe(tol_h) << "\n";
      ok = false;
    }
    if (c.jacobian.rel_error > tol_g) {
      log << "    Jacobian of " << p.name << ": " << c.jacobian.describe(tol_g) << "\n";
      ok = false;
    }
    if (id_f > 1e-12 || id_g.rel_error > 1e-12) {
      log << "    " << p.name << ": f != |r|^2 or grad f != 2 J'r\n";
      ok = false;
    }
  }
  return ok;
}

void write_points(const std::vector<ProblemSpec>& problems, const std::string& path) {
  std::ofstream os(path);
  os << "problem,point,key,values\n";
  for (const auto& p : problems) {
    const arma::vec pts[2] = {p.x0, second_point(p.x0)};
    for (int k = 0; k < 2; ++k) {
      const arma::vec& x = pts[k];
      arma::vec g;
      const double fx = p.f->value_gradient(x, g);
      const std::string pre = p.name + "," + std::to_string(k) + ",";
      os << pre << "x," << join(x) << "\n";
      os << pre << "f," << join(arma::vec{fx}) << "\n";
      os << pre << "g," << join(g) << "\n";
      os << pre << "H," << join_rows(p.f->hessian(x)) << "\n";
      os << pre << "r," << join(p.f->residuals(x)) << "\n";
      os << pre << "J," << join_rows(p.f->jacobian(x)) << "\n";
    }
  }
}

void write_problems(const std::vector<ProblemSpec>& problems, const std::string& path) {
  std::ofstream os(path);
  os << "problem,mgh,n,m,f_ref,f0,note\n" << std::setprecision(17);
  for (const auto& p : problems)
    os << p.name << "," << p.mgh << "," << p.f->dim() << "," << p.f->residuals(p.x0).n_elem << "," << p.f_ref << ","
       << p.f->value(p.x0) << "," << quote(p.note) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    std::cerr << "usage: " << argv[0] << " OUTDIR [--only NAME[,NAME...]]\n";
    return 2;
  }
  const std::filesystem::path out = argv[1];
  std::set<std::string> only;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--only" && i + 1 < argc) {
      std::stringstream ss(argv[++i]);
      for (std::string s; std::getline(ss, s, ',');) only.insert(s);
    } else {
      std::cerr << "unknown argument '" << a << "'\n";
      return 2;
    }
  }
  std::filesystem::create_directories(out);

  std::vector<ProblemSpec> problems;
  for (auto& p : optlab::mgh::problem_set())
    if (only.empty() || only.count(p.name)) problems.push_back(std::move(p));
  if (problems.empty()) {
    std::cerr << "no problem matches --only\n";
    return 2;
  }

  std::cout << "derivative checks (central differences, relative error; f = |r|^2 and g = 2J'r identities):\n";
  bool ok = true;
  for (const auto& p : problems) ok = check_problem(p, std::cout) && ok;
  if (!ok) {
    std::cerr << "derivative check FAILED: fix the problem definitions before comparing anything\n";
    return 1;
  }
  write_problems(problems, (out / "problems.csv").string());
  write_points(problems, (out / "points.csv").string());

  std::ofstream csv(out / "optlab.csv");
  csv << "problem,n,method,status,success,f,ginf,nfev,ngev,nhev,nit\n" << std::setprecision(17);
  const auto ms = methods();
  for (const auto& p : problems) {
    for (const auto& m : ms) {
      p.f->reset_counts();
      std::string status, message;
      bool success = false;
      double fx = std::nan(""), ginf = std::nan("");
      long nfev = 0, ngev = 0, nhev = 0;
      int nit = 0;
      try {
        const Result r = m.run(*p.f, p.x0);
        status = to_string(r.status);
        message = r.message;
        success = r.converged();
        // f = every evaluation of f (value-only, value+gradient and residual calls).
        // ngev = gradients, or Jacobians for LM (each gives ∇f = 2Jᵀr).
        nfev = r.evals.function_evals();
        ngev = r.evals.gradient + r.evals.jacobian;
        nhev = r.evals.hessian;
        nit = r.iterations;
        if (r.x.n_elem == p.f->dim()) {
          arma::vec g;
          fx = p.f->value_gradient(r.x, g);  // recomputed at the returned x, outside the counts above
          ginf = arma::norm(g, "inf");
        }
      } catch (const std::exception& e) {
        status = "exception";
        message = e.what();
      }
      csv << p.name << "," << p.f->dim() << "," << m.name << "," << status << "," << (success ? 1 : 0) << "," << fx
          << "," << ginf << "," << nfev << "," << ngev << "," << nhev << "," << nit << "\n";
      std::cout << std::left << std::setw(28) << p.name << std::setw(12) << m.name << std::setw(20) << status
                << " f=" << std::setw(14) << std::setprecision(6) << fx << " |g|inf=" << std::setw(12) << ginf
                << " nfev=" << std::setw(6) << nfev << " ngev=" << std::setw(6) << ngev << " nhev=" << std::setw(5)
                << nhev << " nit=" << nit << (message.empty() ? "" : "  (" + message + ")") << "\n";
    }
  }
  std::cout << "wrote " << (out / "optlab.csv").string() << "\n";
  return 0;
}
