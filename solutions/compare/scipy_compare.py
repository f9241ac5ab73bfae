#!/usr/bin/python3
"""scipy.optimize on the problems of optlab_compare (solutions/README.md, solutions/compare/run).

    /usr/bin/python3 scipy_compare.py OUTDIR

Needs Debian's python3-scipy (run with /usr/bin/python3).  Reads OUTDIR/problems.csv and
OUTDIR/points.csv written by optlab_compare, checks that mgh_problems.py computes the same f, ∇f,
∇²f, r and J at the same points (so both sides solve the same problems from the same starts),
then runs L-BFGS-B, CG, Newton-CG (with the exact Hessian) and least_squares(method='lm') and
writes OUTDIR/scipy.csv with the columns of optlab.csv plus `config` and the call counts this
script saw itself.

Two configurations:
  matched  the stopping target of our runs where SciPy has the same kind of test:
           L-BFGS-B gtol = CG gtol = 1e-6·max(1, |f_ref|) on ‖g‖∞ (our test is
           ‖g‖∞ ≤ 1e-6·max(1, |f|), and f → f_ref), L-BFGS-B ftol = 0 (our ftol test is off too),
           the same limits (10000 iterations, 20000 evaluations); Newton-CG and 'lm' keep their
           own tests (Newton-CG: ‖Δx‖₁ ≤ n·1e-5; MINPACK: ftol = xtol = gtol = 1e-8), as they
           have no test on ‖g‖.
  default  SciPy's defaults, as a user gets them.
"""
import csv
import math
import os
import sys
import warnings

import numpy as np
import scipy
from scipy.optimize import least_squares, minimize

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mgh_problems import problem_set  # noqa: E402

MAX_ITERATIONS = 10000   # as compare.cpp
MAX_EVALUATIONS = 20000  # as compare.cpp
GTOL = 1e-6              # as compare.cpp (scaled by max(1, |f_ref|) here, see above)


class Counted:
    """The problem's functions, with the calls this script sees (independent of SciPy's counters)."""

    def __init__(self, p):
        self.p = p
        self.calls = {"f": 0, "g": 0, "h": 0, "r": 0, "J": 0}

    def f(self, x):
        self.calls["f"] += 1
        return self.p.f(x)

    def g(self, x):
        self.calls["g"] += 1
        return self.p.grad(x)

    def h(self, x):
        self.calls["h"] += 1
        return self.p.hess(x)

    def r(self, x):
        self.calls["r"] += 1
        return self.p.res(x)

    def J(self, x):
        self.calls["J"] += 1
        return self.p.jac(x)


def check_points(problems, outdir):
    """Our numpy problems against optlab_compare's C++ ones: f, ∇f, ∇²f, r, J at two points."""
    by_name = {p.name: p for p in problems}
    with open(os.path.join(outdir, "problems.csv")) as fh:
        rows = list(csv.DictReader(fh))
    names = [row["problem"] for row in rows]
    if names != [p.name for p in problems]:
        sys.exit("scipy_compare: the problem lists differ:\n  C++:    %s\n  Python: %s"
                 % (names, [p.name for p in problems]))
    for row in rows:
        p = by_name[row["problem"]]
        if int(row["n"]) != p.n or int(row["m"]) != p.m or float(row["f_ref"]) != p.f_ref:
            sys.exit("scipy_compare: %s: n, m or f_ref differ from the C++ definition" % p.name)
    points = {}
    with open(os.path.join(outdir, "points.csv")) as fh:
        for row in csv.DictReader(fh):
            points.setdefault((row["problem"], row["point"]), {})[row["key"]] = np.array(
                [float(v) for v in row["values"].split()])
    worst = 0.0
    for (name, k), d in points.items():
        p = by_name[name]
        x = d["x"]
        if k == "0" and not np.array_equal(x, p.x0):
            sys.exit("scipy_compare: %s: the starting points differ: C++ %s, Python %s" % (name, x, p.x0))
        ours = {"f": np.array([p.f(x)]), "g": p.grad(x), "H": p.hess(x).ravel(), "r": p.res(x),
                "J": p.jac(x).ravel()}
        for key, val in ours.items():
            ref = d[key]
            if ref.shape != val.shape:
                sys.exit("scipy_compare: %s point %s: %s has %d values in C++, %d here"
                         % (name, k, key, ref.size, val.size))
            # Relative to the largest entry: the two codes add the same terms in other orders, so
            # they agree to a few ulps of the largest term; a transcription slip is O(1).
            err = np.max(np.abs(ref - val)) / max(np.max(np.abs(ref)), 1e-300)
            worst = max(worst, err)
            if not err <= 1e-10:
                i = int(np.argmax(np.abs(ref - val)))
                sys.exit("scipy_compare: %s point %s: %s differs from the C++ value, element %d: C++ %.17g, "
                         "Python %.17g (relative error %.3g)" % (name, k, key, i, ref[i], val[i], err))
    print("points.csv: %d problems agree with the C++ definitions at 2 points each "
          "(f, grad, Hessian, r, J; worst relative difference %.1e)" % (len(rows), worst))


def lbfgsb_status(msg):
    msg = msg.decode() if isinstance(msg, bytes) else str(msg)
    for key, short in (("PROJECTED_GRADIENT", "pgtol"), ("REL_REDUCTION", "factr"), ("ABNORMAL", "abnormal_lnsrch"),
                       ("ITERATIONS", "maxiter"), ("EVALUATIONS", "maxfun")):
        if key in msg:
            return short
    return msg.replace(",", ";")[:40]


def minimize_status(res):
    m = str(res.message).lower()
    if res.status == 0:
        return "success"
    if "maximum number of iterations" in m:
        return "maxiter"
    if "precision loss" in m:
        return "precision_loss"
    if "nan" in m:
        return "nan"
    if "hessian is not positive definite" in m or "didn't converge" in m:
        return "cg_not_converged"
    return "status%d" % res.status


LM_STATUS = {-1: "improper_input", 0: "max_nfev", 1: "gtol", 2: "ftol", 3: "xtol", 4: "ftol+xtol"}


def run(p, method, config):
    c = Counted(p)
    x0 = p.x0.copy()
    scale = max(1.0, abs(p.f_ref))
    matched = config == "matched"
    out = {"nhev": 0, "nit": ""}
    if method == "L-BFGS-B":
        opts = dict(maxcor=10)
        if matched:
            opts.update(gtol=GTOL * scale, ftol=0.0, maxiter=MAX_ITERATIONS, maxfun=MAX_EVALUATIONS)
        res = minimize(c.f, x0, jac=c.g, method="L-BFGS-B", options=opts)
        out.update(status=lbfgsb_status(res.message), nfev=res.nfev, ngev=res.njev, nit=res.nit)
    elif method == "CG":
        opts = dict(gtol=GTOL * scale, norm=np.inf, maxiter=MAX_ITERATIONS) if matched else {}
        res = minimize(c.f, x0, jac=c.g, method="CG", options=opts)
        out.update(status=minimize_status(res), nfev=res.nfev, ngev=res.njev, nit=res.nit)
    elif method == "Newton-CG":
        opts = dict(maxiter=MAX_ITERATIONS) if matched else {}
        res = minimize(c.f, x0, jac=c.g, hess=c.h, method="Newton-CG", options=opts)
        out.update(status=minimize_status(res), nfev=res.nfev, ngev=res.njev, nhev=res.nhev, nit=res.nit)
    elif method in ("lm", "lm_jac"):
        kw = dict(method="lm")
        if matched:
            kw["max_nfev"] = MAX_EVALUATIONS
        if method == "lm_jac":
            kw["x_scale"] = "jac"  # MINPACK's own scaling (mode 1) instead of SciPy's x_scale = 1
        res = least_squares(c.r, x0, jac=c.J, **kw)
        out.update(status=LM_STATUS.get(res.status, str(res.status)), nfev=res.nfev,
                   ngev=res.njev if res.njev is not None else "")
    else:
        raise ValueError(method)
    out["success"] = int(bool(res.success))
    x = np.asarray(res.x, dtype=float)
    out["f"] = p.f(x)  # recomputed outside the counters, f = Σ rᵢ² (least_squares reports ½Σ rᵢ²)
    out["ginf"] = float(np.max(np.abs(p.grad(x))))
    out.update({"calls_" + k: v for k, v in c.calls.items()})
    return out


FIELDS = ["problem", "n", "method", "config", "status", "success", "f", "ginf", "nfev", "ngev", "nhev", "nit",
          "calls_f", "calls_g", "calls_h", "calls_r", "calls_J"]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: /usr/bin/python3 scipy_compare.py OUTDIR")
    outdir = sys.argv[1]
    problems = problem_set()
    check_points(problems, outdir)
    print("scipy %s, numpy %s" % (scipy.__version__, np.__version__))
    rows = []
    for p in problems:
        for config in ("matched", "default"):
            for method in ("Newton-CG", "CG", "L-BFGS-B", "lm", "lm_jac"):
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")  # overflow far from x*, "precision loss" notes
                    try:
                        out = run(p, method, config)
                    except Exception as e:  # noqa: BLE001 - a crash is a result like any other
                        out = {"status": "exception:" + type(e).__name__, "success": 0, "f": math.nan,
                               "ginf": math.nan, "nfev": "", "ngev": "", "nhev": "", "nit": ""}
                out.update(problem=p.name, n=p.n, method=method, config=config)
                rows.append(out)
                if config == "matched":
                    print("%-28s %-10s %-16s f=%-14.6g |g|inf=%-12.6g nfev=%-6s ngev=%-6s nhev=%-5s nit=%s"
                          % (p.name, method, out["status"], out["f"], out["ginf"], out["nfev"], out["ngev"],
                             out["nhev"], out["nit"]))
    path = os.path.join(outdir, "scipy.csv")
    with open(path, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS, extrasaction="ignore")
        w.writeheader()
        for row in rows:
            w.writerow({k: (repr(float(v)) if k in ("f", "ginf") else v) for k, v in row.items()})
    print("wrote", path)


if __name__ == "__main__":
    main()
