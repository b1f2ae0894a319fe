#!/usr/bin/env bash
# Assembles docs/error-codes.md and docs/benchmarks.md from their per-area parts in docs/parts/ (see docs/parts/README.md).
# A part's top heading becomes a section (## ); a part without a heading gets one from its area name.
# Usage: scripts/assemble-docs.sh   (then commit the parts and the assembled pages together)
set -euo pipefail
cd "$(dirname "$0")/.."

# Known areas first, in reading order; any other part follows alphabetically.
order_codes=(core hl7v2 fhir files formats inference audit service simulator compliance security replay telemetry bench)
order_bench=(normalization hl7v2 fhir inference audit compliance e2e)

title() {
  case "$1" in
    audit) echo "Audit store and hash chain (EcgBridge.Audit \`AuditCodes\`)";;
    service) echo "Service: MLLP, FHIR REST, delivery (EcgBridge.Host \`HostCodes\`)";;
    simulator) echo "Simulator (EcgBridge.Simulator \`SimulatorCodes\`)";;
    compliance) echo "Compliance search and export (\`ComplianceCodes\`)";;
    security) echo "Authentication, authorisation and TLS (\`SecurityCodes\`)";;
    telemetry) echo "Telemetry";;
    replay) echo "Error-queue replay (\`ReplayCodes\`)";;
    bench) echo "Bench command";;
    e2e) echo "End to end: \`ecgbridge bench\`";;
    *) echo "$1";;
  esac
}

emit_part() { # file area
  local file="$1" area="$2" first
  first="$(head -n1 "$file")"
  echo
  if [[ "$first" =~ ^#+\  ]]; then
    echo "## ${first#"${first%%[! #]*}"}" | sed -E 's/^## #+ /## /'
    tail -n +2 "$file"
  else
    echo "## $(title "$area")"
    echo
    cat "$file"
  fi
  echo
}

assemble() { # prefix output header-file order...
  local prefix="$1" out="$2" header="$3"; shift 3
  local -a seen=() areas=("$@")
  {
    printf '%s\n' "$header"
    for area in "${areas[@]}"; do
      [[ -f "docs/parts/$prefix-$area.md" ]] || continue
      emit_part "docs/parts/$prefix-$area.md" "$area"; seen+=("$area")
    done
    for file in docs/parts/"$prefix"-*.md; do
      area="${file#docs/parts/$prefix-}"; area="${area%.md}"
      [[ " ${seen[*]} " == *" $area "* ]] && continue
      emit_part "$file" "$area"
    done
  } | cat -s >"$out"
}

codes_header='# Error codes

Every coded issue EcgBridge can report, by area. Codes are stable: a code is never reused for another meaning, and a
retired code stays listed. Locations never carry input values (no patient data, no samples, no raw segments): they name
a place (`OBX[3]-5 lead V2`, `Observation.component[3].valueSampledData.period`, `lead V3`, `recording`).
Severity `error` rejects the message; `warning`/`information` are recorded in the audit row and the answer.
A test (`ErrorCodeCatalogTests`) checks that every code constant in the code is listed here.
This page is assembled from `docs/parts/error-codes-*.md` by `scripts/assemble-docs.sh`.'

bench_header='# Benchmarks

Speed and memory are measured by benchmarks, never by timed assertions in tests. Each section names its machine,
date and load; the machine is a 2-core cloud VM shared with builds during the sessions, so figures marked "under load"
are upper bounds. Suites: `tests/EcgBridge.Benchmarks` (BenchmarkDotNet; run
`dotnet run -c Release --project tests/EcgBridge.Benchmarks -- --filter '"'"'*<Name>*'"'"'`), `models/python/bench.py`,
and `ecgbridge bench` against a running service. This page is assembled from `docs/parts/benchmarks-*.md` by
`scripts/assemble-docs.sh`.'

assemble error-codes docs/error-codes.md "$codes_header" "${order_codes[@]}"
assemble benchmarks docs/benchmarks.md "$bench_header" "${order_bench[@]}"
echo "assembled docs/error-codes.md and docs/benchmarks.md" >&2
