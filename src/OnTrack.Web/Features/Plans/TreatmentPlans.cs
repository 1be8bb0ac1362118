using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Plans;

/// <summary>
/// A client's treatment plan: every change a new version, the latest in force; the client agrees to (or
/// comments on) one version, and a new version needs their agreement again. Access is decided by the
/// client route group before these run; the compartment filters and audits every row.
/// </summary>
public sealed class TreatmentPlans(OnTrackDbContext db, Caller caller, PlanActor actor, IClock clock)
{
    public const int MaxSessions = 200;
    public const int MaxWeeks = 156;

    public async Task<PlanStateDto> GetAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var current = await db.Set<TreatmentPlanVersion>().AsNoTracking().Where(p => p.ClientId == clientId)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        var responses = await db.Set<PlanResponse>().AsNoTracking().Where(r => r.ClientId == clientId)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);
        var agreed = current is null ? null : responses.FirstOrDefault(r => r.PlanVersionId == current.Id && r.Agreed);
        return new PlanStateDto(clientId, current is null ? null : ToDto(current), agreed is not null, agreed?.At.ToDateTimeOffset(),
            responses.Select(r => new PlanResponseDto(r.Version, r.Agreed, r.Comment, r.At.ToDateTimeOffset(), r.ByName)).ToList());
    }

    /// <summary>Every version, newest first.</summary>
    public async Task<IReadOnlyList<PlanVersionDto>> HistoryAsync(Guid clientId, CancellationToken cancellationToken) =>
        (await db.Set<TreatmentPlanVersion>().AsNoTracking().Where(p => p.ClientId == clientId).OrderByDescending(p => p.Version).ToListAsync(cancellationToken))
            .Select(ToDto).ToList();

    /// <summary>Stores a new version of the plan, or says what is wrong with it (nothing stored).</summary>
    public async Task<Result<PlanStateDto>> SetAsync(Guid clientId, PlanRequest request, CancellationToken cancellationToken)
    {
        var today = await actor.TodayAsync(cancellationToken);
        if (Check(request, today) is { } problem)
        {
            return problem;
        }

        var latest = await db.Set<TreatmentPlanVersion>().AsNoTracking().Where(p => p.ClientId == clientId)
            .MaxAsync(p => (int?)p.Version, cancellationToken) ?? 0;
        if (request.BaseVersion is { } seen && seen != latest)
        {
            return Problem.Conflict($"The plan was changed since you opened it (you saw version {seen}; it is now version {latest}). Open it again and make your change there.");
        }

        db.Add(new TreatmentPlanVersion
        {
            ClinicId = caller.ClinicId ?? Guid.Empty,
            ClientId = clientId,
            Version = latest + 1,
            ProblemAreas = request.ProblemAreas!.Distinct().Order().ToList(),
            ClientWords = request.ClientWords?.Trim() ?? "",
            Approach = request.Approach!.Value,
            Format = request.Format!.Value,
            Frequency = request.Frequency!.Value,
            PlannedSessions = request.PlannedSessions,
            PlannedWeeks = request.PlannedWeeks,
            NextReview = request.NextReview?.ToLocalDate(),
            ChangedAt = clock.GetCurrentInstant(),
            ChangedByUserId = actor.UserId,
            ChangedByName = await actor.NameAsync(cancellationToken),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique (client, version) index: someone else saved a version at the same moment.
            return Problem.Conflict("Someone else changed the plan at the same moment. Open it again and make your change there.");
        }

        return await GetAsync(clientId, cancellationToken);
    }

    /// <summary>The client agrees to, or comments on, the version they saw; a version that is no longer current is refused (409).</summary>
    public async Task<Result<PlanStateDto>> RespondAsync(Guid clientId, PlanAgreementRequest request, CancellationToken cancellationToken)
    {
        if (caller.ClientId != clientId)
        {
            return new Problem(StatusCodes.Status403Forbidden, "Only the client can answer", "Only the client can agree to or comment on their treatment plan.");
        }

        if (request.Version is not { } version)
        {
            return Problem.BadRequest("Say which version of the plan you are answering (version).");
        }

        var comment = request.Comment?.Trim() ?? "";
        if (request.Agree != true && comment.Length == 0)
        {
            return Problem.BadRequest("Agree to the plan (agree: true), write a comment, or both.");
        }

        var current = await db.Set<TreatmentPlanVersion>().AsNoTracking().Where(p => p.ClientId == clientId)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return Problem.Conflict("There is no treatment plan to answer yet.");
        }

        if (current.Version != version)
        {
            return Problem.Conflict($"The plan has changed since you read it: you answered version {version}, the plan is now version {current.Version}. Read the new version, then answer it.");
        }

        db.Add(new PlanResponse
        {
            ClinicId = current.ClinicId,
            ClientId = clientId,
            PlanVersionId = current.Id,
            Version = current.Version,
            Agreed = request.Agree == true,
            Comment = comment,
            At = clock.GetCurrentInstant(),
            ByUserId = actor.UserId,
            ByName = await actor.NameAsync(cancellationToken),
        });
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(clientId, cancellationToken);
    }

    /// <summary>
    /// The caller's clients (a therapist: their care team with clinical access; admins: the clinic's) still
    /// in treatment whose current plan's review date is today or past, in the clinic's zone; most overdue first.
    /// </summary>
    public async Task<IReadOnlyList<PlanReviewDue>> DueForReviewAsync(CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin && caller.TherapistId is null)
        {
            return [];
        }

        var today = await actor.TodayAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var plans = db.Set<TreatmentPlanVersion>();
        var current = plans.AsNoTracking().Where(p => p.NextReview != null && p.Version == plans.Where(q => q.ClientId == p.ClientId).Max(q => q.Version));
        if (!caller.IsAdmin && caller.TherapistId is { } therapist)
        {
            // Reviews are for those who may change the plan: a former therapist who still reads the record is not asked.
            current = current.Where(p => db.CareTeamMembers.Any(m => m.ClientId == p.ClientId && m.TherapistId == therapist
                && m.Access == CareTeams.CareTeamAccess.Full && (m.Until == null || m.Until > now)));
        }

        var due = await current
            .Join(db.ClientRecords.Where(c => c.DischargedAt == null), p => p.ClientId, c => c.Id, (p, c) => new { p.ClientId, c.FullName, p.Version, Review = p.NextReview!.Value })
            .ToListAsync(cancellationToken);

        // Compared here, not in SQL: SQLite keeps dates as text. A caseload's current plans are few.
        var rows = due.Where(d => d.Review <= today).OrderBy(d => d.Review).ThenBy(d => d.FullName, StringComparer.Ordinal)
            .Select(d => new PlanReviewDue(d.ClientId, d.FullName, d.Version, d.Review.ToDateOnly(), NodaTime.Period.DaysBetween(d.Review, today))).ToList();
        foreach (var row in rows)
        {
            db.AuditRead("TreatmentPlan", row.ClientId.ToString(), row.ClientId, "due for review");
        }

        return rows;
    }

    private static Problem? Check(PlanRequest request, NodaTime.LocalDate today)
    {
        var errors = new List<string>();
        if (request.ProblemAreas is not { Count: > 0 } areas)
        {
            errors.Add("Name at least one problem area (problemAreas).");
        }
        else if (areas.Any(a => !Enum.IsDefined(a)))
        {
            errors.Add($"A problem area is one of: {string.Join(", ", Enum.GetNames<ProblemArea>())}.");
        }

        if (request.Approach is not { } approach || !Enum.IsDefined(approach))
        {
            errors.Add($"The approach is required, one of: {string.Join(", ", Enum.GetNames<TherapyApproach>())}.");
        }

        if (request.Format is not { } format || !Enum.IsDefined(format))
        {
            errors.Add($"The format is required, one of: {string.Join(", ", Enum.GetNames<SessionFormat>())}.");
        }

        if (request.Frequency is not { } frequency || !Enum.IsDefined(frequency))
        {
            errors.Add($"How often sessions are planned (frequency) is required, one of: {string.Join(", ", Enum.GetNames<SessionFrequency>())}.");
        }

        switch (request.PlannedSessions, request.PlannedWeeks)
        {
            case (null, null):
            case (not null, not null):
                errors.Add("Plan either a number of sessions (plannedSessions) or a number of weeks (plannedWeeks), one of the two.");
                break;
            case ({ } sessions, null) when sessions is < 1 or > MaxSessions:
                errors.Add($"The planned number of sessions is between 1 and {MaxSessions}.");
                break;
            case (null, { } weeks) when weeks is < 1 or > MaxWeeks:
                errors.Add($"The planned number of weeks is between 1 and {MaxWeeks}.");
                break;
        }

        if (request.NextReview is { } review && review.ToLocalDate() <= today)
        {
            errors.Add($"The next review date must be after today ({today.ToDateOnly():yyyy-MM-dd}).");
        }
        else if (request.NextReview is { } far && far.ToLocalDate() > today.PlusYears(2))
        {
            errors.Add("The next review date is at most two years ahead.");
        }

        return errors.Count == 0 ? null : Problem.BadRequest(string.Join(" ", errors));
    }

    private static PlanVersionDto ToDto(TreatmentPlanVersion p) => new(p.Version, p.ProblemAreas, p.ClientWords, p.Approach, p.Format, p.Frequency,
        p.PlannedSessions, p.PlannedWeeks, p.NextReview?.ToDateOnly(), p.ChangedAt.ToDateTimeOffset(), p.ChangedByName);
}
