#include "optlab/mlp.hpp"

#include <cmath>
#include <sstream>

#include "optlab/core.hpp"

namespace optlab {

MLP::MLP(std::vector<arma::uword> sizes, std::vector<Activation> activations)
    : sizes_(std::move(sizes)), acts_(std::move(activations)) {
  if (sizes_.size() < 2)
    fail_argument("MLP", "sizes", "has " + std::to_string(sizes_.size()) + " entries, expected at least 2 (input and output)");
  for (size_t i = 0; i < sizes_.size(); ++i)
    if (sizes_[i] == 0) fail_argument("MLP", "sizes", "[" + std::to_string(i) + "] = 0, expected a positive layer size");
  if (acts_.size() != sizes_.size() - 1)
    fail_argument("MLP", "activations", "has " + std::to_string(acts_.size()) + " entries, expected one per layer: " +
                                            std::to_string(sizes_.size() - 1));
  offsets_.assign(sizes_.size(), 0);
  arma::uword off = 0;
  for (arma::uword l = 1; l < sizes_.size(); ++l) {
    offsets_[l] = off;
    off += sizes_[l - 1] * sizes_[l] + sizes_[l];
  }
  n_params_ = off;
}

MLP MLP::make(std::vector<arma::uword> sizes, Activation hidden, Activation output) {
  std::vector<Activation> acts(sizes.size() < 2 ? 0 : sizes.size() - 1, hidden);
  if (!acts.empty()) acts.back() = output;
  return MLP(std::move(sizes), std::move(acts));
}

std::string MLP::describe() const {
  std::ostringstream os;
  for (size_t i = 0; i < sizes_.size(); ++i) os << (i ? "-" : "") << sizes_[i];
  os << " ";
  for (size_t i = 0; i < acts_.size(); ++i) os << (i ? "/" : "") << to_string(acts_[i]);
  return os.str();
}

arma::mat MLP::W(arma::vec& theta, arma::uword l) const {
  return arma::mat(theta.memptr() + W_offset(l), sizes_[l - 1], sizes_[l], false, true);
}
arma::vec MLP::b(arma::vec& theta, arma::uword l) const {
  return arma::vec(theta.memptr() + b_offset(l), sizes_[l], false, true);
}
const arma::mat MLP::W(const arma::vec& theta, arma::uword l) const {
  return arma::mat(const_cast<double*>(theta.memptr()) + W_offset(l), sizes_[l - 1], sizes_[l], false, true);
}
const arma::vec MLP::b(const arma::vec& theta, arma::uword l) const {
  return arma::vec(const_cast<double*>(theta.memptr()) + b_offset(l), sizes_[l], false, true);
}

arma::vec MLP::weight_mask() const {
  arma::vec m(n_params_, arma::fill::zeros);
  for (arma::uword l = 1; l <= num_layers(); ++l) m.subvec(W_offset(l), b_offset(l) - 1).ones();
  return m;
}

arma::vec MLP::init(Init scheme, std::uint64_t seed, double init_scale) const {
  require(init_scale >= 0, "MLP::init", "init_scale", init_scale, ">= 0");
  Rng rng(seed);
  arma::vec theta(n_params_, arma::fill::zeros);
  for (arma::uword l = 1; l <= num_layers(); ++l) {
    const double fan_in = static_cast<double>(sizes_[l - 1]), fan_out = static_cast<double>(sizes_[l]);
    double sd = init_scale;
    if (scheme == Init::xavier) sd *= std::sqrt(2.0 / (fan_in + fan_out));  // Glorot & Bengio 2010
    if (scheme == Init::he) sd *= std::sqrt(2.0 / fan_in);                   // He et al. 2015
    W(theta, l) = rng.normal_mat(sizes_[l - 1], sizes_[l], sd);
  }
  return theta;
}

static void check_theta(const MLP& net, const arma::vec& theta, const char* where) {
  require_size(theta, net.num_params(), where, "theta");
}
static void check_X(const MLP& net, const arma::mat& X, const char* where) {
  if (X.n_rows == 0) fail_argument(where, "X", "is empty (0 examples)");
  if (X.n_cols != net.input_dim())
    fail_argument(where, "X", "has " + std::to_string(X.n_cols) + " columns, expected the input size " + std::to_string(net.input_dim()));
}

arma::mat MLP::forward(const arma::vec& theta, const arma::mat& X) const {
  MLPCache cache;
  return forward(theta, X, cache);
}

arma::mat MLP::forward(const arma::vec& theta, const arma::mat& X, MLPCache& cache) const {
  check_theta(*this, theta, "MLP::forward");
  check_X(*this, X, "MLP::forward");
  const arma::uword L = num_layers();
  cache.X = &X;  // A⁰ = X by reference: the caller's X outlives the cache (see mlp.hpp)
  cache.A.resize(L + 1);
  cache.Z.resize(L + 1);
  for (arma::uword l = 1; l <= L; ++l) {
    cache.Z[l] = cache.act(l - 1) * W(theta, l);  // Zˡ = Aˡ⁻¹·Wˡ + 1·bˡ
    cache.Z[l].each_row() += b(theta, l).t();
    activate_into(acts_[l - 1], cache.Z[l], cache.A[l]);  // Aˡ = g(Zˡ)
  }
  return cache.A[L];
}

arma::vec MLP::backward(const arma::vec& theta, const MLPCache& cache, const arma::mat& dY) const {
  const arma::uword L = num_layers();
  if (cache.A.size() != L + 1 || cache.X == nullptr)
    fail_argument("MLP::backward", "cache", "does not come from forward() of this network");
  if (dY.n_rows != cache.A[L].n_rows || dY.n_cols != cache.A[L].n_cols)
    fail_argument("MLP::backward", "dY", "does not have the shape of the network output");
  arma::vec grad(n_params_, arma::fill::none);  // every entry is written below
  arma::mat dZ = dY;  // dAˡ, turned into dZˡ in place
  for (arma::uword l = L; l >= 1; --l) {
    multiply_d1(acts_[l - 1], cache.Z[l], dZ);                 // dZˡ = dAˡ ⊙ gˡ'(Zˡ)
    arma::mat gW(grad.memptr() + W_offset(l), sizes_[l - 1], sizes_[l], false, true);
    gW = cache.act(l - 1).t() * dZ;                             // dWˡ = Aˡ⁻¹ᵀ·dZˡ
    grad.subvec(b_offset(l), b_offset(l) + sizes_[l] - 1) = arma::sum(dZ, 0).t();  // dbˡ = 1ᵀ·dZˡ
    if (l > 1) dZ = dZ * W(theta, l).t();                       // dAˡ⁻¹ = dZˡ·Wˡᵀ
  }
  return grad;
}

std::vector<double> MLP::layer_gradient_norms(const arma::vec& grad) const {
  require_size(grad, n_params_, "MLP::layer_gradient_norms", "grad");
  std::vector<double> out;
  for (arma::uword l = 1; l <= num_layers(); ++l) out.push_back(arma::norm(W(grad, l), "fro"));
  return out;
}

// Forward pass of directional derivatives R{·} = d/dε (·)(θ + εv) at ε = 0.
static std::vector<arma::mat> r_forward(const MLP& net, const arma::vec& theta, const arma::vec& v, const MLPCache& c) {
  const arma::uword L = net.num_layers();
  std::vector<arma::mat> RZ(L + 1);
  arma::mat RA;  // R{A⁰} = 0
  for (arma::uword l = 1; l <= L; ++l) {
    // R{Zˡ} = R{Aˡ⁻¹}·Wˡ + Aˡ⁻¹·Vˡ + 1·vbˡ
    RZ[l] = c.act(l - 1) * net.W(v, l);
    if (l > 1) RZ[l] += RA * net.W(theta, l);
    RZ[l].each_row() += net.b(v, l).t();
    const Activation a = net.activations()[l - 1];
    RA = a == Activation::identity ? RZ[l] : arma::mat(activate_d1(a, c.Z[l]) % RZ[l]);  // R{Aˡ} = g'(Zˡ) ⊙ R{Zˡ}
  }
  RZ[0] = RA;  // stash R{Aᴸ} in the unused slot
  return RZ;
}

arma::mat MLP::jacobian_vector(const arma::vec& theta, const arma::mat& X, const arma::vec& v) const {
  require_size(v, n_params_, "MLP::jacobian_vector", "v");
  MLPCache c;
  forward(theta, X, c);
  return r_forward(*this, theta, v, c)[0];
}

arma::vec MLP::hessian_vector(const arma::vec& theta, const arma::mat& X, const arma::mat& T, Loss loss,
                              const arma::vec& v) const {
  require_size(v, n_params_, "MLP::hessian_vector", "v");
  MLPCache c;
  const arma::mat Y = forward(theta, X, c);
  const arma::uword L = num_layers();
  std::vector<arma::mat> RZ = r_forward(*this, theta, v, c);
  arma::mat dA = loss_gradient(loss, Y, T);
  arma::mat RdA = loss_hessian_vector(loss, Y, T, RZ[0]);  // R{dAᴸ} = ∇²ℓ · R{Aᴸ}
  arma::vec Hv(n_params_, arma::fill::none);  // every entry is written below
  for (arma::uword l = L; l >= 1; --l) {
    const Activation a = acts_[l - 1];
    arma::mat dZ, RdZ;
    if (a == Activation::identity) {
      dZ = dA;
      RdZ = RdA;
    } else {
      const arma::mat g1 = activate_d1(a, c.Z[l]);
      dZ = dA % g1;
      RdZ = RdA % g1 + dA % activate_d2(a, c.Z[l]) % RZ[l];  // R{dZ} = R{dA}⊙g' + dA⊙g''⊙R{Z}
    }
    arma::mat HW(Hv.memptr() + W_offset(l), sizes_[l - 1], sizes_[l], false, true);
    HW = c.act(l - 1).t() * RdZ;  // R{dW} = R{Aˡ⁻¹}ᵀ·dZ + Aˡ⁻¹ᵀ·R{dZ}
    if (l > 1) {
      const Activation ap = acts_[l - 2];
      const arma::mat RAprev = ap == Activation::identity ? RZ[l - 1] : arma::mat(activate_d1(ap, c.Z[l - 1]) % RZ[l - 1]);
      HW += RAprev.t() * dZ;
      RdA = RdZ * W(theta, l).t() + dZ * W(v, l).t();  // R{dAˡ⁻¹} = R{dZ}·Wᵀ + dZ·Vᵀ
      dA = dZ * W(theta, l).t();
    }
    Hv.subvec(b_offset(l), b_offset(l) + sizes_[l] - 1) = arma::sum(RdZ, 0).t();
  }
  return Hv;
}

arma::mat MLP::output_jacobian(const arma::vec& theta, const arma::mat& X) const {
  MLPCache c;
  const arma::mat Y = forward(theta, X, c);
  const arma::uword N = Y.n_rows, K = Y.n_cols, L = num_layers();
  arma::mat J(N * K, n_params_);
  arma::mat Jk(N, n_params_);
  for (arma::uword k = 0; k < K; ++k) {
    // Backprop the seed e_k for every example at once, keeping per-example gradients:
    // ∂Y(i,k)/∂Wˡ(p,q) = Aˡ⁻¹(i,p)·dZˡ(i,q),  ∂Y(i,k)/∂bˡ(q) = dZˡ(i,q).
    arma::mat dA(N, K, arma::fill::zeros);
    dA.col(k).ones();
    for (arma::uword l = L; l >= 1; --l) {
      arma::mat dZ = acts_[l - 1] == Activation::identity ? dA : arma::mat(dA % activate_d1(acts_[l - 1], c.Z[l]));
      const arma::uword nin = sizes_[l - 1];
      for (arma::uword q = 0; q < sizes_[l]; ++q)
        Jk.cols(W_offset(l) + q * nin, W_offset(l) + (q + 1) * nin - 1) = c.act(l - 1).each_col() % dZ.col(q);
      Jk.cols(b_offset(l), b_offset(l) + sizes_[l] - 1) = dZ;
      if (l > 1) dA = dZ * W(theta, l).t();
    }
    for (arma::uword i = 0; i < N; ++i) J.row(i * K + k) = Jk.row(i);
  }
  return J;
}

// ---------------------------------------------------------------------------------------------
MLPProblem::MLPProblem(MLP net, arma::mat X, arma::mat T, Loss loss, double l2, std::string name)
    : net_(std::move(net)), X_(std::move(X)), T_(std::move(T)), loss_(loss), l2_(l2), name_(std::move(name)) {
  if (X_.n_rows == 0) fail_argument("MLPProblem", "X", "is empty (0 examples)");
  if (X_.n_cols != net_.input_dim())
    fail_argument("MLPProblem", "X", "has " + std::to_string(X_.n_cols) + " columns, expected the network's input size " +
                                         std::to_string(net_.input_dim()));
  if (T_.n_rows != X_.n_rows)
    fail_argument("MLPProblem", "T", "has " + std::to_string(T_.n_rows) + " rows, expected one per example: " + std::to_string(X_.n_rows));
  if (T_.n_cols != net_.output_dim())
    fail_argument("MLPProblem", "T", "has " + std::to_string(T_.n_cols) + " columns, expected the network's output size " +
                                         std::to_string(net_.output_dim()));
  require(l2 >= 0, "MLPProblem", "l2", l2, ">= 0");
  wmask_ = net_.weight_mask();
  Xt_ = X_.t();
}

double MLPProblem::eval_value(const arma::vec& x) const {
  double f = loss_value(loss_, net_.forward(x, X_), T_);
  if (l2_ > 0) f += 0.5 * l2_ * arma::dot(x % wmask_, x);
  return f;
}

double MLPProblem::eval_value_gradient(const arma::vec& x, arma::vec& g) const {
  return eval_batch(x, arma::uvec(), &g);
}

// M.rows(idx) bit for bit, by a plain loop down each column (Armadillo's generic subview_elem2
// is ~10× slower).  Used for T (few columns); X goes through Xt_.  idx is checked by the caller.
static arma::mat gather_rows(const arma::mat& M, const arma::uvec& idx) {
  arma::mat out(idx.n_elem, M.n_cols, arma::fill::none);
  const arma::uword* r = idx.memptr();
  const arma::uword n = idx.n_elem;
  for (arma::uword j = 0; j < M.n_cols; ++j) {
    const double* src = M.colptr(j);
    double* dst = out.colptr(j);
    for (arma::uword i = 0; i < n; ++i) dst[i] = src[r[i]];
  }
  return out;
}

double MLPProblem::eval_batch(const arma::vec& x, const arma::uvec& batch, arma::vec* g) const {
  const bool all = batch.is_empty();
  // Example i is column i of Xt_: 784 contiguous doubles instead of 784 cache lines of X_.
  const arma::mat Xb = all ? arma::mat() : arma::mat(Xt_.cols(batch).t());
  const arma::mat Tb = all ? arma::mat() : gather_rows(T_, batch);
  const arma::mat& Xr = all ? X_ : Xb;
  const arma::mat& Tr = all ? T_ : Tb;
  MLPCache c;  // refers to Xr, which outlives it
  const arma::mat Y = net_.forward(x, Xr, c);
  double f = loss_value(loss_, Y, Tr);
  if (l2_ > 0) f += 0.5 * l2_ * arma::dot(x % wmask_, x);
  if (g) {
    *g = net_.backward(x, c, loss_gradient(loss_, Y, Tr));
    if (l2_ > 0) *g += l2_ * (wmask_ % x);
  }
  return f;
}

arma::vec MLPProblem::eval_hessian_vector(const arma::vec& x, const arma::vec& v) const {
  arma::vec Hv = net_.hessian_vector(x, X_, T_, loss_, v);
  if (l2_ > 0) Hv += l2_ * (wmask_ % v);
  return Hv;
}

arma::mat MLPProblem::eval_hessian(const arma::vec& x) const {
  const arma::uword P = dim();
  arma::mat H(P, P);
  arma::vec e(P, arma::fill::zeros);
  for (arma::uword j = 0; j < P; ++j) {  // column j = H·eⱼ, exact (no finite differences)
    e(j) = 1.0;
    H.col(j) = eval_hessian_vector(x, e);
    e(j) = 0.0;
  }
  return H;
}

arma::vec MLPProblem::eval_residuals(const arma::vec& x) const {
  const arma::mat Y = net_.forward(x, X_);
  arma::vec r = arma::vectorise(Y - T_, 1).t() / std::sqrt(static_cast<double>(X_.n_rows));
  if (l2_ > 0) {
    const arma::uvec w = arma::find(wmask_);
    r = arma::join_cols(r, std::sqrt(0.5 * l2_) * arma::vec(x.elem(w)));
  }
  return r;
}

arma::mat MLPProblem::eval_jacobian(const arma::vec& x) const {
  arma::mat J = net_.output_jacobian(x, X_) / std::sqrt(static_cast<double>(X_.n_rows));
  if (l2_ > 0) {
    const arma::uvec w = arma::find(wmask_);
    arma::mat R(w.n_elem, dim(), arma::fill::zeros);
    for (arma::uword i = 0; i < w.n_elem; ++i) R(i, w(i)) = std::sqrt(0.5 * l2_);
    J = arma::join_cols(J, R);
  }
  return J;
}

arma::mat MLPProblem::gauss_newton(const arma::vec& theta) const {
  if (!has_residuals()) throw std::logic_error("MLPProblem::gauss_newton needs the MSE loss (residual form)");
  const arma::mat J = jacobian(theta);
  return J.t() * J;
}

arma::vec MLPProblem::gauss_newton_vector(const arma::vec& theta, const arma::vec& v) const {
  if (!has_residuals()) throw std::logic_error("MLPProblem::gauss_newton_vector needs the MSE loss (residual form)");
  require_size(theta, dim(), "MLPProblem::gauss_newton_vector", "theta");
  require_size(v, dim(), "MLPProblem::gauss_newton_vector", "v");
  // JᵀJv without J: J_out·v by the forward R-pass, then J_outᵀ(·) by a plain backward pass.
  MLPCache c;
  net_.forward(theta, X_, c);
  const arma::mat Jv = net_.jacobian_vector(theta, X_, v);
  arma::vec out = net_.backward(theta, c, Jv / static_cast<double>(X_.n_rows));
  if (l2_ > 0) out += 0.5 * l2_ * (wmask_ % v);
  return out;
}

double MLPProblem::accuracy(const arma::vec& theta, const arma::mat& X, const arma::uvec& labels) const {
  if (labels.n_elem != X.n_rows)
    fail_argument("MLPProblem::accuracy", "labels", "has " + std::to_string(labels.n_elem) + " entries, expected " + std::to_string(X.n_rows));
  const arma::mat Y = net_.forward(theta, X);
  arma::uvec pred = Y.n_cols == 1 ? arma::uvec(arma::conv_to<arma::uvec>::from(Y.col(0) >= 0.0)) : arma::uvec(arma::index_max(Y, 1));
  return static_cast<double>(arma::accu(pred == labels)) / static_cast<double>(labels.n_elem);
}

double MLPProblem::accuracy(const arma::vec& theta) const {
  arma::uvec labels = T_.n_cols == 1 ? arma::uvec(arma::conv_to<arma::uvec>::from(T_.col(0) > 0.5)) : arma::uvec(arma::index_max(T_, 1));
  return accuracy(theta, X_, labels);
}

}  // namespace optlab
