#!/usr/bin/env bash
# Folder-drain measurement (issue 14): N GE MUSE XML files dropped at once into a watched folder of an embedded serve;
# reports the time until every file is in done/ and every ECG scored, as ECG/s, to compare with the model's throughput.
# Usage: tests/bench/folder-drain.sh [count]   (after `dotnet build -c Release`)
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-1000}"
work="$(mktemp -d /tmp/ecgb-drain.XXXXXX)"
trap 'kill "${serve:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet run tests/bench/make-muse-files.cs -c Release -- "$work/staging" "$count" >/dev/null
mkdir -p "$work/inbox"
EcgBridge__Folders__muse__Path="$work/inbox" EcgBridge__Folders__muse__PollSeconds=0.5 EcgBridge__Folders__muse__SettleSeconds=0 \
EcgBridge__HttpUrl=http://127.0.0.1:0 EcgBridge__Mllp__Port=0 Logging__LogLevel__Default=Warning \
  dotnet src/EcgBridge.Cli/bin/Release/net10.0/ecgbridge.dll serve --data-dir "$work/data" >"$work/serve.log" 2>&1 &
serve=$!
for _ in $(seq 1 120); do [[ -d "$work/inbox/done" ]] && break; sleep 0.5; done
start=$(date +%s.%N)
mv "$work/staging"/*.xml "$work/inbox/"
while (( $(find "$work/inbox/done" -name '*.xml' | wc -l) < count )); do sleep 0.5; done
moved=$(date +%s.%N)
scored() { python3 -c "import sqlite3,sys; c=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro',uri=True); print(c.execute(\"select count(*) from audit where outcome='scored'\").fetchone()[0])" "$work/data/audit.db"; }
while (( $(scored) < count )); do sleep 0.5; done
done_at=$(date +%s.%N)
python3 - "$count" "$start" "$moved" "$done_at" "$(cat /proc/loadavg)" <<'PY'
import sys
n, s, m, d = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"{n} files: all in done/ after {m-s:.1f} s ({n/(m-s):.1f} files/s accepted); all scored after {d-s:.1f} s ({n/(d-s):.2f} ECG/s); load {sys.argv[5]}")
PY
