using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Lifestyle;
using OnTrack.Web.Data;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Validation;

namespace OnTrack.Web.Features.Lifestyle;

/// <summary>
/// Lifestyle steps agreed between client and therapist (in a review or a session): written by those who
/// may change the plan, shown to the client, and counted week by week from the client's own log.
/// </summary>
public sealed class LifestyleSteps(OnTrackDbContext db, ClientAccess access, PlanActor actor, LifestyleLog log, IClock clock)
{
    public const int MaxTextLength = 200;
    public const int MaxActive = 3;

    /// <summary>The client's steps, active first then ended, each with its last 8 weeks counted.</summary>
    public async Task<IReadOnlyList<LifestyleStepDto>> ListAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var steps = await db.Set<LifestyleStep>().AsNoTracking().Where(s => s.ClientId == clientId).ToListAsync(cancellationToken);
        if (steps.Count == 0)
        {
            return [];
        }

        var zone = await log.ZoneAsync(clientId, cancellationToken);
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        var from = today.PlusWeeks(-8).With(DateAdjusters.Next(IsoDayOfWeek.Monday));
        var (days, nights) = await log.LogAsync(clientId, from.PlusDays(-1), today, cancellationToken);
        return steps.OrderBy(s => s.EndedAt is null ? 0 : 1).ThenByDescending(s => s.AgreedAt)
            .Select(s =>
            {
                var end = s.EndedAt is { } ended ? LocalDate.Min(ended.InZone(zone).Date, today) : today;
                var start = LocalDate.Max(s.StartsOn, from);
                var weeks = start > end ? [] : StepProgress.Count(s.Rule(), days, nights, zone, start, end);
                return ToDto(s, weeks);
            })
            .ToList();
    }

    /// <summary>A new step agreed with the client (at most three at a time), counted from today.</summary>
    public async Task<Result<LifestyleStepDto>> AgreeAsync(Guid clientId, LifestyleStepRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await access.CheckAsync(clientId, ClientOperation.ManagePlan, cancellationToken) is null)
        {
            return Problem.NotFound("The client");
        }

        if (InputRules.Check(request) is { } invalid)
        {
            return invalid;
        }

        // Required here, after the access check, so that a caller who may not agree steps is refused before their body is judged.
        if (TextRules.Problem(request.Text, "The step", MaxTextLength, required: true, minLength: 3) is { } textProblem)
        {
            return Problem.BadRequest(textProblem + " (text)");
        }

        if (KindOf(request.Kind) is not { } kind)
        {
            return Problem.BadRequest("Choose what the step is about: bedBy, sleepAtLeast, activityAtLeast, relaxationAtLeast or regularMeals (kind).");
        }

        LocalTime? time = null;
        if (!string.IsNullOrWhiteSpace(request.Time))
        {
            if (LifestyleLog.Clock.Parse(request.Time.Trim()) is not { Success: true } parsed)
            {
                return Problem.BadRequest("Give the time as hours and minutes, like 23:30 (time).");
            }

            time = parsed.Value;
        }

        if (request.Days is { } given && given.Any(d => d is < 1 or > 7))
        {
            return Problem.BadRequest("Days are 1 (Monday) to 7 (Sunday) (days).");
        }

        var days = request.Days is { Count: > 0 } list ? list.Distinct().Order().Select(d => (IsoDayOfWeek)d).ToHashSet() : null;
        var rule = new StepRule(kind, request.Minutes, time, days, request.TimesPerWeek);
        if (StepRule.Problem(rule) is { } ruleProblem)
        {
            return Problem.BadRequest(ruleProblem);
        }

        if (await db.Set<LifestyleStep>().CountAsync(s => s.ClientId == clientId && s.EndedAt == null, cancellationToken) >= MaxActive)
        {
            return Problem.Invalid($"A client has at most {MaxActive} lifestyle steps at a time: end one before agreeing another.");
        }

        if (request.ReviewId is { } reviewId && !await db.Set<Reviews.Review>().AnyAsync(r => r.Id == reviewId && r.ClientId == clientId, cancellationToken))
        {
            return Problem.BadRequest("That review is not one of this client's (reviewId).");
        }

        var step = new LifestyleStep
        {
            ClinicId = (await db.ClientRecords.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.ClinicId).SingleAsync(cancellationToken)),
            ClientId = clientId,
            Text = request.Text!.Trim(),
            Kind = kind,
            Minutes = rule.Minutes,
            Time = rule.Time,
            Days = days is null ? "" : string.Join(',', days.Order().Select(d => ((int)d).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            TimesPerWeek = rule.TimesPerWeek,
            ReviewId = request.ReviewId,
            StartsOn = await log.TodayAsync(clientId, cancellationToken),
            AgreedAt = clock.GetCurrentInstant(),
            AgreedByUserId = actor.UserId,
            AgreedBy = await actor.NameAsync(cancellationToken),
        };
        db.Add(step);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(step, []);
    }

    /// <summary>Ends a step (it stays in the list, with its weeks); ending it twice is refused (409).</summary>
    public async Task<Result<LifestyleStepDto>> EndAsync(Guid clientId, Guid stepId, CancellationToken cancellationToken)
    {
        if (await access.CheckAsync(clientId, ClientOperation.ManagePlan, cancellationToken) is null)
        {
            return Problem.NotFound("The client");
        }

        var step = await db.Set<LifestyleStep>().SingleOrDefaultAsync(s => s.Id == stepId && s.ClientId == clientId, cancellationToken);
        if (step is null)
        {
            return Problem.NotFound("The step");
        }

        if (step.EndedAt is not null)
        {
            return new Problem(StatusCodes.Status409Conflict, "Already ended", "This step has already ended.");
        }

        step.EndedAt = clock.GetCurrentInstant();
        step.EndedBy = await actor.NameAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(step, []);
    }

    public static StepKind? KindOf(string? text) => text?.Trim() switch
    {
        "bedBy" => StepKind.BedBy,
        "sleepAtLeast" => StepKind.SleepAtLeast,
        "activityAtLeast" => StepKind.ActivityAtLeast,
        "relaxationAtLeast" => StepKind.RelaxationAtLeast,
        "regularMeals" => StepKind.RegularMeals,
        _ => null,
    };

    public static string KindText(StepKind kind) => kind switch
    {
        StepKind.BedBy => "bedBy",
        StepKind.SleepAtLeast => "sleepAtLeast",
        StepKind.ActivityAtLeast => "activityAtLeast",
        StepKind.RelaxationAtLeast => "relaxationAtLeast",
        _ => "regularMeals",
    };

    private static LifestyleStepDto ToDto(LifestyleStep s, IReadOnlyList<StepWeek> weeks) => new(
        s.Id, s.Text, KindText(s.Kind), s.Rule().Describe(), s.StartsOn.ToDateOnly(), s.AgreedAt.ToDateTimeOffset(), s.AgreedBy, s.ReviewId, s.EndedAt?.ToDateTimeOffset(),
        weeks.Select(w => new StepWeekDto(w.WeekStart.ToDateOnly(), w.DaysMet, w.DaysWithData, w.DaysAsked, w.Met)).ToList());
}
