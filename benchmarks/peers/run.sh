#!/usr/bin/env bash
# Runs this project's own peers (workloads that ../shared/benchmarks does not define, see benchmarks/WORKLOADS.md)
# at 1 and 2 threads with the environment the shared peers get (the same OpenBLAS kernel choice as Leibniz).
# Usage: bash benchmarks/peers/run.sh W8 W9 W10 W11
set -u
here=$(cd "$(dirname "$0")" && pwd)
export PEERS=${PEERS:-$here/../../../shared/benchmarks/peers}
export LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  if grep -qw avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo; then export OPENBLAS_CORETYPE=Haswell; fi
fi
declare -A script=([W8]=w8_curvature [W9]=w9_notears [W10]=w10_cfr [W11]=w11_groebner)
for w in "$@"; do
  s=${script[$w]:-}; [ -n "$s" ] || { echo "unknown workload $w (this folder has: ${!script[*]}; the others are in ../shared/benchmarks/peers)" >&2; exit 2; }
  for t in 1 2; do (cd "$PEERS" && /usr/bin/python3 "$here/$s.py" --threads $t); done
done
