#!/usr/bin/env bash
# Every operation of a spec called end to end against Prism, and a table of the outcome.
#
#   scripts/conformance.sh SPEC [AREA...]
#
# Generates the crate with its per-operation tests (`generate --tests operations`: each
# operation called once with its required parameters, once more with every parameter and
# body field set), starts a Prism mock of the spec (scripts/mock.sh), runs the tests and
# prints how many pass and why the others fail: our request refused by Prism (its
# `sl-violations` reason), the answer not decoding, a listed spec defect
# (`docs/spec-defects.tsv`: operationId, tab, reason), or otherwise. With AREA arguments
# only those areas (Cargo features) are compiled and run: a slice of a large API.
# Files: target/conformance/ (the crate, `run.txt`, `failures.tsv`).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
spec=$1; shift
work=target/conformance
crate="$work/crate"
features=(--all-features)
if [ $# -gt 0 ]; then
  areas=$(IFS=,; echo "$*")
  features=(--no-default-features --features "rustls,$areas")
fi

rm -rf "$crate" "$work/failures.tsv"
mkdir -p "$work"
if ! cargo run -q -p generator -- generate "$spec" --out "$crate" --crate-name conformance-client \
  --tests operations >"$work/generate.txt" 2>&1; then
  cat "$work/generate.txt" >&2
  exit 2
fi
cp Cargo.lock "$crate/"
export CARGO_TARGET_DIR="$PWD/target"
cargo test -q --manifest-path "$crate/Cargo.toml" "${features[@]}" --test operations --no-run

export MOCK_STATE="$work/mock"
url=$(bash scripts/mock.sh "$spec" | tail -1)
trap 'bash scripts/mock.sh --stop' EXIT
MOCK_URL="$url" cargo test -q --manifest-path "$crate/Cargo.toml" "${features[@]}" --test operations \
  -- --ignored --nocapture --test-threads 4 >"$work/run.txt" 2>&1 || true

# Operations no test could be made for (counted as failing, in a whole run).
unmade=0
if [ $# -eq 0 ]; then
  unmade=$(grep -oE '; [0-9]+ operations? with arguments no test can make' "$crate/tests/operations.rs" \
    | grep -oE '[0-9]+' || echo 0)
fi
defects=docs/spec-defects.tsv
[ -f "$defects" ] || defects=/dev/null

awk -F'\t' -v unmade="$unmade" -v failures="$work/failures.tsv" '
  FNR == NR { if ($0 !~ /^#/ && NF >= 2) listed[$1] = $2; next }
  {
    # The test harness may print its progress dots before the line.
    i = index($0, "conformance\t")
    if (i == 0) next
    $0 = substr($0, i)

    mode = $2; result = $3; op = $4
    seen[op] = 1
    if (mode == "required") { req[op] = result } else { all[op] = result }
    if (result != "pass") { detail[op] = detail[op] mode ": " $5 " " }
  }
  END {
    n = 0; p = 0; q = 0; d = 0; f = 0
    for (op in seen) {
      n++
      if (req[op] == "pass") p++
      allres = (op in all) ? all[op] : req[op]
      if (allres == "pass") q++
      if (req[op] != "pass" || allres != "pass") {
        failing = (req[op] != "pass") ? req[op] : allres
        if (op in listed) { d++; cause = "listed spec defect" } else { f++; cause = failing }
        causes[cause]++
        printf "%s\t%s\t%s\n", op, cause, detail[op] > failures
      }
    }
    n += unmade; f += unmade
    if (unmade > 0) causes["no test could be made"] = unmade
    printf "%-44s %6s\n", "operations", n
    printf "%-44s %6s\n", "pass with required parameters", p
    printf "%-44s %6s\n", "pass with all parameters", q
    printf "%-44s %6s\n", "failing, by cause:", ""
    for (c in causes) {
      label = c
      if (c == "request-invalid") label = "our request invalid (Prism 4xx, sl-violations)"
      if (c == "decode") label = "the answer does not decode"
      if (c == "other") label = "failed otherwise"
      printf "  %-42s %6s\n", label, causes[c]
    }
    printf "(each failing operation, its cause and what went wrong: %s)\n", failures
    printf "conformance: %d of %d operations pass with required parameters, %d with all parameters, %d fail for listed spec defects, %d fail otherwise\n", p, n, q, d, f
  }
' "$defects" "$work/run.txt"
