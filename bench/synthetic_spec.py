#!/usr/bin/env python3
"""Writes a synthetic spec of N operations made from the real Cloudflare spec.

Usage: python3 bench/synthetic_spec.py N OUT.json [SPEC]

The operations are the real ones in document order; past the spec's 1,533 they are
repeated under new ids: copy k of an operation has its path with `/copy<k>` appended (so it
stays in its area and tag) and its operationId with `-copy<k>` appended. Components are kept
whole, so every `$ref` still resolves. Used for the linearity table in BENCHMARKS.md.
"""
import json
import sys

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    spec_path = sys.argv[3] if len(sys.argv) > 3 else "spec/cloudflare-openapi-2024-08-06.json"
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    originals = [
        (path, method, item, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]
    paths = {}
    for i in range(n):
        path, method, item, op = originals[i % len(originals)]
        copy = i // len(originals)
        op = dict(op)
        if copy:
            path = f"{path}/copy{copy}"
            op["operationId"] = f"{op.get('operationId', method + path)}-copy{copy}"
        target = paths.setdefault(path, {k: v for k, v in item.items() if k not in METHODS})
        target[method] = op
    spec["paths"] = paths
    with open(out, "w", encoding="utf-8") as f:
        json.dump(spec, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
