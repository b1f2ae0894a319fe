#!/usr/bin/env bash
# PyTorch eager (2 threads) and EcgBridge.Inference (ONNX Runtime, 2 intra-op threads) on the same machine, one after the
# other, niced. Results: docs/parts/benchmarks-inference.md. Needs Debian's /usr/bin/python3 with torch for the first half.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
artifacts="${ARTIFACTS:-/tmp/art-bench-inference}"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
nice -n 10 /usr/bin/python3 "$root/models/python/bench.py" --threads 2 --repeats "${REPEATS:-5}"
dotnet build "$root/tests/EcgBridge.Benchmarks" -c Release --artifacts-path "$artifacts" -v quiet
nice -n 10 dotnet "$artifacts/bin/EcgBridge.Benchmarks/release/EcgBridge.Benchmarks.dll" \
    --filter '*InferenceBenchmarks*' '*ScorerThroughputBenchmarks*' --artifacts "$artifacts/results"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
