using OnTrack.Web.Validation;

namespace OnTrack.Web.Features.Lifestyle;

/// <summary>
/// A day's check-in. Mood is required; everything else may be left out. sleepHours is last night's sleep
/// (0–24, e.g. 7.5); meals is "regular", "partly" or "no"; minutes are 0–1440; tags are short words.
/// </summary>
public sealed record CheckInRequest(
    int? Mood,
    decimal? SleepHours,
    int? SleepQuality,
    int? ActivityMinutes,
    string? Meals,
    int? EatingQuality,
    int? RelaxationMinutes,
    IReadOnlyList<string>? Tags,
    [property: Text("The note", LifestyleLog.MaxNoteLength, Multiline = true)] string? Note);

/// <summary>A day's check-in as stored. date is the client's own day; relaxationMinutes includes guided breathing.</summary>
public sealed record CheckInDto(
    DateOnly Date,
    int? Mood,
    decimal? SleepHours,
    int? SleepQuality,
    int? ActivityMinutes,
    string? Meals,
    int? EatingQuality,
    int? RelaxationMinutes,
    int BreathingMinutes,
    IReadOnlyList<string> Tags,
    string Note,
    bool Editable);

/// <summary>
/// One morning's sleep diary, clock times as "HH:mm" in the client's zone: when they got into bed, tried to
/// sleep, woke for the last time and got up; how long it took to fall asleep, how often and how long they
/// woke in the night; quality 1–5; naps (recorded, not counted in the night).
/// </summary>
public sealed record SleepDiaryRequest(
    string? BedTime,
    string? TriedToSleepAt,
    int? MinutesToFallAsleep,
    int? Awakenings,
    int? MinutesAwakeInNight,
    string? FinalWakeTime,
    string? OutOfBedTime,
    int? Quality,
    int? NapMinutes);

/// <summary>A sleep-diary night with what was derived from it (minutes; sleepEfficiency = TST / TIB × 100).</summary>
public sealed record SleepDiaryDto(
    DateOnly Date,
    string BedTime,
    string TriedToSleepAt,
    int MinutesToFallAsleep,
    int Awakenings,
    int MinutesAwakeInNight,
    string FinalWakeTime,
    string OutOfBedTime,
    int Quality,
    int? NapMinutes,
    int TimeInBedMinutes,
    int TotalSleepMinutes,
    int SleepOnsetLatencyMinutes,
    int WakeAfterSleepOnsetMinutes,
    decimal SleepEfficiency,
    bool Editable);

/// <summary>Minutes of a finished guided breathing exercise (1–10), added to today's relaxation.</summary>
public sealed record BreathingRequest(int? Minutes);

/// <summary>The client's own settings: their time zone (IANA, e.g. "Europe/London") and the daily reminder (opt-in, "HH:mm").</summary>
public sealed record LifestyleSettingsRequest(
    [property: Text("The time zone", 64)] string? TimeZone,
    bool? RemindersOn,
    string? ReminderAt);

public sealed record LifestyleSettingsDto(string TimeZone, bool RemindersOn, string ReminderAt, DateOnly Today);

/// <summary>
/// A lifestyle step agreed with the client. kind: bedBy (time "HH:mm"), sleepAtLeast, activityAtLeast,
/// relaxationAtLeast (minutes), regularMeals; and either days (1 Monday … 7 Sunday; for bedBy, the evening's
/// day) or timesPerWeek (1–7). reviewId links the review it was agreed in.
/// </summary>
public sealed record LifestyleStepRequest(
    [property: Text("The step", LifestyleSteps.MaxTextLength)] string? Text,
    string? Kind,
    int? Minutes,
    string? Time,
    IReadOnlyList<int>? Days,
    int? TimesPerWeek,
    Guid? ReviewId);

public sealed record StepWeekDto(DateOnly WeekStart, int DaysMet, int DaysWithData, int DaysAsked, bool? Met);

/// <summary>A lifestyle step with its rule in plain words and, per week since it began (the last 8 at most), the days it was met.</summary>
public sealed record LifestyleStepDto(
    Guid Id,
    string Text,
    string Kind,
    string Rule,
    DateOnly StartsOn,
    DateTimeOffset AgreedAt,
    string AgreedBy,
    Guid? ReviewId,
    DateTimeOffset? EndedAt,
    IReadOnlyList<StepWeekDto> Weeks);

/// <summary>One week of the log (Monday to Sunday in the client's zone): means over the days that have the value.</summary>
public sealed record LifestyleWeekDto(
    DateOnly WeekStart,
    int DaysLogged,
    decimal? MeanMood,
    decimal? MeanSleepHours,
    decimal? MeanSleepQuality,
    decimal? MeanEatingQuality,
    int ActivityMinutes,
    int ActiveDays,
    int RegularMealDays,
    int RelaxationMinutes,
    int DiaryNights,
    decimal? MeanTotalSleepHours,
    decimal? MeanSleepEfficiency,
    decimal? MeanSleepOnsetMinutes,
    decimal? MeanWakeAfterSleepOnsetMinutes);

/// <summary>
/// An association in the client's own log, never a cause: the difference in mean mood between two kinds of
/// day with its 95 % interval, shown only with at least 14 days on each side (figures null otherwise).
/// </summary>
public sealed record AssociationDto(string Id, string Question, string GroupA, string GroupB, int DaysA, int DaysB,
    decimal? MeanA, decimal? MeanB, decimal? Difference, decimal? Lower, decimal? Upper, bool Shown);

/// <summary>Which of the caller's clients keep the log, and their last 7 days at a glance.</summary>
public sealed record LoggingClientDto(Guid ClientId, string Name, int DaysLoggedLast7, DateOnly? LastLogged, decimal? MeanMoodLast7, decimal? MeanSleepHoursLast7, int ActiveDaysLast7, bool HasActiveStep);
