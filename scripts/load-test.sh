#!/usr/bin/env bash
# Load test: a 20,000-case prompt-target suite through `evalharness run --mode live --max-concurrency 64`, twice, each time against a
# fresh tests/EvalHarness.FakeServer process that injects deterministic faults (chosen by a hash of the prompt, so both runs meet the same).
# For each run prints wall time, cases/s, verdict counts, errors vs. the faults the server injected, peak RSS (`/usr/bin/time -v`, else
# the kernel's VmHWM) and the CLI's RSS sampled every second; fails (exit 1) unless
#   - every case has a verdict and the run is complete,
#   - the server saw at most prompts + faulted prompts x EVALHARNESS_MAX_RETRIES requests (healthy prompts asked once, faulted ones within the retries),
#   - the error count equals the prompts given a persistent fault (persistent-500 and malformed: every attempt fails),
#   - both runs give the same verdict counts and the same exit code;
# then runs 4x the cases twice (uncapped, and with the GC heap capped at 32 MiB) to show memory does not grow with the case count
# (SCALE=0 skips them).
# Usage: scripts/load-test.sh [cases] [concurrency]        (defaults 20000 and 64; NO_BUILD=1 skips the Release build)
# Needs: the .NET 10 SDK, jq. Run from anywhere in a clone; writes only to a temporary folder.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cases=${1:-20000}
concurrency=${2:-64}
faults=(--fault persistent-500:1 --fault transient-429:2 --fault transient-reset:1 --fault malformed:0.5)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Two retries after the first attempt; the resets and 500s wait the default exponential backoff (1 s base, jittered) between them.
export EVALHARNESS_MAX_RETRIES=2
unset EVALHARNESS_MODE EVALHARNESS_ARTIFACTS EVALHARNESS_SHARD EVALHARNESS_BASE_URL EVALHARNESS_MODEL CI GITHUB_STEP_SUMMARY || true

command -v jq > /dev/null || { echo "load-test: jq is required (apt-get install jq)" >&2; exit 2; }
cli=$repo/src/EvalHarness.Cli/bin/Release/net10.0/EvalHarness.Cli.dll
server=$repo/tests/EvalHarness.FakeServer/bin/Release/net10.0/EvalHarness.FakeServer.dll
if [ "${NO_BUILD:-0}" != 1 ] || [ ! -f "$cli" ] || [ ! -f "$server" ]; then
  dotnet build -c Release --nologo -v quiet "$repo/src/EvalHarness.Cli/EvalHarness.Cli.csproj" > /dev/null
  dotnet build -c Release --nologo -v quiet "$repo/tests/EvalHarness.FakeServer/EvalHarness.FakeServer.csproj" > /dev/null
fi

work=$(mktemp -d)
server_pid=
cleanup() {
  exec 3>&- 2> /dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/repo/eval-suites/load" "$work/repo/datasets"
dataset_cases=0
write_dataset() { # case count; rewritten only when it changes
  [ "$dataset_cases" = "$1" ] && return
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "{\"id\":\"case-%06d\",\"input\":\"Question %d: how long is the refund window?\"}\n", i, i }' \
    > "$work/repo/datasets/load.jsonl"
  dataset_cases=$1
}

start_server() { # sets server_url; the server serves until fd 3 closes
  rm -f "$work/server.in" "$work/server.out"
  mkfifo "$work/server.in"
  dotnet "$server" "${faults[@]}" < "$work/server.in" > "$work/server.out" 2>&1 &
  server_pid=$!
  exec 3> "$work/server.in"
  for _ in $(seq 1 200); do
    if grep -q '^listening ' "$work/server.out"; then
      server_url=$(sed -n 's/^listening //p' "$work/server.out")
      return
    fi
    sleep 0.1
  done
  echo "load-test: the fake server did not start: $(cat "$work/server.out")" >&2
  exit 1
}

stop_server() { # closes stdin; the server prints its counts and exits
  exec 3>&-
  wait "$server_pid" || true
  server_pid=
}

kib_to_mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

declare -a summaries
declare -a peaks
run_once() { # run number, case count[, GC heap hard limit in bytes (hex)]
  local n=$1 cases=$2 heap_limit=${3:-} out started ended pid
  write_dataset "$cases"
  start_server
  printf 'name: load\ndataset: ../../datasets/load.jsonl\nprovider: { base_url: "%s", model: load-model }\nmax_concurrency: %s\ntimeout_ms: 30000\ntarget: { prompt: "{{input}}" }\nmetrics:\n  - contains: Refunds\n  - regex: "30 days"\n  - is-json\n' \
    "$server_url" "$concurrency" > "$work/repo/eval-suites/load/suite.yaml"
  out="$work/run$n"
  mkdir -p "$out"
  started=$(date +%s.%N)
  local timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -v -o "$out/time.txt")
  local limit=()
  [ -n "$heap_limit" ] && limit=(env "DOTNET_GCHeapHardLimit=$heap_limit")
  (cd "$work/repo" && exec "${limit[@]}" "${timer[@]}" dotnet "$cli" run eval-suites/load/suite.yaml --mode live --max-concurrency "$concurrency" \
      --artifacts "$out/artifacts" > "$out/stdout.txt" 2> "$out/stderr.txt") &
  local wrapper=$!
  # The process to sample: the dotnet host running the CLI (a child of time, or of the subshell).
  pid=
  for _ in $(seq 1 100); do
    pid=$(pgrep -f -n "^dotnet .*EvalHarness.Cli.dll run eval-suites/load" || true)
    [ -n "$pid" ] && break
    sleep 0.05
  done
  : > "$out/rss.txt"
  while [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; do
    awk -v t="$(date +%s.%N)" '/^VmRSS:/ { rss = $2 } /^VmHWM:/ { hwm = $2 } END { if (rss) printf "%s %s %s\n", t, rss, hwm }' "/proc/$pid/status" >> "$out/rss.txt" 2> /dev/null || true
    sleep 1
  done
  local code=0
  wait "$wrapper" || code=$?
  ended=$(date +%s.%N)
  stop_server
  local counts
  counts=$(grep '^requests ' "$work/server.out")

  local results="$out/artifacts/latest/results.json"
  [ -f "$results" ] || { echo "run $n: no results.json (exit $code)"; cat "$out/stderr.txt"; exit 1; }
  local total pass fail error inconclusive complete infra
  total=$(jq '[.suites[].cases[]] | length' "$results")
  pass=$(jq '[.suites[].cases[] | select(.verdict == "pass")] | length' "$results")
  fail=$(jq '[.suites[].cases[] | select(.verdict == "fail")] | length' "$results")
  error=$(jq '[.suites[].cases[] | select(.verdict == "error")] | length' "$results")
  inconclusive=$(jq '[.suites[].cases[] | select(.verdict == "inconclusive")] | length' "$results")
  infra=$(jq '[.suites[].cases[] | select(.errorKind == "infrastructure")] | length' "$results")
  complete=$(jq '.complete' "$results")
  local persistent=0 k
  for k in persistent-500 malformed; do
    persistent=$((persistent + $(echo "$counts" | grep -o "$k=[0-9]*" | cut -d= -f2 || echo 0)))
  done

  local requests prompts faulted bound
  requests=$(echo "$counts" | awk '{ print $2 }')
  prompts=$(echo "$counts" | awk '{ print $4 }')
  faulted=$(echo "$counts" | awk '{ print $6 }')
  bound=$((prompts + faulted * EVALHARNESS_MAX_RETRIES))

  local peak wall rate
  if [ -f "$out/time.txt" ]; then
    peak=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/time.txt")
  else
    peak=$(awk 'END { print $3 }' "$out/rss.txt")
  fi
  wall=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.1f", b - a }')
  rate=$(awk -v c="$total" -v w="$wall" 'BEGIN { printf "%.0f", c / w }')

  echo "== run $n${heap_limit:+ (GC heap capped at $((heap_limit / 1048576)) MiB: DOTNET_GCHeapHardLimit=$heap_limit)}"
  echo "exit code:        $code"
  echo "wall time:        ${wall} s ($rate cases/s)"
  echo "cases:            $total of $cases, complete: $complete"
  echo "verdicts:         pass $pass, fail $fail, error $error (infrastructure $infra), inconclusive $inconclusive"
  echo "server:           $counts"
  echo "errors vs faults: $error errors, $persistent prompts with a persistent fault (persistent-500 + malformed)"
  echo "requests:         $requests (bound: $prompts prompts + $faulted faulted prompts x $EVALHARNESS_MAX_RETRIES retries = $bound)"
  echo "peak RSS:         $(kib_to_mib "$peak") MiB"
  echo "artifacts:        $(cd "$out/artifacts/latest/" && for f in results.json report.html results.csv summary.md; do printf '%s %s KiB  ' "$f" "$(( $(stat -c %s "$f") / 1024 ))"; done)"
  # RSS at 25/50/75/100 % of the samples, and min/max over the second half: flat memory means the second half does not grow.
  awk 'function at(p,  i) { i = int(NR * p); return rss[i < 1 ? 1 : i] / 1024 }
       { rss[NR] = $2 }
       END {
         if (NR == 0) { print "RSS samples:      none"; exit }
         printf "RSS (MiB) at 25/50/75/100%% of the run: %.0f %.0f %.0f %.0f (%d samples, 1/s)\n", at(.25), at(.5), at(.75), at(1), NR
         lo = 1e18; hi = 0
         for (i = int(NR / 2) + 1; i <= NR; i++) { if (rss[i] < lo) lo = rss[i]; if (rss[i] > hi) hi = rss[i] }
         printf "RSS (MiB) second half: min %.0f, max %.0f\n", lo / 1024, hi / 1024 }' "$out/rss.txt"

  local ok=1
  [ "$total" -eq "$cases" ] || { echo "FAIL: $total cases have a verdict, expected $cases"; ok=0; }
  [ "$complete" = true ] || { echo "FAIL: results.json says the run is incomplete"; ok=0; }
  [ "$((pass + fail + error + inconclusive))" -eq "$total" ] || { echo "FAIL: verdicts do not add up to the cases"; ok=0; }
  [ "$error" -eq "$persistent" ] || { echo "FAIL: $error errors but $persistent persistently faulted prompts"; ok=0; }
  [ "$requests" -le "$bound" ] || { echo "FAIL: $requests requests, more than the retry bound $bound"; ok=0; }
  [ "$ok" = 1 ] || exit 1
  peaks[n]=$peak
  summaries[n]="exit=$code pass=$pass fail=$fail error=$error inconclusive=$inconclusive"
}

echo "load test: $cases cases, concurrency $concurrency, faults: ${faults[*]}, EVALHARNESS_MAX_RETRIES=$EVALHARNESS_MAX_RETRIES"
echo "machine: $(nproc) cores, $(uname -sr), $(dotnet --version 2>/dev/null | head -1) SDK, load average $(cut -d' ' -f1-3 /proc/loadavg)"
run_once 1 "$cases"
run_once 2 "$cases"
echo "== both runs"
echo "run 1: ${summaries[1]}"
echo "run 2: ${summaries[2]}"
if [ "${summaries[1]}" != "${summaries[2]}" ]; then
  echo "FAIL: the two runs differ"
  exit 1
fi
echo "PASS: same verdict counts and exit code on both runs; errors equal the persistent faults; every case has a verdict"

# Flat memory: nothing kept grows with the dataset — past 2,000 cases a suite's finished cases are spilled to a temporary file, so
# what stays in memory is 8 bytes of file offset and the id (for duplicate detection) per case. Two checks with four times the cases:
#   run 3: the same run, uncapped — peak RSS is printed against run 1's (the GC sizes its heap by allocation rate, so RSS is not the
#          live data; the ratio must stay under 1.3x: keeping every result in memory, as before spilling, gave 1.59x, 138 -> 220 MiB);
#   run 4: the same run with the GC heap capped at 32 MiB — it must still finish with every verdict. Keeping every result in memory
#          ran out of memory there after ~15,000 cases.
[ "${SCALE:-1}" = 0 ] && exit 0
scaled=$((cases * 4))
run_once 3 "$scaled"
run_once 4 "$scaled" 0x2000000
echo "== memory against case count"
ratio=$(awk -v a="${peaks[1]}" -v b="${peaks[3]}" 'BEGIN { printf "%.2f", b / a }')
echo "peak RSS: $(kib_to_mib "${peaks[1]}") MiB at $cases cases, $(kib_to_mib "${peaks[3]}") MiB at $scaled cases (${ratio}x for 4x the cases);" \
  "$(kib_to_mib "${peaks[4]}") MiB at $scaled cases with the GC heap capped at 32 MiB"
echo "run 3: ${summaries[3]}"
echo "run 4: ${summaries[4]}"
if [ "${summaries[3]}" != "${summaries[4]}" ]; then
  echo "FAIL: the capped run's verdicts differ from the uncapped run's"
  exit 1
fi
if ! awk -v r="$ratio" 'BEGIN { exit !(r < 1.3) }'; then
  echo "FAIL: peak RSS grew ${ratio}x with 4x the cases"
  exit 1
fi
echo "PASS: memory flat — $scaled cases finish under a 32 MiB GC heap with the same verdicts, and peak RSS grows ${ratio}x for 4x the cases"
