using OnTrack.Domain.Course;

namespace OnTrack.Domain.Tests.Course;

/// <summary>
/// lme4's published example: lmer(Reaction ~ Days + (Days | Subject), sleepstudy). Expected digits from
/// lme4 1.1-31 (R, Debian), printed by bench/lme4/sleepstudy.R.
/// </summary>
public sealed class SleepStudyTests
{
    private static CourseModel Fit(FitMethod method) =>
        CourseFitter.Fit(CourseData.SleepStudy(), new FitOptions(TimeScale.Linear, UseIntake: false, Method: method, TimeTerm: "Days"));

    private static void Close(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (relative {Math.Abs(actual - expected) / Math.Abs(expected):E2})");

    [Fact]
    public void Fit_SleepStudyReml_MatchesLme4()
    {
        var model = Fit(FitMethod.Reml);

        Close(1743.62827195995, model.Criterion, 1e-7);
        Assert.True(model.Criterion <= 1743.62827195995 * (1 + 1e-9), "never worse than lme4's optimum");
        Close(251.405104848485, model.FixedEffects[0], 1e-4);
        Close(10.467285959596, model.FixedEffects[1], 1e-4);
        Close(24.7406579949840619, model.InterceptSd, 1e-4);
        Close(5.9221376588980812, model.SlopeSd, 1e-4);
        Close(0.0655512382381282, model.Correlation!.Value, 1e-4);
        Close(25.5917957216753500, model.ResidualSd, 1e-4);
        Assert.True(model.Converged);
        Assert.False(model.Singular);
        Assert.Equal(["(Intercept)", "Days"], model.Terms);
    }

    [Fact]
    public void Fit_SleepStudyMl_MatchesLme4Deviance()
    {
        var model = Fit(FitMethod.Ml);

        Close(1751.93934448899, model.Criterion, 1e-7);
        Close(0.929190605278248, model.Theta[0], 1e-4);
        Close(0.018165754720412, model.Theta[1], 1e-3);
        Close(0.222643205612618, model.Theta[2], 1e-4);
    }
}
