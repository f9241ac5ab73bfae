#!/usr/bin/python3
"""Merges optlab.csv and scipy.csv into the Markdown tables of solutions/README.md.

    /usr/bin/python3 make_table.py OUTDIR README

Writes OUTDIR/table.md and replaces the text between the markers
    <!-- compare:begin -->  ...  <!-- compare:end -->
in README.  Standard library only.

Every run is judged by the same rule, whatever the method said about itself:
  f*         the best f any run found on the problem (ours or SciPy's, any configuration) when it
             agrees with the published MGH value (f_best ≤ f_ref + 1e-5·max(1, |f_ref|)), otherwise
             the published value (no run found the global minimum).
  solved ✓   f − f* ≤ 1e-8·max(1, |f*|) (the minimum value to about eight digits), or the gradient
             target nearly met (‖g‖∞ ≤ 1e-5·max(1, |f|), 10× the requested tolerance) with
             f − f* ≤ 1e-5·max(1, |f*|).  The second form accepts a run that stopped correctly on an
             ill-conditioned problem before f had all its digits; 1e-5 is below the smallest gap
             between a minimum and another stationary value in this set (2.8e-5, Trigonometric).
  station. ≈ not solved, but at another stationary point — a local minimum, a saddle, or a flat
             valley where the gradient test is met far from x*: ‖g‖∞ ≤ 1e-5·max(1, |f|) (10× the
             requested gradient tolerance), or f equal (to 1e-6 relative) to the f of a run on the
             same problem that passed that test (MINPACK's ftol test stops at a local minimum of a
             non-zero-residual problem with a gradient above that threshold).
  failed ✗   neither.
  claimed    the method's own verdict: our converged_* statuses, SciPy's `success`.
"""
import csv
import math
import os
import sys

BEGIN, END = "<!-- compare:begin -->", "<!-- compare:end -->"

# (title, our method, SciPy's method) — SciPy's 'matched' configuration.
PAIRS = [
    ("Newton (lesson 09) vs Newton-CG", "newton", "Newton-CG"),
    ("Nonlinear CG, PR+ (lesson 10) vs CG", "cg_pr+", "CG"),
    ("Nonlinear CG, FR (lesson 10) vs CG", "cg_fr", "CG"),
    ("L-BFGS, m = 10 (lesson 11) vs L-BFGS-B", "lbfgs", "L-BFGS-B"),
    ("Levenberg–Marquardt (lesson 12) vs least_squares(method='lm')", "lm", "lm"),
]
LM_VARIANTS = [("ours, D = I", "optlab", "lm_unscaled"), ("SciPy, x_scale='jac'", "scipy", "lm_jac")]


def read(path):
    with open(path) as fh:
        return list(csv.DictReader(fh))


def num(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return math.nan


def fmt_f(v):
    if not math.isfinite(v):
        return "nan"
    if abs(v) < 1e-20:  # a zero residual in floating point
        return "0"
    return "%.6g" % v


class Judge:
    def __init__(self, problems, runs):
        self.fstar, self.warnings = {}, []
        for p in problems:
            name, f_ref = p["problem"], num(p["f_ref"])
            fs = [num(r["f"]) for r in runs if r["problem"] == name and math.isfinite(num(r["f"]))]
            best = min(fs) if fs else math.inf
            tol = 1e-5 * max(1.0, abs(f_ref))
            if best < f_ref - tol:
                self.warnings.append("%s: a run found f = %.9g below the published minimum %.6g" % (name, best, f_ref))
            self.fstar[name] = best if best <= f_ref + tol else f_ref
        # f values of certified stationary points other than the minimum, per problem.
        self.stationary = {}
        for r in runs:
            if self._stationary(r) and not self._solved(r):
                self.stationary.setdefault(r["problem"], []).append(num(r["f"]))

    def _solved(self, run):
        f, fs = num(run["f"]), self.fstar[run["problem"]]
        if not math.isfinite(f):
            return False
        scale = max(1.0, abs(fs))
        return f - fs <= 1e-8 * scale or (self._stationary(run) and f - fs <= 1e-5 * scale)

    @staticmethod
    def _stationary(run):
        f, g = num(run["f"]), num(run["ginf"])
        return math.isfinite(f) and math.isfinite(g) and g <= 1e-5 * max(1.0, abs(f))

    def verdict(self, run):
        if self._solved(run):
            return "ok"
        f = num(run["f"])
        if self._stationary(run) or any(abs(f - v) <= 1e-6 * max(1.0, abs(v))
                                        for v in self.stationary.get(run["problem"], [])):
            return "stat"
        return "fail"


SYMBOL = {"ok": "✓", "stat": "≈", "fail": "✗"}


def claimed(run):
    return run["success"] == "1"


def evals(run, hess):
    parts = [run["nfev"] or "–", run["ngev"] or "–"]
    if hess:
        parts.append(run["nhev"] or "–")
    return "/".join(parts)


def cell(run, judge):
    v = judge.verdict(run)
    s = "%s %s, f = %s" % (SYMBOL[v], run["status"], fmt_f(num(run["f"])))
    if v != "ok":
        if v == "fail" and claimed(run):
            s += " **(claims success)**"
    elif not claimed(run):
        s += " (reports failure)"
    return s


def ratio_note(ours, theirs, judge):
    """'more' when both solved and ours used more function evaluations (or gradients)."""
    if judge.verdict(ours) != "ok" or judge.verdict(theirs) != "ok":
        return ""
    of, tf = num(ours["nfev"]), num(theirs["nfev"])
    og, tg = num(ours["ngev"]), num(theirs["ngev"])
    more = []

    def times(a, b):
        return "×%.2f" % (a / b) if a / b < 1.1 else "×%.1f" % (a / b)

    if of > tf:
        more.append("f " + times(of, tf))
    if math.isfinite(tg) and og > tg:
        more.append("g " + times(og, tg))
    return "**more: " + ", ".join(more) + "**" if more else "≤"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: /usr/bin/python3 make_table.py OUTDIR README")
    outdir, readme = sys.argv[1], sys.argv[2]
    problems = read(os.path.join(outdir, "problems.csv"))
    ours = read(os.path.join(outdir, "optlab.csv"))
    scipy_runs = read(os.path.join(outdir, "scipy.csv"))
    judge = Judge(problems, ours + scipy_runs)
    O = {(r["problem"], r["method"]): r for r in ours}
    S = {(r["problem"], r["method"], r["config"]): r for r in scipy_runs}
    names = [p["problem"] for p in problems]

    out = []
    w = out.append
    w("_Generated by `solutions/compare/run` from %d problems; do not edit by hand._\n" % len(names))
    for msg in judge.warnings:
        w("> **warning:** %s\n" % msg)

    # ---- summary -----------------------------------------------------------------------------
    w("#### Summary\n")
    w("✓ solved (f within 1e-8·max(1,|f*|) of the best known minimum f*, or the gradient target nearly met "
      "with f within 1e-5·max(1,|f*|) of f*) · ≈ stopped at another stationary point · ✗ failed · *false claims* = runs that report success but are ✗ · *misses* = runs that report "
      "failure but are ✓.  Evaluations are summed over the problems **both** methods solved; "
      "*more f-evals* counts those problems where ours needed more function evaluations than SciPy.\n")
    w("| pair | ours ✓/≈/✗ | SciPy ✓/≈/✗ | ours false claims / misses | SciPy false claims / misses "
      "| both ✓ | f-evals ours : SciPy (both ✓) | more f-evals |")
    w("|---|---|---|---|---|---|---|---|")
    rows_worse = []
    for title, om, sm in PAIRS:
        co, cs = {"ok": 0, "stat": 0, "fail": 0}, {"ok": 0, "stat": 0, "fail": 0}
        fo = fs_ = mo = ms = 0
        both = sum_o = sum_s = more = 0
        for name in names:
            o, s = O[(name, om)], S[(name, sm, "matched")]
            vo, vs = judge.verdict(o), judge.verdict(s)
            co[vo] += 1
            cs[vs] += 1
            fo += claimed(o) and vo == "fail"
            fs_ += claimed(s) and vs == "fail"
            mo += (not claimed(o)) and vo == "ok"
            ms += (not claimed(s)) and vs == "ok"
            if vo == "ok" and vs == "ok":
                both += 1
                sum_o += num(o["nfev"])
                sum_s += num(s["nfev"])
                if num(o["nfev"]) > num(s["nfev"]):
                    more += 1
            rank = {"ok": 2, "stat": 1, "fail": 0}
            if rank[vo] < rank[vs] or (vo == vs == "ok" and num(o["nfev"]) > num(s["nfev"])):
                rows_worse.append((title, name, o, s, vo, vs))
        w("| %s | %d/%d/%d | %d/%d/%d | %d / %d | %d / %d | %d | %d : %d | %d |" % (
            title, co["ok"], co["stat"], co["fail"], cs["ok"], cs["stat"], cs["fail"], fo, mo, fs_, ms,
            both, sum_o, sum_s, more))
    w("")

    # SciPy's defaults and the LM variants, for context.
    w("Other configurations (same verdict rule; not used for the comparison above):\n")
    w("| method | ✓/≈/✗ | false claims / misses | f-evals over all its ✓ problems |")
    w("|---|---|---|---|")

    def tally(runs):
        c = {"ok": 0, "stat": 0, "fail": 0}
        fc = mi = 0
        tot = 0
        for r in runs:
            v = judge.verdict(r)
            c[v] += 1
            fc += claimed(r) and v == "fail"
            mi += (not claimed(r)) and v == "ok"
            if v == "ok":
                tot += num(r["nfev"])
        return "%d/%d/%d | %d / %d | %d" % (c["ok"], c["stat"], c["fail"], fc, mi, tot)

    for label, om in (("ours: lm with D = I (`marquardt_scaling = false`)", "lm_unscaled"),):
        w("| %s | %s |" % (label, tally([O[(n, om)] for n in names])))
    w("| SciPy: least_squares('lm', x_scale='jac') (MINPACK's own scaling) | %s |"
      % tally([S[(n, "lm_jac", "matched")] for n in names]))
    for sm in ("Newton-CG", "CG", "L-BFGS-B", "lm"):
        w("| SciPy defaults: %s | %s |" % (sm, tally([S[(n, sm, "default")] for n in names])))
    w("")

    # ---- where ours is behind ----------------------------------------------------------------
    w("#### Rows where ours is less reliable or needs more function evaluations\n")
    if not rows_worse:
        w("None.\n")
    else:
        w("| pair | problem | ours | SciPy |")
        w("|---|---|---|---|")
        for title, name, o, s, vo, vs in rows_worse:
            hess = "Newton" in title
            w("| %s | %s | %s %s, f = %s, evals %s | %s %s, f = %s, evals %s |" % (
                title.split(" (")[0], name, SYMBOL[vo], o["status"], fmt_f(num(o["f"])), evals(o, hess),
                SYMBOL[vs], s["status"], fmt_f(num(s["f"])), evals(s, hess)))
        w("")

    # ---- per pair ----------------------------------------------------------------------------
    for title, om, sm in PAIRS:
        hess = om == "newton"
        lm = om == "lm"
        ev = "f/g/H evals" if hess else ("r/J evals" if lm else "f/g evals")
        w("#### %s\n" % title)
        head = "| problem | n | f* | ours | %s | SciPy | %s | ours ≤ SciPy? |" % (ev, ev)
        sep = "|---|---|---|---|---|---|---|---|"
        if lm:
            head += " %s | %s |" % (LM_VARIANTS[0][0], LM_VARIANTS[1][0])
            sep += "---|---|"
        w(head)
        w(sep)
        for p in problems:
            name = p["problem"]
            o, s = O[(name, om)], S[(name, sm, "matched")]
            line = "| %s | %s | %s | %s | %s | %s | %s | %s |" % (
                name, p["n"], fmt_f(judge.fstar[name]), cell(o, judge), evals(o, hess), cell(s, judge),
                evals(s, hess), ratio_note(o, s, judge))
            if lm:
                for _, side, m in LM_VARIANTS:
                    r = O[(name, m)] if side == "optlab" else S[(name, m, "matched")]
                    line += " %s %s |" % (SYMBOL[judge.verdict(r)], evals(r, False))
            w(line)
        w("")

    text = "\n".join(out).rstrip() + "\n"
    with open(os.path.join(outdir, "table.md"), "w") as fh:
        fh.write(text)
    with open(readme) as fh:
        doc = fh.read()
    if BEGIN not in doc or END not in doc or doc.index(BEGIN) > doc.index(END):
        sys.exit("make_table: %s has no %s ... %s section" % (readme, BEGIN, END))
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(readme, "w") as fh:
        fh.write(head + BEGIN + "\n" + text + END + tail)
    print("wrote %s and the table section of %s" % (os.path.join(outdir, "table.md"), readme))


if __name__ == "__main__":
    main()
