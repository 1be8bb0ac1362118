namespace OnTrack.Domain.Plans;

/// <summary>
/// Third-person phrases for the poles of each <see cref="PreferenceDimension"/>, for sentences shown to the therapist
/// ("Jordan would like more … than your usual style."). <see cref="PlanWords.Poles"/> holds the client's own first-person
/// words; these say the same thing about the client.
/// </summary>
public static class PreferenceWords
{
    /// <summary>What a client at this pole wants more of, as a noun phrase that follows "more".</summary>
    public static string MoreOf(PreferenceDimension dimension, PreferencePole pole) => (dimension, pole) switch
    {
        (PreferenceDimension.Direction, PreferencePole.Negative) => "structure, practical tasks and homework",
        (PreferenceDimension.Direction, PreferencePole.Positive) => "room to explore and to lead the sessions themselves",
        (PreferenceDimension.EmotionalIntensity, PreferencePole.Negative) => "time going deep into strong feelings",
        (PreferenceDimension.EmotionalIntensity, PreferencePole.Positive) => "emotional calm and distance from strong feelings",
        (PreferenceDimension.TimeFocus, PreferencePole.Negative) => "attention to understanding their past",
        (PreferenceDimension.TimeFocus, PreferencePole.Positive) => "focus on dealing with their life now",
        (PreferenceDimension.SupportOrChallenge, PreferencePole.Negative) => "warmth and support",
        (PreferenceDimension.SupportOrChallenge, PreferencePole.Positive) => "challenge and more of a push",
        _ => "of something else",
    };

    /// <summary>How a session mode reads after "sessions": "in person", "by video".</summary>
    public static string Of(SessionModes modes) => modes switch
    {
        SessionModes.InPerson => "in person",
        SessionModes.Video => "by video",
        SessionModes.Either => "in person or by video",
        _ => "in no particular way",
    };

    /// <summary>Times of day as words joined by "or": "in the morning or evening".</summary>
    public static string Of(TimesOfDay times)
    {
        var words = new List<string>();
        if (times.HasFlag(TimesOfDay.Morning))
        {
            words.Add("morning");
        }

        if (times.HasFlag(TimesOfDay.Afternoon))
        {
            words.Add("afternoon");
        }

        if (times.HasFlag(TimesOfDay.Evening))
        {
            words.Add("evening");
        }

        return words.Count switch
        {
            0 => "at no particular time",
            1 => "in the " + words[0],
            _ => "in the " + string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1],
        };
    }
}
