using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Plans;

namespace OnTrack.Web.Features.Reviews;

/// <summary>
/// The review with the client: opened from an alert, the client's "isn't working" or the plan's review date;
/// a finding per area and actions decided together. A change of approach or frequency is a new plan version.
/// Completing it resolves the alert it came from.
/// </summary>
public sealed class Reviews(OnTrackDbContext db, PlanActor actor, TreatmentPlans plans, IClock clock)
{
    public const int MaxText = 2000;

    public async Task<IReadOnlyList<ReviewDto>> ListAsync(Guid clientId, CancellationToken cancellationToken) =>
        (await Query().Where(r => r.ClientId == clientId).OrderByDescending(r => r.OpenedAt).ToListAsync(cancellationToken)).Select(ToDto).ToList();

    public async Task<ReviewDto?> GetAsync(Guid clientId, Guid reviewId, CancellationToken cancellationToken) =>
        await Query().SingleOrDefaultAsync(r => r.Id == reviewId && r.ClientId == clientId, cancellationToken) is { } review ? ToDto(review) : null;

    public async Task<Result<ReviewDto>> OpenAsync(Guid clientId, OpenReviewRequest request, CancellationToken cancellationToken)
    {
        if (request.Reason is not { } reason || !Enum.IsDefined(reason))
        {
            return Problem.BadRequest("Say why the review is opened (reason): NotOnTrack, Deterioration, NoReliableImprovement, LowOrFallingAlliance, ClientConcern, PlanReviewDate or Other.");
        }

        Alert? alert = null;
        if (request.AlertId is { } alertId && (alert = await db.Alerts.SingleOrDefaultAsync(a => a.Id == alertId && a.ClientId == clientId, cancellationToken)) is null)
        {
            return Problem.BadRequest("The alert given is not one of this client's alerts.");
        }

        ClientConcern? concern = null;
        if (request.ConcernId is { } concernId && (concern = await db.Set<ClientConcern>().SingleOrDefaultAsync(c => c.Id == concernId && c.ClientId == clientId, cancellationToken)) is null)
        {
            return Problem.BadRequest("The concern given is not one of this client's concerns.");
        }

        // A review opened from the alert of a concern answers that concern.
        if (concern is null && alert is { Kind: OnTrack.Domain.Outcomes.AlertKind.ClientConcern })
        {
            concern = await db.Set<ClientConcern>().SingleOrDefaultAsync(c => c.AlertId == alert.Id && c.ClientId == clientId, cancellationToken);
        }

        if (await db.Set<Review>().AnyAsync(r => r.ClientId == clientId && r.State == ReviewState.Open, cancellationToken))
        {
            return Problem.Invalid("This client already has an open review: complete it first, or add to it.");
        }

        var now = clock.GetCurrentInstant();
        var name = await actor.NameAsync(cancellationToken);
        var review = new Review
        {
            ClientId = clientId,
            ClinicId = (await db.ClientRecords.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.ClinicId).SingleAsync(cancellationToken)),
            Reason = reason,
            AlertId = alert?.Id,
            ConcernId = concern?.Id,
            State = ReviewState.Open,
            OpenedAt = now,
            OpenedByUserId = actor.UserId,
            OpenedByName = name,
        };
        db.Add(review);
        if (alert is { State: AlertState.New })
        {
            alert.State = AlertState.Acknowledged;
            alert.AcknowledgedAt = now;
            alert.AcknowledgedBy = name;
            alert.ActionTaken = "Opened a review with the client.";
        }

        if (concern is not null)
        {
            concern.ReviewId = review.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToDto(review);
    }

    public async Task<Result<ReviewDto>> SetFindingAsync(Guid clientId, Guid reviewId, FindingRequest request, CancellationToken cancellationToken)
    {
        if (request.Area is not { } area || !Enum.IsDefined(area))
        {
            return Problem.BadRequest("Say which area the finding is about (area).");
        }

        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Problem.BadRequest("Write the finding in a few words (text).");
        }

        if (Validation.TextRules.Problem(text, "The finding", MaxText, multiline: true) is { } textProblem)
        {
            return Problem.BadRequest(textProblem);
        }

        var review = await OpenReviewAsync(clientId, reviewId, cancellationToken);
        if (!review.Succeeded)
        {
            return review.Problem!;
        }

        var finding = review.Value!.Findings.FirstOrDefault(f => f.Area == area);
        if (finding is null)
        {
            finding = new ReviewFinding { ClinicId = review.Value.ClinicId, ClientId = clientId, ReviewId = reviewId, Area = area };
            review.Value.Findings.Add(finding);
            db.Add(finding);
        }

        finding.Text = text;
        finding.IsProblem = request.IsProblem ?? false;
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(review.Value);
    }

    public async Task<Result<ReviewDto>> AddActionAsync(Guid clientId, Guid reviewId, ActionRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            return Problem.BadRequest("Say what was decided (kind).");
        }

        var details = request.Details?.Trim() ?? "";
        if (Validation.TextRules.Problem(details, "What you decided", MaxText, multiline: true) is { } detailsProblem)
        {
            return Problem.BadRequest(detailsProblem);
        }

        if (request.NewApproach is { } approach && !Enum.IsDefined(approach) || request.NewFrequency is { } frequencyGiven && !Enum.IsDefined(frequencyGiven))
        {
            return Problem.BadRequest("Choose the new approach (newApproach) or frequency (newFrequency: Weekly, TwiceWeekly or EveryOtherWeek) from the lists given.");
        }

        if (kind == ReviewActionKind.ChangeApproach && request.NewApproach is null)
        {
            return Problem.BadRequest("A change of approach needs the new approach (newApproach).");
        }

        if (kind == ReviewActionKind.ChangeFrequency && request.NewFrequency is null)
        {
            return Problem.BadRequest("A change of frequency needs the new frequency (newFrequency): Weekly, TwiceWeekly or EveryOtherWeek.");
        }

        if (details.Length == 0 && kind is not (ReviewActionKind.ChangeApproach or ReviewActionKind.ChangeFrequency or ReviewActionKind.ContinueUnchanged))
        {
            return Problem.BadRequest("Say in a few words what was decided (details).");
        }

        var review = await OpenReviewAsync(clientId, reviewId, cancellationToken);
        if (!review.Succeeded)
        {
            return review.Problem!;
        }

        var action = new ReviewAction
        {
            ClinicId = review.Value!.ClinicId,
            ClientId = clientId,
            ReviewId = reviewId,
            Kind = kind,
            Details = details,
            TakenAt = clock.GetCurrentInstant(),
            ByName = await actor.NameAsync(cancellationToken),
            NewApproach = kind == ReviewActionKind.ChangeApproach ? request.NewApproach : null,
            NewFrequency = kind == ReviewActionKind.ChangeFrequency ? request.NewFrequency : null,
            FollowUp = ActionFollowUp.Pending,
        };

        // The plan's new version and the action are stored together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (kind is ReviewActionKind.ChangeApproach or ReviewActionKind.ChangeFrequency)
        {
            var state = await plans.GetAsync(clientId, cancellationToken);
            if (state.Plan is not { } plan)
            {
                return Problem.Invalid("The client has no treatment plan yet to change: write the plan first, on the Plan and goals tab.");
            }

            var frequency = action.NewFrequency ?? plan.Frequency;
            var today = await actor.TodayAsync(cancellationToken);
            var afterFourSessions = today.PlusWeeks(frequency switch { SessionFrequency.TwiceWeekly => 2, SessionFrequency.EveryOtherWeek => 8, _ => 4 });
            var next = plan.NextReview is { } d && d.ToLocalDate() > today ? d : afterFourSessions.ToDateOnly();
            var changed = await plans.SetAsync(clientId, new PlanRequest(plan.ProblemAreas, plan.ClientWords, action.NewApproach ?? plan.Approach, plan.Format, frequency,
                plan.PlannedSessions, plan.PlannedSessions is null ? plan.PlannedWeeks : null, next, plan.Version), cancellationToken);
            if (!changed.Succeeded)
            {
                return changed.Problem!;
            }

            action.PlanVersion = changed.Value!.Plan!.Version;
        }

        review.Value.Actions.Add(action);
        db.Add(action);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ToDto(review.Value);
    }

    public async Task<Result<ReviewDto>> CompleteAsync(Guid clientId, Guid reviewId, CompleteReviewRequest request, CancellationToken cancellationToken)
    {
        var review = await OpenReviewAsync(clientId, reviewId, cancellationToken);
        if (!review.Succeeded)
        {
            return review.Problem!;
        }

        if (Validation.TextRules.Problem(request.Summary, "A line on the review", MaxText, multiline: true) is { } summaryProblem)
        {
            return Problem.BadRequest(summaryProblem);
        }

        if (review.Value!.Actions.Count == 0)
        {
            return Problem.Invalid("Record at least one decision before completing the review (\"continue unchanged\" is one).");
        }

        if (request.AppointmentId is { } appointmentId
            && !await db.Appointments.AnyAsync(a => a.Id == appointmentId && a.Participants.Any(p => p.ClientId == clientId), cancellationToken))
        {
            return Problem.BadRequest("The session given is not one of this client's sessions.");
        }

        var now = clock.GetCurrentInstant();
        var name = await actor.NameAsync(cancellationToken);
        review.Value.State = ReviewState.Completed;
        review.Value.CompletedAt = now;
        review.Value.CompletedByName = name;
        review.Value.Summary = request.Summary?.Trim() ?? "";
        review.Value.AppointmentId = request.AppointmentId;
        if (review.Value.AlertId is { } alertId && await db.Alerts.SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken) is { State: not AlertState.Resolved } alert)
        {
            alert.State = AlertState.Resolved;
            alert.ResolvedAt = now;
            alert.ResolvedBy = name;
            alert.Resolution = $"Resolved by a review with the client: {string.Join(", ", review.Value.Actions.Select(x => ReviewWords.Action(x.Kind)))}.";
            alert.AcknowledgedAt ??= now;
            alert.AcknowledgedBy ??= name;
        }

        if (review.Value.ConcernId is { } concernId && await db.Set<ClientConcern>().SingleOrDefaultAsync(c => c.Id == concernId, cancellationToken) is { State: ConcernState.Open } concern)
        {
            concern.State = ConcernState.Handled;
            concern.HandledAt = now;
            concern.HandledBy = name;
            concern.Outcome = "Talked through in a review: " + string.Join(", ", review.Value.Actions.Select(x => ReviewWords.Action(x.Kind))) + ".";
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToDto(review.Value);
    }

    public async Task<Result<ReviewDto>> FollowUpAsync(Guid clientId, Guid reviewId, Guid actionId, FollowUpRequest request, CancellationToken cancellationToken)
    {
        if (request.Decision is not (ActionFollowUp.Confirmed or ActionFollowUp.Revisit))
        {
            return Problem.BadRequest("Say whether to keep the change (Confirmed) or look at it again (Revisit).");
        }

        if (Validation.TextRules.Problem(request.Note, "A note", MaxText, multiline: true) is { } noteProblem)
        {
            return Problem.BadRequest(noteProblem);
        }

        var review = await Query(tracking: true).SingleOrDefaultAsync(r => r.Id == reviewId && r.ClientId == clientId, cancellationToken);
        if (review?.Actions.FirstOrDefault(a => a.Id == actionId) is not { } action)
        {
            return Problem.NotFound("The decision");
        }

        action.FollowUp = request.Decision.Value;
        action.FollowUpAt = clock.GetCurrentInstant();
        action.FollowUpNote = request.Note?.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(review);
    }

    private async Task<Result<Review>> OpenReviewAsync(Guid clientId, Guid reviewId, CancellationToken cancellationToken)
    {
        var review = await Query(tracking: true).SingleOrDefaultAsync(r => r.Id == reviewId && r.ClientId == clientId, cancellationToken);
        return review is null ? Problem.NotFound("The review")
            : review.State != ReviewState.Open ? Problem.Invalid("This review is completed; open a new one to change more.")
            : review;
    }

    private IQueryable<Review> Query(bool tracking = false)
    {
        var query = db.Set<Review>().Include(r => r.Findings).Include(r => r.Actions).AsSplitQuery();
        return tracking ? query : query.AsNoTracking();
    }

    private static ReviewDto ToDto(Review r) => new(r.Id, r.ClientId, r.Reason, r.State, r.AlertId, r.ConcernId, r.OpenedAt.ToDateTimeOffset(), r.OpenedByName,
        r.CompletedAt?.ToDateTimeOffset(), r.CompletedByName, r.AppointmentId, r.Summary,
        r.Findings.OrderBy(f => f.Area).Select(f => new FindingDto(f.Area, f.Text, f.IsProblem)).ToList(),
        r.Actions.OrderBy(a => a.TakenAt).Select(a => new ActionDto(a.Id, a.Kind, a.Details, a.TakenAt.ToDateTimeOffset(), a.ByName, a.NewApproach, a.NewFrequency,
            a.PlanVersion, a.FollowUp, a.FollowUpAt?.ToDateTimeOffset(), a.FollowUpNote)).ToList());
}
