namespace OnTrack.Domain.Matching;

/// <summary>One ended course: the therapist's id, the intake (first) score and the change (last − first).</summary>
public sealed record CourseChange(string Therapist, double Intake, double Change);

/// <summary>How a therapist's outcomes in one problem area compare with the clinic's, given their intake.</summary>
public enum EffectRating
{
    /// <summary>Fewer ended courses than the minimum: no rating, however large the estimate.</summary>
    NotEnoughCases,

    /// <summary>The interval lies wholly on the better side of the clinic's average.</summary>
    Effective,

    /// <summary>The interval includes the clinic's average.</summary>
    Neutral,

    /// <summary>The interval lies wholly on the worse side of the clinic's average.</summary>
    Ineffective,
}

/// <summary>One therapist's estimated effect in one area.</summary>
/// <param name="Therapist">The therapist's id.</param>
/// <param name="Cases">Ended courses in the area.</param>
/// <param name="Effect">Conditional mode (BLUP) of the therapist's intercept, on the change scale, as lme4's <c>ranef</c> (not sign-flipped).</param>
/// <param name="ConditionalSd">Square root of lme4's conditional variance of that mode (<c>condVar</c>).</param>
/// <param name="Rating">The rating from the interval Effect ± z·ConditionalSd.</param>
public sealed record TherapistEffect(string Therapist, int Cases, double Effect, double ConditionalSd, EffectRating Rating);

/// <summary>The fit of <c>change ~ intake + (1 | therapist)</c> in one problem area.</summary>
/// <param name="Area">The problem area (e.g. "depression").</param>
/// <param name="HigherIsBetter">The measure improves upwards (WHO-5); false for PHQ-9, GAD-7, PCL-5.</param>
/// <param name="Cases">Ended courses in the area.</param>
/// <param name="Intercept">Fixed intercept: the expected change at intake 0.</param>
/// <param name="IntakeSlope">Fixed effect of intake on change.</param>
/// <param name="TherapistSd">Between-therapist SD of the intercept (σ·θ).</param>
/// <param name="ResidualSd">Residual SD σ.</param>
/// <param name="RemlCriterion">lme4's REML criterion (−2 × restricted log-likelihood) at the optimum.</param>
/// <param name="Singular">θ below lme4's singularity tolerance (1e-4): the therapists do not differ beyond noise.</param>
/// <param name="Therapists">One entry per therapist with a case in the area, sorted by ordinal id.</param>
public sealed record AreaProfile(
    string Area,
    bool HigherIsBetter,
    int Cases,
    double Intercept,
    double IntakeSlope,
    double TherapistSd,
    double ResidualSd,
    double RemlCriterion,
    bool Singular,
    IReadOnlyList<TherapistEffect> Therapists);

/// <summary>
/// Therapist outcome profiles: per problem area, the REML fit of <c>lme4::lmer(change ~ intake + (1 | therapist))</c>
/// and the therapists' conditional modes with their conditional SDs (<c>ranef(m, condVar = TRUE)</c>).
/// </summary>
/// <remarks>
/// With one scalar random intercept everything lme4 computes has a closed form per therapist (see
/// <see cref="RemlProfile"/>), so a fit is one pass over the courses and a 1-D search over θ = σ_b/σ.
/// </remarks>
public static class TherapistEffects
{
    /// <summary>Fewer ended courses than this in an area give <see cref="EffectRating.NotEnoughCases"/>.</summary>
    public const int DefaultMinCases = 10;

    /// <summary>lme4's isSingular() tolerance on θ.</summary>
    public const double SingularTolerance = 1e-4;

    /// <summary>Fits one area.</summary>
    /// <returns>
    /// null when the area cannot be estimated (fewer than 2 therapists, fewer than 3 courses, as many
    /// therapists as courses, intake constant, or no residual variation) — lme4 refuses those too.
    /// </returns>
    /// <exception cref="ArgumentException">A value is not finite, an id is empty, or <paramref name="minCases"/> or <paramref name="z"/> is out of range.</exception>
    public static AreaProfile? Fit(string area, IReadOnlyList<CourseChange> courses, bool higherIsBetter, int minCases = DefaultMinCases, double z = 1.959963984540054)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(courses);
        Validate(courses, minCases, z);
        var profile = RemlProfile.Create(courses);
        if (profile is null)
        {
            return null;
        }

        var theta = profile.Minimize();
        var fit = profile.Solve(theta);
        var sigma = Math.Sqrt(fit.Pwrss / (courses.Count - 2));
        var effects = new TherapistEffect[profile.Groups.Count];
        for (var j = 0; j < effects.Length; j++)
        {
            var g = profile.Groups[j];
            var shrink = theta * theta / (1 + (g.Count * theta * theta));
            var effect = shrink * g.Count * (g.MeanChange - fit.Intercept - (fit.Slope * g.MeanIntake));
            var sd = sigma * Math.Sqrt(shrink);
            effects[j] = new TherapistEffect(g.Therapist, g.Count, effect, sd, Rate(g.Count, effect, sd, higherIsBetter, minCases, z));
        }

        return new AreaProfile(area, higherIsBetter, courses.Count, fit.Intercept + profile.MeanChange - (fit.Slope * profile.MeanIntake), fit.Slope,
            sigma * theta, sigma, fit.Criterion, theta < SingularTolerance, effects);
    }

    /// <summary>The rating of an estimate with the interval effect ± z·sd.</summary>
    public static EffectRating Rate(int cases, double effect, double conditionalSd, bool higherIsBetter, int minCases = DefaultMinCases, double z = 1.959963984540054)
    {
        if (cases < minCases)
        {
            return EffectRating.NotEnoughCases;
        }

        var (low, high) = (effect - (z * conditionalSd), effect + (z * conditionalSd));
        var (better, worse) = higherIsBetter ? (low > 0, high < 0) : (high < 0, low > 0);
        return better ? EffectRating.Effective : worse ? EffectRating.Ineffective : EffectRating.Neutral;
    }

    private static void Validate(IReadOnlyList<CourseChange> courses, int minCases, double z)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minCases);
        if (!(double.IsFinite(z) && z > 0))
        {
            throw new ArgumentException($"z must be a positive finite number, not {z}.", nameof(z));
        }

        for (var i = 0; i < courses.Count; i++)
        {
            var c = courses[i] ?? throw new ArgumentException($"Course #{i + 1} is null.", nameof(courses));
            if (string.IsNullOrEmpty(c.Therapist))
            {
                throw new ArgumentException($"Course #{i + 1} has no therapist id.", nameof(courses));
            }

            if (!double.IsFinite(c.Intake) || !double.IsFinite(c.Change))
            {
                throw new ArgumentException($"Course #{i + 1} (therapist '{c.Therapist}') has an intake or change that is not a finite number: intake {c.Intake}, change {c.Change}.", nameof(courses));
            }
        }
    }
}
