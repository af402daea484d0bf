"""W8 curvature products (benchmarks/WORKLOADS.md): W4's model and data (MLP 784-128-128-10 ReLU, default init,
seed 0, untrained; mean CE on the first 2048 Fashion-MNIST images), written the plain way a PyTorch user would:
- ggn_s: Gauss-Newton product J^T H J v: J v by functorch.jvp of the logits, H u by double backward of the loss in
  the logits, J^T by functorch.vjp (median of 10 after one warm-up);
- fisher_s: empirical Fisher (1/N) sum_i g_i g_i^T v: g_i^T v for all i by functorch.jvp of the per-example losses,
  then one backward of (1/N) sum_i (g_i^T v) l_i (median of 10);
- layer_top_s: the top eigenvalue of each layer's Hessian block (weight and bias) by 20 power iterations with
  double-backward products on a kept gradient graph, the three layers' times added."""
import os, sys
sys.path.insert(0, os.environ.get("PEERS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/benchmarks/peers")))
import numpy as np, torch
import functorch
from common import parse_args, emit, now, fashion_mnist, mlp

a = parse_args()
x, y = fashion_mnist(2048)
model = mlp([784, 128, 128, 10])
params = list(model.parameters())
P = sum(p.numel() for p in params)
fmodel, fparams = functorch.make_functional(model)
fparams = tuple(fparams)

def flat(ts):
    return torch.cat([t.reshape(-1) for t in ts])

def unflat(v):
    out, i = [], 0
    for p in params:
        out.append(v[i:i + p.numel()].view_as(p)); i += p.numel()
    return tuple(out)

def logits_of(ps):
    return fmodel(ps, x)

def ce(z):                                   # cross-entropy written out: torch 1.13 has no forward AD for nll_loss
    return torch.logsumexp(z, 1) - z.gather(1, y[:, None])[:, 0]

def ggn(v):
    z, vjp_fn = functorch.vjp(logits_of, fparams)
    _, jv = functorch.jvp(logits_of, (fparams,), (unflat(v),))
    zz = z.detach().requires_grad_()
    g = torch.autograd.grad(ce(zz).mean(), zz, create_graph=True)[0]
    hjv = torch.autograd.grad(g, zz, grad_outputs=jv)[0]
    return flat(vjp_fn(hjv)[0])

def fisher(v):
    losses, vjp_fn = functorch.vjp(lambda ps: ce(logits_of(ps)), fparams)
    _, u = functorch.jvp(lambda ps: ce(logits_of(ps)), (fparams,), (unflat(v),))
    return flat(vjp_fn(u / losses.shape[0])[0])

gen = torch.Generator().manual_seed(a.seed)
v0 = torch.randn(P, generator=gen); v0 /= v0.norm()

def median_time(f, n=10):
    f(v0)
    ts = []
    for _ in range(n):
        t0 = now(); f(v0); ts.append(now() - t0)
    return float(np.median(ts))

t_ggn, t_fisher = median_time(ggn), median_time(fisher)
loss_fn = torch.nn.CrossEntropyLoss()
tops, t_layers = [], 0.0
for layer in [m for m in model.modules() if isinstance(m, torch.nn.Linear)]:
    block = [layer.weight, layer.bias]
    n = sum(p.numel() for p in block)
    start = torch.randn(n, generator=gen)
    t0 = now()
    g = torch.autograd.grad(loss_fn(model(x), y), block, create_graph=True)
    v = start / start.norm()
    for _ in range(20):
        parts, i = [], 0
        for p in block:
            parts.append(v[i:i + p.numel()].view_as(p)); i += p.numel()
        hv = flat(torch.autograd.grad(g, block, grad_outputs=parts, retain_graph=True))
        lam = torch.dot(v, hv).item()
        v = hv / hv.norm()
    t_layers += now() - t0
    tops.append(lam)
emit("W8_curvature", params=P, ggn_s=t_ggn, fisher_s=t_fisher, layer_top_s=t_layers,
     ggn_rayleigh=torch.dot(v0, ggn(v0)).item(), fisher_rayleigh=torch.dot(v0, fisher(v0)).item(), layer_top=tops)
