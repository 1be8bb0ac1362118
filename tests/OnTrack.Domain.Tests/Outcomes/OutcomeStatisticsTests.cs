using OnTrack.Domain.Measures;
using OnTrack.Domain.Outcomes;
using OnTrack.Domain.Tests.Measures;

namespace OnTrack.Domain.Tests.Outcomes;

public sealed class OutcomeStatisticsTests
{
    private static readonly Instrument Phq9 = InstrumentFiles.Shipped("phq-9");
    private static readonly Instrument Gad7 = InstrumentFiles.Shipped("gad-7");

    private static EndedCourse Course(int sessions, int phqFirst, int phqLast, int gadFirst, int gadLast) =>
        new(sessions, [new PairedScores(Phq9, phqFirst, phqLast), new PairedScores(Gad7, gadFirst, gadLast)]);

    [Fact]
    public void CaseOnEitherMeasureAtStart_AndNeitherAtEnd_IsRecovery()
    {
        var figures = OutcomeStatistics.Of([Course(6, 12, 5, 6, 3)]);

        Assert.Equal(1, figures.Cases);
        Assert.Equal(1, figures.Recovered);
        Assert.Equal(1, figures.ReliablyImproved);
        Assert.Equal(1, figures.ReliablyRecovered);
        Assert.Equal(1.0, figures.RecoveryRate);
    }

    [Fact]
    public void StillACaseOnTheOtherMeasure_IsNotRecovery()
    {
        var figures = OutcomeStatistics.Of([Course(6, 12, 5, 9, 8)]);

        Assert.Equal(0, figures.Recovered);
        Assert.Equal(0.0, figures.RecoveryRate);
    }

    [Fact]
    public void ImprovedOnOneAndDeterioratedOnTheOther_IsNeither()
    {
        var figures = OutcomeStatistics.Of([Course(6, 18, 10, 2, 7)]);

        Assert.Equal(0, figures.ReliablyImproved);
        Assert.Equal(0, figures.ReliablyDeteriorated);
    }

    [Fact]
    public void DeterioratedOnOneAndNoChangeOnTheOther_IsReliableDeterioration()
    {
        var figures = OutcomeStatistics.Of([Course(6, 8, 15, 5, 6)]);

        Assert.Equal(1, figures.ReliablyDeteriorated);
        Assert.Equal(1.0, figures.ReliableDeteriorationRate);
    }

    [Fact]
    public void FewerThanTwoTreatmentSessions_IsNotAFinishedCourse()
    {
        var figures = OutcomeStatistics.Of([Course(1, 20, 5, 15, 2)]);

        Assert.Equal(0, figures.Finished);
        Assert.Null(figures.RecoveryRate);
    }

    [Fact]
    public void Rates_UseCasesForRecoveryAndAllFinishedForImprovement()
    {
        var figures = OutcomeStatistics.Of(
        [
            Course(8, 15, 4, 12, 3),  // case, recovered, reliably improved
            Course(8, 15, 13, 12, 11), // case, not recovered
            Course(8, 7, 1, 5, 1),    // not a case, reliably improved
            Course(8, 6, 14, 4, 5),   // not a case, reliably deteriorated
        ]);

        Assert.Equal(4, figures.Finished);
        Assert.Equal(2, figures.Cases);
        Assert.Equal(0.5, figures.RecoveryRate);
        Assert.Equal(0.5, figures.ReliableImprovementRate);
        Assert.Equal(0.5, figures.ReliableRecoveryRate);
        Assert.Equal(0.25, figures.ReliableDeteriorationRate);
    }
}
