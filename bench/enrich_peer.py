#!/usr/bin/python3
"""The Python program a user would write for gene-set enrichment over PFOCR's GMT: load the GMT, build
a sparse figure x gene incidence matrix, compute every overlap in one sparse product, then vectorised
scipy.stats.hypergeom.sf and a numpy Benjamini-Hochberg; print the top hits as TSV.

Usage: enrich_peer.py GMT GENES [LIMIT]   (GENES: one official symbol per line)"""
import sys
import time

t0 = time.perf_counter()

import numpy as np
from scipy import sparse
from scipy.stats import hypergeom

gmt_path, genes_path = sys.argv[1], sys.argv[2]
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 10

figids, titles, rows, cols = [], [], [], []
gene_id = {}
with open(gmt_path, encoding="utf-8") as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        r = len(figids)
        figids.append(parts[0])
        titles.append(parts[1])
        for g in parts[2:]:
            rows.append(r)
            cols.append(gene_id.setdefault(g, len(gene_id)))
M = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(figids), len(gene_id)))

with open(genes_path, encoding="utf-8") as f:
    query = {line.strip() for line in f if line.strip()}
q = np.zeros(len(gene_id), dtype=np.int32)
for g in query:
    if g in gene_id:
        q[gene_id[g]] = 1

t_load = time.perf_counter()
N = len(gene_id)
n = int(q.sum())
K = np.asarray(M.sum(axis=1)).ravel()
k = M @ q
tested = K > 0
m = int(tested.sum())
p = np.ones(len(figids))
# scipy's sf costs ~0.1 ms per element; with N and n fixed it depends on (k, K) alone, so it runs once
# per distinct pair (as capsearch memoises it), not once per figure.
pairs, inverse = np.unique(np.stack([k[tested], K[tested]]), axis=1, return_inverse=True)
p[tested] = hypergeom.sf(pairs[0] - 1, N, pairs[1], n)[inverse.ravel()]

# Benjamini-Hochberg over the tested figures.
pt = p[tested]
order = np.argsort(pt, kind="stable")
ranked = pt[order] * m / np.arange(1, m + 1)
q_sorted = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1.0)
fdr = np.ones(len(figids))
idx = np.flatnonzero(tested)
fdr[idx[order]] = q_sorted

hits = np.flatnonzero(tested & (k >= 1))
fig = np.array(figids, dtype=object)
top = hits[np.lexsort((fig[hits], -k[hits], p[hits]))][:limit]
print("enrich_peer: load %.3f s, statistics %.3f s" % (t_load - t0, time.perf_counter() - t_load), file=sys.stderr)
print("rank\tfigid\toverlap\tset_size\tpvalue\tfdr\ttitle")
for rank, i in enumerate(top, 1):
    print(f"{rank}\t{figids[i]}\t{k[i]}\t{K[i]}\t{p[i]:.6g}\t{fdr[i]:.6g}\t{titles[i]}")
