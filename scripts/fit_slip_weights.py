#!/usr/bin/env python3
"""Fit the misspelled-name decision's weights (crates/byline-core/data/slip-weights.tsv).

    cargo build --release
    target/release/byline eval --dump-evidence /tmp/evidence.tsv
    python3 scripts/fit_slip_weights.py /tmp/evidence.tsv [--write]

The dump holds every (written word, KB candidate) pair the decision weighs, with its
features, a label (1: the word is a slip of that candidate) and the half of the entity
split it falls in. This script fits an L2-regularised logistic regression on the `fit`
half only (Newton's method on the pairs grouped by feature vector, so it needs nothing
beyond the standard library), reports pair-level precision and recall on both halves
(a gap of more than 3 points means a weight fits names, not errors), and with --write
rewrites the weight column of the table, keeping each weight's reason. The decision
reports a pair whose log-odds, less the threshold, is at least zero: the fitted bias
has the threshold subtracted (--threshold, a probability, default 0.5).

Deterministic: the same dump gives the same table.
"""
import argparse
import math
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "..", "crates", "byline-core", "data", "slip-weights.tsv")
# Weights held at their table value: a vector constant over the data cannot be fitted.
FIXED_IF_UNSEEN = True


def read_dump(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        first = header.index("entity") + 1
        last = header.index("margin")
        names = header[first:last]
        rows = []
        for line in f:
            cols = line.rstrip("\n").split("\t")
            x = tuple(float(v) for v in cols[first:last])
            rows.append((cols[0], cols[1], int(cols[2]), x))
    return names, rows


def solve(a, b):
    """Gaussian elimination with partial pivoting: a x = b."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def fit(names, groups, l2, prior, iterations=50, free=None):
    """Newton's method for logistic regression over (x, positives, negatives), each
    weight but the bias pulled towards its `prior` by an L2 penalty. With `free` (a set
    of names), only those weights move; the others stay at their `prior`."""
    n = len(names)
    w = list(prior)
    bias = names.index("bias")
    for _ in range(iterations):
        grad = [0.0] * n
        hess = [[0.0] * n for _ in range(n)]
        for x, pos, neg in groups:
            z = sum(wi * xi for wi, xi in zip(w, x))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            total = pos + neg
            g = pos - total * p
            h = total * p * (1 - p)
            for i in range(n):
                if x[i] == 0:
                    continue
                grad[i] += g * x[i]
                for j in range(n):
                    if x[j] != 0:
                        hess[i][j] += h * x[i] * x[j]
        for i in range(n):
            if i != bias:
                grad[i] -= l2 * (w[i] - prior[i])
                hess[i][i] += l2
            hess[i][i] += 1e-9
        if free is not None:
            for i in range(n):
                if names[i] not in free:
                    grad[i] = 0.0
                    hess[i] = [0.0] * n
                    for j in range(n):
                        hess[j][i] = 0.0
                    hess[i][i] = 1.0
        step = solve(hess, grad)
        w = [wi + si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def grouped(rows, half, whole=()):
    """Pairs with the same features counted together: those of `half`, and every pair of
    a source in `whole`."""
    counts = defaultdict(lambda: [0, 0])
    for source, h, label, x in rows:
        if h == half or source in whole:
            counts[x][0 if label else 1] += 1
    return [(x, p, n) for x, (p, n) in sorted(counts.items())]


def score(w, rows, half):
    tp = fp = fn = 0
    by_source = defaultdict(lambda: [0, 0, 0])
    for source, h, label, x in rows:
        if h != half:
            continue
        flagged = sum(wi * xi for wi, xi in zip(w, x)) >= 0
        s = by_source[source]
        if flagged and label:
            tp += 1
            s[0] += 1
        elif flagged:
            fp += 1
            s[1] += 1
        elif label:
            fn += 1
            s[2] += 1
    return tp, fp, fn, dict(by_source)


def report(name, w, rows):
    out = {}
    for half in ("fit", "report"):
        tp, fp, fn, by_source = score(w, rows, half)
        recall = tp / (tp + fn) if tp + fn else 0.0
        precision = tp / (tp + fp) if tp + fp else 0.0
        out[half] = recall
        print(f"{name:>8} {half:>6}: pairs recall {recall:6.1%} precision {precision:6.1%} "
              f"(tp {tp}, fp {fp}, fn {fn})")
        for source, (t, f, n) in sorted(by_source.items()):
            print(f"{'':>17}{source:>15}: tp {t}, fp {f}, fn {n}")
    gap = abs(out["fit"] - out["report"]) * 100
    print(f"{'':>17}recall gap between halves: {gap:.1f} points"
          + (" (over 3: overfitting)" if gap > 3 else ""))


def read_table():
    lines = open(TABLE, encoding="utf-8").read().splitlines()
    weights = {}
    for line in lines:
        if line.startswith("#") or not line.strip():
            continue
        name, weight, _why = line.split("\t", 2)
        weights[name] = float(weight)
    return lines, weights


def write_table(lines, weights, path=TABLE):
    out = []
    for line in lines:
        if line.startswith("#") or not line.strip():
            out.append(line)
            continue
        name, _weight, why = line.split("\t", 2)
        out.append(f"{name}\t{round(weights[name], 3)}\t{why}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump")
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty (default 1)")
    ap.add_argument("--prior", help="a weight table to pull the weights towards "
                    "(default: zero, plain L2); the rules the unit tests encode live there")
    ap.add_argument("--threshold", type=float, default=0.5,
                    help="probability a pair needs to be reported (default 0.5)")
    ap.add_argument("--only", help="comma-separated features to fit; every other weight "
                    "(the bias too, unless named) keeps its table value, as does the "
                    "threshold: for new evidence beside hand-set weights the unit tests "
                    "encode")
    ap.add_argument("--hold", help="comma-separated features kept at their table value "
                    "while the rest are fitted: for evidence the data hold too few pairs of "
                    "(the table's reason says how its value was set)")
    ap.add_argument("--whole", action="append", metavar="SOURCE",
                    help="fit on both halves of this source (repeatable): for our own "
                    "generator, whose entity split puts most company trials in one half; "
                    "names-dev's held-out half stays the judge")
    ap.add_argument("--write", action="store_true", help="rewrite the weight table")
    ap.add_argument("--out", help="write the fitted table here instead of over the "
                    "compiled-in one (implies --write)")
    args = ap.parse_args()
    names, rows = read_dump(args.dump)
    lines, table = read_table()
    missing = set(names) ^ set(table)
    if missing:
        sys.exit(f"dump and table disagree on features: {sorted(missing)}")
    print(f"{len(rows)} pairs, {sum(r[2] for r in rows)} positive; "
          f"fit half {sum(r[1] == 'fit' for r in rows)}, report half "
          f"{sum(r[1] == 'report' for r in rows)}")
    current = [table[n] for n in names]
    report("current", current, rows)
    whole = set(args.whole or ())
    groups = grouped(rows, "fit", whole)
    free = set(args.only.split(",")) if args.only else None
    if args.hold:
        held = set(args.hold.split(","))
        if held - set(names):
            sys.exit(f"no such features: {sorted(held - set(names))}")
        free = (free or set(names)) - held
    if free and free - set(names):
        sys.exit(f"no such features: {sorted(free - set(names))}")
    if args.prior:
        prior_table = {}
        for line in open(args.prior, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                name, weight, _ = line.split("\t", 2)
                prior_table[name] = float(weight)
        prior = [prior_table.get(n, 0.0) for n in names]
    elif free:
        prior = [table[n] if n not in free else 0.0 for n in names]
    else:
        prior = [0.0] * len(names)
    w = fit(names, groups, args.l2, prior, free=free)
    # A feature never set on the fit half keeps its current weight.
    seen = [any(x[i] != 0 for x, _, _ in groups) for i in range(len(names))]
    w = [wi if s or not FIXED_IF_UNSEEN else c for wi, s, c in zip(w, seen, current)]
    if not free or "bias" in free:
        w[names.index("bias")] -= math.log(args.threshold / (1 - args.threshold))
    report("fitted", w, rows)
    for n, wi, s in zip(names, w, seen):
        print(f"  {n:<26}{wi:8.3f}" + ("" if s else "  (unseen: kept)"))
    if args.write or args.out:
        path = args.out or TABLE
        write_table(lines, dict(zip(names, w)), path)
        print(f"wrote {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
