namespace OnTrack.Domain.Course;

/// <summary>How the session number enters the model: f(t) = log(t + 1) (the default, Finch et al. 2001) or f(t) = t.</summary>
public enum TimeScale
{
    Log1P,
    Linear,
}

/// <summary>The time transform f(t) shared by the fitter, prediction and the app's SQL.</summary>
public static class CourseTime
{
    private static readonly double[] Log1PTable = BuildTable();

    /// <summary>f(t) for a session number or elapsed time t (t &gt; −1 for <see cref="TimeScale.Log1P"/>).</summary>
    public static double F(TimeScale scale, double t)
    {
        if (scale == TimeScale.Linear)
        {
            return t;
        }

        // Whole session numbers are the common case; the table makes them cheap on hot paths and is
        // bit-identical to Math.Log, so sums from either route agree exactly.
        var i = (int)t;
        return i == t && (uint)i < (uint)Log1PTable.Length ? Log1PTable[i] : Math.Log(t + 1);
    }

    private static double[] BuildTable()
    {
        var table = new double[1024];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = Math.Log(i + 1.0);
        }

        return table;
    }
}

/// <summary>
/// One client's sufficient statistics for the expected-course model: everything the fit needs from
/// their scores. One SQL <c>GROUP BY client</c> fills it:
/// <c>COUNT(*), SUM(f), SUM(f*f), SUM(score), SUM(f*score), SUM(score*score), MIN(intake)</c>
/// with <c>f = LN(session + 1)</c> (or the session itself for a linear time scale).
/// </summary>
/// <param name="Count">Number of scores n.</param>
/// <param name="SumF">Σ f(t).</param>
/// <param name="SumF2">Σ f(t)².</param>
/// <param name="SumY">Σ score.</param>
/// <param name="SumFY">Σ f(t)·score.</param>
/// <param name="SumY2">Σ score².</param>
/// <param name="Intake">The client's intake covariate (constant per client); ignored by a model without intake.</param>
public readonly record struct ClientSums(int Count, double SumF, double SumF2, double SumY, double SumFY, double SumY2, double Intake)
{
    /// <summary>These sums with one more score at f(t) = <paramref name="f"/>.</summary>
    public ClientSums Add(double f, double score) =>
        this with { Count = Count + 1, SumF = SumF + f, SumF2 = SumF2 + (f * f), SumY = SumY + score, SumFY = SumFY + (f * score), SumY2 = SumY2 + (score * score) };

    /// <summary>Sums over one client's (session, score) pairs.</summary>
    public static ClientSums FromScores(TimeScale scale, double intake, IEnumerable<(double Session, double Score)> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var sums = new ClientSums(0, 0, 0, 0, 0, 0, intake);
        foreach (var (session, score) in scores)
        {
            sums = sums.Add(CourseTime.F(scale, session), score);
        }

        return sums;
    }

    /// <summary>True when every sum and the intake are finite numbers and the count is positive.</summary>
    public bool IsValid =>
        Count > 0 && double.IsFinite(SumF) && double.IsFinite(SumF2) && double.IsFinite(SumY) && double.IsFinite(SumFY) && double.IsFinite(SumY2) && double.IsFinite(Intake);
}
