using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Lifestyle;

/// <summary>The client's own settings for the log: their time zone and the opt-in daily reminder.</summary>
public sealed class LogSettings(OnTrackDbContext db, Caller caller, ClientAccess access, LifestyleLog log, IClock clock)
{
    public async Task<LifestyleSettingsDto> GetAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var zone = await log.ZoneAsync(clientId, cancellationToken);
        var row = await db.Set<LifestyleSettings>().AsNoTracking().SingleOrDefaultAsync(s => s.ClientId == clientId, cancellationToken);
        return new(zone.Id, row?.RemindersOn ?? false, LifestyleLog.Clock.Format(row?.ReminderAt ?? new LocalTime(20, 0)), clock.GetCurrentInstant().InZone(zone).Date.ToDateOnly());
    }

    /// <summary>Changes what is given (the rest stays): the zone, reminders on or off, the reminder's time.</summary>
    public async Task<Result<LifestyleSettingsDto>> SetAsync(Guid clientId, LifestyleSettingsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await access.CheckAsync(clientId, ClientOperation.KeepOwnLog, cancellationToken) is null)
        {
            return Problem.NotFound("The client");
        }

        DateTimeZone? zone = null;
        if (!string.IsNullOrWhiteSpace(request.TimeZone) && (zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(request.TimeZone.Trim())) is null)
        {
            return Problem.BadRequest("That time zone is not known; choose one from the list, like Europe/London or America/New_York (timeZone).");
        }

        LocalTime? at = null;
        if (!string.IsNullOrWhiteSpace(request.ReminderAt))
        {
            if (LifestyleLog.Clock.Parse(request.ReminderAt.Trim()) is not { Success: true } parsed)
            {
                return Problem.BadRequest("Give the reminder's time as hours and minutes, like 20:00 (reminderAt).");
            }

            at = parsed.Value;
        }

        var current = await log.ZoneAsync(clientId, cancellationToken);
        var row = await db.Set<LifestyleSettings>().SingleOrDefaultAsync(s => s.ClientId == clientId, cancellationToken);
        if (row is null)
        {
            row = new LifestyleSettings { ClinicId = caller.ClinicId ?? Guid.Empty, ClientId = clientId, TimeZoneId = current.Id };
            db.Add(row);
        }

        row.TimeZoneId = (zone ?? current).Id;
        if (at is { } time)
        {
            row.ReminderAt = time;
        }

        if (request.RemindersOn is { } on && on != row.RemindersOn)
        {
            row.RemindersOn = on;

            // A new secret each time reminders start, so an old email's stop link cannot be replayed later, and
            // no reminder today if the chosen time has already passed (it would arrive at once, unexpected).
            row.StopToken = on ? Convert.ToHexString(RandomNumberGenerator.GetBytes(24)) : "";
            row.LastReminderFor = on ? clock.GetCurrentInstant().InZone(zone ?? current).Date.PlusDays(-1) : row.LastReminderFor;
        }

        row.UpdatedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        log.ForgetZone(clientId);
        return await GetAsync(clientId, cancellationToken);
    }
}
