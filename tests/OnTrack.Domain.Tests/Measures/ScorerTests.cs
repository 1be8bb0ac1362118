using OnTrack.Domain.Measures;

namespace OnTrack.Domain.Tests.Measures;

public sealed class ScorerTests
{
    private static ScoreResult Score(Instrument instrument, string csv) => Scorer.Score(instrument, InstrumentFiles.Answers(csv));

    [Theory]
    [InlineData("0,0,0,0,0,0,0,0,0,", 0, "Minimal", false)]
    [InlineData("1,1,1,1,0,0,0,0,0,", 4, "Minimal", false)]
    [InlineData("1,1,1,1,1,0,0,0,0,", 5, "Mild", false)]
    [InlineData("1,1,1,1,1,1,1,1,1,0", 9, "Mild", false)]
    [InlineData("2,2,2,2,2,0,0,0,0,", 10, "Moderate", true)]
    [InlineData("2,2,2,2,2,2,2,0,0,", 14, "Moderate", true)]
    [InlineData("3,3,3,3,3,0,0,0,0,", 15, "Moderately severe", true)]
    [InlineData("3,3,3,3,3,2,2,0,0,", 19, "Moderately severe", true)]
    [InlineData("3,3,3,3,3,3,2,0,0,", 20, "Severe", true)]
    [InlineData("3,3,3,3,3,3,3,3,3,3", 27, "Severe", true)]
    public void Phq9_EveryBandBoundary_ScoresAndBandsExactly(string answers, int total, string band, bool isCase)
    {
        var result = Score(InstrumentFiles.Shipped("phq-9"), answers);

        Assert.True(result.Valid);
        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band);
        Assert.Equal(isCase, result.Case);
    }

    [Theory]
    [InlineData("0,0,0,0,0,0,0,0,0,", false)]
    [InlineData("0,0,0,0,0,0,0,0,1,", true)]
    [InlineData("0,0,0,0,0,0,0,0,3,", true)]
    public void Phq9_Item9AboveZero_RaisesTheRiskFlag(string answers, bool flagged)
    {
        var result = Score(InstrumentFiles.Shipped("phq-9"), answers);
        Assert.Equal(flagged, result.Risks.Any(r => r.LinkId == "9"));
    }

    [Fact]
    public void Phq9_MissingItem_IsInvalidButStillFlagsRisk()
    {
        var result = Score(InstrumentFiles.Shipped("phq-9"), "1,1,,1,1,1,1,1,2,");

        Assert.False(result.Valid);
        Assert.Null(result.Total);
        Assert.Equal(1, result.Missing);
        Assert.Contains("unanswered", result.InvalidReason, StringComparison.Ordinal);
        Assert.Single(result.Risks);
    }

    [Fact]
    public void Phq9_TheDifficultyQuestion_IsNotScoredAndMayBeLeftOut()
    {
        var withIt = Score(InstrumentFiles.Shipped("phq-9"), "1,1,1,1,1,1,1,1,0,3");
        var without = Score(InstrumentFiles.Shipped("phq-9"), "1,1,1,1,1,1,1,1,0,");

        Assert.Equal(8, withIt.Total);
        Assert.Equal(8, without.Total);
        Assert.True(without.Valid);
    }

    [Theory]
    [InlineData("0,0,0,0,1,1,2", 4, "Minimal", false)]
    [InlineData("1,1,1,1,1,0,0", 5, "Mild", false)]
    [InlineData("1,1,1,1,1,1,1", 7, "Mild", false)]
    [InlineData("2,2,1,1,1,1,0", 8, "Mild", true)]
    [InlineData("2,2,2,2,1,1,0", 10, "Moderate", true)]
    [InlineData("2,2,2,2,2,2,2", 14, "Moderate", true)]
    [InlineData("3,3,3,2,2,2,0", 15, "Severe", true)]
    [InlineData("3,3,3,3,3,3,3", 21, "Severe", true)]
    public void Gad7_BandBoundariesAndCaseness(string answers, int total, string band, bool isCase)
    {
        var result = Score(InstrumentFiles.Shipped("gad-7"), answers);
        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band);
        Assert.Equal(isCase, result.Case);
    }

    [Theory]
    [InlineData("5,5,5,5,5", 100, "Adequate well-being", false)]
    [InlineData("3,3,3,2,2", 52, "Adequate well-being", false)]
    [InlineData("3,3,2,2,2", 48, "Poor well-being: screen for depression", true)]
    [InlineData("2,2,2,1,1", 32, "Poor well-being: screen for depression", true)]
    [InlineData("2,2,1,1,1", 28, "Low well-being: suggests depression", true)]
    [InlineData("0,0,0,0,0", 0, "Low well-being: suggests depression", true)]
    public void Who5_IsAPercentageWhereHigherIsBetter(string answers, int percentage, string band, bool isCase)
    {
        var result = Score(InstrumentFiles.Shipped("who-5"), answers);
        Assert.Equal(percentage, result.Total);
        Assert.Equal(band, result.Band);
        Assert.Equal(isCase, result.Case);
    }

    [Fact]
    public void Pcl5_ScoresTheFourClusters()
    {
        var result = Score(InstrumentFiles.Shipped("pcl-5"), "4,4,4,4,4,3,3,2,2,2,2,2,2,2,1,1,1,1,1,1");

        Assert.Equal(20 + 6 + 14 + 6, result.Total);
        Assert.Equal([20m, 6m, 14m, 6m], result.Subscales.Select(s => s.Score!.Value));
        Assert.True(result.Case);
        Assert.False(Score(InstrumentFiles.Shipped("pcl-5"), "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1").Case); // 20 < 33
    }

    [Fact]
    public void SessionCheck_NumericRatings_SumAndRejectOutOfRange()
    {
        var check = InstrumentFiles.Shipped("ontrack-session-check");
        Assert.Equal(34.5m, Score(check, "9,8.5,8,9").Total);
        Assert.Equal(0, check.TotalMin);
        Assert.Equal(40, check.TotalMax);
        var error = Assert.Throws<AnswerException>(() => Score(check, "9,11,8,9"));
        Assert.Contains("from 0 to 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnswerOutsideTheOptions_IsRejectedWithTheItemNamed()
    {
        var error = Assert.Throws<AnswerException>(() => Score(InstrumentFiles.Shipped("gad-7"), "0,0,4,0,0,0,0"));
        Assert.Contains("Item 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongNumberOfAnswers_IsRejected()
    {
        Assert.Throws<AnswerException>(() => Score(InstrumentFiles.Shipped("gad-7"), "0,0,0"));
    }

    [Fact]
    public void Oq45_ReverseItemsAreScoredBackwards_AndSubscalesAddUp()
    {
        var oq = InstrumentFiles.Test("oq-45-test");

        // Everything answered 0: the nine reverse items each score 4.
        var zeros = Score(oq, string.Join(",", Enumerable.Repeat("0", 45)));
        Assert.Equal(36, zeros.Total);
        Assert.Equal(zeros.Total, zeros.Subscales.Sum(s => s.Score));
        Assert.Equal(0, oq.TotalMin);
        Assert.Equal(180, oq.TotalMax);

        var fours = Score(oq, string.Join(",", Enumerable.Repeat("4", 45)));
        Assert.Equal(180 - 36, fours.Total);
        Assert.True(fours.Case);
    }

    [Fact]
    public void RiskFlags_CarryTheirOwnRulesWording_OrASafeDefault()
    {
        var oq = InstrumentFiles.Test("oq-45-test");
        var answers = Enumerable.Repeat("0", 45).ToArray();
        answers[7] = "2"; // item 8: a rule without wording of its own
        answers[43] = "4"; // item 44: substance use, with its own wording

        var risks = Score(oq, string.Join(",", answers)).Risks;

        Assert.Equal(RiskRule.DefaultClientMessage, risks.Single(r => r.LinkId == "8").ClientMessage);
        Assert.Contains("drinking or drug use", risks.Single(r => r.LinkId == "44").ClientMessage, StringComparison.Ordinal);
        Assert.All(risks, r => Assert.DoesNotContain("better off dead", r.ClientMessage, StringComparison.Ordinal));
        Assert.Contains("better off dead", Score(InstrumentFiles.Shipped("phq-9"), "0,0,0,0,0,0,0,0,1,").Risks.Single().ClientMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Readable_LeavesOutAnswersThatDoNotFit_AndSaysWhy()
    {
        var phq9 = InstrumentFiles.Shipped("phq-9");

        var readable = Scorer.Readable(phq9, InstrumentFiles.Answers("1,7,1,1,1,1,1,1,2,"));

        Assert.Null(readable.Answers[1]);
        Assert.Equal("2", readable.Answers[8]);
        Assert.Contains("Item 2", Assert.Single(readable.Problems), StringComparison.Ordinal);
        Assert.Single(Scorer.Score(phq9, readable.Answers).Risks);
    }

    [Fact]
    public void Oq45_UpToFourMissingItemsAreProrated_FiveAreNot()
    {
        var oq = InstrumentFiles.Test("oq-45-test");
        var answers = Enumerable.Repeat("2", 45).ToArray();
        answers[1] = "";
        answers[2] = "";

        var prorated = Score(oq, string.Join(",", answers));
        Assert.True(prorated.Valid);
        Assert.True(prorated.Prorated);
        Assert.Equal(90, prorated.Total); // every item at 2 (reverse items score 2 as well)

        answers[3] = answers[4] = answers[5] = "";
        Assert.False(Score(oq, string.Join(",", answers)).Valid);
    }

    [Fact]
    public void Ors_VisualAnalogueItems_HigherIsBetterWithCutoff25()
    {
        var ors = InstrumentFiles.Test("ors-test");
        Assert.True(Score(ors, "6,6,6,6.9").Case);     // 24.9 <= 25: in the clinical range
        Assert.False(Score(ors, "7,7,6,6.1").Case);    // 26.1
        Assert.Equal(5, ors.ReliableChange!.Threshold);
    }

    [Fact]
    public void ReliableChange_FromSdAndReliability_FollowsJacobsonAndTruax()
    {
        var change = new ReliableChange(null, 5m, 0.84m, "test");
        // 1.96 · √2 · 5 · √0.16 = 5.5437...
        Assert.Equal(5.5437, (double)change.Threshold, 3);
    }
}
