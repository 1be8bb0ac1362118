using OnTrack.Domain.Matching;

namespace OnTrack.Cli.Matching;

/// <summary>One area's arm totals in a simulated matching trial: sums of true change over the area's new clients.</summary>
internal sealed class TrialArms
{
    public int Clients { get; set; }

    /// <summary>Σ true expected change, therapists assigned as usual.</summary>
    public double Usual { get; set; }

    /// <summary>Σ true expected change, therapists matched by profile.</summary>
    public double Matched { get; set; }

    /// <summary>Σ true expected change, therapists matched by their true effects: the most matching could give under the same capacity.</summary>
    public double Oracle { get; set; }
}

/// <summary>
/// A simulated trial on one clinic: the same new clients (a random area and intake each) are assigned
/// once as usual — a therapist drawn in proportion to capacity among those with room — and once matched:
/// among therapists with room who are not rated ineffective in the client's area, the one whose estimated
/// effect is best (ties, e.g. every effect 0 in a singular area, broken as usual, by capacity). Each
/// therapist takes at most 1.2 × their share of the new clients. The outcome is each client's true
/// expected change, so the comparison carries no residual noise: only the choice of therapist differs.
/// A third assignment matches by the true effects, the ceiling for any estimate.
/// </summary>
internal static class MatchTrial
{
    private const double Slack = 1.2;

    public static Dictionary<string, TrialArms> Run(SimulatedClinic clinic, IReadOnlyDictionary<string, AreaProfile?> profiles, int clients, Random random)
    {
        var therapists = clinic.Truth.Select(t => t.Therapist).Distinct().Order(StringComparer.Ordinal).ToList();
        var capacity = therapists.ToDictionary(t => t, t => clinic.Truth.First(x => x.Therapist == t).Capacity);
        var truth = clinic.Truth.ToDictionary(t => (t.Therapist, t.Area), t => t.Effect);
        var room = therapists.Select(t => (int)Math.Ceiling(Slack * clients * capacity[t])).ToArray();
        var (usualRoom, matchedRoom, oracleRoom) = ((int[])room.Clone(), (int[])room.Clone(), (int[])room.Clone());
        var weights = therapists.Select(t => capacity[t]).ToArray();
        var shares = clinic.Areas.Select(a => a.Share).ToArray();
        var arms = clinic.Areas.ToDictionary(a => a.Name, _ => new TrialArms());
        for (var i = 0; i < clients; i++)
        {
            var area = clinic.Areas[TherapistEffectSimulator.Pick(random, shares)];
            var intake = TherapistEffectSimulator.Intake(random, area);
            var sign = area.HigherIsBetter ? 1 : -1;
            var usual = Draw(random, weights, usualRoom, _ => true);
            var matched = Best(random, weights, matchedRoom, Scores(profiles[area.Name], therapists, area.HigherIsBetter));
            var oracle = Best(random, weights, oracleRoom, therapists.Select(t => (double?)(sign * truth[(t, area.Name)])).ToArray());
            if (usual < 0 || matched < 0 || oracle < 0)
            {
                continue;
            }

            var arm = arms[area.Name];
            var expected = area.ExpectedChange(intake);
            arm.Clients++;
            arm.Usual += expected + truth[(therapists[usual], area.Name)];
            arm.Matched += expected + truth[(therapists[matched], area.Name)];
            arm.Oracle += expected + truth[(therapists[oracle], area.Name)];
        }

        return arms;
    }

    /// <summary>The therapist with room and the best score (null: never), ties drawn by capacity; any with room if none qualifies.</summary>
    private static int Best(Random random, double[] weights, int[] room, double?[] score)
    {
        var eligible = Enumerable.Range(0, weights.Length).Where(t => room[t] > 0 && score[t] is not null).ToList();
        if (eligible.Count == 0)
        {
            return Draw(random, weights, room, _ => true);
        }

        var best = eligible.Max(t => score[t]!.Value);
        return Draw(random, weights, room, t => score[t] is { } s && s >= best - (1e-12 * (1 + Math.Abs(best))));
    }

    /// <summary>Per therapist: the estimated effect in the direction of improvement (0 without a fit or a case), null if rated ineffective.</summary>
    private static double?[] Scores(AreaProfile? profile, List<string> therapists, bool higherIsBetter)
    {
        var fitted = profile?.Therapists.ToDictionary(t => t.Therapist) ?? [];
        var sign = higherIsBetter ? 1 : -1;
        return therapists.Select(t => fitted.TryGetValue(t, out var e)
            ? e.Rating == EffectRating.Ineffective ? (double?)null : sign * e.Effect
            : 0).ToArray();
    }

    /// <summary>A therapist with room among <paramref name="allowed"/>, drawn in proportion to capacity, and their room taken; −1 if none.</summary>
    private static int Draw(Random random, double[] weights, int[] room, Func<int, bool> allowed)
    {
        var candidates = Enumerable.Range(0, weights.Length).Where(t => room[t] > 0 && allowed(t)).ToList();
        if (candidates.Count == 0)
        {
            return -1;
        }

        var pick = candidates[TherapistEffectSimulator.Pick(random, candidates.Select(t => weights[t]).ToList())];
        room[pick]--;
        return pick;
    }
}
