using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;
using OnTrack.Web.Validation;

namespace OnTrack.Web.Features.Matching;

/// <summary>
/// A therapist's profile as the clinic's staff and clients see it (plain words; no outcome figures). Clients are not shown
/// the therapist's style or gender: the style page promises therapists that those are for the clinic's staff.
/// </summary>
public sealed record TherapistProfileDto(
    Guid TherapistId, string Name, string Credentials, string Bio,
    IReadOnlyList<ProblemArea> ProblemAreas, IReadOnlyList<string> ProblemAreaWords,
    IReadOnlyList<TherapyApproach> Approaches, IReadOnlyList<string> ApproachWords,
    IReadOnlyList<string> Formats, IReadOnlyList<string> Modes, IReadOnlyList<string> Languages, string? Gender,
    int NewClientsPerWeek, string StyleWords);

public sealed record TherapistProfileRequest(List<ProblemArea>? ProblemAreas, List<TherapyApproach>? Approaches, int? NewClientsPerWeek, string? Bio = null);

/// <summary>Therapists' profiles: every active therapist's for anyone at the clinic (clients choosing too); changed by the therapist themself or an admin.</summary>
public sealed class TherapistProfiles(OnTrackDbContext db, Caller caller, PlanActor actor, IClock clock)
{
    public const int MaxCapacity = 50;

    public const int MaxBioLength = 1000;

    /// <summary>The clinic's active therapists' profiles, by name.</summary>
    public async Task<IReadOnlyList<TherapistProfileDto>> ListAsync(CancellationToken cancellationToken) => await LoadAsync(null, cancellationToken);

    /// <summary>One therapist's profile, or null when there is no such active therapist at the clinic.</summary>
    public async Task<TherapistProfileDto?> GetAsync(Guid therapistId, CancellationToken cancellationToken) =>
        (await LoadAsync(therapistId, cancellationToken)).SingleOrDefault();

    public async Task<Result<TherapistProfileDto>> SetAsync(Guid therapistId, TherapistProfileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!caller.IsAdmin && caller.TherapistId != therapistId)
        {
            return Problem.NotFound("The therapist");
        }

        var therapist = await db.Therapists.SingleOrDefaultAsync(t => t.Id == therapistId && t.Active, cancellationToken);
        if (therapist is null)
        {
            return Problem.NotFound("The therapist");
        }

        if (TextRules.Problem(request.Bio, "The bio", MaxBioLength, multiline: true) is { } bioProblem)
        {
            return Problem.BadRequest(bioProblem);
        }

        var areas = request.ProblemAreas ?? [];
        var approaches = request.Approaches ?? [];
        if (areas.Any(a => !Enum.IsDefined(a)) || approaches.Any(a => !Enum.IsDefined(a)))
        {
            return Problem.BadRequest("Choose the problem areas and approaches from the lists given.");
        }

        if (request.NewClientsPerWeek is < 0 or > MaxCapacity)
        {
            return Problem.BadRequest($"New clients a week must be a whole number from 0 to {MaxCapacity}.");
        }

        var profile = await db.Set<TherapistProfile>().SingleOrDefaultAsync(p => p.TherapistId == therapistId, cancellationToken);
        if (profile is null)
        {
            profile = new TherapistProfile { TherapistId = therapistId, ClinicId = therapist.ClinicId };
            db.Add(profile);
        }

        profile.ProblemAreas = areas.Distinct().Order().ToList();
        profile.Approaches = approaches.Distinct().Order().ToList();
        profile.NewClientsPerWeek = request.NewClientsPerWeek ?? profile.NewClientsPerWeek;
        therapist.Bio = request.Bio?.Trim() ?? therapist.Bio;
        profile.UpdatedAt = clock.GetCurrentInstant();
        profile.UpdatedByName = await actor.NameAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problem.Conflict("Someone else saved this profile at the same moment. Open it again and make your change there.");
        }

        return (await GetAsync(therapistId, cancellationToken))!;
    }

    private async Task<IReadOnlyList<TherapistProfileDto>> LoadAsync(Guid? only, CancellationToken cancellationToken)
    {
        var therapists = await db.Therapists.AsNoTracking().Where(t => t.Active && (only == null || t.Id == only))
            .Select(t => new { t.Id, t.DisplayName, t.Credentials, t.Bio }).ToListAsync(cancellationToken);
        var ids = therapists.Select(t => t.Id).ToList();
        var profiles = await db.Set<TherapistProfile>().AsNoTracking().Where(p => ids.Contains(p.TherapistId)).ToDictionaryAsync(p => p.TherapistId, cancellationToken);
        var styles = await db.TherapistStyles.AsNoTracking().Where(s => ids.Contains(s.TherapistId)).ToDictionaryAsync(s => s.TherapistId, cancellationToken);
        var services = await db.ServiceTherapists.AsNoTracking().Where(st => ids.Contains(st.TherapistId))
            .Join(db.Services.Where(s => s.Active), st => st.ServiceId, s => s.Id, (st, s) => new { st.TherapistId, s.Format, s.Modality })
            .ToListAsync(cancellationToken);
        return therapists.OrderBy(t => t.DisplayName, StringComparer.Ordinal).Select(t =>
        {
            var profile = profiles.GetValueOrDefault(t.Id);
            var style = styles.GetValueOrDefault(t.Id);
            var offered = services.Where(s => s.TherapistId == t.Id).ToList();
            var areas = profile?.ProblemAreas ?? [];
            var approaches = profile?.Approaches ?? [];
            return new TherapistProfileDto(t.Id, t.DisplayName, t.Credentials, t.Bio,
                areas, areas.Select(PlanWords.Of).ToList(), approaches, approaches.Select(PlanWords.Of).ToList(),
                offered.Select(s => s.Format).Distinct().Order().Select(FormatWords).ToList(),
                offered.Select(s => s.Modality).Distinct().Order().Select(m => m == Modality.Video ? "by video" : "in person").ToList(),
                style?.Languages ?? [], caller.IsStaff ? style?.Gender : null, profile?.NewClientsPerWeek ?? new TherapistProfile().NewClientsPerWeek,
                caller.IsStaff ? StyleWords(style) : "");
        }).ToList();
    }

    public static string FormatWords(SessionFormat format) => format switch
    {
        SessionFormat.Couple => "couples",
        SessionFormat.Family => "families",
        SessionFormat.Group => "groups",
        _ => "individuals",
    };

    /// <summary>The therapist's usual style in the client's words, from the clear ends of each dimension they rated.</summary>
    private static string StyleWords(TherapistStyle? style)
    {
        if (style is null)
        {
            return "";
        }

        var ratings = new PreferenceRatings(style.Direction, style.EmotionalIntensity, style.TimeFocus, style.SupportOrChallenge);
        var words = Enum.GetValues<PreferenceDimension>()
            .Where(d => ratings[d] is { } r && Math.Abs(r) >= PreferenceMatch.ClearPreference)
            .Select(d => ratings[d] < 0 ? PlanWords.Poles(d).Negative : PlanWords.Poles(d).Positive)
            .Select(w => w.Replace(" myself", " yourself", StringComparison.Ordinal).Replace("my ", "your ", StringComparison.Ordinal))
            .ToList();
        return words.Count == 0 ? "" : "Usually offers " + string.Join("; ", words) + ".";
    }
}
