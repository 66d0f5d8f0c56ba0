#!/usr/bin/env bash
# Where the time goes in a 1,000-case `evalharness run` (issue 11), measured from outside the process:
#   - start-up alone (`run --help`), a 1-case run, the 1,000-case live run with a timestamp on every output line
#     (process start -> suite header -> suite totals -> "Results:" -> exit), the same cases replayed (no HTTP), scored from
#     the dataset (no target call at all), and `evalharness report` rendering the run's artifacts again;
#   - the bare SDK floor (tests/perf/Floor) at the same concurrency, plain and streamed;
#   - runtime knobs that need no code change (tiered PGO off, a larger gen0 budget) on the live run.
#
#   tests/perf/profile.sh [--cases N] [--reps N] [--concurrency C] [--out FILE]   (defaults 1000, 5, 4)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cases=1000
reps=5
concurrency=4
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) cases=$2; shift ;;
    --reps) reps=$2; shift ;;
    --concurrency) concurrency=$2; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
work=$(mktemp -d "${TMPDIR:-/tmp}/evalharness-profile.XXXXXX")
# shellcheck source=tests/perf/lib.sh
source "$repo/tests/perf/lib.sh"
cleanup() { stop_server; if [ "${EVALHARNESS_PERF_KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi; }
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 OPENAI_API_KEY=sk-perf-dummy
log() { echo "[$(date +%T)] $*" >&2; }

for project in tests/EvalHarness.FakeServer/EvalHarness.FakeServer.csproj src/EvalHarness.Cli/EvalHarness.Cli.csproj tests/perf/Floor/Floor.csproj; do
  dotnet build "$repo/$project" -c Release -nologo -v:q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 2; }
done
cli=$repo/src/EvalHarness.Cli/bin/Release/net10.0/EvalHarness.Cli.dll
floor=$repo/tests/perf/Floor/bin/Release/net10.0/Floor.dll


mkdir -p "$work/data"
answer='{\"answer\":\"Refunds are accepted within 30 days.\",\"confidence\":0.9}'
# ENVIRON, not -v: awk would turn the answer's \" escapes into bare quotes.
A=$answer awk -v n="$cases" 'BEGIN { for (i = 0; i < n; i++) printf "{\"id\":\"case-%d\",\"question\":\"Question %d: how long is the refund window?\",\"answer\":\"%s\"}\n", i, i, ENVIRON["A"] }' >"$work/data/cases.jsonl"
head -1 "$work/data/cases.jsonl" >"$work/data/one.jsonl"
suite() { # dir dataset base-url target
  mkdir -p "$1"
  cat >"$1/suite.yaml" <<YAML
name: perf
dataset: $2
mapping: { id: id, input: question }
provider: { base_url: "$3", model: perf-model }
target: $4
metrics:
  - contains: { value: "30 days" }
  - regex: { value: "Refunds? are accepted" }
  - is-json
YAML
}
prompt_target='{ prompt: "{{input}}", temperature: 0 }'

# Runs a command reps times with a line timestamp on its output; prints medians of: wall, RSS, and the times (from process
# start) of the first line, of the line matching $2, of the "Results:" line. Needs bash 5 ($EPOCHREALTIME, no fork per line).
timed() { # label pattern-of-the-totals-line env-and-command...
  local label=$1 pattern=$2; shift 2
  local walls=() rsss=() firsts=() totals=() results=()
  for rep in $(seq "$reps"); do
    local dir=$work/$label.$rep
    mkdir -p "$dir"
    if [ -n "${NEEDS_SERVER:-}" ]; then start_server 0; fi
    local args=("${@//\$URL/${server_url:-}}")
    args=("${args[@]//\$DIR/$dir}")
    local t0=$EPOCHREALTIME
    (cd "$dir" && /usr/bin/time -f "%e %M" -o "$dir/time" env "${args[@]}" 2>&1) | while IFS= read -r line; do echo "$EPOCHREALTIME $line"; done >"$dir/out"
    stop_server
    walls+=("$(cut -d' ' -f1 "$dir/time")")
    rsss+=("$(awk '{ printf "%.0f", $2 / 1024 }' "$dir/time")")
    firsts+=("$(awk -v t0="$t0" 'NR == 1 { printf "%.3f", $1 - t0 }' "$dir/out")")
    totals+=("$(awk -v t0="$t0" -v p="$pattern" '$0 ~ p { printf "%.3f", $1 - t0; exit }' "$dir/out")")
    results+=("$(awk -v t0="$t0" '/ Results: / { printf "%.3f", $1 - t0; exit }' "$dir/out")")
  done
  printf '%-44s %7.2f %6s %8s %8s %8s\n' "$label" "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${rsss[@]}" | median)" \
    "$(printf '%s\n' "${firsts[@]}" | median)" "$(printf '%s\n' "${totals[@]:-}" | median)" "$(printf '%s\n' "${results[@]:-}" | median)"
  log "$label: wall ${walls[*]}"
}

# One live run records the recordings the replay rows use.
start_server 0
suite "$work/replay" "$work/data/cases.jsonl" "$server_url" "$prompt_target"
dotnet "$cli" run "$work/replay/suite.yaml" --mode record --max-concurrency "$concurrency" --artifacts "$work/record-art" >/dev/null
stop_server
suite "$work/output" "$work/data/cases.jsonl" "http://127.0.0.1:9/v1/" '{ output: answer }'
results_json=$(find "$work/record-art" -name results.json | head -1)

report() {
  echo "Where the time goes: $cases cases x 3 metrics, concurrency $concurrency, 0 ms server (tests/perf/profile.sh)"
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "median of $reps runs; columns: wall s, peak RSS MB, then seconds from process start to: first output line,"
  echo "the suite's totals line (all cases done and scored), the 'Results:' line (artifacts written); exit = wall"
  printf '%-44s %7s %6s %8s %8s %8s\n' "" wall RSS first totals results
  timed "evalharness run --help (start-up only)" '^$' dotnet "$cli" run --help
  NEEDS_SERVER=1 timed "floor, plain calls" 'floor cases' dotnet "$floor" --base-url "\$URL" --cases "$cases" --concurrency "$concurrency" --stream false
  NEEDS_SERVER=1 timed "floor, streamed calls" 'floor cases' dotnet "$floor" --base-url "\$URL" --cases "$cases" --concurrency "$concurrency" --stream true
  suite "$work/one" "$work/data/one.jsonl" "http://127.0.0.1:9/v1/" '{ output: answer }'
  timed "evalharness, 1 case scored from the dataset" 'pass rate' dotnet "$cli" run "$work/one/suite.yaml" --artifacts "\$DIR/art"
  timed "evalharness, $cases scored from the dataset" 'pass rate' dotnet "$cli" run "$work/output/suite.yaml" --artifacts "\$DIR/art"
  timed "evalharness, $cases replayed" 'pass rate' dotnet "$cli" run "$work/replay/suite.yaml" --mode replay --max-concurrency "$concurrency" --artifacts "\$DIR/art"
  export NEEDS_SERVER=1
  # The live suite names a dead port; EVALHARNESS_BASE_URL points each run at its own fresh server.
  suite "$work/live" "$work/data/cases.jsonl" "http://127.0.0.1:9/v1/" "$prompt_target"
  for variant in default DOTNET_TieredPGO=0 DOTNET_GCgen0size=0x4000000 DOTNET_TieredCompilation=0 DOTNET_gcServer=1; do
    local knob=()
    [ "$variant" = default ] || knob=("$variant")
    timed "evalharness, $cases live ($variant)" 'pass rate' "EVALHARNESS_BASE_URL=\$URL" "${knob[@]}" dotnet "$cli" run "$work/live/suite.yaml" \
      --mode live --max-concurrency "$concurrency" --artifacts "\$DIR/art"
  done
  for c in 1 16; do
    timed "evalharness, $cases live (concurrency $c)" 'pass rate' "EVALHARNESS_BASE_URL=\$URL" dotnet "$cli" run "$work/live/suite.yaml" \
      --mode live --max-concurrency "$c" --artifacts "\$DIR/art"
    NEEDS_SERVER=1 timed "floor, streamed calls (concurrency $c)" 'floor cases' dotnet "$floor" --base-url "\$URL" --cases "$cases" --concurrency "$c" --stream true
  done
  unset NEEDS_SERVER
  timed "evalharness report (re-render the artifacts)" '^$' dotnet "$cli" report "$results_json" -o "\$DIR/report"
}
if [ -n "$out" ]; then report | tee "$out"; else report; fi
