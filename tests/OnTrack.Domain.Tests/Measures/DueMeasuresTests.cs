using OnTrack.Domain.Measures;

namespace OnTrack.Domain.Tests.Measures;

public sealed class DueMeasuresTests
{
    private static readonly MeasureRule[] Plan =
    [
        new("phq-9", MeasureTiming.EverySession),
        new("gad-7", MeasureTiming.EveryNthSession, 3),
        new("pcl-5", MeasureTiming.Intake),
        new("who-5", MeasureTiming.Discharge),
    ];

    private static IReadOnlyList<string> Due(int session, bool ending = false, string[]? ever = null, string[]? done = null) =>
        DueMeasures.For(Plan, new DueContext(session, ending, new HashSet<string>(ever ?? []), new HashSet<string>(done ?? [])));

    [Fact]
    public void FirstSession_IntakeEverySessionAndNthAreDue()
    {
        Assert.Equal(["phq-9", "gad-7", "pcl-5"], Due(1));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(7, true)]
    [InlineData(8, false)]
    public void EveryThirdSession_IsDueOnSessionsOneFourSeven(int session, bool gadDue)
    {
        Assert.Equal(gadDue, Due(session, ever: ["pcl-5"]).Contains("gad-7"));
    }

    [Fact]
    public void Intake_OnceCompleted_IsNeverDueAgain()
    {
        Assert.DoesNotContain("pcl-5", Due(2, ever: ["pcl-5"]));
    }

    [Fact]
    public void AlreadyCompletedForThisSession_IsNotDue()
    {
        Assert.Equal(["gad-7", "pcl-5"], Due(1, done: ["phq-9"]));
    }

    [Fact]
    public void Discharge_IsDueOnlyWhenTheCourseIsEnding()
    {
        Assert.DoesNotContain("who-5", Due(5, ever: ["pcl-5"]));
        Assert.Contains("who-5", Due(5, ending: true, ever: ["pcl-5"]));
    }

    [Fact]
    public void AnInstrumentInThePlanTwice_IsDueOnce()
    {
        var due = DueMeasures.For([new("phq-9", MeasureTiming.EverySession), new("phq-9", MeasureTiming.Intake)], new DueContext(1, false, new HashSet<string>(), new HashSet<string>()));
        Assert.Equal(["phq-9"], due);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(53)]
    public void EveryNth_OutsideTwoToFiftyTwo_IsAProblem(int every)
    {
        Assert.NotNull(new MeasureRule("gad-7", MeasureTiming.EveryNthSession, every).Problem);
        Assert.Null(new MeasureRule("gad-7", MeasureTiming.EveryNthSession, 2).Problem);
    }

    [Theory]
    [InlineData(false, new[] { "phq-9" })]
    [InlineData(true, new[] { "phq-9", "ontrack-session-check" })]
    public void SessionCheck_BeforeAnySessionHasHappened_IsNotDue(bool held, string[] expected)
    {
        var plan = new MeasureRule[] { new("phq-9", MeasureTiming.EverySession), new("ontrack-session-check", MeasureTiming.EverySession) };

        var due = DueMeasures.For(plan, new DueContext(1, false, new HashSet<string>(), new HashSet<string>(), held, new HashSet<string> { "ontrack-session-check" }));

        Assert.Equal(expected, due);
    }
}
