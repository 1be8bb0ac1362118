using OnTrack.Domain.Course;

namespace OnTrack.Domain.Tests.Course;

public sealed class CoursePredictionTests
{
    private static readonly CourseModel Model = CourseFitter.Fit(
        CourseData.Sums(CourseData.Read("simulated-300.csv", "client", "session", "score", "intake"), TimeScale.Log1P),
        new FitOptions(TimeScale.Log1P, UseIntake: true));

    [Fact]
    public void Normal_KnownValues_AreExact()
    {
        Assert.Equal(1.959963984540054, Normal.Quantile(0.975), 14);
        Assert.Equal(-1.2815515655446004, Normal.Quantile(0.1), 14);
        Assert.Equal(-6.361340902404056, Normal.Quantile(1e-10), 12);
        Assert.Equal(0.9750021048517795, Normal.Cdf(1.96), 14);
        Assert.Equal(0.5, Normal.Cdf(0), 15);
        foreach (var p in new[] { 1e-12, 0.01, 0.3, 0.5, 0.77, 0.999 })
        {
            Assert.Equal(p, Normal.Cdf(Normal.Quantile(p)), 1e-13 + (1e-12 * p));
        }
    }

    [Fact]
    public void ExpectedCourse_NewClient_MeanFromFixedEffectsAndSymmetricPercentiles()
    {
        var course = Model.ExpectedCourse(16, [1, 5, 10], [0.1, 0.5, 0.9]);

        var b = Model.FixedEffects;
        var f = Math.Log(11);
        Assert.Equal(b[0] + (b[1] * f) + (b[2] * 16) + (b[3] * f * 16), course[2].Mean, 12);
        Assert.Equal(course[2].Mean, course[2].Percentiles[1], 12);
        Assert.Equal(course[2].Mean - course[2].Percentiles[0], course[2].Percentiles[2] - course[2].Mean, 10);
        // The interval holds the client's own intercept and slope, not just the residual.
        Assert.True(course[2].Sd > Model.ResidualSd);
        Assert.True(course[0].Mean > course[2].Mean, "clients improve on average");
    }

    [Fact]
    public void ConditionalCourse_ClientAboveTheExpectedCourse_IsTheBlupAndNarrower()
    {
        var expected = Model.ExpectedCourse(16, [1, 2, 3, 8], [0.5]);
        var scores = new (double T, double Y)[] { (1, expected[0].Mean + 5), (2, expected[1].Mean + 5), (3, expected[2].Mean + 5) };
        var seen = ClientSums.FromScores(TimeScale.Log1P, 16, scores);

        var rest = Model.ConditionalCourse(seen, [8], [0.5]);
        var (u0, u1, _, _, _) = Model.ClientEffects(seen);

        // The textbook BLUP, b = (ZᵀZ/σ² + Σ⁻¹)⁻¹ Zᵀr/σ², computed independently of the lme4-form code.
        var (v00, v01, v11) = Model.RandomCovariance;
        var s2 = Model.ResidualSd * Model.ResidualSd;
        var det = (v00 * v11) - (v01 * v01);
        double a00 = v11 / det, a01 = -v01 / det, a11 = v00 / det, r0 = 0, r1 = 0;
        var b = Model.FixedEffects;
        foreach (var (t, y) in scores)
        {
            var f = Math.Log(t + 1);
            var residual = y - (b[0] + (b[1] * f) + (b[2] * 16) + (b[3] * f * 16));
            (a00, a01, a11) = (a00 + (1 / s2), a01 + (f / s2), a11 + (f * f / s2));
            (r0, r1) = (r0 + (residual / s2), r1 + (f * residual / s2));
        }

        var d = (a00 * a11) - (a01 * a01);
        Assert.Equal(((a11 * r0) - (a01 * r1)) / d, u0, 1e-9);
        Assert.Equal(((a00 * r1) - (a01 * r0)) / d, u1, 1e-9);
        Assert.Equal(expected[3].Mean + u0 + (u1 * Math.Log(9)), rest[0].Mean, 1e-9);
        Assert.True(rest[0].Mean > expected[3].Mean, "a client above the course is predicted above it");
        Assert.True(rest[0].Sd < expected[3].Sd, "knowing the client narrows the interval");
    }

    [Fact]
    public void SessionOfReliableImprovement_IsTheFirstSessionWhereTheShareIsReached()
    {
        var median = Model.SessionOfReliableImprovement(18, reliableChange: 6, higherIsBetter: false, share: 0.5);
        var most = Model.SessionOfReliableImprovement(18, reliableChange: 6, higherIsBetter: false, share: 0.75);

        Assert.NotNull(median);
        Assert.True(most is null || most >= median);
        double Share(int t)
        {
            var (mean, sd) = Model.Expected(t, 18);
            return Normal.Cdf((18 - 6 - mean) / sd);
        }

        Assert.True(Share(median.Value) >= 0.5);
        Assert.True(median == 1 || Share(median.Value - 1) < 0.5);
    }

    [Fact]
    public void ModelJson_RoundTrip_PredictsTheSame()
    {
        var loaded = CourseModel.FromJson(Model.ToJson());

        Assert.Equal(Model.Expected(7, 20), loaded.Expected(7, 20));
        Assert.Equal(Model.Terms, loaded.Terms);
        Assert.Equal(Model.Criterion, loaded.Criterion);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    public void ModelJson_NotAModel_FailsClearly(string json) =>
        Assert.Throws<CourseFitException>(() => CourseModel.FromJson(json));
}
