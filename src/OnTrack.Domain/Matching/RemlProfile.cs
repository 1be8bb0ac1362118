namespace OnTrack.Domain.Matching;

/// <summary>
/// lme4's profiled REML criterion for <c>change ~ intake + (1 | therapist)</c> as a function of
/// θ = σ_b/σ, from per-therapist sums. With Λ = θI the sparse Cholesky factor is diagonal,
/// L_j = √(n_jθ² + 1), and lme4's criterion
/// <c>log|L|² + log|R_X|² + (n − p)(1 + log(2π·pwrss/(n − p)))</c> becomes
/// Σ log(1 + n_jθ²) + log det(XᵀV⁻¹X) + (n − 2)(1 + log(2π·pwrss/(n − 2))) with V = I + θ²ZZᵀ, where
/// group j contributes c_j = n_j/(1 + n_jθ²) times its mean row to XᵀV⁻¹X and its within-group sums in full.
/// </summary>
/// <remarks>
/// Intake and change are centred on their overall means and each group keeps its within-group sums of
/// squares, so nothing is computed as a small difference of large sums. Centring changes neither the
/// determinant (the transform of X has determinant 1) nor pwrss.
/// </remarks>
internal sealed class RemlProfile
{
    /// <summary>One therapist's courses: count, means (centred on the area's means) and within-therapist sums of squares and products.</summary>
    internal sealed record Group(string Therapist, int Count, double MeanIntake, double MeanChange, double Sxx, double Sxy, double Syy);

    /// <summary>The penalized least-squares solution at one θ; the intercept is for centred intake and change.</summary>
    internal readonly record struct Solution(double Intercept, double Slope, double Pwrss, double Criterion);

    private readonly int _n;

    private RemlProfile(IReadOnlyList<Group> groups, int n, double meanIntake, double meanChange)
    {
        Groups = groups;
        _n = n;
        MeanIntake = meanIntake;
        MeanChange = meanChange;
    }

    /// <summary>The therapists, sorted by ordinal id.</summary>
    public IReadOnlyList<Group> Groups { get; }

    /// <summary>The area's mean intake (the centre).</summary>
    public double MeanIntake { get; }

    /// <summary>The area's mean change (the centre).</summary>
    public double MeanChange { get; }

    /// <summary>The sums for one area, or null where lme4 would refuse the model or the criterion has no minimum.</summary>
    public static RemlProfile? Create(IReadOnlyList<CourseChange> courses)
    {
        var n = courses.Count;
        if (n < 3)
        {
            return null;
        }

        double meanX = 0, meanY = 0, minX = double.PositiveInfinity, maxX = double.NegativeInfinity;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<int>();
        var sumX = new List<double>();
        var sumY = new List<double>();
        foreach (var c in courses)
        {
            meanX += c.Intake;
            meanY += c.Change;
            (minX, maxX) = (Math.Min(minX, c.Intake), Math.Max(maxX, c.Intake));
        }

        (meanX, meanY) = (meanX / n, meanY / n);
        foreach (var c in courses)
        {
            if (!index.TryGetValue(c.Therapist, out var j))
            {
                index.Add(c.Therapist, j = counts.Count);
                counts.Add(0);
                sumX.Add(0);
                sumY.Add(0);
            }

            counts[j]++;
            sumX[j] += c.Intake - meanX;
            sumY[j] += c.Change - meanY;
        }

        // lme4: "number of levels of each grouping factor must be < number of observations".
        if (counts.Count < 2 || counts.Count >= n || minX == maxX)
        {
            return null;
        }

        var sxx = new double[counts.Count];
        var sxy = new double[counts.Count];
        var syy = new double[counts.Count];
        foreach (var c in courses)
        {
            var j = index[c.Therapist];
            var dx = c.Intake - meanX - (sumX[j] / counts[j]);
            var dy = c.Change - meanY - (sumY[j] / counts[j]);
            sxx[j] += dx * dx;
            sxy[j] += dx * dy;
            syy[j] += dy * dy;
        }

        var groups = index.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new Group(p.Key, counts[p.Value], sumX[p.Value] / counts[p.Value], sumY[p.Value] / counts[p.Value], sxx[p.Value], sxy[p.Value], syy[p.Value]))
            .ToList();
        var profile = new RemlProfile(groups, n, meanX, meanY);

        // Changes exactly explained by intake: σ = 0 and the criterion falls without bound.
        var totalSyy = groups.Sum(g => g.Syy + (g.Count * g.MeanChange * g.MeanChange));
        return profile.Solve(0).Pwrss > 1e-20 * totalSyy ? profile : null;
    }

    /// <summary>β̂, pwrss and the REML criterion at <paramref name="theta"/>.</summary>
    public Solution Solve(double theta)
    {
        var t2 = theta * theta;
        double a00 = 0, a01 = 0, a11 = 0, b0 = 0, b1 = 0, logL = 0;
        foreach (var g in Groups)
        {
            var c = g.Count / (1 + (g.Count * t2));
            a00 += c;
            a01 += c * g.MeanIntake;
            a11 += g.Sxx + (c * g.MeanIntake * g.MeanIntake);
            b0 += c * g.MeanChange;
            b1 += g.Sxy + (c * g.MeanIntake * g.MeanChange);
            logL += Math.Log(1 + (g.Count * t2));
        }

        var det = (a00 * a11) - (a01 * a01);
        var slope = ((a00 * b1) - (a01 * b0)) / det;
        var intercept = (b0 - (a01 * slope)) / a00;
        var pwrss = 0.0;
        foreach (var g in Groups)
        {
            var c = g.Count / (1 + (g.Count * t2));
            var r = g.MeanChange - intercept - (slope * g.MeanIntake);
            pwrss += g.Syy - (2 * slope * g.Sxy) + (slope * slope * g.Sxx) + (c * r * r);
        }

        var df = _n - 2.0;
        var criterion = logL + Math.Log(det) + (df * (1 + Math.Log(2 * Math.PI * pwrss / df)));
        return new Solution(intercept, slope, pwrss, criterion);
    }

    /// <summary>The θ ≥ 0 that minimises the criterion: a grid to find the basin, Brent's method inside it, and the boundary θ = 0 checked.</summary>
    public double Minimize()
    {
        double F(double theta) => Solve(theta).Criterion;

        // θ = 0 and a log-spaced grid up to 100 (a therapist SD a hundred times the residual SD),
        // extended while the top is still the best.
        var grid = new List<double> { 0 };
        for (var k = 0; k <= 50; k++)
        {
            grid.Add(Math.Pow(10, -3 + (k * 0.1)));
        }

        var values = grid.Select(F).ToList();
        while (values[^1] <= values[^2] && grid[^1] < 1e8)
        {
            grid.Add(grid[^1] * 2);
            values.Add(F(grid[^1]));
        }

        var best = values.IndexOf(values.Min());
        var lower = grid[Math.Max(best - 1, 0)];
        var upper = grid[Math.Min(best + 1, grid.Count - 1)];
        var (theta, value) = ScalarMinimizer.Brent(F, lower, upper, 1e-10);

        // The criterion depends on θ only through θ², so it is flat at θ = 0 and a search can only
        // creep towards the boundary; when the optimum is there, take the boundary itself.
        return theta < TherapistEffects.SingularTolerance && values[0] <= value ? 0 : theta;
    }
}
