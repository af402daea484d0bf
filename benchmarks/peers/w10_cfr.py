"""W10 CFR-Wasserstein (benchmarks/WORKLOADS.md) written the plain way in PyTorch: cfrnet's IHDP configuration
(Shalit, Johansson & Sontag 2017) on IHDP replicate 1 (all 747 units, covariates standardised, outcomes
standardised for training): an ELU representation 3 x 200, two ELU heads 3 x 100 with a linear output, the factual
loss weighted by arm, weight decay 1e-4 (0.5 * sum w^2) on the heads' weight matrices, alpha = 1 times Sinkhorn's
Wasserstein distance between the arms' representations in each batch (lambda = 10, 10 iterations, the plan held
fixed in the gradient), Adam 1e-3 decayed by 0.97 every 100 iterations, batches of 100 drawn without replacement,
3000 iterations, float32. Figure: cfr_s, the seconds of one training; quality: pehe, within-sample sqrt(PEHE)."""
import os, sys, time
sys.path.insert(0, os.environ.get("PEERS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/benchmarks/peers")))
import numpy as np
import torch
from torch import nn
from common import parse_args, emit

a = parse_args()
folder = os.environ.get("LEIBNIZ_IHDP", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/data/ihdp"))
data = np.loadtxt(os.path.join(folder, "ihdp_npci_1.csv"), delimiter=",")
t_np, y_np, mu0, mu1, x_np = data[:, 0], data[:, 1], data[:, 3], data[:, 4], data[:, 5:]
x_np = (x_np - x_np.mean(0)) / np.where(x_np.std(0) > 0, x_np.std(0), 1)
y_mean, y_scale = y_np.mean(), y_np.std()
x = torch.tensor(x_np, dtype=torch.float32)
t = torch.tensor(t_np, dtype=torch.float32).reshape(-1, 1)
y = torch.tensor((y_np - y_mean) / y_scale, dtype=torch.float32).reshape(-1, 1)
n, d = x.shape
share = t.mean().item()


def stack(inputs, width, layers, output):
    modules, previous = [], inputs
    for _ in range(layers):
        modules += [nn.Linear(previous, width), nn.ELU()]
        previous = width
    if output:
        modules.append(nn.Linear(previous, 1))
    return nn.Sequential(*modules)


def wasserstein(a, b, lam=10.0, iterations=10):
    squares = (a * a).sum(1, keepdim=True) + (b * b).sum(1).reshape(1, -1) - 2 * a @ b.T
    m = torch.sqrt(torch.relu(squares) + 1e-10)
    with torch.no_grad():
        k = torch.exp(-lam / m.mean() * m) + 1e-30
        u = torch.full((a.shape[0],), 1.0 / a.shape[0])
        v = torch.full((b.shape[0],), 1.0 / b.shape[0])
        for _ in range(iterations):
            u = 1.0 / a.shape[0] / (k @ v)
            v = 1.0 / b.shape[0] / (k.T @ u)
        plan = u.reshape(-1, 1) * k * v.reshape(1, -1)
    return (plan * m).sum()


def train():
    rep, h0, h1 = stack(d, 200, 3, False), stack(200, 100, 3, True), stack(200, 100, 3, True)
    decayed = [p for p in list(h0.parameters()) + list(h1.parameters()) if p.dim() == 2]
    opt = torch.optim.Adam(list(rep.parameters()) + list(h0.parameters()) + list(h1.parameters()), lr=1e-3)
    order, position = torch.randperm(n), 0
    for iteration in range(3000):
        if iteration > 0 and iteration % 100 == 0:
            for group in opt.param_groups:
                group["lr"] *= 0.97
        if position + 100 > n:
            order, position = torch.randperm(n), 0
        batch = order[position:position + 100]
        position += 100
        xb, yb, tb = x[batch], y[batch], t[batch]
        if tb.sum() == 0 or tb.sum() == len(batch):
            continue
        w = tb / (2 * share) + (1 - tb) / (2 * (1 - share))
        phi = rep(xb)
        prediction = tb * h1(phi) + (1 - tb) * h0(phi)
        loss = (w * (prediction - yb) ** 2).sum() / w.sum()
        treated = tb.squeeze(1) == 1
        loss = loss + wasserstein(phi[treated], phi[~treated])
        loss = loss + 0.5 * 1e-4 * sum((p * p).sum() for p in decayed)
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        phi = rep(x)
        tau = ((h1(phi) - h0(phi)).squeeze(1) * y_scale).numpy()
    return float(np.sqrt(np.mean((tau - (mu1 - mu0)) ** 2)))


t0 = time.perf_counter()
pehe = train()
seconds = time.perf_counter() - t0
emit("W10_cfr", cfr_s=seconds, pehe=pehe)
