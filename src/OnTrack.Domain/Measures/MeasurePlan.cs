namespace OnTrack.Domain.Measures;

/// <summary>When a client completes a measure.</summary>
public enum MeasureTiming
{
    /// <summary>Once, before the first session (or as soon as the plan starts).</summary>
    Intake,

    /// <summary>Before every session.</summary>
    EverySession,

    /// <summary>Before sessions 1, 1 + n, 1 + 2n, …</summary>
    EveryNthSession,

    /// <summary>Before the last session, once the therapist has marked the course as ending.</summary>
    Discharge,
}

/// <summary>One line of a client's (or the clinic's default) measurement plan.</summary>
public sealed record MeasureRule(string InstrumentId, MeasureTiming Timing, int Every = 1)
{
    /// <summary>A rule that makes sense: every n-th needs n ≥ 2 (n = 1 is every session) and at most 52.</summary>
    public string? Problem => Timing == MeasureTiming.EveryNthSession && Every is < 2 or > 52
        ? $"{InstrumentId}: 'every n-th session' needs n from 2 to 52."
        : string.IsNullOrWhiteSpace(InstrumentId) ? "A measure needs an instrument." : null;
}

/// <summary>What is known about a client when deciding which forms are due for their next session.</summary>
/// <param name="SessionNumber">The number of the session the forms are for, 1 for the first.</param>
/// <param name="Ending">The therapist has marked the course as ending.</param>
/// <param name="EverCompleted">Instruments the client has ever completed.</param>
/// <param name="CompletedForSession">Instruments already completed for this session.</param>
/// <param name="SessionHeld">The client has already had a session (so there is a session to rate).</param>
/// <param name="AboutTheLastSession">Instruments that rate the last session (alliance): never due before a first session has happened.</param>
public sealed record DueContext(int SessionNumber, bool Ending, IReadOnlySet<string> EverCompleted, IReadOnlySet<string> CompletedForSession,
    bool SessionHeld = true, IReadOnlySet<string>? AboutTheLastSession = null);

/// <summary>Decides which measures are due. Pure, so that the portal, kiosk and API all agree.</summary>
public static class DueMeasures
{
    /// <summary>The instruments due, in plan order, each once.</summary>
    public static IReadOnlyList<string> For(IEnumerable<MeasureRule> plan, DueContext context)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        var due = new List<string>();
        foreach (var rule in plan)
        {
            if (due.Contains(rule.InstrumentId) || context.CompletedForSession.Contains(rule.InstrumentId)
                || (!context.SessionHeld && context.AboutTheLastSession?.Contains(rule.InstrumentId) == true))
            {
                continue;
            }

            var isDue = rule.Timing switch
            {
                MeasureTiming.Intake => !context.EverCompleted.Contains(rule.InstrumentId),
                MeasureTiming.EverySession => true,
                MeasureTiming.EveryNthSession => rule.Every >= 1 && (context.SessionNumber - 1) % rule.Every == 0,
                MeasureTiming.Discharge => context.Ending,
                _ => false,
            };
            if (isDue)
            {
                due.Add(rule.InstrumentId);
            }
        }

        return due;
    }
}
