#!/usr/bin/env bash
# A Prism mock server of a spec (https://github.com/stoplightio/prism, the mock the official
# Cloudflare SDKs test against): it reads the same OpenAPI document as the generator, checks
# every request against it (path, query, headers, security, body schema) and answers with
# the spec's examples; an invalid request gets a 4xx whose `sl-violations` header says why.
#
#   scripts/mock.sh SPEC...     start one (SPEC as for `generator generate`), print its URL
#   scripts/mock.sh --stop      stop it
#
# The pinned @stoplight/prism-cli is installed with npm into `.tools/prism/` (ignored by
# git) the first time; it needs Node.js 18.20 or newer. The server runs in the background:
# its state is in `target/mock/` (`prism.pid`, `prism.log`, and `openapi.json`, the spec as
# one document, from `generator bundle`). The last line printed is the base URL alone.
set -euo pipefail
cd "$(dirname "$0")/.."

PRISM_VERSION=5.14.2
tools=.tools/prism
prism="$tools/node_modules/.bin/prism"
state=${MOCK_STATE:-target/mock}

stop() {
  if [ -f "$state/prism.pid" ]; then
    kill "$(cat "$state/prism.pid")" 2>/dev/null || true
    rm -f "$state/prism.pid"
  fi
}

case "${1:-}" in
  --stop) stop; exit 0 ;;
  "" | -h | --help)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2 ;;
esac

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "mock.sh: Prism needs Node.js (18.20 or newer) and npm; neither is on PATH" >&2
  exit 2
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>18||(a==18&&b>=20)?0:1)'; then
  echo "mock.sh: Prism $PRISM_VERSION needs Node.js 18.20 or newer; this is $(node --version)" >&2
  exit 2
fi
installed=$(node -p "try { require('./$tools/node_modules/@stoplight/prism-cli/package.json').version } catch (e) { '' }")
if [ "$installed" != "$PRISM_VERSION" ]; then
  echo "mock.sh: installing @stoplight/prism-cli@$PRISM_VERSION into $tools" >&2
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
    "@stoplight/prism-cli@$PRISM_VERSION" >&2
fi

stop
mkdir -p "$state"
cargo run -q -p generator -- bundle "$@" --out "$state/openapi.json"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
"$prism" mock --host 127.0.0.1 --port "$port" "$state/openapi.json" >"$state/prism.log" 2>&1 &
echo $! >"$state/prism.pid"
url="http://127.0.0.1:$port"
# Any HTTP answer (Prism answers an unknown path with 404) means it is up.
for _ in $(seq 1 240); do
  if ! kill -0 "$(cat "$state/prism.pid")" 2>/dev/null; then
    echo "mock.sh: Prism stopped while starting; its log ($state/prism.log):" >&2
    tail -20 "$state/prism.log" >&2
    exit 1
  fi
  if node -e "require('http').get('$url/', r => process.exit(0)).on('error', () => process.exit(1))"; then
    echo "$url"
    exit 0
  fi
  sleep 0.5
done
echo "mock.sh: Prism did not answer at $url within 120 s; its log ($state/prism.log):" >&2
tail -20 "$state/prism.log" >&2
stop
exit 1
