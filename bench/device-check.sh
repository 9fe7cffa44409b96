#!/usr/bin/env bash
# The device check of Landau3D on one GPU, in one command: prints the adapter, then writes into
# RESULTS_DIR (its only argument besides --small)
#   bench-fft.json / bench-direct.json   operator-bench rows (A[F], Q, RK3 step, GPU timestamps and the
#                                         per-kernel breakdown): FFT at N = 32, 64, 128, 256, direct at 32, 64
#   plan-<N>.txt                          the memory plan of the FFT path (run --dry-run)
#   blowdown-d<δ>-n<N>/                   run folders: blow-down δ = 0.1, 0.03 at N = 128, 256 to t* = 0.5
#                                         with --compare-radial (refused grids leave the refusal in the log)
#   torch-peer.json                       bench/torch_peer.py at the FFT sizes, when python3 has torch
#   summary.txt                           what ran, how long, and what was refused
# --small runs the same at N = 8–16 (the check's own test on SwiftShader). Uses the compiled dist/
# (npm ci builds it; the device kit ships it), so it needs nothing but Node and a Vulkan driver.
#   bash bench/device-check.sh RESULTS_DIR [--small]
set -uo pipefail
out=${1:?usage: bash bench/device-check.sh RESULTS_DIR [--small]}
small=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
cli="node $root/dist/src/cli/main.js"
bench="node $root/dist/bench/operator-bench.js"
if [ "$small" = --small ]; then
  fft=8,12,16; direct=8,12; runs="0.3:20 0.3:24"; t_star=0.05; limit=120
elif [ -z "$small" ]; then
  fft=32,64,128,256; direct=32,64; runs="0.1:128 0.03:128 0.1:256 0.03:256"; t_star=0.5; limit=600
else
  echo "device-check: unknown switch $small (only --small)" >&2; exit 2
fi
mkdir -p "$out" || { echo "device-check: cannot create $out" >&2; exit 2; }
summary="$out/summary.txt"
: > "$summary"
note() { echo "$*" | tee -a "$summary"; }
# step NAME TIMEOUT COMMAND…: runs one part, logs it to NAME.log, records its status and time.
step() {
  local name=$1 seconds=$2; shift 2
  local start=$SECONDS
  timeout "$seconds" "$@" > "$out/$name.log" 2>&1
  local code=$?
  note "$name: exit $code, $((SECONDS - start)) s$( [ $code -ne 0 ] && echo " — $(tail -n 1 "$out/$name.log")")"
}

note "device check $(date -u +%Y-%m-%dT%H:%M:%SZ)${small:+ ($small)}"
$cli run --scenario blowdown --n 8 --backend gpu --dry-run --allow-unresolved --out "$out/probe" 2>&1 | head -n 1 | sed "s/^memory plan: WGSL backend on /adapter: /" | tee -a "$summary"
step bench-fft "$limit" $bench --backend gpu --conv fft --n "$fft" --results-dir "$out/bench-fft"
step bench-direct "$limit" $bench --backend gpu --conv direct --n "$direct" --results-dir "$out/bench-direct"
for n in ${fft//,/ }; do
  $cli run --scenario blowdown --n "$n" --backend gpu --conv fft --dry-run --allow-unresolved --out "$out/probe" > "$out/plan-$n.txt" 2>&1
done
for r in $runs; do
  delta=${r%%:*}; n=${r##*:}
  step "blowdown-d$delta-n$n" "$limit" $cli run --scenario blowdown --delta "$delta" --n "$n" --t-end "$t_star" --dt-out "$t_star" \
    --backend gpu --compare-radial --quiet --out "$out/blowdown-d$delta-n$n"
done
if python3 -c 'import torch' > /dev/null 2>&1; then
  step torch-peer "$limit" python3 "$root/bench/torch_peer.py" --n "$fft" --out "$out/torch-peer.json"
else
  note "torch-peer: skipped (python3 with torch is not available)"
fi
note "done in $SECONDS s"
