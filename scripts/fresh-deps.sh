#!/usr/bin/env bash
# Builds what users build, against the newest versions of every dependency that the
# manifests allow, as a user's own project resolves them (issue 22, point 1). Cargo.lock
# keeps CI reproducible, and so blind to an upstream release that deprecates something we
# call: this script resolves fresh and lints with warnings as errors, so CI says so the
# day it happens.
#
#   scripts/fresh-deps.sh
#
# 1. the seed crate and a slice of the whole Cloudflare API (a few areas), copied or
#    generated into a scratch folder with no lock file: resolved fresh, then built and
#    linted (`cargo clippy --all-targets -- -D warnings`) with each TLS feature;
# 2. the workspace, in a scratch copy after `cargo update`: linted with every feature.
#
# Each build shares the workspace's target folder (dependency versions that did not
# change are not built again). Exit 1 with a summary when anything warns or fails; the
# versions that differ from Cargo.lock are printed first, since one of them is the cause.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export CARGO_TERM_COLOR=never
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=()

run() { # label, command...
  local label=$1; shift
  printf -- '-- %s\n' "$label"
  if ! "$@" 2>"$work/err"; then
    cat "$work/err" >&2
    failed+=("$label")
  elif grep -q '^warning' "$work/err"; then
    cat "$work/err" >&2
    failed+=("$label (warnings)")
  fi
}

# The lock file's versions, to show what a fresh resolution changed.
versions() { # lock file
  awk '/^name = /{n=$3} /^version = /{print n, $3}' "$1" | tr -d '"' | sort -u
}

cargo build -q -p generator
generator=$CARGO_TARGET_DIR/debug/generator

# 1. Generated crates, resolved as a user's project would.
cp -r generated-client "$work/seed"
rm -f "$work/seed/Cargo.lock"
"$generator" generate spec/cloudflare-openapi-2024-08-06.json --out "$work/cloudflare" \
  --crate-name cloudflare >/dev/null 2>&1
slice=dns_records,zones,access
for crate in seed cloudflare; do
  # A crate of its own, outside the workspace.
  printf '\n[workspace]\n' >>"$work/$crate/Cargo.toml"
  cargo generate-lockfile -q --manifest-path "$work/$crate/Cargo.toml"
done
echo "== fresh versions that differ from Cargo.lock"
comm -13 <(versions Cargo.lock) <(versions "$work/seed/Cargo.lock") | sed 's/^/   /'

echo "== generated crates, fresh dependencies, warnings as errors"
clippy() { cargo clippy -q --manifest-path "$work/$1/Cargo.toml" --all-targets "${@:2}" -- -D warnings; }
run "seed, default features (rustls, aws-lc-rs)" clippy seed
run "seed, rustls-ring" clippy seed --no-default-features --features full,rustls-ring
run "seed, native-tls" clippy seed --no-default-features --features full,native-tls
run "seed, build" cargo build -q --manifest-path "$work/seed/Cargo.toml"
run "whole API, areas $slice" clippy cloudflare --no-default-features --features "rustls,$slice"

# 2. The workspace, every dependency updated.
echo "== the workspace after cargo update, warnings as errors"
mkdir "$work/workspace"
git ls-files -z | xargs -0 cp --parents -t "$work/workspace"
cargo update -q --manifest-path "$work/workspace/Cargo.toml"
comm -13 <(versions Cargo.lock) <(versions "$work/workspace/Cargo.lock") | sed 's/^/   /'
run "workspace, all features" cargo clippy -q --manifest-path "$work/workspace/Cargo.toml" \
  --workspace --all-targets --all-features -- -D warnings
run "workspace, build" cargo build -q --manifest-path "$work/workspace/Cargo.toml" --workspace --all-targets

if [ ${#failed[@]} -gt 0 ]; then
  echo
  echo "fresh dependencies: ${#failed[@]} check(s) failed: an upstream release (see the versions above) warns or breaks:"
  printf '   %s\n' "${failed[@]}"
  exit 1
fi
echo
echo "fresh dependencies: every check is warning-free"
