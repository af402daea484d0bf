"""Writes W9's fixed data set (benchmarks/WORKLOADS.md): a linear Gaussian SEM on an Erdos-Renyi DAG with d = 20
vertices and 40 edges (ER2), weights uniform on [-2, -0.5] u [0.5, 2], unit noise, n = 1000 samples, NumPy seed 0.
Run once; the files are committed so that both sides of the benchmark read the same numbers."""
import os
import numpy as np

rng = np.random.default_rng(0)
d, edges, n = 20, 40, 1000
pairs = [(i, j) for i in range(d) for j in range(i)]
chosen = rng.choice(len(pairs), size=edges, replace=False)
B = np.zeros((d, d))
for k in chosen:
    i, j = pairs[k]
    B[i, j] = 1                                   # lower triangle: acyclic in index order
perm = rng.permutation(d)
B = B[np.ix_(perm, perm)]                         # hide the order
W = B * rng.uniform(0.5, 2.0, size=(d, d)) * rng.choice([-1.0, 1.0], size=(d, d))
order = []                                        # a topological order of B (Kahn)
indeg = B.sum(axis=0)
ready = [j for j in range(d) if indeg[j] == 0]
while ready:
    i = ready.pop(0); order.append(i)
    for j in range(d):
        if B[i, j]:
            indeg[j] -= 1
            if indeg[j] == 0:
                ready.append(j)
X = np.zeros((n, d))
for j in order:
    X[:, j] = X @ W[:, j] + rng.normal(size=n)
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
np.savetxt(os.path.join(here, "w9_x.csv"), X, delimiter=",", fmt="%.10g")
np.savetxt(os.path.join(here, "w9_w_true.csv"), W, delimiter=",", fmt="%.10g")
