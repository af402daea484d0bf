"""W11 peer: Singular's std (option(redSB): the reduced basis) on cyclic-6, Katsura-7 and the 100 ideals of
benchmarks/data/w11_ideals.txt over GF(32003), dp (grevlex), timed inside Singular with rtimer in microseconds:
the median of 5 runs after one warm-up, the batch as one pass over the 100 ideals in one ring. Singular has no
threads; --threads is accepted so that run.sh can call every peer alike. Run with Debian's /usr/bin/python3."""
import argparse, json, os, re, subprocess, sys

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, default=1)
args = p.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "data", "w11_ideals.txt")


def cyclic(n):
    v = [f"x{i}" for i in range(n)]
    gens = [" + ".join("*".join(v[(i + k) % n] for k in range(d)) for i in range(n)) for d in range(1, n)]
    return v, gens + ["*".join(v) + " - 1"]


def katsura(n):
    v = [f"x{i}" for i in range(n + 1)]
    x = lambda k: v[abs(k)] if abs(k) <= n else None
    gens = [" + ".join(x(k) for k in range(-n, n + 1)) + " - 1"]
    for m in range(n):
        terms = [f"{x(k)}*{x(m - k)}" for k in range(-n, n + 1) if x(k) and x(m - k)]
        gens.append(" + ".join(terms) + f" - {v[m]}")
    return v, gens


def batch():
    ideals, ring = [], None
    for line in open(data):
        line = line.split("#")[0].strip()
        if line.startswith("ring:"):
            ring = line[5:].split(" over ")[0].strip().split(",")
        elif line:
            ideals.append(line)
    return ring, ideals


def timed_block(name, variables, ideals):
    """Singular code that prints 'name median_us basis_size' for the ideals, one pass per run."""
    lines = [f"ring r_{name} = 32003, ({','.join(variables)}), dp;", f"list L_{name};"]
    for k, g in enumerate(ideals):
        lines.append(f"L_{name}[{k + 1}] = ideal({g});")
    lines += [
        f"int size_{name} = 0; for (int k = 1; k <= size(L_{name}); k++) {{ size_{name} = size_{name} + size(std(L_{name}[k])); }} kill k;",
        f"intvec T_{name};",
        f"for (int r = 1; r <= 5; r++) {{ int t0 = rtimer; for (int k = 1; k <= size(L_{name}); k++) {{ ideal g = std(L_{name}[k]); kill g; }} kill k; T_{name}[r] = rtimer - t0; kill t0; }} kill r;",
        f"print(\"@@ {name} \" + string(sort(T_{name})[1][3]) + \" \" + string(size_{name}));",
    ]
    return "\n".join(lines)


cv, cg = cyclic(6)
kv, kg = katsura(7)
bv, bi = batch()
script = "\n".join([
    'LIB "general.lib";', 'system("--ticks-per-sec", 1000000);', "option(redSB);",
    timed_block("cyclic6", cv, [", ".join(cg)]),
    timed_block("katsura7", kv, [", ".join(kg)]),
    timed_block("batch", bv, bi),
    "quit;",
])
out = subprocess.run(["Singular", "-q", "--no-rc", "--no-warn"], input=script, capture_output=True, text=True, check=True).stdout
found = {m.group(1): (int(m.group(2)) / 1e6, int(m.group(3))) for m in re.finditer(r"@@ (\w+) (\d+) (\d+)", out)}
if set(found) != {"cyclic6", "katsura7", "batch"}:
    sys.exit(f"W11 peer: Singular did not report all three timings:\n{out}")
version = subprocess.run(["Singular", "--version"], capture_output=True, text=True).stdout.splitlines()[0].strip()
print(json.dumps({
    "workload": "W11_groebner", "threads": args.threads, "peer": "Singular std, option(redSB)", "singular": version,
    "cyclic6_s": found["cyclic6"][0], "katsura7_s": found["katsura7"][0], "batch100_s": found["batch"][0],
    "batch_ms_per_ideal": 1000 * found["batch"][0] / len(bi),
    "cyclic6_basis": found["cyclic6"][1], "katsura7_basis": found["katsura7"][1], "batch_basis_total": found["batch"][1],
}), flush=True)
