"""W9 linear NOTEARS (benchmarks/WORKLOADS.md) the way the reference code does it (Zheng et al. 2018, xunzheng/notears
notears/linear.py, loss 'l2'): augmented Lagrangian over W = W+ - W- with SciPy's L-BFGS-B on each subproblem,
h(W) = tr(expm(W*W)) - d by scipy.linalg.expm, the squared loss on the n x d data, lambda1 = 0.1, threshold 0.3.
Data: benchmarks/data/w9_x.csv (n = 1000, d = 20, ER2, Gaussian). Figure: notears_s, one run after one warm-up run;
quality: shd, tpr, fdr, nnz against benchmarks/data/w9_w_true.csv (NOTEARS' count_accuracy); the work: solves and
L-BFGS-B iterations over all solves."""
import os, sys, time
sys.path.insert(0, os.environ.get("PEERS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/benchmarks/peers")))
import numpy as np
import scipy.linalg as sla
import scipy.optimize as sopt
from common import parse_args, emit

a = parse_args()
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
X0 = np.loadtxt(os.path.join(here, "w9_x.csv"), delimiter=",")
W_true = np.loadtxt(os.path.join(here, "w9_w_true.csv"), delimiter=",")


def notears_linear(X, lambda1=0.1, max_iter=100, h_tol=1e-8, rho_max=1e16, w_threshold=0.3):
    n, d = X.shape
    X = X - X.mean(axis=0, keepdims=True)

    def to_matrix(w):
        return (w[:d * d] - w[d * d:]).reshape(d, d)

    def h_and_grad(W):
        E = sla.expm(W * W)
        return np.trace(E) - d, E.T * W * 2

    def objective(w, rho, alpha):
        W = to_matrix(w)
        R = X - X @ W
        loss = 0.5 / n * (R ** 2).sum()
        g_loss = -1.0 / n * X.T @ R
        h, g_h = h_and_grad(W)
        value = loss + 0.5 * rho * h * h + alpha * h + lambda1 * w.sum()
        g = g_loss + (rho * h + alpha) * g_h
        return value, np.concatenate([g + lambda1, -g + lambda1], axis=None)

    bounds = [(0, 0) if i == j else (0, None) for _ in range(2) for i in range(d) for j in range(d)]
    w, rho, alpha, h = np.zeros(2 * d * d), 1.0, 0.0, np.inf
    counts = dict(solves=0, iterations=0)
    for _ in range(max_iter):
        while rho < rho_max:
            result = sopt.minimize(objective, w, args=(rho, alpha), method="L-BFGS-B", jac=True, bounds=bounds)
            w_new = result.x
            counts["solves"] += 1
            counts["iterations"] += result.nit
            h_new, _ = h_and_grad(to_matrix(w_new))
            if h_new > 0.25 * h:
                rho *= 10
            else:
                break
        w, h = w_new, h_new
        alpha += rho * h
        if h <= h_tol or rho >= rho_max:
            break
    W = to_matrix(w)
    W[np.abs(W) < w_threshold] = 0
    return W, counts


def count_accuracy(B_true, B_est):
    d = B_true.shape[0]
    pred = set(zip(*np.nonzero(B_est)))
    cond = set(zip(*np.nonzero(B_true)))
    reversed_cond = {(j, i) for (i, j) in cond}
    true_pos = pred & cond
    reverse = {e for e in pred - cond if e in reversed_cond}
    false_pos = pred - cond - reversed_cond
    skeleton = lambda s: {(max(i, j), min(i, j)) for (i, j) in s}
    shd = len(skeleton(pred) - skeleton(cond)) + len(skeleton(cond) - skeleton(pred)) + len(reverse)
    return dict(shd=shd, tpr=len(true_pos) / max(len(cond), 1), fdr=(len(reverse) + len(false_pos)) / max(len(pred), 1), nnz=len(pred))


notears_linear(X0)                                # warm-up
t0 = time.perf_counter()
W, counts = notears_linear(X0)
seconds = time.perf_counter() - t0
emit("W9_notears", notears_s=seconds, **count_accuracy(W_true != 0, W != 0), **counts)
