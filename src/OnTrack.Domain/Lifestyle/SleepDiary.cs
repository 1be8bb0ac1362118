using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;

namespace OnTrack.Domain.Lifestyle;

/// <summary>
/// One morning's answers to the core Consensus Sleep Diary (Carney et al. 2012, Sleep 35(2):287–302), as the
/// client typed them: clock times without dates, minutes as estimated.
/// </summary>
/// <param name="Date">The morning the diary is for; it describes the night before it.</param>
/// <param name="BedTime">When the client got into bed.</param>
/// <param name="TriedToSleepAt">When the client tried to go to sleep.</param>
/// <param name="MinutesToFallAsleep">Sleep-onset latency, as estimated.</param>
/// <param name="Awakenings">How many times the client woke, not counting the final awakening.</param>
/// <param name="MinutesAwakeInNight">The total length of those awakenings (wake after sleep onset).</param>
/// <param name="FinalWakeTime">The final awakening.</param>
/// <param name="OutOfBedTime">When the client got out of bed for the day.</param>
/// <param name="Quality">1 very poor … 5 very good.</param>
/// <param name="NapMinutes">Naps the day before; recorded, never counted in the night's figures.</param>
public sealed record SleepDiaryAnswers(
    LocalDate Date,
    LocalTime BedTime,
    LocalTime TriedToSleepAt,
    int MinutesToFallAsleep,
    int Awakenings,
    int MinutesAwakeInNight,
    LocalTime FinalWakeTime,
    LocalTime OutOfBedTime,
    int Quality,
    int? NapMinutes = null);

/// <summary>A night derived from the diary answers: real moments and the standard sleep figures, in whole minutes.</summary>
/// <param name="Date">The diary's morning.</param>
/// <param name="InBed">Got into bed.</param>
/// <param name="TriedToSleep">Tried to go to sleep.</param>
/// <param name="FinalWake">The final awakening.</param>
/// <param name="OutOfBed">Got out of bed.</param>
/// <param name="TimeInBedMinutes">TIB: out of bed − into bed.</param>
/// <param name="TotalSleepMinutes">TST: (final wake − tried to sleep) − SOL − WASO.</param>
/// <param name="SleepOnsetLatencyMinutes">SOL, as estimated.</param>
/// <param name="WakeAfterSleepOnsetMinutes">WASO, as estimated.</param>
/// <param name="Awakenings">Awakenings, not counting the final one.</param>
/// <param name="Quality">1 very poor … 5 very good.</param>
/// <param name="SleepEfficiency">SE: TST / TIB × 100, one decimal.</param>
/// <param name="NapMinutes">Naps, kept apart from the night.</param>
public sealed record SleepDiaryNight(
    LocalDate Date,
    Instant InBed,
    Instant TriedToSleep,
    Instant FinalWake,
    Instant OutOfBed,
    int TimeInBedMinutes,
    int TotalSleepMinutes,
    int SleepOnsetLatencyMinutes,
    int WakeAfterSleepOnsetMinutes,
    int Awakenings,
    int Quality,
    decimal SleepEfficiency,
    int? NapMinutes);

/// <summary>Why the answers could not make a night.</summary>
/// <param name="Field">The <see cref="SleepDiaryAnswers"/> property to point at (for the API).</param>
/// <param name="Message">Plain words for the client, naming the times as typed.</param>
public sealed record SleepDiaryProblem(string Field, string Message);

/// <summary>Either a night or the first problem found in the answers.</summary>
public sealed record SleepDiaryResult(SleepDiaryNight? Night, SleepDiaryProblem? Problem)
{
    /// <summary>True when the answers made a night.</summary>
    public bool Succeeded => Night is not null;
}

/// <summary>Turns a morning's sleep-diary answers into a night with the Consensus Sleep Diary figures.</summary>
public static class SleepDiary
{
    /// <summary>
    /// The longest gap allowed between two consecutive diary times. Times carry no dates, so each is taken as
    /// its first occurrence after the one before; a time typed in the wrong order then shows up as a step of
    /// nearly a day, and 16 hours separates the two cases with room to spare.
    /// </summary>
    public const int MaximumStepHours = 16;

    /// <summary>The longest a night may last from getting into bed to getting out of it.</summary>
    public const int MaximumNightHours = 20;

    /// <summary>More awakenings than this in a night is taken as a typing mistake.</summary>
    public const int MaximumAwakenings = 30;

    /// <summary>Twelve hours of naps in a day is taken as the most a diary can mean.</summary>
    public const int MaximumNapMinutes = 720;

    /// <summary>
    /// Local date-times to instants: a time skipped by a spring-forward gap moves forward by the length of the
    /// gap (02:30 becomes 03:30), and a time that happens twice in a fall-back overlap takes the earlier of the
    /// two instants (the first 01:30), because the diary cannot tell which one the client meant.
    /// </summary>
    public static readonly ZoneLocalMappingResolver Resolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnForwardShifted);

    /// <summary>
    /// Derives the night from the answers in <paramref name="zone"/>. The bed time belongs to the evening before
    /// <see cref="SleepDiaryAnswers.Date"/> when it is at or after 12:00, else to the date itself; every later time
    /// is its first occurrence at or after the one before. All durations come from instants, so a night across a
    /// daylight-saving change is as long as it really was.
    /// </summary>
    public static SleepDiaryResult Derive(SleepDiaryAnswers answers, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(zone);

        var problem = CheckNumbers(answers);
        if (problem is not null)
        {
            return new SleepDiaryResult(null, problem);
        }

        var bedDate = answers.BedTime >= new LocalTime(12, 0) ? answers.Date.PlusDays(-1) : answers.Date;
        var inBedLocal = bedDate.At(answers.BedTime);
        var triedLocal = NextAtOrAfter(inBedLocal, answers.TriedToSleepAt);
        var wakeLocal = NextAtOrAfter(triedLocal, answers.FinalWakeTime);
        var outLocal = NextAtOrAfter(wakeLocal, answers.OutOfBedTime);

        var inBed = ToInstant(inBedLocal, zone, null);
        var tried = ToInstant(triedLocal, zone, inBed);
        var wake = ToInstant(wakeLocal, zone, tried);
        var outOfBed = ToInstant(outLocal, zone, wake);

        var bed = Show(answers.BedTime);
        var triedText = Show(answers.TriedToSleepAt);
        var wakeText = Show(answers.FinalWakeTime);
        var outText = Show(answers.OutOfBedTime);

        if (TooLong(tried - inBed))
        {
            return Refuse(nameof(SleepDiaryAnswers.TriedToSleepAt), $"You tried to go to sleep at {triedText}, before you got into bed at {bed} (or more than {MaximumStepHours} hours after it). Please check both times.");
        }

        if (TooLong(wake - tried))
        {
            return Refuse(nameof(SleepDiaryAnswers.FinalWakeTime), $"You woke up for the last time at {wakeText}, before you tried to go to sleep at {triedText} (or more than {MaximumStepHours} hours after it). Please check both times.");
        }

        if (TooLong(outOfBed - wake))
        {
            return Refuse(nameof(SleepDiaryAnswers.OutOfBedTime), $"You got out of bed at {outText}, before you woke up for the last time at {wakeText} (or more than {MaximumStepHours} hours after it). Please check both times.");
        }

        var timeInBed = (long)(outOfBed - inBed).TotalMinutes;
        if (timeInBed > MaximumNightHours * 60)
        {
            return Refuse(nameof(SleepDiaryAnswers.OutOfBedTime), $"From getting into bed at {bed} to getting out of bed at {outText} is more than {MaximumNightHours} hours. Please check the times.");
        }

        if (timeInBed <= 0)
        {
            return Refuse(nameof(SleepDiaryAnswers.OutOfBedTime), $"You got into bed and out of bed at the same time ({bed}), so there is no time in bed to record. Please check the times.");
        }

        var sleepPeriod = (long)(wake - tried).TotalMinutes;
        var awake = (long)answers.MinutesToFallAsleep + answers.MinutesAwakeInNight;
        if (awake > sleepPeriod)
        {
            return Refuse(nameof(SleepDiaryAnswers.MinutesAwakeInNight), $"You took {answers.MinutesToFallAsleep} minutes to fall asleep and were awake {answers.MinutesAwakeInNight} minutes in the night, {awake} minutes in all, but from trying to sleep at {triedText} to waking up at {wakeText} is only {sleepPeriod} minutes. Please check these.");
        }

        var totalSleep = (int)(sleepPeriod - awake);
        var efficiency = Math.Round(totalSleep * 100m / timeInBed, 1, MidpointRounding.AwayFromZero);
        return new SleepDiaryResult(
            new SleepDiaryNight(
                answers.Date, inBed, tried, wake, outOfBed,
                (int)timeInBed, totalSleep, answers.MinutesToFallAsleep, answers.MinutesAwakeInNight,
                answers.Awakenings, answers.Quality, efficiency, answers.NapMinutes),
            null);
    }

    private static SleepDiaryProblem? CheckNumbers(SleepDiaryAnswers a)
    {
        if (a.MinutesToFallAsleep < 0)
        {
            return new(nameof(a.MinutesToFallAsleep), "The minutes it took you to fall asleep can't be less than 0.");
        }

        if (a.Awakenings < 0)
        {
            return new(nameof(a.Awakenings), "The number of times you woke up can't be less than 0.");
        }

        if (a.Awakenings > MaximumAwakenings)
        {
            return new(nameof(a.Awakenings), $"You wrote {a.Awakenings} awakenings; the diary takes up to {MaximumAwakenings} in a night. Please check the number.");
        }

        if (a.MinutesAwakeInNight < 0)
        {
            return new(nameof(a.MinutesAwakeInNight), "The minutes you were awake in the night can't be less than 0.");
        }

        if (a.Awakenings == 0 && a.MinutesAwakeInNight > 0)
        {
            return new(nameof(a.Awakenings), $"You wrote that you did not wake up in the night, but also that you were awake {a.MinutesAwakeInNight} minutes. If you woke up, please give the number of times.");
        }

        if (a.Quality is < 1 or > 5)
        {
            return new(nameof(a.Quality), "Please rate the quality of your sleep from 1 (very poor) to 5 (very good).");
        }

        if (a.NapMinutes is < 0 or > MaximumNapMinutes)
        {
            return new(nameof(a.NapMinutes), $"Naps can be from 0 to {MaximumNapMinutes} minutes (12 hours) in a day. Please check the number.");
        }

        return null;
    }

    private static LocalDateTime NextAtOrAfter(LocalDateTime previous, LocalTime time) =>
        time >= previous.TimeOfDay ? previous.Date.At(time) : previous.Date.PlusDays(1).At(time);

    /// <summary>
    /// A skipped time moved forward can land after the next time typed (02:30 → 03:30, then 03:10); the later
    /// time is then taken as the same moment, so no duration is ever negative.
    /// </summary>
    private static Instant ToInstant(LocalDateTime local, DateTimeZone zone, Instant? notBefore)
    {
        var instant = zone.ResolveLocal(local, Resolver).ToInstant();
        return notBefore is { } earliest && instant < earliest ? earliest : instant;
    }

    private static bool TooLong(Duration step) => step > Duration.FromHours(MaximumStepHours);

    private static SleepDiaryResult Refuse(string field, string message) => new(null, new SleepDiaryProblem(field, message));

    private static string Show(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
