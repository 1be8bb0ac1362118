using System.Text.Json;
using System.Text.Json.Serialization;

namespace OnTrack.Domain.Course;

/// <summary>
/// A fitted expected course: fixed effects, the client-level covariance and residual SD, and what the
/// fit reported. Saved and loaded as JSON (<see cref="ToJson"/>, <see cref="FromJson"/>).
/// </summary>
public sealed record CourseModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public required TimeScale TimeScale { get; init; }

    public required FitMethod Method { get; init; }

    public required bool UsesIntake { get; init; }

    /// <summary>Fixed-effect names in lme4's order: (Intercept), f, intake, f:intake.</summary>
    public required IReadOnlyList<string> Terms { get; init; }

    public required IReadOnlyList<double> FixedEffects { get; init; }

    /// <summary>Covariance of the fixed-effect estimates, row-major (lme4's vcov()).</summary>
    public required IReadOnlyList<double> FixedEffectCovariance { get; init; }

    /// <summary>lme4's θ: the relative covariance factor Λ = [[θ₀, 0], [θ₁, θ₂]], Σ = σ²ΛΛᵀ.</summary>
    public required IReadOnlyList<double> Theta { get; init; }

    public required double ResidualSd { get; init; }

    public required double InterceptSd { get; init; }

    public required double SlopeSd { get; init; }

    /// <summary>Correlation of random intercept and slope; null when either SD is zero (lme4 prints NaN).</summary>
    public required double? Correlation { get; init; }

    /// <summary>The REML criterion (REML) or deviance (ML), as lme4 defines them.</summary>
    public required double Criterion { get; init; }

    public required long Rows { get; init; }

    public required int Clients { get; init; }

    public int ClientsWithOneScore { get; init; }

    /// <summary>Distinct (n, Σf, Σf²) patterns the evaluation ran over.</summary>
    public int SessionPatterns { get; init; }

    /// <summary>Criterion evaluations the optimiser used.</summary>
    public int Evaluations { get; init; }

    public required bool Converged { get; init; }

    /// <summary>A boundary fit (lme4's isSingular): a variance at zero or a correlation at ±1.</summary>
    public required bool Singular { get; init; }

    public string? Note { get; init; }

    public double? IntakeMin { get; init; }

    public double? IntakeMax { get; init; }

    /// <summary>Σ, the covariance of (u₀, u₁).</summary>
    [JsonIgnore]
    public (double V00, double V01, double V11) RandomCovariance
    {
        get
        {
            var s2 = ResidualSd * ResidualSd;
            return (s2 * Theta[0] * Theta[0], s2 * Theta[0] * Theta[1], s2 * ((Theta[1] * Theta[1]) + (Theta[2] * Theta[2])));
        }
    }

    /// <summary>The model as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a model saved by <see cref="ToJson"/>; throws <see cref="CourseFitException"/> if it is not one.</summary>
    public static CourseModel FromJson(string json)
    {
        try
        {
            var model = JsonSerializer.Deserialize<CourseModel>(json, Json) ?? throw new CourseFitException("The model file is empty.");
            var p = model.UsesIntake ? 4 : 2;
            if (model.FixedEffects.Count != p || model.Terms.Count != p || model.FixedEffectCovariance.Count != p * p || model.Theta.Count != 3 || !(model.ResidualSd > 0))
            {
                throw new CourseFitException("The model file is incomplete: it needs " + p + " fixed effects and terms, their covariance, θ and a positive residual SD.");
            }

            return model;
        }
        catch (JsonException ex)
        {
            throw new CourseFitException("The model file is not a saved course model: " + ex.Message, ex);
        }
    }

    /// <summary>The fixed-effect design row x = [1, f, a, f·a] (or [1, f]).</summary>
    private double Mean(double f, double intake, out double fixedVariance)
    {
        Span<double> x = stackalloc double[4];
        x[0] = 1;
        x[1] = f;
        var p = 2;
        if (UsesIntake)
        {
            x[2] = intake;
            x[3] = f * intake;
            p = 4;
        }

        double mean = 0, variance = 0;
        for (var i = 0; i < p; i++)
        {
            mean += FixedEffects[i] * x[i];
            for (var j = 0; j < p; j++)
            {
                variance += x[i] * FixedEffectCovariance[(i * p) + j] * x[j];
            }
        }

        fixedVariance = variance;
        return mean;
    }

    /// <summary>
    /// The expected score of a new client with this intake at a session, and its predictive SD: the
    /// client's own intercept and slope (Σ), the residual σ² and the uncertainty of β̂.
    /// </summary>
    public (double Mean, double Sd) Expected(double session, double intake)
    {
        var f = CourseTime.F(TimeScale, session);
        var mean = Mean(f, intake, out var fixedVariance);
        var (v00, v01, v11) = RandomCovariance;
        var variance = v00 + (2 * v01 * f) + (v11 * f * f) + (ResidualSd * ResidualSd) + fixedVariance;
        return (mean, Math.Sqrt(variance));
    }

    /// <summary>The expected course for a new client: mean and the score at each requested percentile, per session.</summary>
    public IReadOnlyList<CoursePoint> ExpectedCourse(double intake, IEnumerable<double> sessions, IReadOnlyList<double> percentiles)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(percentiles);
        var z = percentiles.Select(Normal.Quantile).ToArray();
        return sessions.Select(t =>
        {
            var (mean, sd) = Expected(t, intake);
            return new CoursePoint(t, mean, sd, z.Select(q => mean + (q * sd)).ToArray());
        }).ToList();
    }

    /// <summary>
    /// The rest of a client's course given the scores seen so far: the client's own intercept and slope
    /// are estimated (their conditional mean given the scores, lme4's ranef), then each future session
    /// gets a mean and percentiles from their conditional covariance plus σ² (β̂ treated as known, its
    /// own variance added).
    /// </summary>
    public IReadOnlyList<CoursePoint> ConditionalCourse(ClientSums seen, IEnumerable<double> sessions, IReadOnlyList<double> percentiles)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(percentiles);
        if (!seen.IsValid)
        {
            throw new CourseFitException("The client's scores so far are missing or not finite.");
        }

        var (u0, u1, c00, c01, c11) = ClientEffects(seen);
        var z = percentiles.Select(Normal.Quantile).ToArray();
        var s2 = ResidualSd * ResidualSd;
        return sessions.Select(t =>
        {
            var f = CourseTime.F(TimeScale, t);
            var mean = Mean(f, seen.Intake, out var fixedVariance) + u0 + (u1 * f);
            var sd = Math.Sqrt(c00 + (2 * c01 * f) + (c11 * f * f) + s2 + fixedVariance);
            return new CoursePoint(t, mean, sd, z.Select(q => mean + (q * sd)).ToArray());
        }).ToList();
    }

    /// <summary>The client's estimated (u₀, u₁) and their conditional covariance, from their sums.</summary>
    public (double U0, double U1, double C00, double C01, double C11) ClientEffects(ClientSums seen)
    {
        // In lme4's form b = Λu, u | y ~ N(M⁻¹Λᵀ(c − A·Kβ), σ²M⁻¹) with M = ΛᵀAΛ + I; this stays
        // well defined on a boundary fit where Σ itself is singular.
        var (l0, l1, l2) = (Theta[0], Theta[1], Theta[2]);
        double n = seen.Count, s1 = seen.SumF, s2 = seen.SumF2;
        var a = UsesIntake ? seen.Intake : 0;
        var b0 = FixedEffects[0] + (UsesIntake ? FixedEffects[2] * a : 0);
        var b1 = FixedEffects[1] + (UsesIntake ? FixedEffects[3] * a : 0);
        // r = Zᵀ(y − Xβ) = c − A·(b0, b1)
        var r0 = seen.SumY - ((n * b0) + (s1 * b1));
        var r1 = seen.SumFY - ((s1 * b0) + (s2 * b1));
        var m00 = (l0 * ((n * l0) + (s1 * l1))) + (l1 * ((s1 * l0) + (s2 * l1))) + 1;
        var m01 = (l0 * s1 * l2) + (l1 * s2 * l2);
        var m11 = (l2 * s2 * l2) + 1;
        var det = (m00 * m11) - (m01 * m01);
        var (i00, i01, i11) = (m11 / det, -m01 / det, m00 / det);
        var q0 = (l0 * r0) + (l1 * r1);
        var q1 = l2 * r1;
        var v0 = (i00 * q0) + (i01 * q1);
        var v1 = (i01 * q0) + (i11 * q1);
        var u0 = l0 * v0;
        var u1 = (l1 * v0) + (l2 * v1);
        var s2r = ResidualSd * ResidualSd;
        // Cov(b | y) = σ² Λ M⁻¹ Λᵀ
        var a00 = l0 * i00;
        var a01 = l0 * i01;
        var a10 = (l1 * i00) + (l2 * i01);
        var a11 = (l1 * i01) + (l2 * i11);
        return (u0, u1, s2r * a00 * l0, s2r * ((a00 * l1) + (a01 * l2)), s2r * ((a10 * l1) + (a11 * l2)));
    }

    /// <summary>
    /// The first session (1 … <paramref name="maxSession"/>) by which at least <paramref name="share"/> of
    /// clients with this intake are expected to have improved reliably from their intake score (by at
    /// least <paramref name="reliableChange"/> points), or null if not within that range. With share 0.5
    /// this is when "clients like this one usually" reach reliable improvement.
    /// </summary>
    public int? SessionOfReliableImprovement(double intake, double reliableChange, bool higherIsBetter, double share = 0.5, int maxSession = 52)
    {
        if (!(share > 0 && share < 1) || !(reliableChange > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(share), "The share must be between 0 and 1 and the reliable change positive.");
        }

        for (var t = 1; t <= maxSession; t++)
        {
            var (mean, sd) = Expected(t, intake);
            var improvedShare = higherIsBetter ? Normal.Cdf((mean - intake - reliableChange) / sd) : Normal.Cdf((intake - reliableChange - mean) / sd);
            if (improvedShare >= share)
            {
                return t;
            }
        }

        return null;
    }
}

/// <summary>One session of an expected course: mean, predictive SD and the score at each requested percentile.</summary>
public sealed record CoursePoint(double Session, double Mean, double Sd, IReadOnlyList<double> Percentiles);
