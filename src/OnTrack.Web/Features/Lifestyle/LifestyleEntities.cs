using NodaTime;
using OnTrack.Domain.Lifestyle;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Lifestyle;

/// <summary>
/// The client's day in thirty seconds: mood, last night's sleep, activity, eating, relaxation. One row per
/// client and day in the client's own zone. A guided breathing exercise adds its minutes to the day's
/// relaxation, so a row may exist before (or without) the check-in itself; <see cref="Mood"/> is set once the
/// client has checked in.
/// </summary>
public sealed class DailyCheckIn : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>The day in the client's zone.</summary>
    public LocalDate Date { get; set; }

    /// <summary>1 very low … 5 very good; null until the client checks in (breathing minutes alone).</summary>
    public int? Mood { get; set; }

    /// <summary>Last night's sleep as the client put it (the sleep diary, when kept, is more exact).</summary>
    public int? SleepMinutes { get; set; }

    public int? SleepQuality { get; set; }

    public int? ActivityMinutes { get; set; }

    public Meals? Meals { get; set; }

    public int? EatingQuality { get; set; }

    /// <summary>Minutes of mindful breathing or meditation the client typed in.</summary>
    public int? RelaxationMinutes { get; set; }

    /// <summary>Minutes of guided breathing finished in the portal that day, counted in the day's relaxation too.</summary>
    public int BreathingMinutes { get; set; }

    /// <summary>The client's tags, comma-separated (e.g. "work,family").</summary>
    public string Tags { get; set; } = "";

    /// <summary>A short note; never screened for risk, and the client is told so where they write it.</summary>
    public string Note { get; set; } = "";

    public Instant CreatedAt { get; set; }

    public Instant UpdatedAt { get; set; }

    /// <summary>Typed-in relaxation plus guided breathing: what the day counts.</summary>
    public int? TotalRelaxationMinutes => RelaxationMinutes is null && BreathingMinutes == 0 ? null : (RelaxationMinutes ?? 0) + BreathingMinutes;
}

/// <summary>
/// One morning's Consensus Sleep Diary (Carney et al. 2012): the clock times as the client gave them, and
/// what <see cref="SleepDiary.Derive"/> worked out from them, stored so that summaries never recompute.
/// </summary>
public sealed class SleepDiaryRecord : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>The morning the diary is for (the night before it), in the client's zone.</summary>
    public LocalDate Date { get; set; }

    public LocalTime BedTime { get; set; }

    public LocalTime TriedToSleepAt { get; set; }

    public int MinutesToFallAsleep { get; set; }

    public int Awakenings { get; set; }

    public int MinutesAwakeInNight { get; set; }

    public LocalTime FinalWakeTime { get; set; }

    public LocalTime OutOfBedTime { get; set; }

    public int Quality { get; set; }

    public int? NapMinutes { get; set; }

    /// <summary>The zone the times were resolved in.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    public Instant InBed { get; set; }

    public Instant TriedToSleep { get; set; }

    public Instant FinalWake { get; set; }

    public Instant OutOfBed { get; set; }

    public int TimeInBedMinutes { get; set; }

    public int TotalSleepMinutes { get; set; }

    public int SleepOnsetLatencyMinutes { get; set; }

    public int WakeAfterSleepOnsetMinutes { get; set; }

    /// <summary>TST / TIB × 100, to one decimal.</summary>
    public decimal SleepEfficiency { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant UpdatedAt { get; set; }

    public SleepDiaryNight ToNight() => new(Date, InBed, TriedToSleep, FinalWake, OutOfBed, TimeInBedMinutes, TotalSleepMinutes,
        SleepOnsetLatencyMinutes, WakeAfterSleepOnsetMinutes, Awakenings, Quality, SleepEfficiency, NapMinutes);
}

/// <summary>
/// One lifestyle step the client and therapist agreed, in a review or a session ("in bed by 23:30 on
/// weeknights"): the words they chose and the rule the check-ins are counted against. Ended, never deleted.
/// </summary>
public sealed class LifestyleStep : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>The step in the words agreed.</summary>
    public string Text { get; set; } = "";

    public StepKind Kind { get; set; }

    public int? Minutes { get; set; }

    public LocalTime? Time { get; set; }

    /// <summary>The ISO weekdays it applies to (1 Monday … 7 Sunday), comma-separated; empty with <see cref="TimesPerWeek"/>.</summary>
    public string Days { get; set; } = "";

    public int? TimesPerWeek { get; set; }

    /// <summary>The review it was agreed in, if any.</summary>
    public Guid? ReviewId { get; set; }

    /// <summary>The first day it counts from (the client's zone).</summary>
    public LocalDate StartsOn { get; set; }

    public Instant AgreedAt { get; set; }

    public string AgreedByUserId { get; set; } = "";

    public string AgreedBy { get; set; } = "";

    public Instant? EndedAt { get; set; }

    public string? EndedBy { get; set; }

    public StepRule Rule() => new(Kind, Minutes, Time,
        Days.Length == 0 ? null : Days.Split(',').Select(d => (IsoDayOfWeek)int.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(),
        TimesPerWeek);
}

/// <summary>
/// The client's own settings for the daily log: their time zone (the day a check-in belongs to) and the
/// opt-in reminder. One row per client, made on first use.
/// </summary>
public sealed class LifestyleSettings : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>The client's IANA zone; the clinic's until the client picks another.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    public bool RemindersOn { get; set; }

    /// <summary>When the daily reminder goes out, in the client's zone.</summary>
    public LocalTime ReminderAt { get; set; } = new(20, 0);

    /// <summary>The secret in the one-tap stop link; a new one each time reminders are turned on.</summary>
    public string StopToken { get; set; } = "";

    /// <summary>The last day (client's zone) a reminder was sent or skipped because the client had checked in.</summary>
    public LocalDate? LastReminderFor { get; set; }

    public Instant UpdatedAt { get; set; }
}
