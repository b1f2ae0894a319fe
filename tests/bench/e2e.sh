#!/usr/bin/env bash
# The single-node end-to-end runs of docs/benchmarks.md (issue #9), on the real model:
#   (a) embedded serve (SQLite + in-memory bus): --rate max, then 50 % of the max it reached;
#   (b) PostgreSQL + RabbitMQ serve (scripts/services.sh): the same two runs;
#   (c) small non-ECG messages (ADT^A01, 8 connections) against the embedded serve;
#   (d) FHIR: single Observations vs Bundles of 50, same paced ECG rate, embedded (serve CPU per scored ECG).
# Every ECG run first measures bare batch-8 and batch-1 inference of the same model in the bench process (same threads,
# no spinning, as serve), so serve CPU per scored ECG is compared with bare inference CPU per ECG of the same hour.
# Usage: tests/bench/e2e.sh [seconds per max run, 90]
# Figures: artifacts/bench/e2e-<date>.md (Markdown sections appended by `ecgbridge bench`) and one JSON per run.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-90}"
artifacts="${ECGB_ARTIFACTS:-/tmp/art-bench-e2e}"
out="$PWD/artifacts/bench"
md="$out/e2e-$(date -u +%Y%m%d-%H%M).md"
mkdir -p "$out"
dotnet build src/EcgBridge.Cli -c Release --artifacts-path "$artifacts" -v q -nologo >/dev/null
dll="$artifacts/bin/EcgBridge.Cli/release/ecgbridge.dll"

# shellcheck source=scripts/services.sh
source scripts/services.sh
serve_pid=""
stop_serve() { if [[ -n "$serve_pid" ]]; then kill -TERM "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; serve_pid=""; fi; }
work="$(mktemp -d /tmp/ecgbridge-e2e.XXXXXX)"
trap 'stop_serve; services_stop; rm -rf "$work"' EXIT

start_serve() { # name, then extra env assignments
  local name="$1"; shift
  http_port="$(_free_port)"; mllp_port="$(_free_port)"
  env "$@" EcgBridge__HttpUrl="http://127.0.0.1:$http_port" EcgBridge__Mllp__Port="$mllp_port" \
    dotnet "$dll" serve --data-dir "$work/$name" >"$work/$name.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$http_port/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$serve_pid" 2>/dev/null || { tail -20 "$work/$name.log" >&2; exit 1; }
    sleep 1
  done
  echo "serve $name not ready" >&2; exit 1
}

half_rate() { jq -r '(.scoredPerSecondSteady // .scoredPerSecond) / 2 | . * 100 | floor / 100' "$1"; }

run_pair() { # name, label, store arguments...
  local name="$1" label="$2"; shift 2
  dotnet "$dll" bench --to "mllp://127.0.0.1:$mllp_port" --rate max --duration "${seconds}s" --connections 2 "$@" \
    --baseline-seconds 20 --pid "$serve_pid" --fhir-base "http://127.0.0.1:$http_port/fhir" --label "$label, --rate max" \
    --json "$out/$name-max.json" --markdown "$md"
  local rate; rate="$(half_rate "$out/$name-max.json")"
  dotnet "$dll" bench --to "mllp://127.0.0.1:$mllp_port" --rate "$rate/s" --duration 60s "$@" \
    --baseline-seconds 10 --pid "$serve_pid" --fhir-base "http://127.0.0.1:$http_port/fhir" --label "$label, 50 % of max ($rate/s)" \
    --json "$out/$name-half.json" --markdown "$md"
}

start_serve embedded
run_pair embedded "embedded (SQLite + in-memory bus), real model" --data-dir "$work/embedded"
dotnet "$dll" bench --to "mllp://127.0.0.1:$mllp_port" --small --duration 30s --pid "$serve_pid" \
  --label "small ADT^A01, embedded, 8 connections" --json "$out/embedded-small.json" --markdown "$md"
stop_serve

# (d) the same ECG rate as single FHIR Observations and as Bundles of 50 (one Bundle per 10 s = 5 ECG/s).
start_serve fhir-single
dotnet "$dll" bench --to "http://127.0.0.1:$http_port/fhir" --rate 5/s --duration 60s --data-dir "$work/fhir-single" \
  --baseline-seconds 10 --pid "$serve_pid" --label "FHIR single Observations, embedded, 5 ECG/s" \
  --json "$out/fhir-single.json" --markdown "$md"
stop_serve
start_serve fhir-bundle
dotnet "$dll" bench --to "http://127.0.0.1:$http_port/fhir" --bundle 50 --rate 0.1/s --duration 60s --data-dir "$work/fhir-bundle" \
  --baseline-seconds 10 --pid "$serve_pid" --label "FHIR Bundles of 50 Observations, embedded, 5 ECG/s" \
  --json "$out/fhir-bundle.json" --markdown "$md"
stop_serve

services_start
start_serve postgres EcgBridge__Audit__ConnectionString="$EcgBridge__Test__Postgres" \
  EcgBridge__Audit__PatientIdHashKey="e2e-bench-key-0123456789" EcgBridge__Bus__RabbitMq="$EcgBridge__Test__RabbitMq" \
  EcgBridge__AmqpIngest__Enabled=false
run_pair postgres "PostgreSQL + RabbitMQ, real model" --postgres "$EcgBridge__Test__Postgres" --token "$(cat "$work/postgres/dev-token.txt")"
stop_serve
echo "figures appended to $md"
