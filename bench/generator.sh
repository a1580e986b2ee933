#!/usr/bin/env bash
# Times the release generator on the whole Cloudflare API and on synthetic specs of 100,
# 1,000 and 10,000 operations: the median of RUNS runs (default 5) of wall time and peak
# memory (`/usr/bin/time -v`), and the ratio against the figures in bench/previous.tsv.
# Usage: bench/generator.sh [GENERATOR_BINARY]   (from the repository root)
set -euo pipefail
bin=${1:-target/release/generator}
runs=${RUNS:-5}
[ -x "$bin" ] || cargo build -q --release -p generator
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 100 1000 10000; do
  python3 bench/synthetic_spec.py "$n" "$work/ops-$n.json"
done
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-12s %10s %10s %12s %12s\n' spec "wall s" "peak MB" "wall/prev" "peak/prev"
for case in whole-api ops-100 ops-1000 ops-10000; do
  spec=spec/cloudflare-openapi-2024-08-06.json
  [ "$case" = whole-api ] || spec="$work/$case.json"
  : >"$work/times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/one" "$bin" generate "$spec" --out "$work/out-$case" \
      --crate-name bench >/dev/null 2>&1
    cat "$work/one" >>"$work/times"
  done
  wall=$(cut -d' ' -f1 "$work/times" | median)
  peak=$(cut -d' ' -f2 "$work/times" | median | awk '{printf "%.0f", $1 / 1024}')
  prev=$(awk -v c="$case" '$1 == c {print $2, $3}' bench/previous.tsv)
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }
  printf '%-12s %10s %10s %12s %12s\n' "$case" "$wall" "$peak" \
    "$(ratio "$wall" "${prev%% *}")" "$(ratio "$peak" "${prev##* }")"
done
