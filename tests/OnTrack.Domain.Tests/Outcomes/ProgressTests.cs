using OnTrack.Domain.Measures;
using OnTrack.Domain.Outcomes;
using OnTrack.Domain.Tests.Measures;

namespace OnTrack.Domain.Tests.Outcomes;

public sealed class ProgressTests
{
    private static readonly Instrument Phq9 = InstrumentFiles.Shipped("phq-9");
    private static readonly Instrument Who5 = InstrumentFiles.Shipped("who-5");

    private static Progress Of(Instrument instrument, params int[] scores) =>
        Progress.Of(instrument, scores.Select((s, i) => new ScorePoint(i, s)).ToList());

    [Theory]
    [InlineData(20, 14, ChangeCategory.Improved)] // exactly 6: reliable
    [InlineData(20, 15, ChangeCategory.NoReliableChange)]
    [InlineData(14, 20, ChangeCategory.Deteriorated)]
    [InlineData(15, 20, ChangeCategory.NoReliableChange)]
    public void Phq9_ChangeOfSixOrMore_IsReliable(int from, int to, ChangeCategory expected)
    {
        Assert.Equal(expected, Progress.Categorise(Phq9, from, to));
    }

    [Theory]
    [InlineData(40, 50, ChangeCategory.Improved)]
    [InlineData(50, 40, ChangeCategory.Deteriorated)]
    [InlineData(40, 48, ChangeCategory.NoReliableChange)]
    public void Who5_HigherIsBetter_MirrorsTheDirection(int from, int to, ChangeCategory expected)
    {
        Assert.Equal(expected, Progress.Categorise(Who5, from, to));
    }

    [Fact]
    public void Course_CaseToBelowCutoffWithReliableDrop_IsReliablyRecovered()
    {
        var p = Of(Phq9, 16, 12, 9);

        Assert.Equal(16, p.Baseline);
        Assert.Equal(9, p.Latest);
        Assert.Equal(-7, p.Change);
        Assert.Equal(ChangeCategory.Improved, p.Category);
        Assert.True(p.Recovered);
        Assert.True(p.ReliablyRecovered);
        Assert.Equal("Mild", p.Band);
    }

    [Fact]
    public void Course_CrossingTheCutoffByASmallChange_IsRecoveredButNotReliably()
    {
        var p = Of(Phq9, 11, 9);

        Assert.True(p.Recovered);
        Assert.False(p.ReliablyRecovered);
        Assert.Equal(ChangeCategory.NoReliableChange, p.Category);
    }

    [Fact]
    public void Course_NotACaseAtBaseline_CannotRecover()
    {
        var p = Of(Phq9, 9, 2);

        Assert.Equal(ChangeCategory.Improved, p.Category);
        Assert.False(p.Recovered);
    }

    [Fact]
    public void Course_OneScore_HasABaselineAndNoCategory()
    {
        var p = Of(Phq9, 18);

        Assert.Equal(18, p.Baseline);
        Assert.Equal(ChangeCategory.Unknown, p.Category);
        Assert.False(p.Recovered);
    }

    [Fact]
    public void Course_NoScores_IsEmpty()
    {
        Assert.Null(Of(Phq9).Baseline);
    }
}
