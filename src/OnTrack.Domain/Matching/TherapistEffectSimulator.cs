namespace OnTrack.Domain.Matching;

/// <summary>A problem area of the simulated clinic and how change in it is generated.</summary>
/// <param name="Name">Area name, e.g. "depression".</param>
/// <param name="HigherIsBetter">The measure improves upwards.</param>
/// <param name="Share">Share of clients who come with this problem.</param>
/// <param name="IntakeMean">Mean intake score.</param>
/// <param name="IntakeSd">SD of the intake score.</param>
/// <param name="IntakeMin">Lowest intake (scale minimum or entry threshold).</param>
/// <param name="IntakeMax">Highest intake (scale maximum).</param>
/// <param name="MeanChange">Expected change at the mean intake.</param>
/// <param name="IntakeSlope">Change per intake point (negative: regression to the mean and more room to improve).</param>
/// <param name="OutcomeSd">SD of change given intake: therapist and client parts together.</param>
/// <param name="TherapistShare">Share of <paramref name="OutcomeSd"/>² that lies between therapists (0 allowed).</param>
public sealed record SimulatedArea(
    string Name,
    bool HigherIsBetter,
    double Share,
    double IntakeMean,
    double IntakeSd,
    double IntakeMin,
    double IntakeMax,
    double MeanChange,
    double IntakeSlope,
    double OutcomeSd,
    double TherapistShare)
{
    /// <summary>The SD of the true therapist effects.</summary>
    public double TherapistSd => OutcomeSd * Math.Sqrt(TherapistShare);

    /// <summary>The SD of the client-level residual.</summary>
    public double ResidualSd => OutcomeSd * Math.Sqrt(1 - TherapistShare);

    /// <summary>The expected change at <paramref name="intake"/> with an average therapist.</summary>
    public double ExpectedChange(double intake) => MeanChange + (IntakeSlope * (intake - IntakeMean));
}

/// <summary>One simulated ended course.</summary>
public sealed record SimulatedCourse(string Therapist, string Area, double Intake, double Change);

/// <summary>A therapist's true effect in one area (on the change scale, as the fit estimates it) and their share of the clinic's capacity.</summary>
public sealed record TrueEffect(string Therapist, string Area, double Effect, double Capacity);

/// <summary>A simulated clinic: the courses and the truth behind them.</summary>
public sealed record SimulatedClinic(IReadOnlyList<SimulatedArea> Areas, IReadOnlyList<SimulatedCourse> Courses, IReadOnlyList<TrueEffect> Truth);

/// <summary>
/// A synthetic clinic with known therapist effects, for tests and for <c>ontrack match validate</c>.
/// Per therapist t: a capacity weight w_t ~ lognormal(0, 1) (so caseloads are uneven: a few therapists
/// see many clients, some only one to three); per area a, a true effect
/// u_ta = sd_a(√ρ g_t + √(1 − ρ) e_ta) with g, e ~ N(0, 1) and ρ = 0.5 (therapists good in one area
/// tend to be good in others, but not always). Per client: an area drawn by <see cref="SimulatedArea.Share"/>,
/// a therapist drawn in proportion to w_t, intake ~ N(mean, sd²) rounded and clamped, and
/// change = expected(intake) + u_ta + ε, ε ~ N(0, residual sd²), rounded to a whole point.
/// </summary>
/// <remarks>
/// The default areas put 5 % of the outcome variance between therapists, near the 5–8 % of meta-analyses
/// of therapist effects in routine care (Baldwin &amp; Imel 2013; Johns et al. 2019), except trauma,
/// which has none, so that a clinic with an area where matching cannot help is always part of the test.
/// </remarks>
public static class TherapistEffectSimulator
{
    /// <summary>The share of the residual change variance between therapists in the default areas.</summary>
    public const double DefaultTherapistShare = 0.05;

    /// <summary>Correlation between a therapist's true effects in two areas.</summary>
    public const double AreaCorrelation = 0.5;

    /// <summary>Depression (PHQ-9), anxiety (GAD-7), trauma (PCL-5, no therapist variance) and wellbeing (WHO-5 raw 0–25, higher is better).</summary>
    public static IReadOnlyList<SimulatedArea> DefaultAreas { get; } =
    [
        new("depression", false, 0.40, 15, 5, 5, 27, -6, -0.4, 5, DefaultTherapistShare),
        new("anxiety", false, 0.30, 13, 4, 5, 21, -5, -0.4, 4, DefaultTherapistShare),
        new("trauma", false, 0.15, 45, 12, 20, 80, -12, -0.3, 13, 0),
        new("wellbeing", true, 0.15, 8, 4, 0, 25, 5, -0.3, 5, DefaultTherapistShare),
    ];

    /// <summary>Simulates <paramref name="clients"/> ended courses with <paramref name="therapists"/> therapists; the same seed gives the same clinic.</summary>
    public static SimulatedClinic Generate(int therapists, int clients, int seed, IReadOnlyList<SimulatedArea>? areas = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(therapists, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(clients);
        areas ??= DefaultAreas;
        var random = new Random(seed);
        var ids = Enumerable.Range(1, therapists).Select(Id).ToArray();
        var weights = ids.Select(_ => Math.Exp(Gaussian(random))).ToArray();
        var total = weights.Sum();
        var truth = new List<TrueEffect>();
        var effects = new double[therapists, areas.Count];
        for (var t = 0; t < therapists; t++)
        {
            var general = Gaussian(random);
            for (var a = 0; a < areas.Count; a++)
            {
                var specific = Gaussian(random);
                // An area without therapist variance gets exact zeros (not −0 from a negative draw).
                effects[t, a] = areas[a].TherapistSd == 0 ? 0 : areas[a].TherapistSd * ((Math.Sqrt(AreaCorrelation) * general) + (Math.Sqrt(1 - AreaCorrelation) * specific));
                truth.Add(new TrueEffect(ids[t], areas[a].Name, effects[t, a], weights[t] / total));
            }
        }

        var courses = new List<SimulatedCourse>(clients);
        for (var i = 0; i < clients; i++)
        {
            var a = Pick(random, areas.Select(x => x.Share).ToArray());
            var t = Pick(random, weights);
            var area = areas[a];
            var intake = Intake(random, area);
            var change = Math.Round(area.ExpectedChange(intake) + effects[t, a] + (area.ResidualSd * Gaussian(random)));
            courses.Add(new SimulatedCourse(ids[t], area.Name, intake, change));
        }

        return new SimulatedClinic(areas, courses, truth);
    }

    /// <summary>The id of therapist number <paramref name="number"/> (1-based): "T001", so ordinal order is numeric order.</summary>
    public static string Id(int number) => $"T{number:D3}";

    /// <summary>An intake score for a new client with this problem.</summary>
    public static double Intake(Random random, SimulatedArea area)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(area);
        return Math.Clamp(Math.Round(area.IntakeMean + (area.IntakeSd * Gaussian(random))), area.IntakeMin, area.IntakeMax);
    }

    /// <summary>An index drawn with probability proportional to <paramref name="weights"/>.</summary>
    public static int Pick(Random random, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(weights);
        var u = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>A standard normal draw (Box–Muller; 1 − U keeps the logarithm finite).</summary>
    public static double Gaussian(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
