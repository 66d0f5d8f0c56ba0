#!/usr/bin/env bash
# The dotnet test path (issue 11): a generated 10,000-case EvalHarness suite in replay mode against a plain xunit.v3 theory
# with 10,000 pre-enumerated rows and a trivial body, both in Microsoft.Testing.Platform mode, timed two ways:
# the test executable run directly, and `dotnet test`. Prints medians and the ratio (target: suite <= 1.3x the theory).
#
#   tests/perf/dotnet-test.sh [--cases N] [--reps N] [--out FILE]      (defaults: 10000 cases, 3 timed runs each)
#
# The suite is a prompt target (no C#): its recordings are made once by `evalharness run --mode record` against
# tests/EvalHarness.FakeServer at 0 ms delay (timed separately), then every timed run replays them with EVALHARNESS_MODE=replay.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cases=10000
reps=3
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) cases=$2; shift ;;
    --reps) reps=$2; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
work=$(mktemp -d "${TMPDIR:-/tmp}/evalharness-dotnet-test.XXXXXX")
# shellcheck source=tests/perf/lib.sh
source "$repo/tests/perf/lib.sh"
cleanup() {
  stop_server
  if [ "${EVALHARNESS_PERF_KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log() { echo "[$(date +%T)] $*" >&2; }

# Both projects live outside the repository: global.json selects the same SDK and Microsoft.Testing.Platform for `dotnet test`.
cp "$repo/global.json" "$work/global.json"

common_props='
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Exe</OutputType>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <UseMicrosoftTestingPlatformRunner>true</UseMicrosoftTestingPlatformRunner>
    <TestingPlatformDotnetTestSupport>true</TestingPlatformDotnetTestSupport>'
runner_json='{ "preEnumerateTheories": true }'

# ---------------------------------------------------------------- the plain theory
plain=$work/Plain
mkdir -p "$plain"
cat >"$plain/Plain.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>$common_props
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="xunit.v3" Version="3.2.2" />
    <Content Include="xunit.runner.json" CopyToOutputDirectory="PreserveNewest" />
  </ItemGroup>
</Project>
XML
echo "$runner_json" >"$plain/xunit.runner.json"
cat >"$plain/PlainTheory.cs" <<CS
using Xunit;

namespace Plain;

public class PlainTheory
{
    // 10,000 serializable rows, each labelled with its case id, like the generated suite's tests.
    public static IEnumerable<TheoryDataRow<string>> Cases() =>
        Enumerable.Range(0, $cases).Select(i => new TheoryDataRow<string>("case-" + i) { Label = "case-" + i });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string caseId) => Assert.StartsWith("case-", caseId, StringComparison.Ordinal);
}
CS

# ---------------------------------------------------------------- the generated suite
suite=$work/Suite
mkdir -p "$suite/eval-suites/faq" "$suite/datasets"
awk -v n="$cases" 'BEGIN { for (i = 0; i < n; i++) printf "{\"id\":\"case-%d\",\"question\":\"Question %d: how long is the refund window?\"}\n", i, i }' >"$suite/datasets/faq.jsonl"
write_suite() { # base-url
  cat >"$suite/eval-suites/faq/suite.yaml" <<YAML
name: faq
dataset: ../../datasets/faq.jsonl
mapping: { id: id, input: question }
provider: { base_url: "$1", model: perf-model }
target: { prompt: "{{input}}", temperature: 0 }
metrics:
  - contains: { value: "30 days" }
  - regex: { value: "Refunds? are accepted" }
  - is-json
YAML
}
cat >"$suite/Suite.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="$repo/src/EvalHarness.Xunit/buildTransitive/EvalHarness.Xunit.props" />
  <PropertyGroup>$common_props
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="xunit.v3" Version="3.2.2" />
    <ProjectReference Include="$repo/src/EvalHarness.Xunit/EvalHarness.Xunit.csproj" />
    <ProjectReference Include="$repo/analyzers/EvalHarness.Generators/EvalHarness.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <Content Include="xunit.runner.json" CopyToOutputDirectory="PreserveNewest" />
  </ItemGroup>
</Project>
XML
echo "$runner_json" >"$suite/xunit.runner.json"

# ---------------------------------------------------------------- recordings, made once
log "building Release: FakeServer, CLI"
for project in tests/EvalHarness.FakeServer/EvalHarness.FakeServer.csproj src/EvalHarness.Cli/EvalHarness.Cli.csproj; do
  dotnet build "$repo/$project" -c Release -nologo -v:q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 2; }
done
start_server 0
write_suite "$server_url"
log "recording $cases cases (evalharness run --mode record, concurrency 16)"
/usr/bin/time -f "%e %M" -o "$work/record.time" dotnet "$repo/src/EvalHarness.Cli/bin/Release/net10.0/EvalHarness.Cli.dll" run \
  "$suite/eval-suites/faq/suite.yaml" --mode record --max-concurrency 16 --artifacts "$work/record-artifacts" >"$work/record.out" 2>&1 \
  || { tail -20 "$work/record.out" >&2; exit 1; }
stop_server
recordings=$(find "$suite/eval-suites/faq/recordings" -name '*.json' | wc -l)

log "building Release: Plain, Suite"
for project in "$plain/Plain.csproj" "$suite/Suite.csproj"; do
  dotnet build "$project" -c Release -nologo -v:q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 2; }
done

# ---------------------------------------------------------------- timed runs
# The server is gone: replay must not need it. Artifacts go to a fresh folder per run.
export EVALHARNESS_MODE=replay
time_run() { # name how(exe|dotnet-test) → prints "median-wall median-rss"
  local name=$1 how=$2 walls=() rsss=()
  for rep in $(seq "$reps"); do
    export EVALHARNESS_ARTIFACTS=$work/artifacts/$name.$how.$rep
    local code=0
    if [ "$how" = exe ]; then
      /usr/bin/time -f "%e %M" -o "$work/t" "$work/$name/bin/Release/net10.0/$name" >"$work/$name.$how.out" 2>&1 || code=$?
    else
      (cd "$work" && /usr/bin/time -f "%e %M" -o "$work/t" dotnet test --project "$work/$name/$name.csproj" -c Release --no-build >"$work/$name.$how.out" 2>&1) || code=$?
    fi
    if [ "$code" != 0 ]; then tail -30 "$work/$name.$how.out" >&2; echo "$name ($how) failed: exit $code" >&2; exit 1; fi
    walls+=("$(cut -d' ' -f1 "$work/t")")
    rsss+=("$(awk '{ printf "%.0f", $2 / 1024 }' "$work/t")")
  done
  log "$name ($how): wall ${walls[*]} s, peak RSS ${rsss[*]} MB; $(grep -Eo 'total: [0-9]+|Total: *[0-9]+' "$work/$name.$how.out" | tail -1)"
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${rsss[@]}" | median)"
}
read -r plain_exe plain_exe_rss < <(time_run Plain exe)
read -r suite_exe suite_exe_rss < <(time_run Suite exe)
read -r plain_test plain_test_rss < <(time_run Plain dotnet-test)
read -r suite_test suite_test_rss < <(time_run Suite dotnet-test)
tests_run=$(grep -Eo 'total: [0-9]+' "$work/Suite.exe.out" | tail -1 || true)

report() {
  echo "EvalHarness dotnet test path (tests/perf/dotnet-test.sh --cases $cases)"
  echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')   commit: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15-min load average at the end; other builds share this machine)"
  echo "figures:  median of $reps runs, Release builds, xunit.v3 3.2.2 in Microsoft.Testing.Platform mode, wall = /usr/bin/time %e"
  echo "suite:    prompt target, $cases cases x 3 metrics, EVALHARNESS_MODE=replay over $recordings recordings ($tests_run tests incl. the Gate);"
  printf '          recordings made once in %.1f s (record mode, 0 ms server, concurrency 16)\n' "$(cut -d' ' -f1 "$work/record.time")"
  echo
  printf '   %-30s %12s %12s %8s\n' "" "plain theory" "EvalHarness" "ratio"
  printf '   %-30s %10.2f s %10.2f s %7.2fx   target <= 1.3x\n' "test executable, run directly" "$plain_exe" "$suite_exe" "$(awk "BEGIN { print $suite_exe / $plain_exe }")"
  printf '   %-30s %10.2f s %10.2f s %7.2fx   target <= 1.3x\n' "dotnet test (MTP)" "$plain_test" "$suite_test" "$(awk "BEGIN { print $suite_test / $plain_test }")"
  printf '   %-30s %9s MB %9s MB\n' "peak RSS, executable" "$plain_exe_rss" "$suite_exe_rss"
  printf '   %-30s %9s MB %9s MB\n' "peak RSS, dotnet test" "$plain_test_rss" "$suite_test_rss"
}
if [ -n "$out" ]; then report | tee "$out"; else report; fi
