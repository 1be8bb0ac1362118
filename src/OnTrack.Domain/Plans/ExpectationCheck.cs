using OnTrack.Domain.Course;

namespace OnTrack.Domain.Plans;

/// <summary>What a client expects of therapy, asked at intake.</summary>
/// <param name="SessionsExpected">How many sessions they expect to need (at least 1).</param>
/// <param name="WeeksToFeelBetter">How many weeks until they expect to feel better (0 or more).</param>
/// <param name="Confidence">How confident they are that therapy will help, 0 (not at all) … 10 (completely).</param>
public sealed record ClientExpectations(int SessionsExpected, double WeeksToFeelBetter, int Confidence);

/// <summary>
/// A client's expectations set against the expected course for clients who start where they do.
/// </summary>
/// <param name="HasModel">False when there was no fitted course model: the model numbers are null and the flags that need them false.</param>
/// <param name="ExpectedBySession">The session the client expects to feel better by: weeks × sessions per week, rounded up, at least 1.</param>
/// <param name="QuarterBySession">The session by which a quarter of similar clients improve reliably; null if not within 52 sessions (or no model).</param>
/// <param name="HalfBySession">The session by which half of similar clients improve reliably; null if not within 52 sessions (or no model).</param>
/// <param name="ThreeInFourBySession">The session by which three in four similar clients improve reliably; null if not within 52 sessions (or no model).</param>
/// <param name="Impatient">The client expects to feel better before the session by which a quarter of similar clients improve.</param>
/// <param name="ExpectsFewerSessions">The client expects to need fewer sessions than it takes half of similar clients to improve.</param>
/// <param name="LowConfidence">The client's confidence that therapy will help is 3 of 10 or less.</param>
/// <param name="ClientSentence">A gentle, honest sentence for the client about the usual pace.</param>
/// <param name="TherapistPrompt">A prompt for the therapist: what to talk about, or that expectations fit the usual course.</param>
public sealed record ExpectationCheckResult(
    bool HasModel,
    int ExpectedBySession,
    int? QuarterBySession,
    int? HalfBySession,
    int? ThreeInFourBySession,
    bool Impatient,
    bool ExpectsFewerSessions,
    bool LowConfidence,
    string ClientSentence,
    string TherapistPrompt);

/// <summary>
/// Compares a client's expectations at intake with the expected course (<see cref="CourseModel"/>): how soon clients
/// with the same intake score improve reliably on the outcome measure.
/// </summary>
public static class ExpectationCheck
{
    /// <summary>The last session <see cref="CourseModel.SessionOfReliableImprovement"/> looks at.</summary>
    public const int MaxSession = 52;

    /// <summary>
    /// Confidence at or below this (of 10) prompts a conversation about hope: clients' expectation that therapy will help
    /// is associated with better outcomes (Constantino, Vîslă, Coyne &amp; Boswell 2018, meta-analysis), so low hope is worth raising early.
    /// </summary>
    public const int LowConfidenceAtMost = 3;

    /// <summary>Sessions per week for a plan's frequency: weekly 1, twice weekly 2, every other week 0.5.</summary>
    public static double SessionsPerWeek(SessionFrequency frequency) => frequency switch
    {
        SessionFrequency.TwiceWeekly => 2,
        SessionFrequency.EveryOtherWeek => 0.5,
        _ => 1,
    };

    /// <summary>The session by which a client expects to feel better: weeks × sessions per week, rounded up, at least 1.</summary>
    public static int ExpectedBySession(double weeks, SessionFrequency frequency)
    {
        if (!(weeks >= 0) || double.IsInfinity(weeks))
        {
            throw new ArgumentOutOfRangeException(nameof(weeks), weeks, "The weeks until the client expects to feel better must be 0 or more.");
        }

        var sessions = Math.Ceiling(weeks * SessionsPerWeek(frequency));
        // Clamped only so that an absurd answer cannot overflow an int.
        return (int)Math.Clamp(sessions, 1, int.MaxValue);
    }

    /// <summary>
    /// Checks a client's expectations against the course model for their intake score on the outcome measure.
    /// <para>
    /// Impatient means the client expects to feel better before the session by which a quarter of similar clients have
    /// improved reliably — that is, sooner than three in four such clients experience it. The quarter session is the
    /// yardstick, not the half, because expecting change somewhat faster than the median is ordinary optimism; expecting it
    /// faster than 75 % of clients get it is where disappointment and early drop-out become likely. When not even a quarter
    /// improve within 52 sessions, any expectation within 52 sessions counts as impatient. Expecting fewer sessions than the
    /// half-of-clients session (or any number when half do not improve within 52) is flagged too.
    /// </para>
    /// <para>Without a model there are no model numbers and neither flag; low confidence does not need the model and is still given.</para>
    /// </summary>
    /// <param name="clientName">The client's name, for the therapist's prompt.</param>
    /// <param name="expectations">The client's answers.</param>
    /// <param name="frequency">How often the plan has sessions.</param>
    /// <param name="intake">The client's intake score on the outcome measure.</param>
    /// <param name="reliableChange">The measure's reliable-change threshold (positive).</param>
    /// <param name="higherIsBetter">The measure's direction.</param>
    /// <param name="model">The fitted expected course for the measure; null when none has been fitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">An answer is outside its range, or the reliable change is not positive.</exception>
    public static ExpectationCheckResult Check(string clientName, ClientExpectations expectations, SessionFrequency frequency, double intake, double reliableChange, bool higherIsBetter, CourseModel? model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientName);
        ArgumentNullException.ThrowIfNull(expectations);
        ArgumentOutOfRangeException.ThrowIfLessThan(expectations.SessionsExpected, 1, nameof(expectations));
        if (expectations.Confidence is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(expectations), expectations.Confidence, "Confidence is rated from 0 to 10.");
        }

        if (!(reliableChange > 0) || double.IsInfinity(reliableChange))
        {
            throw new ArgumentOutOfRangeException(nameof(reliableChange), reliableChange, "The reliable-change threshold must be a positive number.");
        }

        if (!double.IsFinite(intake))
        {
            throw new ArgumentOutOfRangeException(nameof(intake), intake, "The intake score must be a number.");
        }

        var name = clientName.Trim();
        var expectedBy = ExpectedBySession(expectations.WeeksToFeelBetter, frequency);
        var lowConfidence = expectations.Confidence <= LowConfidenceAtMost;
        var hope = lowConfidence
            ? $" {name} rates their confidence that therapy will help at {expectations.Confidence} of 10. Talk about hope."
            : "";

        if (model is null)
        {
            return new ExpectationCheckResult(false, expectedBy, null, null, null, false, false, lowConfidence,
                "Everyone's pace is different. It is normal if it takes a while — tell your therapist how it is going.",
                ("There is no expected course for this measure yet, so the pace cannot be compared with similar clients." + hope).Trim());
        }

        var quarter = model.SessionOfReliableImprovement(intake, reliableChange, higherIsBetter, 0.25, MaxSession);
        var half = model.SessionOfReliableImprovement(intake, reliableChange, higherIsBetter, 0.5, MaxSession);
        var threeInFour = model.SessionOfReliableImprovement(intake, reliableChange, higherIsBetter, 0.75, MaxSession);
        // A null session is "later than 52": treated as 53 so that every expectation within 52 is sooner.
        var impatient = expectedBy < (quarter ?? MaxSession + 1);
        var fewer = expectations.SessionsExpected < (half ?? MaxSession + 1);

        var usual = half is { } h
            ? $"clients with this intake usually take {h} sessions ({(threeInFour is { } t ? $"three in four by {t}" : $"a quarter or more take longer than {MaxSession}")})"
            : $"fewer than half of clients with this intake improve reliably within {MaxSession} sessions";
        var prompts = new List<string>();
        if (impatient)
        {
            prompts.Add($"{name} expects to feel better by session {expectedBy}; {usual}. Talk about pace.");
        }

        if (fewer)
        {
            prompts.Add($"{name} expects to need {expectations.SessionsExpected} session{(expectations.SessionsExpected == 1 ? "" : "s")}; {usual}. Talk about how long therapy may take.");
        }

        if (prompts.Count == 0)
        {
            prompts.Add($"{name}'s expectations fit the usual course for clients with this intake.");
        }

        var client = half is { } hc
            ? (threeInFour is { } tc
                ? $"Half of the people who start where you are notice a clear change by session {hc}, and three in four by session {tc}."
                : $"Half of the people who start where you are notice a clear change by session {hc}; for some it takes longer.")
            : "For people who start where you are, a clear change often takes many sessions.";
        return new ExpectationCheckResult(true, expectedBy, quarter, half, threeInFour, impatient, fewer, lowConfidence,
            client + " It is normal if it takes a while — tell your therapist how it is going.",
            string.Join(" ", prompts) + hope);
    }
}
