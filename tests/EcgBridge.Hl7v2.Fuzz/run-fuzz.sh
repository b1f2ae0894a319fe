#!/usr/bin/env bash
# Fuzzes the HL7 v2 reader, ECG decoder, ACK builder and MLLP frame decoder with SharpFuzz + afl-fuzz (AFL++).
# Usage: tests/EcgBridge.Hl7v2.Fuzz/run-fuzz.sh [SECONDS]   (default 600). Not part of CI: see docs/fuzzing.md.
# Environment: FUZZ_WORK (default /tmp/ecgbridge-fuzz) for the published copy and findings; SHARPFUZZ_TOOL (default
# /tmp/sharpfuzz-tool) for the instrumentation tool; FUZZ_NICE (default 19).
set -euo pipefail

seconds="${1:-600}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/EcgBridge.Hl7v2.Fuzz.csproj"
work="${FUZZ_WORK:-/tmp/ecgbridge-fuzz}"
tool_dir="${SHARPFUZZ_TOOL:-/tmp/sharpfuzz-tool}"
nice_level="${FUZZ_NICE:-19}"
sharpfuzz_version="2.3.0"

if ! command -v afl-fuzz >/dev/null 2>&1; then
    echo "installing afl++ (Debian package)"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q afl++
fi

if [ ! -x "$tool_dir/sharpfuzz" ]; then
    echo "installing SharpFuzz.CommandLine $sharpfuzz_version into $tool_dir"
    dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$tool_dir"
fi

rm -rf "$work/publish" "$work/findings"
mkdir -p "$work"
dotnet publish "$project" -c Release -o "$work/publish" --artifacts-path "$work/artifacts" -v quiet -nologo

# Only our assemblies are instrumented; the fuzz project itself, SharpFuzz, dnlib and the runtime are not.
for dll in EcgBridge.Hl7v2.dll EcgBridge.Core.dll; do
    "$tool_dir/sharpfuzz" "$work/publish/$dll"
done

# The CLR is not an AFL-instrumented binary (SharpFuzz reports coverage itself): skip AFL's binary check. Crashes are
# .NET exceptions reported by SharpFuzz, so the kernel core pattern does not matter.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
[ -t 1 ] || export AFL_NO_UI=1
echo "fuzzing for $seconds s; findings in $work/findings"
nice -n "$nice_level" afl-fuzz -V "$seconds" -t 5000 -m none \
    -i "$here/corpus" -o "$work/findings" -x "$here/hl7v2.dict" \
    -- dotnet "$work/publish/EcgBridge.Hl7v2.Fuzz.dll" || true

stats="$work/findings/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
    echo "afl-fuzz did not start (no $stats)" >&2
    exit 1
fi
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|corpus_found|edges_found|bitmap_cvg|stability|saved_crashes|saved_hangs) ' "$stats"

# Replays crashes and hangs on an uninstrumented build for stack traces.
crashes=$(find "$work/findings/default/crashes" "$work/findings/default/hangs" -type f -name 'id:*' | wc -l)
if [ "$crashes" -gt 0 ]; then
    dotnet build "$project" -c Debug --artifacts-path "$work/artifacts" -v quiet -nologo
    dotnet "$work/artifacts/bin/EcgBridge.Hl7v2.Fuzz/debug/EcgBridge.Hl7v2.Fuzz.dll" replay \
        "$work/findings/default/crashes" "$work/findings/default/hangs" || true
    exit 1
fi
