#!/usr/bin/env bash
# What each TLS feature costs a user's first build: the seed crate, copied out of the
# workspace, built from nothing (its own empty target folder, dependencies resolved fresh)
# with each TLS feature, one after the other. Prints wall time and the build's peak memory
# (GNU time's maximum resident set size of the largest process).
#
#   bench/tls-build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r generated-client "$work/seed"
printf '\n[workspace]\n' >>"$work/seed/Cargo.toml"
cargo generate-lockfile -q --manifest-path "$work/seed/Cargo.toml"
cargo fetch -q --manifest-path "$work/seed/Cargo.toml"
printf '%-34s %10s %12s\n' "feature" "build (s)" "peak (MB)"
for features in "rustls (default)" rustls-ring native-tls; do
  args=()
  [ "$features" = "rustls (default)" ] || args=(--no-default-features --features "full,$features")
  rm -rf "$work/target"
  /usr/bin/time -f '%e %M' -o "$work/time" \
    env CARGO_TARGET_DIR="$work/target" cargo build -q --offline --manifest-path "$work/seed/Cargo.toml" "${args[@]}"
  read -r secs kb <"$work/time"
  printf '%-34s %10s %12s\n' "$features" "$secs" "$((kb / 1024))"
done
echo "($(nproc) cores; cargo build, dev profile)"
