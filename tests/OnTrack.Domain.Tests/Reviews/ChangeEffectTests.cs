using NodaTime;
using OnTrack.Domain.Course;
using OnTrack.Domain.Measures;
using OnTrack.Domain.Reviews;

namespace OnTrack.Domain.Tests.Reviews;

public sealed class ChangeEffectTests
{
    private const int Precision = 9;
    private const decimal Phq9ReliableChange = 6m; // NHS Talking Therapies: margin 6 / 4 = 1.5 points per session

    private static readonly Instant FirstSession = Instant.FromUtc(2026, 1, 5, 9, 0);

    /// <summary>Weekly sessions: session n on week n − 1, the form at the start of the session.</summary>
    private static Instant SessionAt(int session) => FirstSession + Duration.FromDays(7 * (session - 1));

    /// <summary>The change made during session 4, after its form.</summary>
    private static readonly Instant ChangeAtSession4 = SessionAt(4) + Duration.FromMinutes(30);

    private static OutcomePoint[] Course(int firstSession, params decimal[] scores) =>
        scores.Select((s, i) => new OutcomePoint(SessionAt(firstSession + i), firstSession + i, s)).ToArray();

    private static OutcomePoint[] Course(int firstSession, decimal[] scores, CourseStatus?[] statuses) =>
        scores.Select((s, i) => new OutcomePoint(SessionAt(firstSession + i), firstSession + i, s, statuses[i])).ToArray();

    private static ChangeEffectResult Phq9(OutcomePoint[] points, IReadOnlyList<GoalPoint>? goals = null) =>
        ChangeEffect.Of(ChangeAtSession4, points, ScoreDirection.HigherIsWorse, Phq9ReliableChange, goals);

    [Fact]
    public void Slope_FallingByTwoEachSession_IsMinusTwo()
    {
        // 20, 18, 16, 14 at sessions 1–4: exactly −2 points per session.
        Assert.Equal(-2, ChangeEffect.Slope(Course(1, 20, 18, 16, 14))!.Value, Precision);
    }

    [Fact]
    public void Slope_UnevenSessions_IsTheLeastSquaresFit()
    {
        // Sessions 1, 2, 4 with 10, 12, 16: x̄ = 7/3, ȳ = 38/3; Sxy = (32 + 2 + 50)/9 = 84/9, Sxx = (16 + 1 + 25)/9 = 42/9 → 2.
        OutcomePoint[] points = [new(SessionAt(1), 1, 10), new(SessionAt(2), 2, 12), new(SessionAt(4), 4, 16)];
        Assert.Equal(2, ChangeEffect.Slope(points)!.Value, Precision);

        // 16, 16, 15, 15 at 1–4: Sxy = (−1.5)(0.5) + (−0.5)(0.5) + (0.5)(−0.5) + (1.5)(−0.5) = −2, Sxx = 5 → −0.4.
        Assert.Equal(-0.4, ChangeEffect.Slope(Course(1, 16, 16, 15, 15))!.Value, Precision);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(12, 3)]
    [InlineData(27, 7)]
    [InlineData(13.5, 12)]
    public void Slope_OfAConstantCourse_IsZero(double score, int count) =>
        Assert.Equal(0, ChangeEffect.Slope(Course(3, Enumerable.Repeat((decimal)score, count).ToArray()))!.Value, Precision);

    [Fact]
    public void Slope_FewerThanTwoSessions_IsNull()
    {
        Assert.Null(ChangeEffect.Slope(Course(1, 12)));
        Assert.Null(ChangeEffect.Slope([new(SessionAt(1), 1, 12), new(SessionAt(1) + Duration.FromHours(1), 1, 14)]));
        Assert.Null(ChangeEffect.Slope([]));
    }

    [Fact]
    public void Of_BeforeIsTheLastFourScoresUpToTheChange_TheFormAtTheChangeCountsAsBefore()
    {
        // Sessions 1–6 with the change at session 6, 30 minutes after its form; only 3–6 are "before".
        var change = SessionAt(6) + Duration.FromMinutes(30);
        var points = Course(1, 27, 25, 20, 18, 16, 14).Concat(Course(7, 13, 12)).ToArray();
        var result = ChangeEffect.Of(change, points, ScoreDirection.HigherIsWorse, Phq9ReliableChange);

        Assert.Equal(4, result.Before.Count);
        Assert.Equal(-2, result.Before.SlopePerSession!.Value, Precision); // 20, 18, 16, 14
        Assert.Equal(2, result.Before.ImprovementPerSession!.Value, Precision);
        Assert.Equal(14m, result.Before.LatestScore);
        Assert.Equal(2, result.After.Count);

        var atTheChange = ChangeEffect.Of(SessionAt(6), points, ScoreDirection.HigherIsWorse, Phq9ReliableChange);
        Assert.Equal(14m, atTheChange.Before.LatestScore);
    }

    [Fact]
    public void Of_PointsBefore_CanBeChosen()
    {
        var result = ChangeEffect.Of(ChangeAtSession4, Course(1, 20, 19, 17, 14), ScoreDirection.HigherIsWorse, Phq9ReliableChange, pointsBefore: 2);

        Assert.Equal(2, result.Before.Count);
        Assert.Equal(-3, result.Before.SlopePerSession!.Value, Precision); // 17, 14
    }

    [Fact]
    public void Of_FewerThanThreeScoresAfter_IsTooEarly()
    {
        var result = Phq9([.. Course(1, 16, 16, 16, 16), .. Course(5, 10, 6)]);

        Assert.Equal(ChangeVerdict.TooEarly, result.Verdict);
        Assert.Equal(2, result.After.Count);
        Assert.StartsWith("Too early to tell: 2 score(s) since the change", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_NoScoresAfter_IsTooEarly()
    {
        var result = Phq9(Course(1, 16, 16, 16, 16));

        Assert.Equal(ChangeVerdict.TooEarly, result.Verdict);
        Assert.Equal(0, result.After.Count);
        Assert.Null(result.After.SlopePerSession);
        Assert.Null(result.After.LatestScore);
    }

    [Fact]
    public void Of_LowerIsBetter_FallingFasterAfter_IsImproving()
    {
        // Before 15, 15, 16, 16: +0.4 per session (worse); after 14, 12, 10: −2 (better).
        // Improvement per session −0.4 → 2: a difference of 2.4 ≥ the margin 1.5.
        var result = Phq9([.. Course(1, 15, 15, 16, 16), .. Course(5, 14, 12, 10)]);

        Assert.Equal(0.4, result.Before.SlopePerSession!.Value, Precision);
        Assert.Equal(-0.4, result.Before.ImprovementPerSession!.Value, Precision);
        Assert.Equal(-2, result.After.SlopePerSession!.Value, Precision);
        Assert.Equal(2, result.After.ImprovementPerSession!.Value, Precision);
        Assert.Equal(1.5, result.MarginPerSession, Precision);
        Assert.Equal(ChangeVerdict.Improving, result.Verdict);
        Assert.Equal($"Improving since the change: falling 2 points per session (better), against rising 0.4 points per session (worse) before. {ChangeEffect.Caveat}", result.Summary);
    }

    [Fact]
    public void Of_HigherIsBetter_RisingAfter_IsImproving_AndTheSameNumbersLowerIsBetterAreWorse()
    {
        // Before 10, 10, 9, 9 (−0.4), after 11, 13, 15 (+2), on a measure with a reliable change of 6 (margin 1.5).
        OutcomePoint[] points = [.. Course(1, 10, 10, 9, 9), .. Course(5, 11, 13, 15)];

        var better = ChangeEffect.Of(ChangeAtSession4, points, ScoreDirection.HigherIsBetter, 6m);
        Assert.Equal(2, better.After.ImprovementPerSession!.Value, Precision);
        Assert.Equal(-0.4, better.Before.ImprovementPerSession!.Value, Precision);
        Assert.Equal(ChangeVerdict.Improving, better.Verdict); // 2 − (−0.4) = 2.4 ≥ 1.5
        Assert.Contains("rising 2 points per session (better)", better.Summary, StringComparison.Ordinal);

        var worse = ChangeEffect.Of(ChangeAtSession4, points, ScoreDirection.HigherIsWorse, Phq9ReliableChange);
        Assert.Equal(-2, worse.After.ImprovementPerSession!.Value, Precision);
        Assert.Equal(ChangeVerdict.Worse, worse.Verdict); // −2 − 0.4 = −2.4 ≤ −1.5
    }

    [Theory]
    [InlineData(15, 13.5, 12, ChangeVerdict.Improving)] // −1.5 per session: exactly the margin
    [InlineData(15, 14, 13, ChangeVerdict.NoChange)] // −1 per session
    [InlineData(16, 16, 16, ChangeVerdict.NoChange)]
    [InlineData(17, 18, 19, ChangeVerdict.NoChange)] // +1: worse, but by less than the margin
    [InlineData(16, 17.5, 19, ChangeVerdict.Worse)] // +1.5
    public void Of_AfterAFlatCourse_TheMarginDecides(double a, double b, double c, ChangeVerdict expected)
    {
        var result = Phq9([.. Course(1, 16, 16, 16, 16), .. Course(5, (decimal)a, (decimal)b, (decimal)c)]);

        Assert.Equal(0, result.Before.SlopePerSession!.Value, Precision);
        Assert.Equal(expected, result.Verdict);
    }

    [Fact]
    public void Of_WorseningMoreSlowlyAfter_IsNoChange_NotImproving()
    {
        // Before +3 per session (10, 13, 16, 19), after +1 (20, 21, 22): better by 2, but still getting worse.
        var result = Phq9([.. Course(1, 10, 13, 16, 19), .. Course(5, 20, 21, 22)]);

        Assert.Equal(ChangeVerdict.NoChange, result.Verdict);
    }

    [Fact]
    public void Of_ImprovingMoreSlowlyAfter_IsNoChange_NotWorse()
    {
        // Before −3 per session (22, 19, 16, 13), after −1 (12, 11, 10): slower, but still improving.
        var result = Phq9([.. Course(1, 22, 19, 16, 13), .. Course(5, 12, 11, 10)]);

        Assert.Equal(ChangeVerdict.NoChange, result.Verdict);
        Assert.StartsWith("No clear change: falling 1 point per session (better) since the change, against falling 3 points per session (better) before.", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_OneScoreBefore_ComparesTheCourseAfterWithAFlatOne()
    {
        var result = ChangeEffect.Of(SessionAt(1) + Duration.FromMinutes(30), Course(1, 18, 16, 14, 12), ScoreDirection.HigherIsWorse, Phq9ReliableChange);

        Assert.Null(result.Before.SlopePerSession);
        Assert.Equal(ChangeVerdict.Improving, result.Verdict); // −2 per session against 0
        Assert.Contains("against no trend yet before", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_RedBeforeAndOnTrackAtTheLatest_IsBackOnTrack_WhateverTheSlope()
    {
        CourseStatus?[] before = [CourseStatus.AtRisk, CourseStatus.NotOnTrack, CourseStatus.NotOnTrack, CourseStatus.NotOnTrack];
        CourseStatus?[] after = [CourseStatus.NotOnTrack, CourseStatus.AtRisk, CourseStatus.OnTrack];
        var result = Phq9([.. Course(1, [18, 18, 18, 18], before), .. Course(5, [18, 17, 17], after)]);

        Assert.Equal(ChangeVerdict.BackOnTrack, result.Verdict);
        Assert.Equal(CourseStatus.NotOnTrack, result.Before.LatestStatus);
        Assert.Equal(CourseStatus.OnTrack, result.After.LatestStatus);
        Assert.Equal(0, result.Before.ShareOnTrack);
        Assert.Equal(1.0 / 3, result.After.ShareOnTrack!.Value, Precision);
        Assert.Equal($"Back on track: not on track before the change, on track at the latest score. {ChangeEffect.Caveat}", result.Summary);
    }

    [Fact]
    public void Of_AmberBeforeAndHealthyAtTheLatest_IsBackOnTrack()
    {
        CourseStatus?[] before = [null, null, CourseStatus.OnTrack, CourseStatus.AtRisk];
        CourseStatus?[] after = [CourseStatus.AtRisk, CourseStatus.OnTrack, CourseStatus.HealthyRange];
        var result = Phq9([.. Course(1, [12, 12, 12, 12], before), .. Course(5, [11, 9, 8], after)]);

        Assert.Equal(ChangeVerdict.BackOnTrack, result.Verdict);
        Assert.Equal(0.5, result.Before.ShareOnTrack); // 1 of the 2 scores with a status
        Assert.Equal(2.0 / 3, result.After.ShareOnTrack!.Value, Precision);
    }

    [Fact]
    public void Of_OnTrackBefore_StillOnTrack_IsJudgedByTheSlope_NotBackOnTrack()
    {
        CourseStatus?[] on = [CourseStatus.OnTrack, CourseStatus.OnTrack, CourseStatus.OnTrack, CourseStatus.OnTrack];
        var result = Phq9([.. Course(1, [16, 16, 16, 16], on), .. Course(5, [16, 16, 16], [CourseStatus.OnTrack, CourseStatus.OnTrack, CourseStatus.OnTrack])]);

        Assert.Equal(ChangeVerdict.NoChange, result.Verdict);
        Assert.Equal(1, result.Before.ShareOnTrack);
    }

    [Fact]
    public void Of_RedAtTheLatestWhenItWasNotBefore_IsWorse_EvenWithAFlatSlope()
    {
        CourseStatus?[] before = [CourseStatus.OnTrack, CourseStatus.OnTrack, CourseStatus.AtRisk, CourseStatus.AtRisk];
        CourseStatus?[] after = [CourseStatus.AtRisk, CourseStatus.AtRisk, CourseStatus.NotOnTrack];
        var result = Phq9([.. Course(1, [14, 14, 14, 14], before), .. Course(5, [14, 14, 14], after)]);

        Assert.Equal(ChangeVerdict.Worse, result.Verdict);
        Assert.Equal($"Worse: amber before the change, not on track at the latest score. {ChangeEffect.Caveat}", result.Summary);
    }

    [Fact]
    public void Of_GoalMovement_IsTheLatestAfterMinusTheLastBefore()
    {
        // Before: 3 then 4; after: 5 then 6.5 → 6.5 − 4 = 2.5.
        GoalPoint[] goals = [new(SessionAt(2), 3m), new(SessionAt(4), 4m), new(SessionAt(5), 5m), new(SessionAt(7), 6.5m)];
        var result = Phq9([.. Course(1, 16, 16, 16, 16), .. Course(5, 16, 16, 16)], goals);

        Assert.Equal(2.5m, result.GoalMovement);
        Assert.Contains("Goal ratings moved +2.5 since the change.", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_GoalMovement_IsNullWithoutARatingOnBothSides()
    {
        OutcomePoint[] points = [.. Course(1, 16, 16, 16, 16), .. Course(5, 16, 16, 16)];

        Assert.Null(Phq9(points).GoalMovement);
        Assert.Null(Phq9(points, [new(SessionAt(2), 3m)]).GoalMovement);
        Assert.Null(Phq9(points, [new(SessionAt(6), 3m)]).GoalMovement);
        Assert.DoesNotContain("Goal ratings", Phq9(points).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_EveryJudgedFinding_SaysItIsNotProof()
    {
        OutcomePoint[][] courses =
        [
            [.. Course(1, 15, 15, 16, 16), .. Course(5, 14, 12, 10)],
            [.. Course(1, 16, 16, 16, 16), .. Course(5, 16, 16, 16)],
            [.. Course(1, 16, 16, 16, 16), .. Course(5, 18, 20, 22)],
        ];

        Assert.All(courses, c => Assert.EndsWith(ChangeEffect.Caveat, Phq9(c).Summary, StringComparison.Ordinal));
        Assert.Contains("not proof", ChangeEffect.Caveat, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_PointsInAnyOrder_GiveTheSameResult()
    {
        OutcomePoint[] points = [.. Course(1, 15, 15, 16, 16), .. Course(5, 14, 12, 10)];

        Assert.Equal(Phq9(points), Phq9(points.Reverse().ToArray()));
    }

    [Fact]
    public void Of_NoReliableChangeOrNoPointsBefore_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChangeEffect.Of(ChangeAtSession4, [], ScoreDirection.HigherIsWorse, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChangeEffect.Of(ChangeAtSession4, [], ScoreDirection.HigherIsWorse, 6m, pointsBefore: 0));
    }
}
