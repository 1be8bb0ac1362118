using OnTrack.Domain.Measures;
using OnTrack.Domain.Outcomes;
using OnTrack.Domain.Tests.Measures;

namespace OnTrack.Domain.Tests.Outcomes;

public sealed class CaseStatusTests
{
    private static readonly Instrument Phq9 = InstrumentFiles.Shipped("phq-9");

    private static Progress Course(params int[] scores) => Progress.Of(Phq9, scores.Select((s, i) => new ScorePoint(i, s)).ToList());

    [Fact]
    public void OpenRiskAlert_IsRedWhateverTheScores()
    {
        Assert.Equal(CaseColour.Red, CaseStatus.Of([Course(20, 5)], openRiskOrNotOnTrack: true, otherOpenAlerts: false).Colour);
    }

    [Fact]
    public void ReliablyWorse_IsRed()
    {
        Assert.Equal(CaseColour.Red, CaseStatus.Of([Course(8, 14)], false, false).Colour);
    }

    [Fact]
    public void OtherOpenAlert_IsAmber()
    {
        Assert.Equal(CaseColour.Amber, CaseStatus.Of([Course(15, 8)], false, true).Colour);
    }

    [Fact]
    public void StillACaseWithoutReliableChangeAfterFourScores_IsAmber()
    {
        Assert.Equal(CaseColour.Amber, CaseStatus.Of([Course(15, 14, 15, 13)], false, false).Colour);
        Assert.Equal(CaseColour.Grey, CaseStatus.Of([Course(15, 14, 13)], false, false).Colour);
    }

    [Fact]
    public void ReliableImprovement_IsGreen()
    {
        Assert.Equal(CaseColour.Green, CaseStatus.Of([Course(18, 11)], false, false).Colour);
    }

    [Fact]
    public void OneScore_IsGrey()
    {
        Assert.Equal(CaseColour.Grey, CaseStatus.Of([Course(18)], false, false).Colour);
    }
}
