using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Plans;

/// <summary>
/// A client's goals in their own words: at most <see cref="MaxActive"/> active at once (the check-in rates
/// each), revised with the old wording kept, met or dropped with the day, optionally scaled (GAS).
/// </summary>
public sealed class Goals(OnTrackDbContext db, Caller caller, PlanActor actor, IClock clock)
{
    public const int MaxActive = 5;
    public const int MinLength = 3;
    public const int MaxLength = 300;
    public const decimal MaxWeight = 100;

    public async Task<GoalsDto> ListAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var goals = await db.Set<Goal>().AsNoTracking().Include(g => g.Revisions).Where(g => g.ClientId == clientId)
            .OrderBy(g => g.CreatedAt).ThenBy(g => g.Id).ToListAsync(cancellationToken);
        var ratings = await db.Set<GoalAttainmentRating>().AsNoTracking().Where(r => r.ClientId == clientId).ToListAsync(cancellationToken);
        var latest = ratings.GroupBy(r => r.GoalId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.RatedAt).ThenByDescending(r => r.Id).First());
        GoalDto Dto(Goal g) => ToDto(g, latest.GetValueOrDefault(g.Id));

        var scaled = goals.Where(g => g.Status != GoalStatus.Dropped && g.GasWeight is { } && latest.ContainsKey(g.Id))
            .Select(g => new GoalAttainmentLevel(latest[g.Id].Level, (double)g.GasWeight!.Value)).ToList();
        return new GoalsDto(clientId,
            goals.Where(g => g.Status == GoalStatus.Active).Select(Dto).ToList(),
            goals.Where(g => g.Status != GoalStatus.Active).OrderByDescending(g => g.StatusChangedAt).Select(Dto).ToList(),
            scaled.Count > 0 ? Math.Round(GoalAttainment.TScore(scaled), 1) : null,
            scaled.Count);
    }

    /// <summary>Rate the level a scaled goal has reached (−2 … +2); each rating is kept, the latest counts.</summary>
    public async Task<Result<GoalDto>> RateAttainmentAsync(Guid clientId, Guid goalId, GasRatingRequest request, CancellationToken cancellationToken)
    {
        if (request.Level is not (>= -2 and <= 2))
        {
            return Problem.BadRequest("The level reached (level) is a whole number from −2 (much less than expected) to +2 (much more than expected).");
        }

        var goal = await db.Set<Goal>().Include(g => g.Revisions).SingleOrDefaultAsync(g => g.Id == goalId && g.ClientId == clientId, cancellationToken);
        if (goal is null)
        {
            return Problem.NotFound("The goal");
        }

        if (goal.GasLevels is null || goal.GasWeight is null)
        {
            return Problem.Invalid("This goal has no goal attainment scaling yet: describe its five levels first.");
        }

        if (goal.Status == GoalStatus.Dropped)
        {
            return Problem.Invalid("A dropped goal is not rated. Make it active again first.");
        }

        var rating = new GoalAttainmentRating
        {
            ClinicId = goal.ClinicId,
            ClientId = clientId,
            GoalId = goal.Id,
            Level = request.Level.Value,
            RatedAt = clock.GetCurrentInstant(),
            ByUserId = actor.UserId,
            ByName = await actor.NameAsync(cancellationToken),
        };
        db.Add(rating);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(goal, rating);
    }

    public async Task<Result<GoalDto>> AddAsync(Guid clientId, GoalRequest request, CancellationToken cancellationToken)
    {
        // Required and at least three characters, checked here rather than by the attribute: input rules run
        // before the client route's access check, and an empty body must not tell a stranger more than 404.
        var text = request.Text?.Trim() ?? "";
        if (Validation.TextRules.Problem(text, "The goal", MaxLength, required: true, minLength: MinLength) is { } textProblem)
        {
            return Problem.BadRequest(textProblem);
        }

        if (CheckGas(request.Gas) is { } gasProblem)
        {
            return gasProblem;
        }

        if (await ActiveCountAsync(clientId, cancellationToken) >= MaxActive)
        {
            return TooMany();
        }

        var goal = new Goal
        {
            ClinicId = caller.ClinicId ?? Guid.Empty,
            ClientId = clientId,
            Text = text,
            Status = GoalStatus.Active,
            ProposedBy = caller.ClientId == clientId ? GoalAuthor.Client : GoalAuthor.Staff,
            ProposedByName = await actor.NameAsync(cancellationToken),
            CreatedAt = clock.GetCurrentInstant(),
        };
        SetGas(goal, request.Gas);
        db.Add(goal);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(goal);
    }

    /// <summary>New wording (the old one kept as a revision) and/or new scaling.</summary>
    public async Task<Result<GoalDto>> ChangeAsync(Guid clientId, Guid goalId, GoalChangeRequest request, CancellationToken cancellationToken)
    {
        var goal = await db.Set<Goal>().Include(g => g.Revisions).SingleOrDefaultAsync(g => g.Id == goalId && g.ClientId == clientId, cancellationToken);
        if (goal is null)
        {
            return Problem.NotFound("The goal");
        }

        if (request.Text is null && request.Gas is null && request.RemoveGas != true)
        {
            return Problem.BadRequest("Send new wording for the goal (text), its scaling (gas), or removeGas: true.");
        }

        if (request.Gas is not null && request.RemoveGas == true)
        {
            return Problem.BadRequest("Either set the goal's scaling (gas) or remove it (removeGas), not both.");
        }

        if (CheckGas(request.Gas) is { } gasProblem)
        {
            return gasProblem;
        }

        // Absent text leaves the wording as it is (the attribute cannot say "at least 3 when given").
        var text = request.Text?.Trim();
        if (request.Text is not null && Validation.TextRules.Problem(text, "The goal", MaxLength, required: true, minLength: MinLength) is { } textProblem)
        {
            return Problem.BadRequest(textProblem);
        }

        if (text is not null && !string.Equals(text, goal.Text, StringComparison.Ordinal))
        {
            var revision = new GoalRevision
            {
                ClinicId = goal.ClinicId,
                ClientId = clientId,
                GoalId = goal.Id,
                PreviousText = goal.Text,
                RevisedAt = clock.GetCurrentInstant(),
                ByUserId = actor.UserId,
                ByName = await actor.NameAsync(cancellationToken),
            };
            goal.Revisions.Add(revision);
            db.Add(revision);
            goal.Text = text;
        }

        if (request.RemoveGas == true)
        {
            goal.GasLevels = null;
            goal.GasWeight = null;
        }
        else if (request.Gas is not null)
        {
            SetGas(goal, request.Gas);
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToDto(goal);
    }

    /// <summary>Met or dropped on a day (today by default), or active again if fewer than five are.</summary>
    public async Task<Result<GoalDto>> SetStatusAsync(Guid clientId, Guid goalId, GoalStatusRequest request, CancellationToken cancellationToken)
    {
        if (request.Status is not { } status || !Enum.IsDefined(status))
        {
            return Problem.BadRequest("The goal's status is required: Active, Met or Dropped.");
        }

        var goal = await db.Set<Goal>().Include(g => g.Revisions).SingleOrDefaultAsync(g => g.Id == goalId && g.ClientId == clientId, cancellationToken);
        if (goal is null)
        {
            return Problem.NotFound("The goal");
        }

        var today = await actor.TodayAsync(cancellationToken);
        var on = request.On?.ToLocalDate() ?? today;
        if (on > today)
        {
            return Problem.BadRequest("The day a goal was met or dropped cannot be in the future.");
        }

        if (on < today.PlusYears(-5))
        {
            return Problem.BadRequest("The day a goal was met or dropped is at most five years ago.");
        }

        if (goal.Status == status)
        {
            return ToDto(goal);
        }

        if (status == GoalStatus.Active && await ActiveCountAsync(clientId, cancellationToken) >= MaxActive)
        {
            return TooMany();
        }

        goal.Status = status;
        goal.StatusOn = status == GoalStatus.Active ? null : on;
        goal.StatusChangedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(goal);
    }

    private Task<int> ActiveCountAsync(Guid clientId, CancellationToken cancellationToken) =>
        db.Set<Goal>().CountAsync(g => g.ClientId == clientId && g.Status == GoalStatus.Active, cancellationToken);

    private static Problem TooMany() =>
        Problem.Invalid($"A client has at most {MaxActive} active goals. Mark one as met or dropped first, or revise one of them.");

    private static Problem? CheckGas(GasRequest? gas) => gas switch
    {
        null => null,
        { Weight: null } => Problem.BadRequest("The goal's weight in goal attainment scaling is required (a number above 0)."),
        { Weight: <= 0 or > MaxWeight } => Problem.BadRequest($"The goal's weight in goal attainment scaling is above 0 and at most {MaxWeight}."),
        // The levels are checked here as well as on the API's record: the plan page calls this directly.
        _ => new[] { (gas.MinusTwo, "−2"), (gas.MinusOne, "−1"), (gas.Zero, "0"), (gas.PlusOne, "+1"), (gas.PlusTwo, "+2") }
            .Select(l => Validation.TextRules.Problem(l.Item1, $"The description of level {l.Item2}", 300, required: true)).FirstOrDefault(p => p is not null) is { } level
            ? Problem.BadRequest(level) : null,
    };

    private static void SetGas(Goal goal, GasRequest? gas)
    {
        if (gas is null)
        {
            return;
        }

        goal.GasLevels = [gas.MinusTwo!.Trim(), gas.MinusOne!.Trim(), gas.Zero!.Trim(), gas.PlusOne!.Trim(), gas.PlusTwo!.Trim()];
        goal.GasWeight = gas.Weight;
    }

    private static GoalDto ToDto(Goal g) => ToDto(g, null);

    private static GoalDto ToDto(Goal g, GoalAttainmentRating? rating) => new(g.Id, g.LinkId, g.Text, g.Status, g.StatusOn?.ToDateOnly(), g.StatusChangedAt?.ToDateTimeOffset(),
        g.ProposedBy, g.ProposedByName, g.CreatedAt.ToDateTimeOffset(),
        g.GasLevels is [var m2, var m1, var z, var p1, var p2] && g.GasWeight is { } w ? new GasDto(m2, m1, z, p1, p2, w) : null,
        g.Revisions.OrderByDescending(r => r.RevisedAt).Select(r => new GoalRevisionDto(r.PreviousText, r.RevisedAt.ToDateTimeOffset(), r.ByName)).ToList(),
        rating is null ? null : new GasRatingDto(rating.Level, g.GasLevels is { Count: 5 } levels ? levels[rating.Level + 2] : "", rating.RatedAt.ToDateTimeOffset(), rating.ByName));
}
