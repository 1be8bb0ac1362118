using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Plans;

/// <summary>The four dimensions' names in words, and the −3 … +3 rule, for clients' preferences and therapists' styles alike.</summary>
internal static class Dimensions
{
    public const int Min = -3;
    public const int Max = 3;

    public static IEnumerable<string> Problems(int? direction, int? emotionalIntensity, int? timeFocus, int? supportOrChallenge)
    {
        foreach (var (value, label) in new[]
                 {
                     (direction, "Structure and tasks or room to explore (direction)"),
                     (emotionalIntensity, "Going deep into feelings or keeping a calmer distance (emotionalIntensity)"),
                     (timeFocus, "Focus on the past or on the present (timeFocus)"),
                     (supportOrChallenge, "Warm support or being challenged (supportOrChallenge)"),
                 })
        {
            if (value is < Min or > Max)
            {
                yield return $"{label} is rated from −3 to +3 (0 for no preference); {value} is outside that.";
            }
        }
    }
}

/// <summary>The client's preferences for their therapy: read by those who may read the record, changed by the client or their therapist.</summary>
public sealed class Preferences(OnTrackDbContext db, Caller caller, PlanActor actor, IClock clock)
{
    public async Task<PreferencesDto> GetAsync(Guid clientId, CancellationToken cancellationToken) =>
        ToDto(clientId, await db.Set<ClientPreferences>().AsNoTracking().SingleOrDefaultAsync(p => p.ClientId == clientId, cancellationToken));

    public async Task<Result<PreferencesDto>> SetAsync(Guid clientId, PreferencesRequest request, CancellationToken cancellationToken)
    {
        var errors = Dimensions.Problems(request.Direction, request.EmotionalIntensity, request.TimeFocus, request.SupportOrChallenge).ToList();
        if (request.Modality is { } modality && !Enum.IsDefined(modality))
        {
            errors.Add("How you would like to meet (modality) is Either, InPerson or Video.");
        }

        if (errors.Count > 0)
        {
            return Problem.BadRequest(string.Join(" ", errors));
        }

        var row = await db.Set<ClientPreferences>().SingleOrDefaultAsync(p => p.ClientId == clientId, cancellationToken);
        if (row is null)
        {
            row = new ClientPreferences { ClinicId = caller.ClinicId ?? Guid.Empty, ClientId = clientId };
            db.Add(row);
        }

        row.Direction = request.Direction;
        row.EmotionalIntensity = request.EmotionalIntensity;
        row.TimeFocus = request.TimeFocus;
        row.SupportOrChallenge = request.SupportOrChallenge;
        row.TherapistGender = Blank(request.TherapistGender);
        row.Language = Blank(request.Language);
        row.Modality = request.Modality ?? PreferredModality.Either;
        row.Mornings = request.Mornings ?? false;
        row.Afternoons = request.Afternoons ?? false;
        row.Evenings = request.Evenings ?? false;
        row.UpdatedAt = clock.GetCurrentInstant();
        row.UpdatedByUserId = actor.UserId;
        row.UpdatedByName = await actor.NameAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique client index: someone else saved the client's first preferences at the same moment.
            return Problem.Conflict("Someone else saved these preferences at the same moment. Open them again and make your change there.");
        }

        return ToDto(clientId, row);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static PreferencesDto ToDto(Guid clientId, ClientPreferences? p) => p is null
        ? new PreferencesDto(clientId, null, null, null, null, null, null, PreferredModality.Either, false, false, false, null, null)
        : new PreferencesDto(clientId, p.Direction, p.EmotionalIntensity, p.TimeFocus, p.SupportOrChallenge, p.TherapistGender, p.Language, p.Modality,
            p.Mornings, p.Afternoons, p.Evenings, p.UpdatedAt.ToDateTimeOffset(), p.UpdatedByName);
}

/// <summary>What the client expects of therapy, asked at intake and at each review: every answer kept.</summary>
public sealed class Expectations(OnTrackDbContext db, Caller caller, PlanActor actor, IClock clock)
{
    public const int MaxSessions = 100;
    public const int MaxWeeks = 104;

    public async Task<IReadOnlyList<ExpectationDto>> ListAsync(Guid clientId, CancellationToken cancellationToken) =>
        (await db.Set<ExpectationCheck>().AsNoTracking().Where(e => e.ClientId == clientId).OrderByDescending(e => e.AskedAt).ThenByDescending(e => e.Id).ToListAsync(cancellationToken))
            .Select(ToDto).ToList();

    public async Task<Result<ExpectationDto>> AddAsync(Guid clientId, ExpectationRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (request.SessionsExpected is not (>= 1 and <= MaxSessions))
        {
            errors.Add($"How many sessions you expect to need (sessionsExpected) is a whole number from 1 to {MaxSessions}.");
        }

        if (request.WeeksToFeelBetter is not (>= 0 and <= MaxWeeks))
        {
            errors.Add($"How many weeks until you expect to feel better (weeksToFeelBetter) is a whole number from 0 to {MaxWeeks}.");
        }

        if (request.Confidence is not (>= 0 and <= 10))
        {
            errors.Add("How confident you are that therapy will help (confidence) is from 0 (not at all) to 10 (completely).");
        }

        if (request.Occasion is { } occasion && !Enum.IsDefined(occasion))
        {
            errors.Add("When you were asked (occasion) is Intake, PlanReview or Other.");
        }

        if (errors.Count > 0)
        {
            return Problem.BadRequest(string.Join(" ", errors));
        }

        var check = new ExpectationCheck
        {
            ClinicId = caller.ClinicId ?? Guid.Empty,
            ClientId = clientId,
            AskedAt = clock.GetCurrentInstant(),
            Occasion = request.Occasion ?? ExpectationOccasion.Other,
            SessionsExpected = request.SessionsExpected!.Value,
            WeeksToFeelBetter = request.WeeksToFeelBetter!.Value,
            Confidence = request.Confidence!.Value,
            ByUserId = actor.UserId,
            ByName = await actor.NameAsync(cancellationToken),
        };
        db.Add(check);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(check);
    }

    /// <summary>How many days before a review date an answer still counts as asked for that review.</summary>
    public const int ReviewWindowDays = 7;

    /// <summary>
    /// The plan's review point at which the client's expectations should be asked again, or null when they
    /// need not be: the latest review date of any plan version that is today or past, when the client has
    /// not answered since a week before it. Moving the next review forward does not clear it; an answer does.
    /// </summary>
    public async Task<LocalDate?> AskAgainForReviewAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var today = await actor.TodayAsync(cancellationToken);
        var points = await db.Set<TreatmentPlanVersion>().AsNoTracking()
            .Where(p => p.ClientId == clientId && p.NextReview != null && p.NextReview <= today)
            .Select(p => p.NextReview!.Value).ToListAsync(cancellationToken);
        if (points.Count == 0)
        {
            return null;
        }

        var point = points.Max();
        var zone = await actor.ZoneAsync(cancellationToken);
        var since = point.PlusDays(-ReviewWindowDays).AtStartOfDayInZone(zone).ToInstant();
        var answered = await db.Set<ExpectationCheck>().AsNoTracking().AnyAsync(e => e.ClientId == clientId && e.AskedAt >= since, cancellationToken);
        return answered ? null : point;
    }

    private static ExpectationDto ToDto(ExpectationCheck e) =>
        new(e.Id, e.AskedAt.ToDateTimeOffset(), e.Occasion, e.SessionsExpected, e.WeeksToFeelBetter, e.Confidence, e.ByName);
}
