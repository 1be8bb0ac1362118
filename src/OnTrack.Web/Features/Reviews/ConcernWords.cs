using NodaTime;

namespace OnTrack.Web.Features.Reviews;

/// <summary>The words people read for concerns: the lists the client chooses from, and what happens next.</summary>
public static class ConcernWords
{
    public static string Topic(ConcernTopic topic) => topic switch
    {
        ConcernTopic.Pace => "the pace: it is too slow or too fast",
        ConcernTopic.Approach => "the way we work in sessions",
        ConcernTopic.Relationship => "how I get on with my therapist",
        ConcernTopic.Goals => "my goals",
        ConcernTopic.ThingsInMyLife => "things in my life outside therapy",
        _ => "something else",
    };

    public static string Wish(ConcernWish wish) => wish switch
    {
        ConcernWish.MoreStructure => "more structure and practical tasks",
        ConcernWish.MoreReflection => "more room to talk and reflect",
        ConcernWish.DifferentFrequency => "sessions more or less often",
        ConcernWish.Break => "a break from therapy",
        _ => "a different therapist",
    };

    /// <summary>What happens next, for the client, in plain words.</summary>
    public static string WhatHappensNext(ConcernAudience sentTo, ConcernState state, string? therapist, LocalDate answerBy, ZonedDateTime? nextSession)
    {
        if (state == ConcernState.Handled)
        {
            return "This has been followed up.";
        }

        var by = TimeText.Day(answerBy);
        if (sentTo == ConcernAudience.ClinicAdmins)
        {
            return $"The clinic's team has been told — not your therapist. Someone will contact you by {by} to talk about what would help, including a different therapist. Your therapist is told only if you agree.";
        }

        var who = therapist ?? "Your therapist";
        return nextSession is { } next && next.Date <= answerBy
            ? $"{who} has been told and will talk it through with you at your next session, {TimeText.Moment(next.ToInstant(), next.Zone)}, to see what to change."
            : $"{who} has been told and will contact you by {by} to talk it through and see what to change.";
    }
}
