using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Security;
using OnTrack.Web.Validation;

namespace OnTrack.Web.Features.Plans;

/// <summary>
/// A therapist's style on the four preference dimensions, gender and languages: read by the clinic's staff,
/// changed by the therapist themself or an admin. Not a client record.
/// </summary>
public sealed class TherapistStyles(OnTrackDbContext db, Caller caller, PlanActor actor, IClock clock)
{
    public const int MaxLanguages = 10;

    /// <summary>The therapist's style (empty when never described), or null for a therapist the caller may not see.</summary>
    public async Task<TherapistStyleDto?> GetAsync(Guid therapistId, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff)
        {
            return null;
        }

        var therapist = await db.Therapists.AsNoTracking().Where(t => t.Id == therapistId).Select(t => new { t.Id, t.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        if (therapist is null)
        {
            return null;
        }

        var style = await db.Set<TherapistStyle>().AsNoTracking().SingleOrDefaultAsync(s => s.TherapistId == therapistId, cancellationToken);
        return ToDto(therapist.Id, therapist.DisplayName, style);
    }

    /// <summary>Admins change any therapist's style, a therapist their own; anyone else is answered 404.</summary>
    public async Task<Result<TherapistStyleDto>> SetAsync(Guid therapistId, TherapistStyleRequest request, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin && caller.TherapistId != therapistId)
        {
            return Problem.NotFound("The therapist");
        }

        var therapist = await db.Therapists.AsNoTracking().Where(t => t.Id == therapistId).Select(t => new { t.Id, t.ClinicId, t.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        if (therapist is null)
        {
            return Problem.NotFound("The therapist");
        }

        var errors = Dimensions.Problems(request.Direction, request.EmotionalIntensity, request.TimeFocus, request.SupportOrChallenge).ToList();
        var languages = (request.Languages ?? []).Select(l => l?.Trim() ?? "").ToList();
        if (languages.Count > MaxLanguages)
        {
            errors.Add($"List at most {MaxLanguages} languages.");
        }

        errors.AddRange(languages.Select(l => TextRules.Problem(l, "Each language", 50, required: true)).OfType<string>().Distinct());
        if (errors.Count > 0)
        {
            return Problem.BadRequest(string.Join(" ", errors));
        }

        var style = await db.Set<TherapistStyle>().SingleOrDefaultAsync(s => s.TherapistId == therapistId, cancellationToken);
        if (style is null)
        {
            style = new TherapistStyle { TherapistId = therapistId, ClinicId = therapist.ClinicId };
            db.Add(style);
        }

        style.Direction = request.Direction;
        style.EmotionalIntensity = request.EmotionalIntensity;
        style.TimeFocus = request.TimeFocus;
        style.SupportOrChallenge = request.SupportOrChallenge;
        style.Gender = string.IsNullOrWhiteSpace(request.Gender) ? null : request.Gender.Trim();
        style.Languages = languages.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        style.UpdatedAt = clock.GetCurrentInstant();
        style.UpdatedByName = await actor.NameAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problem.Conflict("Someone else saved this style at the same moment. Open it again and make your change there.");
        }

        return ToDto(therapist.Id, therapist.DisplayName, style);
    }

    private static TherapistStyleDto ToDto(Guid id, string name, TherapistStyle? s) => s is null
        ? new TherapistStyleDto(id, name, null, null, null, null, null, [], null, null)
        : new TherapistStyleDto(id, name, s.Direction, s.EmotionalIntensity, s.TimeFocus, s.SupportOrChallenge, s.Gender, s.Languages, s.UpdatedAt.ToDateTimeOffset(), s.UpdatedByName);
}
