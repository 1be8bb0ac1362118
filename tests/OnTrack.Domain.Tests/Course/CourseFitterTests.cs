using OnTrack.Domain.Course;

namespace OnTrack.Domain.Tests.Course;

public sealed class CourseFitterTests
{
    private static readonly FitOptions Options = new(TimeScale.Log1P, UseIntake: true);

    private static List<CourseData.Row> SimulatedRows() => [.. CourseData.Read("simulated-300.csv", "client", "session", "score", "intake")];

    private static void Close(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Max(Math.Abs(expected), 1e-12), $"expected {expected:R}, got {actual:R}");

    /// <summary>Same fit to the optimiser's precision (θ to about 1e-7; lme4 agreement needs 1e-4).</summary>
    private static void SameFit(CourseModel a, CourseModel b, double relative)
    {
        Close(a.Criterion, b.Criterion, 1e-10);
        for (var i = 0; i < a.FixedEffects.Count; i++)
        {
            Close(a.FixedEffects[i], b.FixedEffects[i], relative);
        }

        Close(a.InterceptSd, b.InterceptSd, relative);
        Close(a.SlopeSd, b.SlopeSd, relative);
        Close(a.Correlation!.Value, b.Correlation!.Value, relative);
        Close(a.ResidualSd, b.ResidualSd, relative);
    }

    [Fact]
    public void Fit_ClientsPermuted_ChangesNothing()
    {
        var sums = CourseData.Sums(SimulatedRows(), TimeScale.Log1P);
        var shuffled = sums.ToArray();
        new Random(11).Shuffle(shuffled);

        SameFit(CourseFitter.Fit(sums, Options), CourseFitter.Fit(shuffled, Options), 1e-6);
    }

    [Fact]
    public void Fit_RowsPermuted_ChangesNothing()
    {
        var rows = SimulatedRows();
        var shuffled = rows.ToArray();
        new Random(5).Shuffle(shuffled);

        SameFit(CourseFitter.Fit(CourseData.Sums(rows, TimeScale.Log1P), Options), CourseFitter.Fit(CourseData.Sums(shuffled, TimeScale.Log1P), Options), 1e-6);
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(-0.1)]
    public void Fit_ScoresScaled_ScalesTheEstimates(double c)
    {
        var rows = SimulatedRows();
        var a = CourseFitter.Fit(CourseData.Sums(rows, TimeScale.Log1P), Options);
        var b = CourseFitter.Fit(CourseData.Sums(rows.Select(r => r with { Score = c * r.Score }), TimeScale.Log1P), Options);

        for (var i = 0; i < a.FixedEffects.Count; i++)
        {
            Close(c * a.FixedEffects[i], b.FixedEffects[i], 1e-6);
        }

        Close(Math.Abs(c) * a.InterceptSd, b.InterceptSd, 1e-6);
        Close(Math.Abs(c) * a.SlopeSd, b.SlopeSd, 1e-6);
        Close(Math.Abs(c) * a.ResidualSd, b.ResidualSd, 1e-6);
        Close(a.Correlation!.Value, b.Correlation!.Value, 1e-6);
        // θ is scale-free, so only the residual term moves: (n − p)·log c².
        Close(a.Criterion + ((a.Rows - 4) * Math.Log(c * c)), b.Criterion, 1e-10);
    }

    [Fact]
    public void Fit_ScoresShifted_MovesOnlyTheIntercept()
    {
        var rows = SimulatedRows();
        var a = CourseFitter.Fit(CourseData.Sums(rows, TimeScale.Log1P), Options);
        var b = CourseFitter.Fit(CourseData.Sums(rows.Select(r => r with { Score = r.Score + 7 }), TimeScale.Log1P), Options);

        // The optimiser takes another path, so agreement is to its precision (well inside lme4's 1e-4).
        Close(a.FixedEffects[0] + 7, b.FixedEffects[0], 1e-5);
        Close(a.FixedEffects[1], b.FixedEffects[1], 1e-5);
        Close(a.Criterion, b.Criterion, 1e-9);
    }

    [Fact]
    public void Fit_LargeSimulatedClinic_RecoversTheGeneratingModel()
    {
        var scores = CourseSimulator.Generate(4000, seed: 3).ToList();
        var rows = scores.Select(s => new CourseData.Row(s.Client.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Session, s.Score, s.Intake));

        var model = CourseFitter.Fit(CourseData.Sums(rows, TimeScale.Log1P), Options);

        // Rounding to whole points and clamping to 0…27 bias the data a little, so this is approximate.
        Assert.InRange(model.FixedEffects[2], 0.85, 0.97);
        Assert.InRange(model.FixedEffects[3], -0.15, -0.09);
        Assert.InRange(model.InterceptSd, 2.2, 2.8);
        Assert.InRange(model.SlopeSd, 1.8, 2.5);
        Assert.InRange(model.Correlation!.Value, -0.35, -0.05);
        Assert.InRange(model.ResidualSd, 2.3, 2.7);
        Assert.InRange(model.Rows / (double)model.Clients, 8, 10);
        Assert.True(model.SessionPatterns < model.Clients, "clients with the same sessions share one evaluation group");
    }

    [Fact]
    public void Fit_TooFewClients_FailsClearly()
    {
        var sums = CourseData.SleepStudy().Take(5).ToArray();
        var ex = Assert.Throws<CourseFitException>(() => CourseFitter.Fit(sums, new FitOptions(TimeScale.Linear, false)));
        Assert.Contains("Too few clients: 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_EveryClientHasOneScore_FailsLikeLme4()
    {
        var sums = Enumerable.Range(0, 20).Select(i => new ClientSums(1, 0.69, 0.48, i, 0.69 * i, i * i, 0)).ToArray();
        var ex = Assert.Throws<CourseFitException>(() => CourseFitter.Fit(sums, new FitOptions(UseIntake: false)));
        Assert.Contains("more than two scores per client", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_SomeClientsWithOneScore_AreUsedAndCounted()
    {
        var sums = CourseData.SleepStudy().Append(new ClientSums(1, 0, 0, 250, 0, 62500, 0)).ToArray();
        var model = CourseFitter.Fit(sums, new FitOptions(TimeScale.Linear, false));
        Assert.Equal(1, model.ClientsWithOneScore);
        Assert.Equal(19, model.Clients);
    }

    [Fact]
    public void Fit_ConstantScores_FailsClearly()
    {
        var rows = SimulatedRows().Select(r => r with { Score = 12 });
        var ex = Assert.Throws<CourseFitException>(() => CourseFitter.Fit(CourseData.Sums(rows, TimeScale.Log1P), Options));
        Assert.Contains("All scores are the same", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Fit_NonFiniteValue_NamesTheClient(double bad)
    {
        var sums = CourseData.SleepStudy();
        sums[3] = sums[3] with { SumY = bad };
        var ex = Assert.Throws<CourseFitException>(() => CourseFitter.Fit(sums, new FitOptions(TimeScale.Linear, false)));
        Assert.Contains("Client #4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_SameIntakeForAll_SaysTheFixedEffectsCannotBeEstimated()
    {
        var rows = SimulatedRows().Select(r => r with { Intake = 15 });
        var ex = Assert.Throws<CourseFitException>(() => CourseFitter.Fit(CourseData.Sums(rows, TimeScale.Log1P), Options));
        Assert.Contains("intake is (nearly) the same for every client", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_EveryClientExactlyOnALine_FailsClearlyInsteadOfRunningAway()
    {
        // No residual noise: the likelihood grows without bound as the client variances grow.
        var rows = Enumerable.Range(0, 30).SelectMany(c => Enumerable.Range(1, 6).Select(t =>
            new CourseData.Row(c.ToString(System.Globalization.CultureInfo.InvariantCulture), t, 20 - (c % 7) - ((1 + (c % 3)) * Math.Log(t + 1)), double.NaN)));

        var ex = Assert.Throws<CourseFitException>(() => CourseFitter.Fit(CourseData.Sums(rows, TimeScale.Log1P), new FitOptions(UseIntake: false)));
        Assert.Contains("residual", ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
