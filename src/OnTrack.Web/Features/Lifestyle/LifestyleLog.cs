using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using OnTrack.Domain.Lifestyle;
using OnTrack.Web.Data;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Security;
using OnTrack.Web.Validation;

namespace OnTrack.Web.Features.Lifestyle;

/// <summary>
/// The client's daily log: check-ins, the sleep diary and guided-breathing minutes, one entry per day in the
/// client's own zone, written by the client alone and editable for today and the two days before. What the
/// care team reads comes through the compartment like every clinical record. Lifestyle data raises no
/// alerts and notes are not screened for risk (the pages say so where the client writes).
/// </summary>
public sealed class LifestyleLog(OnTrackDbContext db, Caller caller, ClientAccess access, IClock clock)
{
    public const int MaxNoteLength = 500;
    public const int MaxTagsLength = 330;
    public const int MaxTags = 10;
    public const int MaxTagLength = 30;

    /// <summary>Today and the two days before it can be added or changed (issue 13: editable for the last 3 days).</summary>
    public const int EditableDays = 3;

    public static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private readonly Dictionary<Guid, DateTimeZone> _zones = [];

    /// <summary>The client's zone: their own choice, else the clinic's.</summary>
    public async Task<DateTimeZone> ZoneAsync(Guid clientId, CancellationToken cancellationToken)
    {
        if (_zones.TryGetValue(clientId, out var known))
        {
            return known;
        }

        var own = await db.Set<LifestyleSettings>().AsNoTracking().Where(s => s.ClientId == clientId).Select(s => s.TimeZoneId).SingleOrDefaultAsync(cancellationToken);
        var id = own ?? await db.ClientRecords.AsNoTracking().Where(c => c.Id == clientId)
            .Join(db.Clinics.AsNoTracking(), c => c.ClinicId, k => k.Id, (c, k) => k.TimeZoneId).SingleOrDefaultAsync(cancellationToken);
        var zone = id is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } z ? z : DateTimeZone.Utc;
        _zones[clientId] = zone;
        return zone;
    }

    /// <summary>Forgets the zone looked up for the client (they have just chosen another).</summary>
    public void ForgetZone(Guid clientId) => _zones.Remove(clientId);

    public async Task<LocalDate> TodayAsync(Guid clientId, CancellationToken cancellationToken) =>
        clock.GetCurrentInstant().InZone(await ZoneAsync(clientId, cancellationToken)).Date;

    /// <summary>The check-ins between two days (inclusive), oldest first.</summary>
    public async Task<IReadOnlyList<CheckInDto>> CheckInsAsync(Guid clientId, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var today = await TodayAsync(clientId, cancellationToken);
        var rows = await db.Set<DailyCheckIn>().AsNoTracking().Where(c => c.ClientId == clientId && c.Date >= from && c.Date <= to).OrderBy(c => c.Date).ToListAsync(cancellationToken);
        return rows.Select(r => ToDto(r, today)).ToList();
    }

    public async Task<CheckInDto?> CheckInAsync(Guid clientId, LocalDate date, CancellationToken cancellationToken)
    {
        var today = await TodayAsync(clientId, cancellationToken);
        return await db.Set<DailyCheckIn>().AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId && c.Date == date, cancellationToken) is { } row ? ToDto(row, today) : null;
    }

    /// <summary>Adds or replaces the client's check-in for one of the days still open (today and the two before).</summary>
    public async Task<Result<CheckInDto>> SaveCheckInAsync(Guid clientId, LocalDate date, CheckInRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await OwnLogAsync(clientId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (InputRules.Check(request) is { } invalid)
        {
            return invalid;
        }

        var today = await TodayAsync(clientId, cancellationToken);
        if (EditWindow(date, today) is { } closed)
        {
            return closed;
        }

        var errors = CheckInErrors(request, out var meals, out var tags);
        if (errors.Count > 0)
        {
            return Problem.BadRequest(string.Join(" ", errors));
        }

        var saved = await UpsertDayAsync(clientId, date, row =>
        {
            row.Mood = request.Mood;
            row.SleepMinutes = request.SleepHours is { } h ? (int)Math.Round(h * 60, MidpointRounding.AwayFromZero) : null;
            row.SleepQuality = request.SleepQuality;
            row.ActivityMinutes = request.ActivityMinutes;
            row.Meals = meals;
            row.EatingQuality = request.EatingQuality;
            row.RelaxationMinutes = request.RelaxationMinutes;
            row.Tags = string.Join(',', tags);
            row.Note = request.Note?.Trim() ?? "";
        }, cancellationToken);
        return ToDto(saved, today);
    }

    /// <summary>A finished guided breathing exercise: its minutes (1–10) count in today's relaxation.</summary>
    public async Task<Result<CheckInDto>> AddBreathingAsync(Guid clientId, BreathingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await OwnLogAsync(clientId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (request.Minutes is not (>= 1 and <= 10) || request.Minutes is not { } minutes)
        {
            return Problem.BadRequest("A breathing exercise lasts from 1 to 10 minutes (minutes).");
        }

        var today = await TodayAsync(clientId, cancellationToken);
        var saved = await UpsertDayAsync(clientId, today, row => row.BreathingMinutes = Math.Min(1440, row.BreathingMinutes + minutes), cancellationToken);
        return ToDto(saved, today);
    }

    /// <summary>The sleep diary between two mornings (inclusive), oldest first.</summary>
    public async Task<IReadOnlyList<SleepDiaryDto>> SleepDiaryAsync(Guid clientId, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var today = await TodayAsync(clientId, cancellationToken);
        var rows = await db.Set<SleepDiaryRecord>().AsNoTracking().Where(d => d.ClientId == clientId && d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToListAsync(cancellationToken);
        return rows.Select(r => ToDto(r, today)).ToList();
    }

    /// <summary>Adds or replaces one morning's sleep diary, deriving its figures in the client's zone; an impossible night is refused and nothing is stored.</summary>
    public async Task<Result<SleepDiaryDto>> SaveSleepDiaryAsync(Guid clientId, LocalDate date, SleepDiaryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await OwnLogAsync(clientId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var today = await TodayAsync(clientId, cancellationToken);
        if (EditWindow(date, today) is { } closed)
        {
            return closed;
        }

        var missing = new List<string>();
        var bed = Time(request.BedTime, "when you got into bed (bedTime)", missing);
        var tried = Time(request.TriedToSleepAt, "when you tried to go to sleep (triedToSleepAt)", missing);
        var wake = Time(request.FinalWakeTime, "when you woke up for the last time (finalWakeTime)", missing);
        var up = Time(request.OutOfBedTime, "when you got out of bed (outOfBedTime)", missing);
        if (request.MinutesToFallAsleep is null)
        {
            missing.Add("how long it took to fall asleep, in minutes (minutesToFallAsleep)");
        }

        if (request.Quality is null)
        {
            missing.Add("how well you slept, from 1 to 5 (quality)");
        }

        if (missing.Count > 0)
        {
            return Problem.BadRequest($"Please give {string.Join(", ", missing)}.");
        }

        var zone = await ZoneAsync(clientId, cancellationToken);
        var answers = new SleepDiaryAnswers(date, bed, tried, request.MinutesToFallAsleep!.Value, request.Awakenings ?? 0, request.MinutesAwakeInNight ?? 0, wake, up, request.Quality!.Value, request.NapMinutes);
        var derived = SleepDiary.Derive(answers, zone);
        if (derived.Night is not { } night)
        {
            return Problem.BadRequest($"{derived.Problem!.Message} ({Camel(derived.Problem.Field)})");
        }

        var now = clock.GetCurrentInstant();
        var row = await db.Set<SleepDiaryRecord>().SingleOrDefaultAsync(d => d.ClientId == clientId && d.Date == date, cancellationToken);
        if (row is null)
        {
            row = new SleepDiaryRecord { ClinicId = caller.ClinicId ?? Guid.Empty, ClientId = clientId, Date = date, CreatedAt = now };
            db.Add(row);
        }

        row.BedTime = bed;
        row.TriedToSleepAt = tried;
        row.MinutesToFallAsleep = answers.MinutesToFallAsleep;
        row.Awakenings = answers.Awakenings;
        row.MinutesAwakeInNight = answers.MinutesAwakeInNight;
        row.FinalWakeTime = wake;
        row.OutOfBedTime = up;
        row.Quality = answers.Quality;
        row.NapMinutes = answers.NapMinutes;
        row.TimeZoneId = zone.Id;
        row.InBed = night.InBed;
        row.TriedToSleep = night.TriedToSleep;
        row.FinalWake = night.FinalWake;
        row.OutOfBed = night.OutOfBed;
        row.TimeInBedMinutes = night.TimeInBedMinutes;
        row.TotalSleepMinutes = night.TotalSleepMinutes;
        row.SleepOnsetLatencyMinutes = night.SleepOnsetLatencyMinutes;
        row.WakeAfterSleepOnsetMinutes = night.WakeAfterSleepOnsetMinutes;
        row.SleepEfficiency = night.SleepEfficiency;
        row.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(row).State == EntityState.Added)
        {
            // The same morning saved twice at once: the unique index keeps the first; this one answers as a conflict, nothing half-saved.
            db.Entry(row).State = EntityState.Detached;
            return new Problem(StatusCodes.Status409Conflict, "Saved twice at once", "This morning's diary was just saved from somewhere else. Open it again to see it.");
        }

        return ToDto(row, today);
    }

    /// <summary>The days as the domain counts them: each day's check-in, with last night's sleep from the diary where there is one.</summary>
    public async Task<(IReadOnlyList<DayLog> Days, IReadOnlyList<SleepDiaryNight> Nights)> LogAsync(Guid clientId, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var checkIns = await db.Set<DailyCheckIn>().AsNoTracking().Where(c => c.ClientId == clientId && c.Date >= from && c.Date <= to).ToListAsync(cancellationToken);
        var nights = (await db.Set<SleepDiaryRecord>().AsNoTracking().Where(d => d.ClientId == clientId && d.Date >= from && d.Date <= to).ToListAsync(cancellationToken))
            .Select(d => d.ToNight()).ToList();
        var diary = nights.ToDictionary(n => n.Date);
        var days = checkIns.Select(c => new DayLog(c.Date, c.Mood, diary.TryGetValue(c.Date, out var n) ? n.TotalSleepMinutes : c.SleepMinutes,
                diary.TryGetValue(c.Date, out var q) ? q.Quality : c.SleepQuality, c.ActivityMinutes, c.Meals, c.EatingQuality, c.TotalRelaxationMinutes))
            .Concat(nights.Where(n => !checkIns.Any(c => c.Date == n.Date)).Select(n => new DayLog(n.Date, null, n.TotalSleepMinutes, n.Quality, null, null, null, null)))
            .OrderBy(d => d.Date)
            .ToList();
        return (days, nights);
    }

    /// <summary>Weekly summaries (Monday to Sunday in the client's zone) of the weeks that overlap [from, to].</summary>
    public async Task<IReadOnlyList<LifestyleWeek>> WeeksAsync(Guid clientId, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var (days, nights) = await LogAsync(clientId, from.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)), to, cancellationToken);
        return LifestyleWeeks.Summarize(days, nights, from, to);
    }

    /// <summary>The associations in the client's last 26 weeks of log.</summary>
    public async Task<IReadOnlyList<Association>> AssociationsAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var today = await TodayAsync(clientId, cancellationToken);
        var (days, _) = await LogAsync(clientId, today.PlusWeeks(-26), today, cancellationToken);
        return LifestyleAssociations.Of(days);
    }

    /// <summary>Everything the client logged, as CSV (one row per day; the sleep diary's figures beside the check-in).</summary>
    public async Task<string> ExportCsvAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var checkIns = await db.Set<DailyCheckIn>().AsNoTracking().Where(c => c.ClientId == clientId).ToListAsync(cancellationToken);
        var diary = await db.Set<SleepDiaryRecord>().AsNoTracking().Where(d => d.ClientId == clientId).ToDictionaryAsync(d => d.Date, cancellationToken);
        var dates = checkIns.Select(c => c.Date).Union(diary.Keys).Order().ToList();
        var byDate = checkIns.ToDictionary(c => c.Date);
        var csv = new System.Text.StringBuilder();
        csv.AppendLine("date,mood,sleep_hours,sleep_quality,activity_minutes,meals,eating_quality,relaxation_minutes,breathing_minutes,tags,note,"
            + "diary_bed_time,diary_tried_to_sleep,diary_minutes_to_fall_asleep,diary_awakenings,diary_minutes_awake,diary_final_wake,diary_out_of_bed,diary_quality,diary_nap_minutes,"
            + "time_in_bed_minutes,total_sleep_minutes,sleep_onset_latency_minutes,wake_after_sleep_onset_minutes,sleep_efficiency");
        foreach (var date in dates)
        {
            var c = byDate.GetValueOrDefault(date);
            var d = diary.GetValueOrDefault(date);
            string[] cells =
            [
                LocalDatePattern.Iso.Format(date), N(c?.Mood), c?.SleepMinutes is { } m ? (m / 60m).ToString("0.##", CultureInfo.InvariantCulture) : "", N(c?.SleepQuality),
                N(c?.ActivityMinutes), c?.Meals is { } meals ? MealsText(meals) : "", N(c?.EatingQuality), N(c?.RelaxationMinutes), N(c?.BreathingMinutes), c?.Tags ?? "", c?.Note ?? "",
                d is null ? "" : Clock.Format(d.BedTime), d is null ? "" : Clock.Format(d.TriedToSleepAt), N(d?.MinutesToFallAsleep), N(d?.Awakenings), N(d?.MinutesAwakeInNight),
                d is null ? "" : Clock.Format(d.FinalWakeTime), d is null ? "" : Clock.Format(d.OutOfBedTime), N(d?.Quality), N(d?.NapMinutes),
                N(d?.TimeInBedMinutes), N(d?.TotalSleepMinutes), N(d?.SleepOnsetLatencyMinutes), N(d?.WakeAfterSleepOnsetMinutes), d?.SleepEfficiency.ToString("0.0", CultureInfo.InvariantCulture) ?? "",
            ];
            csv.AppendLine(string.Join(',', cells.Select(Cell)));
        }

        return csv.ToString();
    }

    public static string MealsText(Meals meals) => meals switch
    {
        Meals.Regular => "regular",
        Meals.Partly => "partly",
        _ => "no",
    };

    public static Meals? ParseMeals(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "regular" or "yes" => Meals.Regular,
        "partly" => Meals.Partly,
        "no" => Meals.No,
        _ => null,
    };

    /// <summary>The compartment's answer for writing the log: the client themself, no one else (404 as if unknown).</summary>
    private async Task<Problem?> OwnLogAsync(Guid clientId, CancellationToken cancellationToken) =>
        await access.CheckAsync(clientId, ClientOperation.KeepOwnLog, cancellationToken) is null ? Problem.NotFound("The client") : null;

    private static Problem? EditWindow(LocalDate date, LocalDate today) =>
        date > today ? Problem.Invalid("That day has not come yet: you can log today and the two days before it.")
        : date < today.PlusDays(-(EditableDays - 1)) ? Problem.Invalid("Entries can be added or changed for today and the two days before it; that day is closed now.")
        : null;

    private static List<string> CheckInErrors(CheckInRequest r, out Meals? meals, out List<string> tags)
    {
        var errors = new List<string>();
        if (r.Mood is not (>= 1 and <= 5))
        {
            errors.Add("Choose your mood today, from 1 (very low) to 5 (very good) (mood).");
        }

        if (r.SleepHours is < 0 or > 24)
        {
            errors.Add("Hours of sleep go from 0 to 24 (sleepHours).");
        }

        Scale(r.SleepQuality, "How well you slept", "sleepQuality", errors);
        Scale(r.EatingQuality, "How well you ate", "eatingQuality", errors);
        Minutes(r.ActivityMinutes, "Minutes of activity", "activityMinutes", errors);
        Minutes(r.RelaxationMinutes, "Minutes of breathing or meditation", "relaxationMinutes", errors);
        meals = ParseMeals(r.Meals);
        if (!string.IsNullOrWhiteSpace(r.Meals) && meals is null)
        {
            errors.Add("Regular meals is one of: regular, partly or no (meals).");
        }

        tags = (r.Tags ?? []).Select(t => t?.Trim().ToLowerInvariant() ?? "").Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > MaxTags)
        {
            errors.Add($"Use at most {MaxTags} tags (tags).");
        }

        if (tags.Any(t => t.Length > MaxTagLength || !t.All(ch => char.IsLetterOrDigit(ch) || ch is ' ' or '-')))
        {
            errors.Add($"A tag is a short word or two: letters, numbers, spaces and hyphens, at most {MaxTagLength} characters (tags).");
        }

        return errors;
    }

    private static void Scale(int? value, string label, string field, List<string> errors)
    {
        if (value is not null and not (>= 1 and <= 5))
        {
            errors.Add($"{label} goes from 1 to 5 ({field}).");
        }
    }

    private static void Minutes(int? value, string label, string field, List<string> errors)
    {
        if (value is < 0 or > 1440)
        {
            errors.Add($"{label} go from 0 to 1440 ({field}).");
        }
    }

    private static LocalTime Time(string? text, string what, List<string> missing)
    {
        if (text is not null && Clock.Parse(text.Trim()) is { Success: true } parsed)
        {
            return parsed.Value;
        }

        missing.Add($"{what} as hours and minutes, like 23:15");
        return default;
    }

    private async Task<DailyCheckIn> UpsertDayAsync(Guid clientId, LocalDate date, Action<DailyCheckIn> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetCurrentInstant();
            var row = await db.Set<DailyCheckIn>().SingleOrDefaultAsync(c => c.ClientId == clientId && c.Date == date, cancellationToken);
            if (row is null)
            {
                row = new DailyCheckIn { ClinicId = caller.ClinicId ?? Guid.Empty, ClientId = clientId, Date = date, CreatedAt = now };
                db.Add(row);
            }

            change(row);
            row.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return row;
            }
            catch (DbUpdateException) when (attempt == 0 && db.Entry(row).State == EntityState.Added)
            {
                // The day's row was made by a request at the same moment (a check-in and a breathing exercise): change that one instead.
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    private static CheckInDto ToDto(DailyCheckIn c, LocalDate today) => new(
        c.Date.ToDateOnly(), c.Mood, c.SleepMinutes is { } m ? Math.Round(m / 60m, 2) : null, c.SleepQuality, c.ActivityMinutes,
        c.Meals is { } meals ? MealsText(meals) : null, c.EatingQuality, c.TotalRelaxationMinutes, c.BreathingMinutes,
        c.Tags.Length == 0 ? [] : c.Tags.Split(','), c.Note, EditWindow(c.Date, today) is null);

    private static SleepDiaryDto ToDto(SleepDiaryRecord d, LocalDate today) => new(
        d.Date.ToDateOnly(), Clock.Format(d.BedTime), Clock.Format(d.TriedToSleepAt), d.MinutesToFallAsleep, d.Awakenings, d.MinutesAwakeInNight,
        Clock.Format(d.FinalWakeTime), Clock.Format(d.OutOfBedTime), d.Quality, d.NapMinutes, d.TimeInBedMinutes, d.TotalSleepMinutes,
        d.SleepOnsetLatencyMinutes, d.WakeAfterSleepOnsetMinutes, d.SleepEfficiency, EditWindow(d.Date, today) is null);

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>A CSV cell (RFC 4180 quoting); a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula.</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
