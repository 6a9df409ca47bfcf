#!/usr/bin/python3
"""Writes the oracle cases for capsearch's enrichment statistics, computed with scipy (Debian's
python3-scipy): hypergeometric upper tails as scipy.stats.hypergeom.sf(k-1, N, K, n) (and logsf where
sf underflows), and Benjamini-Hochberg adjustments computed directly from their definition.

Usage: hypergeom_cases.py OUT [SEED]. Exit 77 (skip) when scipy is absent."""
import random
import sys

try:
    import numpy as np
    from scipy.stats import hypergeom
except ImportError:
    print("SKIPPED: python3-scipy / python3-numpy are not installed (scripts/install-deps.sh installs them)")
    sys.exit(77)

out_path = sys.argv[1]
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 15)


def case(k, N, K, n):
    sf = float(hypergeom.sf(k - 1, N, K, n))
    logsf = float(hypergeom.logsf(k - 1, N, K, n))
    return f"hg {k} {N} {K} {n} {sf!r} {logsf!r}"


lines = []
# Random cases over the whole range, N up to 100,000.
for _ in range(9000):
    N = rng.choice([rng.randint(1, 50), rng.randint(1, 2000), rng.randint(1, 100000)])
    K = rng.randint(0, N)
    n = rng.randint(0, N)
    lo, hi = max(0, n + K - N), min(K, n)
    k = rng.randint(lo, hi) if rng.random() < 0.8 else rng.randint(0, hi + 1)
    lines.append(case(k, N, K, n))
# Enrichment-shaped cases: small sets in a large universe, overlaps in the far tail.
for _ in range(1500):
    N = rng.randint(5000, 100000)
    K = rng.randint(1, 300)
    n = rng.randint(1, 3000)
    hi = min(K, n)
    k = rng.randint(1, hi) if hi > 0 else 0
    lines.append(case(k, N, K, n))
# Extremes: k = K = n (the smallest possible tail, below 1e-300 for large sets), k at the bounds.
for _ in range(300):
    N = rng.randint(1000, 100000)
    K = rng.randint(1, min(N, 2000))
    lines.append(case(K, N, K, K))
for N, K, n in [(100000, 100, 100), (100000, 500, 500), (100000, 1000, 1000), (100000, 2000, 2000),
                (100000, 50000, 50000), (100000, 100000, 100000), (100000, 1, 1), (1, 1, 1), (1, 0, 1),
                (100000, 99999, 2), (2000, 1000, 1000)]:
    for k in sorted({0, 1, min(K, n) // 2, min(K, n) - 1, min(K, n)}):
        if k >= 0:
            lines.append(case(k, N, K, n))

# Benjamini-Hochberg: q_(i) = min over j >= i of p_(j) * m / j, computed here the direct way.
for _ in range(200):
    size = rng.randint(1, 60)
    m = size + rng.randint(0, 40)
    p = [rng.random() ** rng.choice([1, 3, 10]) for _ in range(size)]
    if rng.random() < 0.3:
        p = [rng.choice(p) for _ in p]  # ties
    full = np.array(p + [1.0] * (m - size))
    order = np.argsort(full, kind="stable")
    q_sorted = np.empty(m)
    for i in range(m):
        q_sorted[i] = min(1.0, min(full[order[j]] * m / (j + 1) for j in range(i, m)))
    q = np.empty(m)
    q[order] = q_sorted
    lines.append("bh %d %s %s" % (m, ",".join(repr(x) for x in p), ",".join(repr(float(x)) for x in q[:size])))

with open(out_path, "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"wrote {len(lines)} cases to {out_path}")
