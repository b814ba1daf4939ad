#!/usr/bin/env python3
"""Compares the vacancy-rate summaries of ahpsim and numpy_simple.py.

    agree.py AHPSIM_SUMMARY.csv NUMPY_SUMMARY.csv NUMPY_RATES.npy

For every cell and the total at 1, 5 and 10 years from the start:

- means: z = (a - b) / sqrt(mcse_a^2 + mcse_b^2), the difference in Monte
  Carlo standard errors of the difference;
- percentiles: where ahpsim's p-th percentile x falls in numpy's runs.
  With F the empirical distribution of numpy's runs, the percentile agrees
  when p lies in [F(x - w), F(x + w)] (an interval, because small cells'
  rates take few values and a percentile sits on one of them; w is the
  widest bin ahpsim's percentile histogram can have, 2 (max - min) / 256,
  docs/model.md, Summary statistics). z is p's distance from that interval
  in standard errors of the difference of two empirical distributions at
  p, sqrt(2 p (1 - p) / n).

It prints the total and a few cells, then the worst of each, and exits 1
when a mean or a percentile differs by more than 4.5 standard errors (147
means and 735 percentiles, correlated: a false alarm about 1 time in 100).
"""
import csv
import math
import sys

import numpy as np

DATES = ["2026-04", "2030-04", "2035-04"]
SHOWN = [("all", "all"), ("paramedic", "5"), ("physiotherapist", "6"), ("occupational_therapist", "7"),
         ("radiographer", "8a"), ("orthoptist", "8b")]
PCTS = [5, 25, 50, 75, 95]
MAX_Z = 4.5


def read_ahpsim(path):
    """Vacancy rates of the cells (a profession and a band) and the total."""
    rows = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            if r["option"] != "baseline" or r["metric"] != "vacancy_rate" or r["organisation"] != "all":
                continue
            if (r["profession"] == "all") != (r["band"] == "all"):
                continue  # a profession over its bands, or a band over professions
            rows[(r["date"], r["profession"], r["band"])] = {
                "mean": float(r["mean"]), "mcse": float(r["mcse"]),
                **{q: float(r["p%02d" % q]) for q in PCTS}}
    return rows


def read_numpy(path):
    """numpy's summary, and each series' column in the raw rates."""
    rows, dates, series = {}, [], []
    with open(path) as f:
        for r in csv.DictReader(f):
            if r["date"] not in dates:
                dates.append(r["date"])
            if (r["profession"], r["band"]) not in series:
                series.append((r["profession"], r["band"]))
            rows[(r["date"], r["profession"], r["band"])] = {"mean": float(r["mean"]), "mcse": float(r["mcse"])}
    return rows, dates, series


def percentile_z(x, sample, q):
    """p's distance, in standard errors, from where x falls in the sample."""
    p, n = q / 100, len(sample)
    w = 2 * (sample.max() - sample.min()) / 256
    lo = np.count_nonzero(sample < x - w - 1e-12) / n
    hi = np.count_nonzero(sample <= x + w + 1e-12) / n
    gap = lo - p if p < lo else (hi - p if p > hi else 0.0)  # > 0: ahpsim above numpy
    return gap / math.sqrt(2 * p * (1 - p) / n)


def main():
    a = read_ahpsim(sys.argv[1])
    b, dates, series = read_numpy(sys.argv[2])
    raw = np.load(sys.argv[3])
    keys = [(d,) + s for d in DATES for s in series]
    missing = [k for k in keys if k not in a]
    if missing:
        print("agree: series missing from the ahpsim summary:", missing[:5])
        return 1
    results, worst_mean, worst_pct = {}, (0.0, None), (0.0, None)
    for k in keys:
        x, y = a[k], b[k]
        se = math.hypot(x["mcse"], y["mcse"])
        zs = {"mean": (x["mean"] - y["mean"]) / se if se > 0 else (0.0 if x["mean"] == y["mean"] else math.inf)}
        sample = raw[dates.index(k[0]), :, series.index(k[1:])]
        for q in PCTS:
            zs[q] = percentile_z(x[q], sample, q)
            if abs(zs[q]) > abs(worst_pct[0]):
                worst_pct = (zs[q], k + ("p%d" % q,))
        if abs(zs["mean"]) > abs(worst_mean[0]):
            worst_mean = (zs["mean"], k)
        results[k] = zs
    print("%-8s %-34s %9s %9s %7s  %s" % ("date", "cell", "ahpsim", "numpy", "z mean", "z p5 p25 p50 p75 p95"))
    for k in [(d,) + s for d in DATES for s in SHOWN]:
        zs = results[k]
        print("%-8s %-34s %9.5f %9.5f %7.2f  %s" % (k[0], k[1] + "/" + k[2], a[k]["mean"], b[k]["mean"], zs["mean"],
                                                  " ".join("%5.2f" % zs[q] for q in PCTS)))
    print("worst mean:       %+.2f MCSE at %s (%d series x %d dates)" % (worst_mean[0], "/".join(worst_mean[1]),
                                                                        len(series), len(DATES)))
    print("worst percentile: %+.2f SE at %s" % (worst_pct[0], "/".join(worst_pct[1])))
    zm = np.array([r["mean"] for r in results.values()])
    print("z of the means:   mean %+.2f, rms %.2f over %d (about 0 and 1 when the two agree)" % (zm.mean(), np.sqrt((zm ** 2).mean()), len(zm)))
    ok = abs(worst_mean[0]) <= MAX_Z and abs(worst_pct[0]) <= MAX_Z
    print("agree: %s (every mean and percentile within %.1f standard errors)" % ("yes" if ok else "NO", MAX_Z))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
