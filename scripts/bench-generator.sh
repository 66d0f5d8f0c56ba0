#!/usr/bin/env bash
# Build-time cost of the source generator, and test discovery time, on a project with a 10,000-case dataset.
# Builds the same project twice — with the EvalHarness generator and without it — and lists the generated tests.
# Usage: scripts/bench-generator.sh [cases] [runs]     (defaults: 10000 cases, 3 timed runs each; prints medians)
# Each timed build recompiles only the benchmark project (touching one source file); the generator also re-reads the dataset.
# Besides wall-clock time it prints CPU time (user + sys of the build and every process it waited for), which other load on
# the machine disturbs far less. EVH_BENCH_DIR=<folder> keeps the two projects there (for -bl or ReportAnalyzer runs).
# The compiler server follows $UseSharedCompilation as dotnet build does (CI machines often set it to false: every build then
# starts a fresh csc, which loads and JIT-compiles the generator again).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cases=${1:-10000}
runs=${2:-3}
reference=${EVH_BENCH_REFERENCE:-package}
generator_bin="$repo/analyzers/EvalHarness.Generators/bin/Release/netstandard2.0"
if [ -n "${EVH_BENCH_DIR:-}" ]; then
  work=$EVH_BENCH_DIR
  rm -rf "$work/with" "$work/without"
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 EVALHARNESS_MODE=auto

make_project() { # name, with-generator(true|false)
  local dir="$work/$1"
  mkdir -p "$dir/eval-suites/faq" "$dir/datasets"
  printf 'name: faq\ndataset: ../../datasets/faq.jsonl\nmapping: { input: question }\nmetrics:\n  - icontains: refund\n' > "$dir/eval-suites/faq/suite.yaml"
  awk -v n="$cases" 'BEGIN { for (i = 0; i < n; i++) printf "{\"id\":\"case-%d\",\"question\":\"Refund question number %d?\"}\n", i, i }' > "$dir/datasets/faq.jsonl"
  local analyzer=""
  local props=""
  if [ "$2" = true ]; then
    if [ "$reference" = project ]; then
      analyzer="<ProjectReference Include=\"$repo/analyzers/EvalHarness.Generators/EvalHarness.Generators.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />"
    else
      analyzer="<Analyzer Include=\"$generator_bin/*.dll\" />"
    fi
    props="<Import Project=\"$repo/src/EvalHarness.Xunit/buildTransitive/EvalHarness.Xunit.props\" />"
  fi
  cat > "$dir/$1.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  $props
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Exe</OutputType>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <UseMicrosoftTestingPlatformRunner>true</UseMicrosoftTestingPlatformRunner>
    <TestingPlatformDotnetTestSupport>true</TestingPlatformDotnetTestSupport>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="xunit.v3" Version="3.2.2" />
    <ProjectReference Include="$repo/src/EvalHarness.Xunit/EvalHarness.Xunit.csproj" />
    $analyzer
  </ItemGroup>
</Project>
XML
  cat > "$dir/FaqEvals.cs" <<'CS'
using EvalHarness;
using Microsoft.Extensions.AI;

namespace Bench;

public partial class FaqEvals
{
    [EvalTarget]
    public Task<ChatResponse> AnswerAsync(EvalCase c, CancellationToken ct) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "About your refund: " + c.Input)));
}
CS
  echo "[EvalSuite(\"eval-suites/faq/suite.yaml\")] public partial class FaqEvals { }" | sed 's/^/namespace Bench; using EvalHarness; /' > "$dir/Binding.cs"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

build_once() { # dir; prints "wall cpu" seconds of one build
  touch "$1/FaqEvals.cs"
  local out
  # Only the benchmark project compiles: the harness projects it references were built once, before timing.
  out=$( { TIMEFORMAT='%R %U %S'; time dotnet build "$1" --no-restore -nologo -v:q -p:BuildProjectReferences=false >/dev/null; } 2>&1 | tail -1)
  echo "$out" | awk '{ print $1, $2 + $3 }'
}

if [ "$reference" != project ]; then
  dotnet build "$repo/analyzers/EvalHarness.Generators" -c Release -nologo -v:q >/dev/null
fi
make_project with true
make_project without false
# The generator-less project needs no [EvalSuite] binding (the attribute alone would compile, but keep the sources identical).
dotnet build "$work/with" -nologo -v:q >/dev/null
dotnet build "$work/without" -nologo -v:q >/dev/null

# Alternate the two builds so that load from other processes, which drifts over minutes, falls on both alike.
with_walls=() with_cpus=() without_walls=() without_cpus=()
for _ in $(seq "$runs"); do
  read -r wall cpu < <(build_once "$work/with")
  with_walls+=("$wall"); with_cpus+=("$cpu")
  read -r wall cpu < <(build_once "$work/without")
  without_walls+=("$wall"); without_cpus+=("$cpu")
done
with=$(printf '%s\n' "${with_walls[@]}" | median)
with_cpu=$(printf '%s\n' "${with_cpus[@]}" | median)
without=$(printf '%s\n' "${without_walls[@]}" | median)
without_cpu=$(printf '%s\n' "${without_cpus[@]}" | median)

start=$(date +%s.%N)
listed=$(dotnet test --project "$work/with" --no-build --list-tests 2>&1 | grep -c 'faq' || true)
end=$(date +%s.%N)
discovery=$(echo "$end - $start" | bc)

printf 'cases in dataset:            %s (generator as %s reference)\n' "$cases" "$reference"
printf 'build with generator (s):    %.2f (median of %s)\n' "$with" "$runs"
printf 'build without generator (s): %.2f (median of %s)\n' "$without" "$runs"
printf 'generator adds (s):          %.2f  (ratio %.2fx)\n' "$(echo "$with - $without" | bc)" "$(echo "$with / $without" | bc -l)"
printf 'CPU time with / without (s): %.2f / %.2f, generator adds %.2f\n' "$with_cpu" "$without_cpu" "$(echo "$with_cpu - $without_cpu" | bc)"
printf 'load average when done:      %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'test discovery, --list-tests (s): %.2f, lines naming the suite: %s\n' "$discovery" "$listed"
