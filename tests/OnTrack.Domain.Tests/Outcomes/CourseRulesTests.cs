using OnTrack.Domain.Course;
using OnTrack.Domain.Outcomes;
using OnTrack.Domain.Tests.Measures;

namespace OnTrack.Domain.Tests.Outcomes;

public sealed class CourseRulesTests
{
    private static CourseModel Model()
    {
        var sums = CourseSimulator.Generate(400, 7).GroupBy(s => s.Client)
            .Select(g => ClientSums.FromScores(TimeScale.Log1P, g.First().Intake, g.Select(s => ((double)s.Session, (double)s.Score))))
            .ToArray();
        return CourseFitter.Fit(sums, new FitOptions());
    }

    [Fact]
    public void NotOnTrack_IsRaisedWhenAScoreFirstTurnsRed_NotWhileItStaysRed()
    {
        var phq = InstrumentFiles.Shipped("phq-9");

        Assert.Equal(AlertKind.NotOnTrack, CourseAlertRule.For(phq, CourseStatus.NotOnTrack, CourseStatus.AtRisk)!.Kind);
        Assert.Null(CourseAlertRule.For(phq, CourseStatus.NotOnTrack, CourseStatus.NotOnTrack));
        Assert.Null(CourseAlertRule.For(phq, CourseStatus.AtRisk, null));
    }

    [Fact]
    public void CaseStatus_LatestScoreRedOrAmberAgainstTheCourse_ColoursTheClient()
    {
        Assert.Equal(CaseColour.Red, CaseStatus.Of([], false, false, CourseStatus.NotOnTrack).Colour);
        Assert.Equal(CaseColour.Amber, CaseStatus.Of([], false, false, CourseStatus.AtRisk).Colour);
        Assert.Equal(CaseColour.Grey, CaseStatus.Of([], false, false, CourseStatus.OnTrack).Colour);
    }

    [Fact]
    public void Accuracy_OfTheTrueModelOnSimulatedClients_BeatsChance()
    {
        var model = Model();
        var held = CourseSimulator.Generate(600, 99).GroupBy(s => s.Client)
            .Select(g => new HeldOutClient(g.First().Intake, g.Select(s => ((double)s.Session, (double)s.Score)).ToList()))
            .ToList();

        var report = CourseAccuracy.Evaluate(model, new CourseThresholds(), 6, 3, held);

        Assert.InRange(report.Clients, 100, 600);
        Assert.InRange(report.PoorOutcomes, 1, report.Clients - 1);
        Assert.InRange(report.Auc!.Value, 0.6, 1.0);
        Assert.InRange(report.Specificity!.Value, 0.7, 1.0);
    }

    [Fact]
    public void Accuracy_LeavesOutClientsWhoseLastScoreIsNotAfterTheFlagSession()
    {
        var model = Model();
        var report = CourseAccuracy.Evaluate(model, new CourseThresholds(), 6, 3, [new HeldOutClient(16, [(1, 15), (3, 14)])]);

        Assert.Equal(0, report.Clients);
        Assert.Null(report.Auc);
    }
}
