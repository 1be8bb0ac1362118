namespace OnTrack.Domain.Matching;

/// <summary>How a therapist stands in one of the client's areas: their outcome rating there, and whether they say they treat it.</summary>
/// <param name="AreaName">The area in plain words ("depression").</param>
/// <param name="Rating">The outcome rating; null when the area could not be estimated at all.</param>
/// <param name="Cases">The therapist's ended courses in the area.</param>
/// <param name="Treats">Whether the area is among those the therapist's profile lists; null when a profile cannot list it (no problem area measures it).</param>
public sealed record AreaStanding(string AreaName, EffectRating? Rating, int Cases, bool? Treats);

/// <summary>What is known about one candidate therapist for one client.</summary>
/// <param name="TherapistId">The therapist's id.</param>
/// <param name="Name">The therapist's name, for the order of equals.</param>
/// <param name="OffersFormat">Whether they give sessions in the format the client needs (individual, couples…).</param>
/// <param name="CapacityLeft">New clients they can still take this week (0: none).</param>
/// <param name="Areas">Their standing in each of the client's areas.</param>
/// <param name="StyleWanted">What the client would like more of where the therapist's usual style differs strongly ("more structure").</param>
/// <param name="StyleFits">The dimensions on which the client stated a clear preference that the therapist's style meets.</param>
/// <param name="Practical">The practical preferences the therapist does not meet, in plain words, with how much each weighs.</param>
/// <param name="PracticalFits">The practical preferences they do meet, in plain words ("works in Spanish").</param>
/// <param name="FreeSoon">Whether they have a free time for the client in the coming weeks.</param>
public sealed record CandidateFacts(
    string TherapistId,
    string Name,
    bool OffersFormat,
    int CapacityLeft,
    IReadOnlyList<AreaStanding> Areas,
    IReadOnlyList<string> StyleWanted,
    IReadOnlyList<string> StyleFits,
    IReadOnlyList<PracticalGap> Practical,
    IReadOnlyList<string> PracticalFits,
    bool FreeSoon);

/// <summary>A practical preference not met (language, gender, mode, times), in plain words, with its weight in the ranking.</summary>
/// <param name="Words">The gap in plain words.</param>
/// <param name="Weight">Points it takes off the candidate's score.</param>
/// <param name="StaffOnly">The words would tell a client something the therapist shares only with staff (their gender).</param>
public sealed record PracticalGap(string Words, int Weight, bool StaffOnly = false);

/// <summary>
/// One reason for or against a candidate, in plain words; <see cref="FromOutcomes"/> when it rests on past clients'
/// outcomes (admins, and the therapist about themself), <see cref="StaffOnly"/> when a client must not see it.
/// </summary>
public sealed record MatchReason(string Text, bool For, bool FromOutcomes, bool StaffOnly = false);

/// <summary>A ranked candidate: whether they are suggested at all, their place and score, and every reason.</summary>
public sealed record RankedCandidate(string TherapistId, int Rank, int Score, bool Suggested, IReadOnlyList<MatchReason> Reasons);

/// <summary>
/// Ranks therapists for a client (issue 14): measured strengths in the client's areas first (after Constantino et al. 2021,
/// JAMA Psychiatry: matching on therapists' empirically measured strengths by problem domain improved outcomes), then the
/// areas they treat, the client's preferences on style (Cooper–Norcross dimensions) and in practice, and free time.
/// A therapist rated ineffective in any of the client's areas, not giving the format, or taking no new clients is listed
/// but not suggested. The weights are a rule of thumb, stated here, not an estimate: +3 for each area rated effective,
/// +1 for each area treated and −1 for each not treated, −1 for each strong style difference, minus each practical gap's
/// weight (language 3, gender 2, mode 2, times 1), −1 with no free time soon.
/// </summary>
public static class MatchRanking
{
    public const int Effective = 3;

    public static IReadOnlyList<RankedCandidate> Rank(IReadOnlyList<CandidateFacts> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var scored = candidates.Select(Score).ToList();
        return scored
            .OrderByDescending(s => s.Suggested).ThenByDescending(s => s.Score).ThenBy(s => s.Facts.Name, StringComparer.Ordinal).ThenBy(s => s.Facts.TherapistId, StringComparer.Ordinal)
            .Select((s, i) => new RankedCandidate(s.Facts.TherapistId, i + 1, s.Score, s.Suggested, s.Reasons))
            .ToList();
    }

    private static (CandidateFacts Facts, int Score, bool Suggested, IReadOnlyList<MatchReason> Reasons) Score(CandidateFacts c)
    {
        var reasons = new List<MatchReason>();
        var score = 0;
        var suggested = true;
        foreach (var area in c.Areas)
        {
            switch (area.Rating)
            {
                case EffectRating.Effective:
                    score += Effective;
                    reasons.Add(new($"Clients with {area.AreaName} improved more with them than the clinic's average, allowing for how unwell they were at the start ({area.Cases} past clients).", true, true));
                    break;
                case EffectRating.Ineffective:
                    suggested = false;
                    reasons.Add(new($"Clients with {area.AreaName} improved less with them than the clinic's average ({area.Cases} past clients): not suggested for this client.", false, true));
                    break;
                case EffectRating.Neutral:
                    reasons.Add(new($"With {area.AreaName}, their clients' outcomes are within the clinic's usual range ({area.Cases} past clients).", true, true));
                    break;
                case EffectRating.NotEnoughCases:
                    reasons.Add(new($"Too few past clients with {area.AreaName} ({area.Cases}) to say how they do.", false, true));
                    break;
                default:
                    break;
            }

            if (area.Treats is null)
            {
                continue;
            }

            if (area.Treats == true)
            {
                score += 1;
                reasons.Add(new($"Works with {area.AreaName}.", true, false));
            }
            else
            {
                score -= 1;
                reasons.Add(new($"Does not list {area.AreaName} among what they work with.", false, false));
            }
        }

        foreach (var fit in c.StyleFits)
        {
            reasons.Add(new($"Their usual style fits the wish for {fit}.", true, false));
        }

        foreach (var wanted in c.StyleWanted)
        {
            score -= 1;
            reasons.Add(new($"Their usual style differs from the wish for more {wanted}.", false, false));
        }

        foreach (var fit in c.PracticalFits)
        {
            reasons.Add(new(fit, true, false));
        }

        foreach (var gap in c.Practical)
        {
            score -= gap.Weight;
            reasons.Add(new(gap.Words, false, false, gap.StaffOnly));
        }

        if (!c.OffersFormat)
        {
            suggested = false;
            reasons.Add(new("Does not give sessions in this format.", false, false));
        }

        if (c.CapacityLeft <= 0)
        {
            suggested = false;
            reasons.Add(new("Not taking new clients this week.", false, false));
        }

        if (!c.FreeSoon)
        {
            score -= 1;
            reasons.Add(new("No free time in the coming weeks.", false, false));
        }

        // What past clients' outcomes say first, then the rest, each in the order above.
        return (c, score, suggested, reasons.OrderByDescending(r => r.FromOutcomes).ToList());
    }
}
