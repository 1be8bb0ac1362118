using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Scheduling;

namespace OnTrack.Web.Features.Plans;

/// <summary>
/// How the client's preferences fit their therapist: style on the four dimensions and the practical
/// matters (gender, language, in person or video from the services the therapist offers, times of day
/// from their working hours). Strong mismatches come with a sentence for the therapist.
/// </summary>
public sealed class PreferenceFit(OnTrackDbContext db)
{
    /// <summary>Null when the client has stated no preferences or has no therapist.</summary>
    public async Task<PreferenceMatchResult?> ForClientAsync(Guid clientId, string clientName, Guid? therapistId, CancellationToken cancellationToken)
    {
        var preferences = await db.ClientPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.ClientId == clientId, cancellationToken);
        if (preferences is null || therapistId is not { } therapist)
        {
            return null;
        }

        var style = await db.TherapistStyles.AsNoTracking().FirstOrDefaultAsync(s => s.TherapistId == therapist, cancellationToken);
        var modalities = await db.Services.AsNoTracking()
            .Where(s => s.Active && db.ServiceTherapists.Any(st => st.ServiceId == s.Id && st.TherapistId == therapist))
            .Select(s => s.Modality).Distinct().ToListAsync(cancellationToken);
        var hours = await db.WorkingHours.AsNoTracking().Where(h => h.TherapistId == therapist).Select(h => new { h.Start, h.End }).ToListAsync(cancellationToken);

        var client = new PreferenceRatings(preferences.Direction, preferences.EmotionalIntensity, preferences.TimeFocus, preferences.SupportOrChallenge);
        var theirs = style is null ? new PreferenceRatings() : new PreferenceRatings(style.Direction, style.EmotionalIntensity, style.TimeFocus, style.SupportOrChallenge);
        var wants = new PracticalPreferences(
            preferences.TherapistGender,
            preferences.Language,
            preferences.Modality switch { PreferredModality.InPerson => SessionModes.InPerson, PreferredModality.Video => SessionModes.Video, _ => SessionModes.None },
            (preferences.Mornings ? TimesOfDay.Morning : TimesOfDay.None) | (preferences.Afternoons ? TimesOfDay.Afternoon : TimesOfDay.None) | (preferences.Evenings ? TimesOfDay.Evening : TimesOfDay.None));
        var offers = (modalities.Contains(Modality.InPerson) ? SessionModes.InPerson : SessionModes.None) | (modalities.Contains(Modality.Video) ? SessionModes.Video : SessionModes.None);
        var times = hours.Aggregate(TimesOfDay.None, (t, h) => t | Covered(h.Start, h.End));
        var practice = new TherapistPractice(style?.Gender, style?.Languages ?? [], offers, times);
        return PreferenceMatch.Check(clientName, client, theirs, wants, practice);
    }

    /// <summary>Morning before noon, afternoon noon to 17:00, evening from 17:00.</summary>
    public static TimesOfDay Covered(LocalTime start, LocalTime end) =>
        (start < new LocalTime(12, 0) ? TimesOfDay.Morning : TimesOfDay.None)
        | (start < new LocalTime(17, 0) && end > new LocalTime(12, 0) ? TimesOfDay.Afternoon : TimesOfDay.None)
        | (end > new LocalTime(17, 0) ? TimesOfDay.Evening : TimesOfDay.None);
}
