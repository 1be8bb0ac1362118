namespace OnTrack.Domain.Plans;

/// <summary>One goal's Goal Attainment Scaling level and its weight.</summary>
/// <param name="Level">−2 much less than expected, −1 less, 0 the expected level, +1 more, +2 much more.</param>
/// <param name="Weight">How much the goal counts; 1 unless the clinician weights goals, and always above 0.</param>
public sealed record GoalAttainmentLevel(int Level, double Weight = 1);

/// <summary>
/// The Goal Attainment Scaling summary score (Kiresuk &amp; Sherman 1968, Community Mental Health Journal
/// 4:443–453): T = 50 + 10 Σ wᵢxᵢ / √((1 − ρ) Σ wᵢ² + ρ (Σ wᵢ)²). T = 50 means the goals were met as expected;
/// each goal's level is read as a standard score, so T has mean 50 and SD 10 when goals land around the
/// expected level as planned.
/// </summary>
public static class GoalAttainment
{
    /// <summary>
    /// ρ, the assumed correlation between goal scores: 0.3, the value Kiresuk &amp; Sherman (1968) proposed and
    /// that is used almost everywhere since.
    /// </summary>
    public const double DefaultRho = 0.3;

    /// <summary>The T-score of goals rated at these levels, each with weight 1.</summary>
    /// <exception cref="ArgumentException">There are no goals.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A level is outside −2 … +2, or ρ outside 0 … 1.</exception>
    public static double TScore(IReadOnlyList<int> levels, double rho = DefaultRho)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return TScore(levels.Select(l => new GoalAttainmentLevel(l)).ToList(), rho);
    }

    /// <summary>The T-score of weighted goals.</summary>
    /// <exception cref="ArgumentException">There are no goals.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A level is outside −2 … +2, a weight is not above 0, or ρ is outside 0 … 1.</exception>
    public static double TScore(IReadOnlyList<GoalAttainmentLevel> goals, double rho = DefaultRho)
    {
        ArgumentNullException.ThrowIfNull(goals);
        if (goals.Count == 0)
        {
            throw new ArgumentException("Goal Attainment Scaling needs at least one goal.", nameof(goals));
        }

        if (!(rho >= 0 && rho <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "ρ is a correlation between 0 and 1.");
        }

        double weighted = 0, sumW = 0, sumW2 = 0;
        foreach (var goal in goals)
        {
            ArgumentNullException.ThrowIfNull(goal);
            if (goal.Level is < -2 or > 2)
            {
                throw new ArgumentOutOfRangeException(nameof(goals), goal.Level, "A goal attainment level is a whole number from −2 to +2.");
            }

            if (!(goal.Weight > 0) || double.IsInfinity(goal.Weight))
            {
                throw new ArgumentOutOfRangeException(nameof(goals), goal.Weight, "A goal's weight must be a finite number above 0.");
            }

            weighted += goal.Weight * goal.Level;
            sumW += goal.Weight;
            sumW2 += goal.Weight * goal.Weight;
        }

        return 50 + (10 * weighted / Math.Sqrt(((1 - rho) * sumW2) + (rho * sumW * sumW)));
    }
}
