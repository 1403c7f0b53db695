"""Writes vectors.json: binned-drift test vectors computed with scipy, read by the TypeScript, PromQL
and Go test suites. Definitions: README.md beside this file. Run: python3 make-vectors.py"""
import json
import pathlib

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon

DEFAULTS = {"alpha": 0.01, "psiDrift": 0.1, "psiWarn": 0.05}


def statistics(counts, baseline_count, rule=None):
    rule = {**DEFAULTS, **(rule or {})}
    c = np.asarray(counts, float)
    b, n, big_n = len(c), c.sum(), float(baseline_count)
    p = (c + 0.5) / (n + 0.5 * b)
    psi = float(np.sum((p - 1 / b) * np.log(p * b)))
    js = float(jensenshannon(c / n, np.full(b, 1 / b), base=2)) if n > 0 else 0.0
    table = np.vstack([np.full(b, big_n / b), c])
    keep = table.sum(axis=0) > 0
    chi2, pvalue, dof, _ = stats.chi2_contingency(table[:, keep], correction=False)
    closed_form = big_n / n * np.sum((c - n / b) ** 2 / (c + big_n / b))
    assert abs(chi2 - closed_form) <= 1e-9 * max(1.0, chi2), (chi2, closed_form)
    pvalue = float(stats.chi2.sf(closed_form, b - 1))
    cum = np.cumsum(c)[:-1] / n
    ks = float(np.max(np.abs(cum - np.arange(1, b) / b)))
    min_count = rule.get("minCount", 5 * b)
    if n < min_count:
        state = 3
    elif pvalue < rule["alpha"] and psi >= rule["psiDrift"]:
        state = 2
    elif pvalue < rule["alpha"] and psi >= rule["psiWarn"]:
        state = 1
    else:
        state = 0
    return {
        "bins": b, "baselineCount": int(big_n), "counts": [int(x) for x in c], "rule": {**rule, "minCount": min_count},
        "psi": psi, "jsDistance": js, "chiSquare": float(closed_form), "chiSquareDf": b - 1,
        "chiSquarePValue": pvalue, "chiSquareCritical": float(stats.chi2.ppf(1 - rule["alpha"], b - 1)),
        "ksBinned": ks, "state": state,
    }


def binned(u, b):
    return np.bincount(np.minimum((np.asarray(u) * b).astype(int), b - 1), minlength=b)


rng = np.random.default_rng(20261130)
cases = []


def add(name, counts, baseline_count, rule=None):
    cases.append({"name": name, **statistics(counts, baseline_count, rule)})


# Window counts from the probability-integral transform of known distributions against N(0,1).
add("no shift, n=1000, B=20", binned(rng.uniform(size=1000), 20), 10000)
add("0.5 sigma shift, n=1000, B=20", binned(stats.norm.cdf(rng.normal(0.5, 1, 1000)), 20), 10000)
add("0.1 sigma shift, n=1000, B=20", binned(stats.norm.cdf(rng.normal(0.1, 1, 1000)), 20), 10000)
add("variance x2, n=1000, B=20", binned(stats.norm.cdf(rng.normal(0, 2, 1000)), 20), 10000)
add("no shift, small baseline N=200", binned(rng.uniform(size=1000), 20), 200)
add("no shift, n=30 (insufficient)", binned(rng.uniform(size=30), 20), 10000)
add("all in one bin", [0] * 19 + [500], 10000)
add("empty bins and one outlier", binned(np.append(rng.uniform(0.2, 0.8, 400), 1.0), 20), 5000)
add("B=10", binned(stats.norm.cdf(rng.normal(0.3, 1, 2000)), 10), 50000)
add("B=50, large n", binned(stats.norm.cdf(rng.normal(0.02, 1, 200000)), 50), 100000)
add("exactly uniform", [50] * 20, 10000)
add("custom rule alpha 0.05", binned(stats.norm.cdf(rng.normal(0.2, 1, 800)), 20), 10000, {"alpha": 0.05, "psiDrift": 0.05, "psiWarn": 0.02})

out = pathlib.Path(__file__).with_name("vectors.json")
out.write_text(json.dumps({"generator": "make-vectors.py (numpy %s, scipy %s)" % (np.__version__, __import__("scipy").__version__),
                           "cases": cases}, indent=1) + "\n")
print(f"wrote {len(cases)} cases to {out}")
