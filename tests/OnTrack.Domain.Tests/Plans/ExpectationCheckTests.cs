using System.Globalization;
using OnTrack.Domain.Course;
using OnTrack.Domain.Plans;
using OnTrack.Domain.Tests.Course;

namespace OnTrack.Domain.Tests.Plans;

public sealed class ExpectationCheckTests
{
    // A PHQ-9-like clinic (0–27, lower is better, reliable change 6), simulated and fitted here as the course tests do.
    private static readonly CourseModel Model = CourseFitter.Fit(
        CourseData.Sums(
            CourseSimulator.Generate(600, seed: 11).Select(s => new CourseData.Row(s.Client.ToString(CultureInfo.InvariantCulture), s.Session, s.Score, s.Intake)),
            TimeScale.Log1P),
        new FitOptions(TimeScale.Log1P, UseIntake: true));

    private const double Rc = 6;

    private static readonly ClientExpectations Patient = new(SessionsExpected: 52, WeeksToFeelBetter: 52, Confidence: 7);

    private static int? Session(double intake, double share) => Model.SessionOfReliableImprovement(intake, Rc, higherIsBetter: false, share);

    private static ExpectationCheckResult Check(ClientExpectations e, double intake, SessionFrequency frequency = SessionFrequency.Weekly) =>
        ExpectationCheck.Check("Jordan", e, frequency, intake, Rc, higherIsBetter: false, Model);

    [Theory]
    [InlineData(10)]
    [InlineData(16)]
    [InlineData(24)]
    public void Check_WithModel_NumbersAreTheModelsOwn(double intake)
    {
        var result = Check(Patient, intake);

        Assert.True(result.HasModel);
        Assert.Equal(Session(intake, 0.25), result.QuarterBySession);
        Assert.Equal(Session(intake, 0.5), result.HalfBySession);
        Assert.Equal(Session(intake, 0.75), result.ThreeInFourBySession);
        Assert.NotNull(result.QuarterBySession);
    }

    [Theory]
    [InlineData(SessionFrequency.Weekly, 1.0)]
    [InlineData(SessionFrequency.TwiceWeekly, 0.5)]
    [InlineData(SessionFrequency.EveryOtherWeek, 2.0)]
    public void Check_ExpectedSessionAgainstQuarterSession_ImpatienceFlipsExactlyThere(SessionFrequency frequency, double weeksPerSession)
    {
        const double intake = 16;
        var quarter = Session(intake, 0.25)!.Value;
        Assert.True(quarter > 1, "the test needs a quarter session after the first");

        var before = Check(Patient with { WeeksToFeelBetter = (quarter - 1) * weeksPerSession }, intake, frequency);
        var at = Check(Patient with { WeeksToFeelBetter = quarter * weeksPerSession }, intake, frequency);

        Assert.Equal(quarter - 1, before.ExpectedBySession);
        Assert.True(before.Impatient);
        Assert.Equal(quarter, at.ExpectedBySession);
        Assert.False(at.Impatient);
    }

    [Fact]
    public void Check_SessionsExpectedAgainstHalfSession_FlagFlipsExactlyThere()
    {
        const double intake = 16;
        var half = Session(intake, 0.5)!.Value;

        Assert.True(Check(Patient with { SessionsExpected = half - 1 }, intake).ExpectsFewerSessions);
        Assert.False(Check(Patient with { SessionsExpected = half }, intake).ExpectsFewerSessions);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(10, false)]
    public void Check_ConfidenceThreeOrLess_IsLow(int confidence, bool low)
    {
        var result = Check(Patient with { Confidence = confidence }, 16);

        Assert.Equal(low, result.LowConfidence);
        Assert.Equal(low, result.TherapistPrompt.Contains("Talk about hope.", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ImpatientClient_SentencesGiveTheModelsSessions()
    {
        const double intake = 24;
        var (h, t) = (Session(intake, 0.5)!.Value, Session(intake, 0.75)!.Value);

        var result = Check(new ClientExpectations(SessionsExpected: 52, WeeksToFeelBetter: 0.5, Confidence: 5), intake);

        Assert.True(result.Impatient);
        Assert.Equal(1, result.ExpectedBySession);
        Assert.Equal(
            $"Half of the people who start where you are notice a clear change by session {h}, and three in four by session {t}. It is normal if it takes a while — tell your therapist how it is going.",
            result.ClientSentence);
        Assert.Equal($"Jordan expects to feel better by session 1; clients with this intake usually take {h} sessions (three in four by {t}). Talk about pace.", result.TherapistPrompt);
    }

    [Fact]
    public void Check_EveryFlag_OnePromptEachInOrder()
    {
        const double intake = 16;
        var (q, h) = (Session(intake, 0.25)!.Value, Session(intake, 0.5)!.Value);
        Assert.Null(Session(intake, 0.75));

        var result = Check(new ClientExpectations(SessionsExpected: 1, WeeksToFeelBetter: 0, Confidence: 2), intake);

        Assert.True(result.Impatient && result.ExpectsFewerSessions && result.LowConfidence);
        Assert.True(q > 1);
        Assert.Equal(
            $"Jordan expects to feel better by session 1; clients with this intake usually take {h} sessions (a quarter or more take longer than 52). Talk about pace. "
            + $"Jordan expects to need 1 session; clients with this intake usually take {h} sessions (a quarter or more take longer than 52). Talk about how long therapy may take. "
            + "Jordan rates their confidence that therapy will help at 2 of 10. Talk about hope.",
            result.TherapistPrompt);
        Assert.Equal(
            $"Half of the people who start where you are notice a clear change by session {h}; for some it takes longer. It is normal if it takes a while — tell your therapist how it is going.",
            result.ClientSentence);
    }

    [Fact]
    public void Check_ExpectationsFitTheCourse_SaysSo()
    {
        var result = Check(Patient, 16);

        Assert.False(result.Impatient || result.ExpectsFewerSessions || result.LowConfidence);
        Assert.Equal("Jordan's expectations fit the usual course for clients with this intake.", result.TherapistPrompt);
    }

    [Fact]
    public void Check_HalfNotWithin52Sessions_AnyExpectationWithin52IsFewer()
    {
        const double intake = 10;
        Assert.Null(Session(intake, 0.5));

        var result = Check(Patient, intake);

        Assert.Null(result.HalfBySession);
        Assert.True(result.ExpectsFewerSessions);
        Assert.Equal("For people who start where you are, a clear change often takes many sessions. It is normal if it takes a while — tell your therapist how it is going.", result.ClientSentence);
        Assert.Contains("fewer than half of clients with this intake improve reliably within 52 sessions", result.TherapistPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NoModel_SaysSoWithoutNumbersOrImpatience()
    {
        var result = ExpectationCheck.Check("Jordan", new ClientExpectations(1, 0, 2), SessionFrequency.Weekly, 16, Rc, higherIsBetter: false, model: null);

        Assert.False(result.HasModel);
        Assert.Null(result.QuarterBySession);
        Assert.Null(result.HalfBySession);
        Assert.Null(result.ThreeInFourBySession);
        Assert.False(result.Impatient);
        Assert.False(result.ExpectsFewerSessions);
        Assert.True(result.LowConfidence);
        Assert.Equal("Everyone's pace is different. It is normal if it takes a while — tell your therapist how it is going.", result.ClientSentence);
        Assert.Equal(
            "There is no expected course for this measure yet, so the pace cannot be compared with similar clients. Jordan rates their confidence that therapy will help at 2 of 10. Talk about hope.",
            result.TherapistPrompt);
    }

    [Theory]
    [InlineData(0, SessionFrequency.Weekly, 1)]
    [InlineData(0.2, SessionFrequency.Weekly, 1)]
    [InlineData(3, SessionFrequency.Weekly, 3)]
    [InlineData(1.5, SessionFrequency.TwiceWeekly, 3)]
    [InlineData(1.6, SessionFrequency.TwiceWeekly, 4)] // 3.2 rounds up
    [InlineData(3, SessionFrequency.EveryOtherWeek, 2)] // 1.5 rounds up
    [InlineData(1, SessionFrequency.EveryOtherWeek, 1)]
    public void ExpectedBySession_WeeksTimesFrequency_RoundedUpAtLeastOne(double weeks, SessionFrequency frequency, int expected) =>
        Assert.Equal(expected, ExpectationCheck.ExpectedBySession(weeks, frequency));

    [Fact]
    public void Check_AnswersOutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Check(Patient with { SessionsExpected = 0 }, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => Check(Patient with { WeeksToFeelBetter = -1 }, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => Check(Patient with { WeeksToFeelBetter = double.NaN }, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => Check(Patient with { Confidence = 11 }, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => Check(Patient with { Confidence = -1 }, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExpectationCheck.Check("Jordan", Patient, SessionFrequency.Weekly, 16, 0, false, Model));
    }
}
