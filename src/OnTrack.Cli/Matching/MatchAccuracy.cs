using OnTrack.Domain.Matching;

namespace OnTrack.Cli.Matching;

/// <summary>How well one area's fitted profile recovers the simulated truth.</summary>
/// <param name="Therapists">Therapists with at least one case in the area.</param>
/// <param name="RmseShrunk">RMSE of the conditional modes against the true effects (centred on their mean).</param>
/// <param name="RmseRaw">RMSE of each therapist's raw mean residual (OLS on intake, no therapist term, no shrinkage).</param>
/// <param name="SpearmanShrunk">Rank correlation of the conditional modes with the truth; null when either is constant.</param>
/// <param name="SpearmanRaw">Rank correlation of the raw means with the truth.</param>
/// <param name="Effective">Therapists rated effective.</param>
/// <param name="EffectiveRight">Of those, truly better than the clinic's average therapist.</param>
/// <param name="Ineffective">Therapists rated ineffective.</param>
/// <param name="IneffectiveRight">Of those, truly worse.</param>
internal sealed record MatchAccuracy(int Therapists, double RmseShrunk, double RmseRaw, double? SpearmanShrunk, double? SpearmanRaw, int Effective, int EffectiveRight, int Ineffective, int IneffectiveRight)
{
    /// <summary>Compares a profile (null: the area could not be fitted, every effect taken as 0) with the truth.</summary>
    public static MatchAccuracy Of(AreaProfile? profile, IReadOnlyList<CourseChange> courses, IReadOnlyDictionary<string, double> truth, bool higherIsBetter)
    {
        var raw = RawMeans(courses);
        var ids = raw.Keys.Order(StringComparer.Ordinal).ToList();
        var fitted = profile?.Therapists.ToDictionary(t => t.Therapist) ?? [];
        var centre = ids.Average(id => truth[id]);
        var actual = ids.Select(id => truth[id] - centre).ToArray();
        var shrunk = ids.Select(id => fitted.TryGetValue(id, out var t) ? t.Effect : 0).ToArray();
        var rawMeans = ids.Select(id => raw[id]).ToArray();
        var sign = higherIsBetter ? 1 : -1;
        int effective = 0, effectiveRight = 0, ineffective = 0, ineffectiveRight = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            var rating = fitted.TryGetValue(ids[i], out var t) ? t.Rating : EffectRating.NotEnoughCases;
            effective += rating == EffectRating.Effective ? 1 : 0;
            effectiveRight += rating == EffectRating.Effective && sign * actual[i] > 0 ? 1 : 0;
            ineffective += rating == EffectRating.Ineffective ? 1 : 0;
            ineffectiveRight += rating == EffectRating.Ineffective && sign * actual[i] < 0 ? 1 : 0;
        }

        return new MatchAccuracy(ids.Count, Rmse(shrunk, actual), Rmse(rawMeans, actual), Spearman(shrunk, actual), Spearman(rawMeans, actual), effective, effectiveRight, ineffective, ineffectiveRight);
    }

    /// <summary>Each therapist's mean residual from the pooled OLS line of change on intake.</summary>
    internal static Dictionary<string, double> RawMeans(IReadOnlyList<CourseChange> courses)
    {
        var (mx, my) = (courses.Average(c => c.Intake), courses.Average(c => c.Change));
        var sxx = courses.Sum(c => (c.Intake - mx) * (c.Intake - mx));
        var slope = sxx > 0 ? courses.Sum(c => (c.Intake - mx) * (c.Change - my)) / sxx : 0;
        return courses.GroupBy(c => c.Therapist, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(c => c.Change - my - (slope * (c.Intake - mx))), StringComparer.Ordinal);
    }

    private static double Rmse(double[] estimate, double[] truth) =>
        Math.Sqrt(estimate.Zip(truth, (e, t) => (e - t) * (e - t)).Average());

    /// <summary>Spearman's ρ: Pearson's correlation of the ranks, ties given their mean rank.</summary>
    internal static double? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var (rx, ry) = (Ranks(x), Ranks(y));
        var (mx, my) = (rx.Average(), ry.Average());
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : null;
    }

    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j < order.Length && values[order[j]] == values[order[i]])
            {
                j++;
            }

            for (var k = i; k < j; k++)
            {
                ranks[order[k]] = (i + j + 1) / 2.0;
            }

            i = j;
        }

        return ranks;
    }
}
