namespace OnTrack.Domain.Course;

/// <summary>Where a new score stands against the expected course for the client's intake.</summary>
public enum CourseStatus
{
    /// <summary>Within the expected range (not beyond the amber percentile).</summary>
    OnTrack,

    /// <summary>Worse than the amber percentile of the expected course (amber).</summary>
    AtRisk,

    /// <summary>Worse than the red percentile of the expected course, or a reliable deterioration (red).</summary>
    NotOnTrack,

    /// <summary>Past the instrument's clinical cutoff on the healthy side.</summary>
    HealthyRange,
}

/// <summary>
/// Thresholds for the status of a new score. Percentiles are of the prediction interval on the "worse"
/// side: with amber 0.75 and red 0.90, a score worse than 75 % of clients like this one at this session
/// is amber, worse than 90 % red. For higher-is-better measures "worse" means lower, so they mirror.
/// </summary>
/// <param name="AmberPercentile">Amber beyond this percentile (0.5 &lt; amber &lt; red &lt; 1).</param>
/// <param name="RedPercentile">Red beyond this percentile.</param>
/// <param name="HigherIsBetter">True for measures such as WHO-5 where a higher score is better.</param>
/// <param name="HealthyCutoff">The clinical cutoff: on its healthy side a score is "in the healthy range" (strictly below it for higher-is-worse, strictly above for higher-is-better); null for none.</param>
public sealed record CourseThresholds(double AmberPercentile = 0.75, double RedPercentile = 0.90, bool HigherIsBetter = false, double? HealthyCutoff = null);

/// <summary>
/// Classifies new scores against a fitted course in a few dozen flops and no allocation: the model and
/// thresholds are folded into constants once. A red flag is never hidden by the healthy range (a client
/// far off course but under the cutoff still needs a look); amber is.
/// </summary>
public readonly struct CourseClassifier
{
    private readonly double _b0, _b1, _b2, _b3;
    private readonly double _v00, _v01, _v11;
    private readonly double _c00, _c01, _c02, _c03, _c11, _c12, _c13, _c22, _c23, _c33;
    private readonly double _amber2, _red2, _sign, _cutoff;
    private readonly bool _log, _hasCutoff;

    /// <summary>Folds the model and thresholds into the classifier's constants.</summary>
    public CourseClassifier(CourseModel model, CourseThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (!(thresholds.AmberPercentile > 0.5 && thresholds.AmberPercentile < thresholds.RedPercentile && thresholds.RedPercentile < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(thresholds), "Percentiles must satisfy 0.5 < amber < red < 1.");
        }

        _log = model.TimeScale == TimeScale.Log1P;
        var b = model.FixedEffects;
        var c = model.FixedEffectCovariance;
        (_b0, _b1) = (b[0], b[1]);
        (_c00, _c01, _c11) = model.UsesIntake ? (c[0], c[1], c[5]) : (c[0], c[1], c[3]);
        if (model.UsesIntake)
        {
            (_b2, _b3) = (b[2], b[3]);
            (_c02, _c03, _c12, _c13, _c22, _c23, _c33) = (c[2], c[3], c[6], c[7], c[10], c[11], c[15]);
        }

        var (v00, v01, v11) = model.RandomCovariance;
        (_v00, _v01, _v11) = (v00 + (model.ResidualSd * model.ResidualSd), v01, v11);
        var amber = Normal.Quantile(thresholds.AmberPercentile);
        var red = Normal.Quantile(thresholds.RedPercentile);
        (_amber2, _red2) = (amber * amber, red * red);
        _sign = thresholds.HigherIsBetter ? -1 : 1;
        _hasCutoff = thresholds.HealthyCutoff.HasValue;
        _cutoff = thresholds.HealthyCutoff ?? 0;
    }

    /// <summary>The status of <paramref name="score"/> at <paramref name="session"/> for a client with this intake.</summary>
    public CourseStatus Classify(double session, double intake, double score)
    {
        var f = _log ? CourseTime.F(TimeScale.Log1P, session) : session;
        var fa = f * intake;
        var mean = _b0 + (_b1 * f) + (_b2 * intake) + (_b3 * fa);
        // x'Cov(β̂)x for x = [1, f, a, fa] (the intake terms are zero in a model without intake).
        var fixedVariance = _c00 + (_c11 * f * f) + (_c22 * intake * intake) + (_c33 * fa * fa)
            + (2 * ((_c01 * f) + (_c02 * intake) + (_c03 * fa) + (_c12 * f * intake) + (_c13 * f * fa) + (_c23 * intake * fa)));
        var variance = _v00 + (2 * _v01 * f) + (_v11 * f * f) + fixedVariance;
        // Worse-than-expected deviation; compared squared so no square root is needed.
        var worse = _sign * (score - mean);
        var red = worse > 0 && worse * worse > _red2 * variance;
        if (red)
        {
            return CourseStatus.NotOnTrack;
        }

        if (_hasCutoff && _sign * (_cutoff - score) > 0)
        {
            return CourseStatus.HealthyRange;
        }

        return worse > 0 && worse * worse > _amber2 * variance ? CourseStatus.AtRisk : CourseStatus.OnTrack;
    }

    /// <summary>Classifies many scores at once (sessions, intakes, scores and the output all the same length).</summary>
    public void ClassifyAll(ReadOnlySpan<double> sessions, ReadOnlySpan<double> intakes, ReadOnlySpan<double> scores, Span<CourseStatus> statuses)
    {
        if (sessions.Length != scores.Length || intakes.Length != scores.Length || statuses.Length != scores.Length)
        {
            throw new ArgumentException("All spans must have the same length.", nameof(statuses));
        }

        for (var i = 0; i < scores.Length; i++)
        {
            statuses[i] = Classify(sessions[i], intakes[i], scores[i]);
        }
    }
}

/// <summary>
/// The "rational" rule for clinics with too few finished courses to fit a model (Lutz et al. 2006 call
/// it rational as opposed to empirical): a reliable deterioration from intake is red; no reliable
/// improvement by session <paramref name="NoImprovementBySession"/> is amber; past the clinical cutoff on
/// the healthy side is the healthy range; anything else is on track.
/// </summary>
/// <param name="ReliableChange">Reliable change in points (Jacobson &amp; Truax 1991), from the instrument.</param>
/// <param name="NoImprovementBySession">From this session on, not yet reliably improved is amber.</param>
/// <param name="HigherIsBetter">Direction of the measure.</param>
/// <param name="HealthyCutoff">Clinical cutoff, or null.</param>
public sealed record RationalRule(double ReliableChange, int NoImprovementBySession = 4, bool HigherIsBetter = false, double? HealthyCutoff = null)
{
    /// <summary>The status of a score at a session given the client's intake score.</summary>
    public CourseStatus Classify(double session, double intake, double score)
    {
        var improvement = HigherIsBetter ? score - intake : intake - score;
        if (improvement <= -ReliableChange)
        {
            return CourseStatus.NotOnTrack;
        }

        if (HealthyCutoff is { } cutoff && (HigherIsBetter ? score > cutoff : score < cutoff))
        {
            return CourseStatus.HealthyRange;
        }

        return session >= NoImprovementBySession && improvement < ReliableChange ? CourseStatus.AtRisk : CourseStatus.OnTrack;
    }
}
