namespace EvalHarness.Judging;

/// <summary>Keys judge metrics write into <see cref="MetricResult.Details"/>: provenance, the judge's own words, samples and calibration.</summary>
/// <remarks>Values are strings (numbers in invariant culture). Keys absent from a result did not apply to it.</remarks>
public static class JudgeDetails
{
    /// <summary>The judge model asked.</summary>
    public const string Model = "judge.model";

    /// <summary><c>metric@version</c>, for example <c>relevance@1</c>.</summary>
    public const string MetricVersion = "judge.metric_version";

    /// <summary>Where the prompt came from: <c>built-in:relevance.md</c> or the suite's override file.</summary>
    public const string Prompt = "judge.prompt";

    /// <summary>The <c>sha256:</c> hash of the prompt text.</summary>
    public const string PromptHash = "judge.prompt_hash";

    /// <summary>The <c>sha256:</c> hash of a rubric's criteria and given steps.</summary>
    public const string RubricHash = "judge.rubric_hash";

    /// <summary>The evaluation steps a rubric was judged by, one per line.</summary>
    public const string Steps = "judge.steps";

    /// <summary>The judge's reasoning (the first sample's when there are several).</summary>
    public const string Reasoning = "judge.reasoning";

    /// <summary>The judge's raw answer, kept when it could not be used (and on a repaired answer).</summary>
    public const string Raw = "judge.raw";

    /// <summary>The judge's answer to the repair request, when that could not be used either.</summary>
    public const string RepairRaw = "judge.repair_raw";

    /// <summary><c>true</c> when an answer was only usable after the repair request.</summary>
    public const string Repaired = "judge.repaired";

    /// <summary>How many model calls the result took (samples, repairs, both pairwise orders, step derivation).</summary>
    public const string Calls = "judge.calls";

    /// <summary>How many samples were taken.</summary>
    public const string Samples = "judge.samples";

    /// <summary>The samples' raw scores in sample order, comma-separated.</summary>
    public const string Scores = "judge.scores";

    /// <summary>How the samples were combined: <c>mean</c>, <c>median</c> or <c>majority</c>.</summary>
    public const string Aggregate = "judge.aggregate";

    /// <summary>The lowest sample score on 0..1.</summary>
    public const string Min = "judge.min";

    /// <summary>The highest sample score on 0..1.</summary>
    public const string Max = "judge.max";

    /// <summary>The samples' standard deviation on 0..1 (n − 1 denominator).</summary>
    public const string StandardDeviation = "judge.stdev";

    /// <summary>The fraction of cases a <c>sample:</c> metric judges.</summary>
    public const string SampleRate = "judge.sample_rate";

    /// <summary>The case's position in [0, 1) by case-id hash; judged when below the sample rate.</summary>
    public const string SamplePosition = "judge.sample_position";

    /// <summary><c>infrastructure</c> (the endpoint never answered usefully), <c>provider</c> (it refused the request), <c>recording</c> or <c>answer</c> (unusable judge answer).</summary>
    public const string ErrorKind = "judge.error_kind";

    /// <summary>Pairwise: the winner when the output was shown as A (<c>A</c>, <c>B</c> or <c>tie</c>).</summary>
    public const string WinnerOutputFirst = "judge.winner_output_first";

    /// <summary>Pairwise: the winner when the output was shown as B.</summary>
    public const string WinnerOutputSecond = "judge.winner_output_second";

    /// <summary>Pairwise: <c>output</c>, <c>other</c> or <c>tie</c> after both orders.</summary>
    public const string Preference = "judge.preference";

    /// <summary>The human's label for the case: <c>pass</c> or <c>fail</c>.</summary>
    public const string HumanLabel = "calibration.human";

    /// <summary><c>true</c> or <c>false</c>: whether the judge's pass/fail agrees with the human's (absent when the judge gave neither).</summary>
    public const string Agrees = "calibration.agrees";

    /// <summary>Why the case's human label could not be read.</summary>
    public const string LabelError = "calibration.error";
}
