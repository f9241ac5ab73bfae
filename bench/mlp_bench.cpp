// The lib's numerics against what the machine can do, measured in the same run:
//   dgemm/N              the dgemm rate of this machine (N×N·N×N, the physical limit)
//   mlp/gemm_chain       the 8 Armadillo products one forward+backward pass of a 784-256-128-10 MLP
//                        needs at batch 256 (3 forward, 5 backward; dA⁰ is not needed), into
//                        preallocated matrices: the floor for any implementation built on BLAS
//   mlp/gradient         lib's MLPProblem::value_gradient on the same shapes (ReLU, softmax
//                        cross-entropy, loss included): forward + loss + backward
//   mlp/gradient_batch   the same through batch_value_gradient (a 256-example minibatch of 2560),
//                        the call every minibatch optimizer makes (adds the row gather)
//   mlp/hessian_vector   exact H·v (R-operator) on the same network and batch
//   small/…              a 10-30-20-2 tanh MLP with 992 parameters on 200 examples: gradient, one
//                        H·v, the full exact Hessian (992 H·v), the residual Jacobian (MSE)
// Items processed are EXAMPLES, so items_per_second is examples/s.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <optlab/optlab.hpp>
#include <string>

// OpenBLAS names the kernel it picked for this CPU; weak, so another BLAS leaves them null.
extern "C" {
char* openblas_get_corename() __attribute__((weak));
int openblas_get_num_threads() __attribute__((weak));
}

namespace {

// The BLAS in use, recorded in the JSON context (bench/run warns about a fallback kernel).
const bool context_added = [] {
  benchmark::AddCustomContext("blas_core", openblas_get_corename ? openblas_get_corename() : "unknown (not OpenBLAS)");
  benchmark::AddCustomContext("blas_threads",
                              openblas_get_num_threads ? std::to_string(openblas_get_num_threads()) : "unknown");
  return true;
}();

using namespace optlab;

constexpr arma::uword kBatch = 256;

// Keeps a computed double alive.  (Not benchmark::DoNotOptimize(double&): Google Benchmark 1.7's
// "+r" constraint garbles doubles with GCC.)
volatile double sink_;
void sink(double v) { sink_ = v; }
const std::vector<arma::uword> kSizes = {784, 256, 128, 10};

struct Mnistish {
  arma::mat X, T;
  arma::uvec labels;
};

// Pixel-like inputs in [0, 1) and random classes (the cost does not depend on the values).
Mnistish make_data(arma::uword n, std::uint64_t seed) {
  Rng rng(seed);
  Mnistish d;
  d.X.set_size(n, kSizes.front());
  d.X.imbue([&] { return rng.uniform(); });
  d.labels.set_size(n);
  for (arma::uword i = 0; i < n; ++i) d.labels(i) = rng.below(kSizes.back());
  d.T = one_hot(d.labels, kSizes.back());
  return d;
}

struct Big {
  MLP net = MLP::make(kSizes, Activation::relu);
  Mnistish data = make_data(kBatch, 11);
  MLPProblem prob{net, data.X, data.T, Loss::softmax_cross_entropy};
  arma::vec theta = net.init(Init::he, 1);
  arma::vec v = Rng(2).normal_vec(net.num_params());
};
const Big& big() {
  static const Big b;
  return b;
}

double flops_chain() {
  const double B = kBatch;
  double f = 0;
  for (size_t l = 1; l < kSizes.size(); ++l) {
    const double nin = static_cast<double>(kSizes[l - 1]), nout = static_cast<double>(kSizes[l]);
    f += 2 * B * nin * nout;           // Zˡ = Aˡ⁻¹·Wˡ
    f += 2 * B * nin * nout;           // dWˡ = Aˡ⁻¹ᵀ·dZˡ
    if (l > 1) f += 2 * B * nin * nout;  // dAˡ⁻¹ = dZˡ·Wˡᵀ
  }
  return f;
}

void BM_dgemm(benchmark::State& st) {
  const auto n = static_cast<arma::uword>(st.range(0));
  Rng rng(3);
  const arma::mat A = rng.normal_mat(n, n), B = rng.normal_mat(n, n);
  arma::mat C(n, n);
  for (auto _ : st) {
    C = A * B;
    benchmark::DoNotOptimize(C.memptr());
    benchmark::ClobberMemory();
  }
  st.counters["flops"] = benchmark::Counter(2.0 * n * n * n, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_dgemm)->Arg(256)->Arg(1024)->Unit(benchmark::kMicrosecond);

void BM_gemm_chain(benchmark::State& st) {
  const Big& b = big();
  // Same shapes as the network; W views copied out of θ once.
  const arma::mat& X = b.data.X;
  const arma::mat W1 = b.net.W(b.theta, 1), W2 = b.net.W(b.theta, 2), W3 = b.net.W(b.theta, 3);
  arma::mat Z1(kBatch, 256), Z2(kBatch, 128), Z3(kBatch, 10);
  arma::mat dW1(784, 256), dW2(256, 128), dW3(128, 10), dA1(kBatch, 256), dA2(kBatch, 128);
  for (auto _ : st) {
    Z1 = X * W1;
    Z2 = Z1 * W2;
    Z3 = Z2 * W3;
    dW3 = Z2.t() * Z3;
    dA2 = Z3 * W3.t();
    dW2 = Z1.t() * dA2;
    dA1 = dA2 * W2.t();
    dW1 = X.t() * dA1;
    benchmark::DoNotOptimize(dW1.memptr());
    benchmark::ClobberMemory();
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * kBatch));
  st.counters["flops"] = benchmark::Counter(flops_chain(), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_gemm_chain)->Name("mlp/gemm_chain")->Unit(benchmark::kMicrosecond);

void BM_mlp_gradient(benchmark::State& st) {
  const Big& b = big();
  arma::vec g;
  for (auto _ : st) {
    sink(b.prob.value_gradient(b.theta, g));
    benchmark::DoNotOptimize(g.memptr());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * kBatch));
  st.counters["flops"] = benchmark::Counter(flops_chain(), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_mlp_gradient)->Name("mlp/gradient")->Unit(benchmark::kMicrosecond);

// The prototype of the issue-7 fixes (now in lib, bench/README.md): no copy of X into the cache,
// no zero-fill of the gradient, ReLU applied in place with g' taken from the activations, bias
// added and loss computed without temporaries.  Kept as a cross-check of lib's speed and result
// (same products, same result to rounding: rel_error_vs_lib).
double lean_value_gradient(const MLP& net, const arma::vec& theta, const arma::mat& X, const arma::mat& T,
                           arma::vec& g) {
  const arma::uword L = net.num_layers();
  std::vector<arma::mat> A(L + 1);
  const arma::mat* prev = &X;
  for (arma::uword l = 1; l <= L; ++l) {
    A[l] = *prev * net.W(theta, l);
    A[l].each_row() += net.b(theta, l).t();
    if (l < L) A[l].for_each([](double& z) { z = z > 0 ? z : 0.0; });  // ReLU in place
    prev = &A[l];
  }
  // Softmax cross-entropy in place on the logits: A[L] becomes dL/dY = (softmax(Y) − T)/N.
  arma::mat& Y = A[L];
  const double N = static_cast<double>(Y.n_rows);
  double f = 0;
  arma::colvec m = arma::max(Y, 1);
  Y.each_col() -= m;
  arma::mat E = arma::exp(Y);
  const arma::colvec s = arma::sum(E, 1);
  f = arma::accu(T.each_col() % arma::log(s)) - arma::accu(T % Y);
  E.each_col() /= s;
  Y = (E - T) / N;
  g.set_size(net.num_params());  // no zero fill: every entry is written below
  arma::mat dZ = std::move(Y);
  for (arma::uword l = L; l >= 1; --l) {
    const arma::mat& Ain = l > 1 ? A[l - 1] : X;
    arma::mat gW(g.memptr() + net.W_offset(l), Ain.n_cols, dZ.n_cols, false, true);
    gW = Ain.t() * dZ;
    arma::rowvec gb = arma::sum(dZ, 0);
    std::copy(gb.begin(), gb.end(), g.begin() + net.b_offset(l));
    if (l > 1) {
      arma::mat dA = dZ * net.W(theta, l).t();
      const double* a = A[l - 1].memptr();
      dA.for_each([&a](double& d) { d = *a++ > 0 ? d : 0.0; });  // ReLU': 1 where the unit is active
      dZ = std::move(dA);
    }
  }
  return f / N;
}

void BM_mlp_gradient_lean(benchmark::State& st) {
  const Big& b = big();
  arma::vec g;
  for (auto _ : st) {
    sink(lean_value_gradient(b.net, b.theta, b.data.X, b.data.T, g));
    benchmark::DoNotOptimize(g.memptr());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * kBatch));
  // The check the summary relies on: same loss and gradient as lib (to rounding).
  arma::vec g_lib;
  const double f_lib = b.prob.value_gradient(b.theta, g_lib);
  const double f = lean_value_gradient(b.net, b.theta, b.data.X, b.data.T, g);
  st.counters["rel_error_vs_lib"] =
      std::max(std::abs(f - f_lib) / std::abs(f_lib), arma::norm(g - g_lib, "inf") / arma::norm(g_lib, "inf"));
}
BENCHMARK(BM_mlp_gradient_lean)->Name("mlp/gradient_lean")->Unit(benchmark::kMicrosecond);

void BM_mlp_gradient_batch(benchmark::State& st) {
  const Big& b = big();
  static const Mnistish data = make_data(10 * kBatch, 12);
  static const MLPProblem prob(b.net, data.X, data.T, Loss::softmax_cross_entropy);
  MinibatchIterator it(data.X.n_rows, kBatch, 5);
  arma::uvec batch;
  arma::vec g;
  for (auto _ : st) {
    if (!it.next(batch)) it.next(batch);
    sink(prob.batch_value_gradient(b.theta, batch, g));
    benchmark::DoNotOptimize(g.memptr());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * kBatch));
}
BENCHMARK(BM_mlp_gradient_batch)->Name("mlp/gradient_batch")->Unit(benchmark::kMicrosecond);

// Gathering a minibatch of 256 rows out of 2560 examples: lib's X.rows(batch) on the column-major
// N×784 matrix (every element a strided read) against gathering columns of the transposed
// 784×N copy (contiguous 784-double reads) and transposing the result back.
void BM_gather_rows(benchmark::State& st) {
  const Mnistish data = make_data(10 * kBatch, 13);
  const arma::uvec batch = Rng(4).permutation(data.X.n_rows).head(kBatch);
  for (auto _ : st) {
    arma::mat Xb = data.X.rows(batch);
    benchmark::DoNotOptimize(Xb.memptr());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * kBatch));
}
BENCHMARK(BM_gather_rows)->Name("gather/rows")->Unit(benchmark::kMicrosecond);

void BM_gather_cols_t(benchmark::State& st) {
  const Mnistish data = make_data(10 * kBatch, 13);
  const arma::mat Xt = data.X.t();
  const arma::uvec batch = Rng(4).permutation(data.X.n_rows).head(kBatch);
  for (auto _ : st) {
    arma::mat Xb = Xt.cols(batch).t();
    benchmark::DoNotOptimize(Xb.memptr());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * kBatch));
}
BENCHMARK(BM_gather_cols_t)->Name("gather/cols_transposed")->Unit(benchmark::kMicrosecond);

// A plain loop down each column of the N×784 matrix: no transposed copy, but every example still
// costs 784 cache lines (lib uses it for T; X goes through the transposed copy, as cols_transposed).
void BM_gather_loop(benchmark::State& st) {
  const Mnistish data = make_data(10 * kBatch, 13);
  const arma::uvec batch = Rng(4).permutation(data.X.n_rows).head(kBatch);
  for (auto _ : st) {
    arma::mat Xb(kBatch, data.X.n_cols, arma::fill::none);
    for (arma::uword j = 0; j < data.X.n_cols; ++j) {
      const double* src = data.X.colptr(j);
      double* dst = Xb.colptr(j);
      for (arma::uword i = 0; i < kBatch; ++i) dst[i] = src[batch[i]];
    }
    benchmark::DoNotOptimize(Xb.memptr());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * kBatch));
}
BENCHMARK(BM_gather_loop)->Name("gather/loop")->Unit(benchmark::kMicrosecond);

void BM_mlp_hessian_vector(benchmark::State& st) {
  const Big& b = big();
  for (auto _ : st) {
    arma::vec Hv = b.prob.hessian_vector(b.theta, b.v);
    benchmark::DoNotOptimize(Hv.memptr());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * kBatch));
}
BENCHMARK(BM_mlp_hessian_vector)->Name("mlp/hessian_vector")->Unit(benchmark::kMicrosecond);

// ---- a 1,000-parameter MLP: full exact Hessian and residual Jacobian ----------------------------
struct Small {
  MLP net = MLP::make({10, 30, 20, 2}, Activation::tanh);
  arma::mat X = Rng(21).normal_mat(200, 10);
  arma::mat T = Rng(22).normal_mat(200, 2);
  MLPProblem prob{net, X, T, Loss::mse};
  arma::vec theta = net.init(Init::xavier, 3);
  arma::vec v = Rng(23).normal_vec(net.num_params());
};
const Small& small() {
  static const Small s;
  return s;
}

void BM_small_gradient(benchmark::State& st) {
  const Small& s = small();
  arma::vec g;
  for (auto _ : st) {
    sink(s.prob.value_gradient(s.theta, g));
    benchmark::DoNotOptimize(g.memptr());
  }
  st.counters["params"] = static_cast<double>(s.net.num_params());
}
BENCHMARK(BM_small_gradient)->Name("small/gradient")->Unit(benchmark::kMicrosecond);

void BM_small_hessian_vector(benchmark::State& st) {
  const Small& s = small();
  for (auto _ : st) {
    arma::vec Hv = s.prob.hessian_vector(s.theta, s.v);
    benchmark::DoNotOptimize(Hv.memptr());
  }
}
BENCHMARK(BM_small_hessian_vector)->Name("small/hessian_vector")->Unit(benchmark::kMicrosecond);

void BM_small_hessian(benchmark::State& st) {
  const Small& s = small();
  for (auto _ : st) {
    arma::mat H = s.prob.hessian(s.theta);
    benchmark::DoNotOptimize(H.memptr());
  }
  st.counters["params"] = static_cast<double>(s.net.num_params());
}
BENCHMARK(BM_small_hessian)->Name("small/hessian")->Unit(benchmark::kMillisecond);

void BM_small_jacobian(benchmark::State& st) {
  const Small& s = small();
  for (auto _ : st) {
    arma::mat J = s.prob.jacobian(s.theta);
    benchmark::DoNotOptimize(J.memptr());
  }
  st.counters["rows"] = static_cast<double>(s.X.n_rows * s.T.n_cols);
}
BENCHMARK(BM_small_jacobian)->Name("small/jacobian")->Unit(benchmark::kMillisecond);

void BM_small_gauss_newton(benchmark::State& st) {
  const Small& s = small();
  for (auto _ : st) {
    arma::mat G = s.prob.gauss_newton(s.theta);
    benchmark::DoNotOptimize(G.memptr());
  }
}
BENCHMARK(BM_small_gauss_newton)->Name("small/gauss_newton")->Unit(benchmark::kMillisecond);

}  // namespace
