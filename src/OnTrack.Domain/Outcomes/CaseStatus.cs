namespace OnTrack.Domain.Outcomes;

/// <summary>The colour a client shows on the caseload dashboard.</summary>
public enum CaseColour
{
    /// <summary>Fewer than two scores on any outcome measure and nothing open.</summary>
    Grey,

    /// <summary>Reliably improved (and worse on nothing), or not a case on any outcome measure.</summary>
    Green,

    /// <summary>An open alert other than risk, or no reliable improvement after <see cref="CaseStatus.StallAfterScores"/> scores.</summary>
    Amber,

    /// <summary>An open risk or "not on track" alert, or reliably worse than baseline now.</summary>
    Red,
}

/// <summary>One rule for the dashboard colour, so the list, the chart page and the API agree.</summary>
public static class CaseStatus
{
    /// <summary>Scores after which "no reliable change yet" counts as stalling.</summary>
    public const int StallAfterScores = 4;

    /// <param name="outcomes">Progress on each outcome measure.</param>
    /// <param name="openRiskOrNotOnTrack">An open risk or "not on track" alert.</param>
    /// <param name="otherOpenAlerts">Any other open alert.</param>
    /// <param name="latestCourse">The latest score's status against the expected course, worst over the outcome measures.</param>
    public static (CaseColour Colour, string Reason) Of(IReadOnlyList<Progress> outcomes, bool openRiskOrNotOnTrack, bool otherOpenAlerts, Course.CourseStatus? latestCourse = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (openRiskOrNotOnTrack)
        {
            return (CaseColour.Red, "open risk or not-on-track alert");
        }

        if (latestCourse == Course.CourseStatus.NotOnTrack)
        {
            return (CaseColour.Red, "not on track against the expected course");
        }

        var worse = outcomes.FirstOrDefault(o => o.Category == ChangeCategory.Deteriorated);
        if (worse is not null)
        {
            return (CaseColour.Red, $"reliably worse on {worse.InstrumentId}");
        }

        if (otherOpenAlerts)
        {
            return (CaseColour.Amber, "open alert");
        }

        if (latestCourse == Course.CourseStatus.AtRisk)
        {
            return (CaseColour.Amber, "at risk against the expected course");
        }

        var stalled = outcomes.FirstOrDefault(o => o.Scores >= StallAfterScores && o.Category == ChangeCategory.NoReliableChange && o.LatestCase == true);
        if (stalled is not null)
        {
            return (CaseColour.Amber, $"no reliable change on {stalled.InstrumentId} after {stalled.Scores} scores");
        }

        var scored = outcomes.Where(o => o.Scores >= 2).ToList();
        if (scored.Count == 0)
        {
            return (CaseColour.Grey, "too few scores yet");
        }

        if (scored.Any(o => o.Category == ChangeCategory.Improved))
        {
            return (CaseColour.Green, "reliable improvement");
        }

        return scored.All(o => o.LatestCase == false) ? (CaseColour.Green, "below the clinical cutoff") : (CaseColour.Grey, "no reliable change yet");
    }
}
