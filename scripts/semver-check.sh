#!/usr/bin/env bash
# The semver proof (issue 10): every focused pair under spec/cases/diff/<class>/{old,new}.yaml
# (one class of spec change each) is generated
# into two crates, and cargo-semver-checks compares their public APIs. Its verdict must agree
# with `generator diff` on the same pair:
#   - where `generator diff` says minor or patch, cargo-semver-checks finds nothing breaking;
#   - where cargo-semver-checks finds a breaking change, `generator diff` says major.
# `generator diff` also calls major what no API check can see (a path or a method changed,
# a credential no longer accepted): those pairs are listed as "major beyond the API".
#
#   cargo install cargo-semver-checks --locked   # once
#   scripts/semver-check.sh [CLASS...]           # every pair, or the ones named
#
# Exit 1 when any pair disagrees. Takes about 20 s a pair once the dependencies are built.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-semver-checks >/dev/null || {
  echo "cargo-semver-checks is missing: cargo install cargo-semver-checks --locked" >&2
  exit 2
}
cargo build -q --release -p generator
generator=$PWD/target/release/generator
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="$PWD/target/semver-check"

if [ $# -gt 0 ]; then classes=("$@"); else
  classes=(); for dir in spec/cases/diff/*/; do
    [ -f "$dir/old.yaml" ] && [ -f "$dir/new.yaml" ] && classes+=("$(basename "$dir")")
  done
fi

disagree=0 agree=0 beyond=()
for class in "${classes[@]}"; do
  dir=spec/cases/diff/$class
  for side in old new; do
    "$generator" generate "$dir/$side.yaml" --out "$work/$class/$side" --crate-name semver-case >/dev/null 2>&1
    cp Cargo.lock "$work/$class/$side/"
  done
  level=$("$generator" diff "$dir/old.yaml" "$dir/new.yaml" --format json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["verdict"]["level"])')
  if cargo semver-checks check-release -q --release-type minor \
    --manifest-path "$work/$class/new/Cargo.toml" --baseline-root "$work/$class/old" \
    >"$work/$class.log" 2>&1; then api=compatible; else api=breaking; fi
  case "$level/$api" in
    major/breaking | minor/compatible | patch/compatible) verdict=agree ;;
    major/compatible) verdict=agree beyond+=("$class") ;;
    *) verdict=DISAGREE ;;
  esac
  printf '%-34s generator diff: %-6s cargo-semver-checks: %s  %s\n' "$class" "$level" "$api" "$verdict"
  if [ "$verdict" = DISAGREE ]; then disagree=$((disagree + 1)); sed 's/^/    /' "$work/$class.log"; else agree=$((agree + 1)); fi
done
echo
echo "$agree pairs agree, $disagree disagree; major beyond the API (no API check sees them): ${#beyond[@]}${beyond[*]:+ (${beyond[*]})}"
[ "$disagree" -eq 0 ]
