#!/usr/bin/env bash
# Runs every test: unit tests and integration tests against real PostgreSQL and RabbitMQ, which this script installs
# (Debian packages) when missing, starts on loopback, and stops again however the tests end.
# Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

# shellcheck source=scripts/services.sh
source scripts/services.sh
trap services_stop EXIT
services_start
browser_install

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0
dotnet test Integration.sln -c Release --logger "trx" --results-directory "$results" "$@" || status=$?

# One closing line a person (and CI) can read: totals over every test project.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)); s += int(c.get("notExecuted", 0))
print(f"{p} passed, {f} failed, {s} skipped")
PY
exit $status
