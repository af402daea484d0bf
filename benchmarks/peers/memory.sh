#!/usr/bin/env bash
# Peak resident memory (VmHWM, as /usr/bin/time's %M reports it) of each side of a workload, one process per
# workload and thread count on both sides, so that neither side's peak includes another run:
#   bash benchmarks/peers/memory.sh [W1 W4 W5 W6]        (needs a published command: LEIBNIZ_DLL=…/Leibniz.Cli.dll)
# Prints one JSON line per workload and thread count: {"workload", "threads", "peer_mb", "leibniz_mb", "ratio"}.
set -u
here=$(cd "$(dirname "$0")" && pwd)
peers=${PEERS:-$here/../../../shared/benchmarks/peers}
dll=${LEIBNIZ_DLL:?set LEIBNIZ_DLL to a published Leibniz.Cli.dll (dotnet publish src/Leibniz.Cli -c Release -o DIR)}
export LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  if grep -qw avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo; then export OPENBLAS_CORETYPE=Haswell; fi
fi
declare -A script=([W0]=w0_gemm [W1]=w1_mlp_train [W2]=w2_tiny_mlp [W3]=w3_cnn [W4]=w4_hvp [W5]=w5_landscape [W6]=w6_ntk [W7]=w7_wagner_cem)
want=("$@"); [ ${#want[@]} -eq 0 ] && want=(W1 W4 W5 W6)
peak() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }
for w in "${want[@]}"; do
  s=${script[$w]:?unknown workload $w}
  for t in 1 2; do
    extra=(); [ "$w" = W7 ] && extra=(--iters 20)
    p=$(cd "$peers" && peak /usr/bin/python3 "$s.py" --threads $t "${extra[@]}")
    l=$(peak dotnet "$dll" bench $w --threads $t --json)
    awk -v w=$w -v t=$t -v p=$p -v l=$l 'BEGIN { printf "{\"workload\":\"%s\",\"threads\":%d,\"peer_mb\":%.1f,\"leibniz_mb\":%.1f,\"ratio\":%.2f}\n", w, t, p/1024, l/1024, p/l }'
  done
done
