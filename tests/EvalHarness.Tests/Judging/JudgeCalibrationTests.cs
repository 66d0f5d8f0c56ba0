using System.Text.Json.Nodes;
using EvalHarness.Judging;
using EvalHarness.Testing;
using EvalHarness.Tests.Resilience;
using static EvalHarness.Tests.Judging.JudgeTestKit;

namespace EvalHarness.Tests.Judging;

/// <summary>Judge–human agreement: accuracy and Cohen's κ, computed by hand for the expected values.</summary>
public sealed class JudgeCalibrationTests
{
    [Fact]
    public void KappaAndAccuracy_MatchTheHandComputedValues()
    {
        // n = 50: p_o = 35/50 = 0.7; judge passes 25/50 = 0.5, human 30/50 = 0.6; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5) / 0.5 = 0.4.
        var report = JudgeCalibration.Report("relevance", new CalibrationSettings("human", MinAgreement: 0.65, MinKappa: 0.5), 52, 2, 0,
            bothPass: 20, bothFail: 15, judgePassHumanFail: 5, judgeFailHumanPass: 10);

        Assert.Equal(0.7, report.Accuracy!.Value, 12);
        Assert.Equal(0.4, report.Kappa!.Value, 12);
        Assert.Equal(50, report.Compared);
        Assert.Equal(Verdict.Fail, report.Verdict);
        Assert.Equal("relevance: judge and human agree on 35 of 50 labelled cases (accuracy 0.7, Cohen's kappa 0.4); kappa 0.4 < min_kappa 0.5; " +
            "2 labelled case(s) not scored", report.Reason);
    }

    [Fact]
    public void PerfectAgreement_IsKappa1_AndWithoutThresholdsTheReportDoesNotGate()
    {
        var report = JudgeCalibration.Report("relevance", null, 10, 0, 0, bothPass: 6, bothFail: 4, judgePassHumanFail: 0, judgeFailHumanPass: 0);

        Assert.Equal((1.0, 1.0), (report.Accuracy!.Value, report.Kappa!.Value));
        Assert.False(report.Gates);
        Assert.Equal(Verdict.Pass, report.Verdict);
    }

    [Fact]
    public void KappaIsUndefined_WhenBothGaveEveryCaseTheSameLabel_AndAKappaGateIsThenInconclusive()
    {
        var report = JudgeCalibration.Report("relevance", new CalibrationSettings("human", MinKappa: 0.6), 5, 0, 0, bothPass: 5, bothFail: 0, judgePassHumanFail: 0, judgeFailHumanPass: 0);

        Assert.Null(report.Kappa);
        Assert.Equal(1.0, report.Accuracy);
        Assert.Equal(Verdict.Inconclusive, report.Verdict);
        Assert.Contains("Cohen's kappa undefined", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunsLabelledResults_AddUpToTheReport()
    {
        var time = new InstantTimeProvider();

        // The judge passes cases whose id ends in a digit below 6 (score 5) and fails the rest (score 1).
        await using var server = FakeOpenAIServer.Start(r => FakeReply.Text("{\"reasoning\": \"x\", \"score\": " +
            (r.Messages[0].Content!.Contains("PASSME", StringComparison.Ordinal) ? 5 : 1) + "}"));
        var metric = Create("relevance: { human_label: human, min_agreement: 0.8 }", Judge(server, time));
        var labels = new (string Output, JsonNode? Human)[]
        {
            ("PASSME", "pass"), ("PASSME", true), ("PASSME", "fail"), ("no", "fail"), ("no", false), ("no", "pass"), ("no", null), ("PASSME", "??"),
        };

        var results = await Task.WhenAll(labels.Select((l, i) =>
            Evaluate(metric, Case("c" + i, l.Human is null ? new JsonObject() : new JsonObject { ["human"] = l.Human }), l.Output)));
        var report = JudgeCalibration.Compute("relevance", ((IJudgeMetric)metric).Calibration, results);

        Assert.Equal((6, 1, 2, 2, 1, 1), (report.Labelled, report.InvalidLabels, report.BothPass, report.BothFail, report.JudgePassHumanFail, report.JudgeFailHumanPass));
        Assert.Equal(4.0 / 6, report.Accuracy!.Value, 12);
        Assert.Equal(1.0 / 3, report.Kappa!.Value, 12); // p_o = 2/3, p_e = 0.5·0.5 + 0.5·0.5 = 0.5
        Assert.True(report.Gates);
        Assert.Equal(Verdict.Fail, report.Verdict);
    }
}
