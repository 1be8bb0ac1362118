using System.Text.Json;
using OnTrack.Domain.Course;

namespace OnTrack.Domain.Tests.Course;

/// <summary>
/// The fitter against values lme4 1.1-31 produced for the same files (Data/lme4-expected.json, made by
/// bench/lme4/expected.R): estimates within 1e-4 relative of lme4 refitted with tight tolerances, and
/// the criterion within 1e-7 of it and never worse than lme4's default fit (whose optimiser stops early
/// and, on two of these files, warns that it has not converged).
/// </summary>
public sealed class Lme4AgreementTests
{
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Course", "Data", "lme4-expected.json"))).RootElement;

    private static ClientSums[] Simulated(TimeScale scale) =>
        CourseData.Sums(CourseData.Read("simulated-300.csv", "client", "session", "score", "intake"), scale);

    [Theory]
    [InlineData("remlLog1pIntake", TimeScale.Log1P, true, FitMethod.Reml)]
    [InlineData("mlLog1pIntake", TimeScale.Log1P, true, FitMethod.Ml)]
    [InlineData("remlLinearNoIntake", TimeScale.Linear, false, FitMethod.Reml)]
    public void Fit_SimulatedClinic_AgreesWithLme4(string name, TimeScale scale, bool intake, FitMethod method)
    {
        var model = CourseFitter.Fit(Simulated(scale), new FitOptions(scale, intake, method));

        AssertAgrees(Expected.GetProperty(name), model);
        Assert.True(model.Converged);
    }

    [Fact]
    public void Fit_NoClientVariation_IsASingularBoundaryFitLikeLme4()
    {
        var sums = CourseData.Sums(CourseData.Read("noise-only.csv", "client", "session", "score"), TimeScale.Log1P);

        var model = CourseFitter.Fit(sums, new FitOptions(TimeScale.Log1P, UseIntake: false));

        var expected = Expected.GetProperty("noiseOnly");
        Assert.True(model.Singular);
        Assert.Contains("singular", model.Note, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, model.Theta[2]);
        Assert.Equal(-1, model.Correlation!.Value, 9);
        AssertAgrees(expected, model);
    }

    [Fact]
    public void Fit_MostlyTwoScoresPerClient_FromLme4sStartAgreesWithLme4()
    {
        // Two days per subject except two subjects: too few per-client moments for the moment start.
        var rows = CourseData.Read("sleepstudy.csv", "Subject", "Days", "Reaction").Where(r => r.Time < 2 || r.Client is "308" or "309");

        var model = CourseFitter.Fit(CourseData.Sums(rows, TimeScale.Linear), new FitOptions(TimeScale.Linear, UseIntake: false));

        AssertAgrees(Expected.GetProperty("sleepstudyMostlyTwoDays"), model);
        Assert.True(model.Singular);
    }

    [Fact]
    public void Fit_LocalOptimumOnTheZeroInterceptVarianceFace_IsEscapedLikeLme4()
    {
        // Case 11 of `Rscript bench/lme4/random-datasets.R OUT 20 1` (true intercept SD 0): a descent from
        // the moment start ends on θ₀₀ = 0 with the wrong sign of θ₁₀, 1e-3 above lme4's optimum.
        var sums = CourseData.Sums(CourseData.Read("boundary-trap.csv", "client", "session", "score", "intake"), TimeScale.Log1P);
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Course", "Data", "boundary-trap-lme4.json"))).RootElement;

        var model = CourseFitter.Fit(sums, new FitOptions(TimeScale.Log1P, UseIntake: true));

        AssertAgrees(expected, model);
        Assert.False(model.Singular);
    }

    internal static void AssertAgrees(JsonElement expected, CourseModel model)
    {
        var criterion = expected.GetProperty("criterion").GetDouble();
        var defaultCriterion = expected.GetProperty("defaultCriterion").GetDouble();
        Assert.True(model.Criterion <= criterion * (1 + 1e-7), $"criterion {model.Criterion:R} worse than lme4's {criterion:R}");
        Assert.True(model.Criterion <= defaultCriterion, $"criterion {model.Criterion:R} worse than lme4's default fit {defaultCriterion:R}");
        Close(criterion, model.Criterion, 1e-7, "criterion");
        var beta = expected.GetProperty("fixedEffects").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(beta.Length, model.FixedEffects.Count);
        for (var i = 0; i < beta.Length; i++)
        {
            Close(beta[i], model.FixedEffects[i], 1e-4, model.Terms[i]);
        }

        Close(expected.GetProperty("interceptSd").GetDouble(), model.InterceptSd, 1e-4, "intercept SD");
        Close(expected.GetProperty("slopeSd").GetDouble(), model.SlopeSd, 1e-4, "slope SD");
        Close(expected.GetProperty("correlation").GetDouble(), model.Correlation!.Value, 1e-4, "correlation");
        Close(expected.GetProperty("residualSd").GetDouble(), model.ResidualSd, 1e-4, "residual SD");
        Assert.Equal(expected.GetProperty("singular").GetBoolean(), model.Singular);
    }

    internal static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{what}: lme4 {expected:R}, ours {actual:R} (relative difference {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
}
