namespace OnTrack.Domain.Plans;

/// <summary>One end of a <see cref="PreferenceDimension"/>: the −3 side or the +3 side.</summary>
public enum PreferencePole
{
    /// <summary>The −3 end (the first of <see cref="PlanWords.Poles"/>).</summary>
    Negative,

    /// <summary>The +3 end (the second of <see cref="PlanWords.Poles"/>).</summary>
    Positive,
}

/// <summary>
/// Ratings on the four <see cref="PreferenceDimension"/>s, each −3 … +3 and null when not stated: a client's
/// preferences, or a therapist's usual style.
/// </summary>
public sealed record PreferenceRatings(int? Direction = null, int? EmotionalIntensity = null, int? TimeFocus = null, int? SupportOrChallenge = null)
{
    /// <summary>The rating on one dimension, or null when not stated.</summary>
    public int? this[PreferenceDimension dimension] => dimension switch
    {
        PreferenceDimension.Direction => Direction,
        PreferenceDimension.EmotionalIntensity => EmotionalIntensity,
        PreferenceDimension.TimeFocus => TimeFocus,
        PreferenceDimension.SupportOrChallenge => SupportOrChallenge,
        _ => null,
    };
}

/// <summary>How sessions can be held. A client states one of these; a therapist offers one or both.</summary>
[Flags]
public enum SessionModes
{
    /// <summary>Not stated (client) or nothing offered (therapist).</summary>
    None = 0,

    InPerson = 1,

    Video = 2,

    /// <summary>Either way suits (client) or both are offered (therapist).</summary>
    Either = InPerson | Video,
}

/// <summary>Parts of the day: when a client can come, or when a therapist has hours.</summary>
[Flags]
public enum TimesOfDay
{
    /// <summary>Not stated (client) or no hours (therapist).</summary>
    None = 0,

    Morning = 1,

    Afternoon = 2,

    Evening = 4,
}

/// <summary>A client's practical preferences.</summary>
/// <param name="TherapistGender">The therapist gender wanted, in the client's own short words; null, blank or "no preference" when none.</param>
/// <param name="Language">The language the client wants sessions in; null or blank when none stated.</param>
/// <param name="Modes">In person, video or either; <see cref="SessionModes.None"/> when not stated.</param>
/// <param name="Times">The times of day the client can come; <see cref="TimesOfDay.None"/> when not stated.</param>
public sealed record PracticalPreferences(string? TherapistGender = null, string? Language = null, SessionModes Modes = SessionModes.None, TimesOfDay Times = TimesOfDay.None);

/// <summary>What a therapist offers in practice.</summary>
/// <param name="Gender">The therapist's gender in their own short words; null when not recorded.</param>
/// <param name="Languages">The languages the therapist works in.</param>
/// <param name="Offers">The session modes offered.</param>
/// <param name="Hours">The times of day the therapist has hours in.</param>
public sealed record TherapistPractice(string? Gender, IReadOnlyCollection<string> Languages, SessionModes Offers, TimesOfDay Hours);

/// <summary>The practical matters a client and therapist can fail to match on.</summary>
public enum PracticalMatter
{
    Gender,
    Language,
    Mode,
    Times,
}

/// <summary>A strong mismatch on one style dimension.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="WantsMoreOf">The pole the client wants more of than the therapist's usual style gives.</param>
/// <param name="Client">The client's rating.</param>
/// <param name="Therapist">The therapist's rating.</param>
/// <param name="Sentence">The mismatch in plain words for the therapist.</param>
public sealed record StyleMismatch(PreferenceDimension Dimension, PreferencePole WantsMoreOf, int Client, int Therapist, string Sentence);

/// <summary>A practical preference the therapist does not meet.</summary>
/// <param name="Matter">What does not match.</param>
/// <param name="Sentence">The mismatch in plain words for the therapist.</param>
public sealed record PracticalMismatch(PracticalMatter Matter, string Sentence);

/// <summary>Every mismatch between a client's preferences and a therapist.</summary>
public sealed record PreferenceMatchResult(IReadOnlyList<StyleMismatch> Style, IReadOnlyList<PracticalMismatch> Practical)
{
    /// <summary>True when nothing needs raising.</summary>
    public bool Matches => Style.Count == 0 && Practical.Count == 0;
}

/// <summary>
/// Compares a client's stated preferences with a therapist's style and practice. The four style dimensions follow the
/// Cooper–Norcross Inventory of Preferences (Cooper &amp; Norcross 2016): therapist vs client directiveness, emotional
/// intensity vs reserve, past vs present orientation, warm support vs focused challenge. Accommodating clients'
/// preferences is associated with fewer drop-outs (Swift, Callahan, Cooper &amp; Parkin 2018, meta-analysis), so a strong
/// mismatch is worth a conversation, not a reason to refuse a pairing.
/// </summary>
public static class PreferenceMatch
{
    /// <summary>A client rating at least this far from 0 is a clear preference, not a mild leaning.</summary>
    public const int ClearPreference = 2;

    /// <summary>A gap of at least this much (half the −3 … +3 scale) between client and therapist is a strong mismatch.</summary>
    public const int StrongGap = 3;

    private const string NoPreference = "no preference";

    /// <summary>
    /// The strong style mismatches, in the order of <see cref="PreferenceDimension"/>. A mismatch needs a clear client
    /// preference (|c| ≥ 2) and a gap of at least 3 (|c − t| ≥ 3): a client at +2 with a therapist at 0 is a difference a
    /// therapist can flex to, but with a therapist at −1, leaning the other way, it is not; a mild leaning (±1) is never
    /// flagged, however the therapist works. With |c| ≥ 2 and a gap of 3 the client's pole is always the side the
    /// therapist is short of. A dimension either side left unstated is skipped.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A rating is outside −3 … +3.</exception>
    public static IReadOnlyList<StyleMismatch> Style(string clientName, PreferenceRatings client, PreferenceRatings therapist)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientName);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(therapist);
        var mismatches = new List<StyleMismatch>();
        foreach (var dimension in Enum.GetValues<PreferenceDimension>())
        {
            var c = Checked(client[dimension], nameof(client));
            var t = Checked(therapist[dimension], nameof(therapist));
            if (c is not { } cv || t is not { } tv || Math.Abs(cv) < ClearPreference || Math.Abs(cv - tv) < StrongGap)
            {
                continue;
            }

            var pole = cv < tv ? PreferencePole.Negative : PreferencePole.Positive;
            mismatches.Add(new StyleMismatch(dimension, pole, cv, tv,
                $"{clientName.Trim()} would like more {PreferenceWords.MoreOf(dimension, pole)} than your usual style."));
        }

        return mismatches;
    }

    /// <summary>
    /// The practical preferences the therapist does not meet, in the order of <see cref="PracticalMatter"/>. Gender and
    /// language are compared trimmed and case-insensitively; a gender or language the therapist has not recorded does
    /// not meet a stated preference. Unstated preferences are skipped.
    /// </summary>
    public static IReadOnlyList<PracticalMismatch> Practical(string clientName, PracticalPreferences client, TherapistPractice therapist)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientName);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(therapist);
        ArgumentNullException.ThrowIfNull(therapist.Languages);
        var name = clientName.Trim();
        var mismatches = new List<PracticalMismatch>();

        var gender = client.TherapistGender?.Trim();
        if (!string.IsNullOrEmpty(gender) && !Same(gender, NoPreference) && !Same(gender, therapist.Gender))
        {
            mismatches.Add(new PracticalMismatch(PracticalMatter.Gender, string.IsNullOrWhiteSpace(therapist.Gender)
                ? $"{name} would prefer a therapist whose gender is “{gender}”; your gender is not recorded."
                : $"{name} would prefer a therapist whose gender is “{gender}”; yours is recorded as “{therapist.Gender.Trim()}”."));
        }

        var language = client.Language?.Trim();
        if (!string.IsNullOrEmpty(language) && !therapist.Languages.Any(l => Same(language, l)))
        {
            mismatches.Add(new PracticalMismatch(PracticalMatter.Language,
                $"{name} would like sessions in {language}, which is not among your languages."));
        }

        if (client.Modes != SessionModes.None && (client.Modes & therapist.Offers) == SessionModes.None)
        {
            mismatches.Add(new PracticalMismatch(PracticalMatter.Mode,
                $"{name} would like sessions {PreferenceWords.Of(client.Modes)}, which you do not offer."));
        }

        if (client.Times != TimesOfDay.None && (client.Times & therapist.Hours) == TimesOfDay.None)
        {
            mismatches.Add(new PracticalMismatch(PracticalMatter.Times,
                $"{name} can come {PreferenceWords.Of(client.Times)}, when you have no hours."));
        }

        return mismatches;
    }

    /// <summary>Both checks at once.</summary>
    public static PreferenceMatchResult Check(string clientName, PreferenceRatings clientStyle, PreferenceRatings therapistStyle, PracticalPreferences clientPractical, TherapistPractice therapistPractice) =>
        new(Style(clientName, clientStyle, therapistStyle), Practical(clientName, clientPractical, therapistPractice));

    private static bool Same(string a, string? b) => b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static int? Checked(int? rating, string who) => rating is < -3 or > 3
        ? throw new ArgumentOutOfRangeException(who, rating, "A preference rating is a whole number from −3 to +3.")
        : rating;
}
