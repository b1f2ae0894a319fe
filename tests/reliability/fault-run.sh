#!/usr/bin/env bash
# The full-size fault run (docs/reliability.md): starts PostgreSQL + RabbitMQ (scripts/services.sh), then runs
# FaultRunTests, which starts a recording EHR and `ecgbridge serve` as a child process (PostgreSQL + RabbitMQ), sends N
# HL7 ECGs over MLLP from concurrent senders that resend on timeout / lost connection / AE, kills the service -9 twice
# (restarting it), restarts RabbitMQ once and stops PostgreSQL for the pause, then checks exactly-once counts.
# Usage: tests/reliability/fault-run.sh [N] [PostgreSQL pause seconds] [stand-in, "" = the real model]
# Figures: artifacts/reliability/fault-run.md. CI runs the same test at its default size (N=300, 4 s pause).
set -euo pipefail
cd "$(dirname "$0")/../.."
export ECGB_FAULT_N="${1:-10000}"
export ECGB_FAULT_PG_PAUSE_SECONDS="${2:-30}"
export ECGB_FAULT_STANDIN="${3-fixed-cost:20ms}"
export ECGB_FAULT_DEADLINE_MINUTES="${ECGB_FAULT_DEADLINE_MINUTES:-60}"
mkdir -p artifacts/reliability
export ECGB_FAULT_REPORT="$PWD/artifacts/reliability/fault-run.md"
artifacts="${ECGB_ARTIFACTS:-/tmp/art-reliability}"

# shellcheck source=scripts/services.sh
source scripts/services.sh
trap services_stop EXIT
services_start
started=$(date -u +%FT%TZ)
dotnet test tests/EcgBridge.IntegrationTests -c Release --artifacts-path "$artifacts" \
  ${ECGB_FAULT_NO_BUILD:+--no-build} --filter "FullyQualifiedName~Reliability.FaultRunTests" --logger "console;verbosity=normal"
{
  echo
  echo "Run started $started, machine: $(nproc) cores, $(uname -sr), load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$ECGB_FAULT_REPORT"
cat "$ECGB_FAULT_REPORT"
