using OnTrack.Domain.Measures;
using OnTrack.Domain.Outcomes;
using OnTrack.Domain.Tests.Measures;

namespace OnTrack.Domain.Tests.Outcomes;

public sealed class AlertRulesTests
{
    private static readonly Instrument Phq9 = InstrumentFiles.Shipped("phq-9");
    private static readonly Instrument Check = InstrumentFiles.Shipped("ontrack-session-check");
    private static readonly AllianceThresholds Alliance = new(30, 5);

    private static IReadOnlyList<AlertSignal> Alerts(Instrument instrument, string answers, params decimal[] earlier) =>
        AlertRules.For(instrument, Scorer.Score(instrument, InstrumentFiles.Answers(answers)), earlier, Alliance);

    [Fact]
    public void Phq9_Item9AboveZero_RaisesAHighPriorityRiskAlert()
    {
        var alerts = Alerts(Phq9, "0,0,0,0,0,0,0,0,1,");

        var risk = Assert.Single(alerts);
        Assert.Equal(AlertKind.Risk, risk.Kind);
        Assert.Equal(AlertPriority.High, risk.Priority);
    }

    [Fact]
    public void Phq9_Item9Zero_RaisesNothing()
    {
        Assert.Empty(Alerts(Phq9, "1,1,1,1,1,1,1,1,0,"));
    }

    [Fact]
    public void Phq9_RiskOnAnIncompleteForm_StillRaisesTheAlert()
    {
        Assert.Equal(AlertKind.Risk, Assert.Single(Alerts(Phq9, ",,,,,,,,3,")).Kind);
    }

    [Fact]
    public void Outcome_FirstReliablyWorseScore_RaisesDeterioration()
    {
        // baseline 8; 14 is exactly 6 worse.
        var alert = Assert.Single(Alerts(Phq9, "2,2,2,2,2,2,2,0,0,", 8, 10));
        Assert.Equal(AlertKind.ReliableDeterioration, alert.Kind);
    }

    [Fact]
    public void Outcome_StillDeteriorated_DoesNotRaiseItAgain()
    {
        Assert.Empty(Alerts(Phq9, "2,2,2,2,2,2,2,0,0,", 8, 15));
    }

    [Fact]
    public void Outcome_FirstScore_HasNothingToDeteriorateFrom()
    {
        Assert.Empty(Alerts(Phq9, "3,3,3,3,3,3,3,3,0,"));
    }

    [Theory]
    [InlineData("7,7,7,8", true)] // 29, just below 30
    [InlineData("8,7,7,8", false)] // 30, at the level
    public void Alliance_BelowTheClinicsLevel_IsLow(string answers, bool low)
    {
        Assert.Equal(low, Alerts(Check, answers).Any(a => a.Kind == AlertKind.LowAlliance));
    }

    [Fact]
    public void Alliance_StillLow_DoesNotRaiseItAgain()
    {
        Assert.DoesNotContain(Alerts(Check, "6,6,6,6", 25), a => a.Kind == AlertKind.LowAlliance);
        Assert.Contains(Alerts(Check, "6,6,6,6", 25, 32), a => a.Kind == AlertKind.LowAlliance);
    }

    [Fact]
    public void Alliance_FallingByTheClinicsAmount_RaisesAFall()
    {
        var alerts = Alerts(Check, "9,9,8,9", 40);

        Assert.Equal(AlertKind.FallingAlliance, Assert.Single(alerts).Kind);
        Assert.Empty(Alerts(Check, "9,9,9,9", 40));
    }

    [Fact]
    public void Alliance_LowAndFallenInOneForm_RaisesOneAlert()
    {
        var alerts = Alerts(Check, "6,5,6,6", 36); // 23: below 30 and 13 down

        var alert = Assert.Single(alerts);
        Assert.Equal(AlertKind.LowAlliance, alert.Kind);
        Assert.Contains("down from 36", alert.Summary, StringComparison.Ordinal);
    }
}
