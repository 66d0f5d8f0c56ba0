using System.Reflection;
using EvalHarness.Running;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace EvalHarness.Xunit;

/// <summary>
/// Supplies a theory with one row per case of a suite's dataset: the row's only argument is the case id, its label is the case id
/// (so the test is named <c>&lt;display name&gt; [&lt;case id&gt;]</c>), and its traits are <c>suite=&lt;suite name&gt;</c> and one
/// <c>tag=&lt;tag&gt;</c> per tag of the case. The EvalHarness source generator puts it on the generated <c>Case</c> theory.
/// </summary>
/// <remarks>
/// <para>
/// Rows are enumerated at discovery time, so a test explorer and <c>--list-tests</c> show one test per dataset row — rows that cannot
/// be read included, as <c>line-&lt;n&gt;</c>, whose tests fail with the row's errors. Only the dataset is read (once: the suite's
/// session keeps it for the run that follows); no case runs.
/// With <c>EVALHARNESS_SHARD=i/n</c> only the shard's cases are rows.
/// </para>
/// <para>
/// A dataset row can steer its test: <c>skip: "&lt;reason&gt;"</c> (or <c>skip: true</c>) skips it with that reason, and
/// <c>explicit: true</c> makes it explicit (it runs only when selected by name or when explicit tests are enabled). Neither row
/// takes part in the suite's gate. The attribute's own <see cref="DataAttribute.Skip"/>, <c>Explicit</c>, <c>Timeout</c> and
/// <see cref="DataAttribute.Traits"/> apply to every row (a row's own <c>skip</c>/<c>explicit</c> wins).
/// </para>
/// </remarks>
/// <example>
/// <code>
/// [Theory(DisplayName = "support-faq")]
/// [EvalCaseData("/repo/eval-suites/support-faq/suite.yaml")]
/// public Task Case(string caseId) =&gt; EvalSuiteTests.RunCaseAsync(SuiteFile, caseId, target);
/// </code>
/// </example>
/// <param name="suiteFile">The suite file (the generator passes its absolute path).</param>
public sealed class EvalCaseDataAttribute(string suiteFile) : DataAttribute
{
    /// <summary>The trait naming the suite.</summary>
    public const string SuiteTrait = "suite";

    /// <summary>The trait repeated for each tag of the case.</summary>
    public const string TagTrait = "tag";

    /// <summary>The suite file.</summary>
    public string SuiteFile { get; } = suiteFile;

    /// <inheritdoc />
    /// <exception cref="Suites.EvalConfigurationException">The suite is invalid; the theory then becomes one failing test with the errors.</exception>
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new(GetRows(SuiteSessions.Default.Get(SuiteFile)));

    /// <summary>Rows are case ids (strings), cheap to enumerate and serializable, so every case is its own test.</summary>
    public override bool SupportsDiscoveryEnumeration() => true;

    /// <summary>One row per entry of <paramref name="session"/>'s dataset.</summary>
    internal IReadOnlyCollection<ITheoryDataRow> GetRows(SuiteSession session)
    {
        var rows = new List<ITheoryDataRow>();
        foreach (var id in session.CaseIds)
        {
            var flags = session.FlagsOf(id);
            var tags = session.TagsOf(id);
            var traits = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase)
            {
                [SuiteTrait] = new HashSet<string>(StringComparer.Ordinal) { session.Suite.Name },
            };
            if (tags.Count > 0)
            {
                traits[TagTrait] = new HashSet<string>(tags, StringComparer.Ordinal);
            }

            AddAttributeTraits(traits);
            rows.Add(new TheoryDataRow<string>(id)
            {
                Label = id,
                Skip = flags.Error is null ? flags.SkipReason ?? Skip : null,
                Explicit = flags.Error is null && flags.Explicit ? true : ExplicitAsNullable,
                Timeout = TimeoutAsNullable,
                Traits = traits,
            });
        }

        return rows;
    }

    private void AddAttributeTraits(Dictionary<string, HashSet<string>> traits)
    {
        if (Traits is not { } pairs)
        {
            return;
        }

        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            if (!traits.TryGetValue(pairs[i], out var values))
            {
                traits[pairs[i]] = values = new HashSet<string>(StringComparer.Ordinal);
            }

            values.Add(pairs[i + 1]);
        }
    }
}
