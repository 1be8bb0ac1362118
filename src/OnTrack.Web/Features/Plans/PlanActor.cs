using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Plans;

/// <summary>Who is changing a plan, goal or preference, by name as staff and clients know them, and what day it is at the clinic.</summary>
public sealed class PlanActor(OnTrackDbContext db, Caller caller, IClock clock)
{
    private string? _name;
    private DateTimeZone? _zone;

    public string UserId => caller.UserId ?? "";

    /// <summary>The caller's display name (their account's full name; the sign-in name when it has none).</summary>
    public async Task<string> NameAsync(CancellationToken cancellationToken)
    {
        if (_name is null)
        {
            // A client is named as this clinic's record names them (a login's own name may come from another clinic).
            var full = caller.ClientId is { } client ? await db.ClientRecords.AsNoTracking().Where(c => c.Id == client).Select(c => c.FullName).SingleOrDefaultAsync(cancellationToken)
                : caller.UserId is { } id ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.FullName).SingleOrDefaultAsync(cancellationToken) : null;
            _name = string.IsNullOrWhiteSpace(full) ? caller.UserName ?? "system" : full;
        }

        return _name;
    }

    public async Task<DateTimeZone> ZoneAsync(CancellationToken cancellationToken)
    {
        if (_zone is null)
        {
            var id = await db.Clinics.AsNoTracking().Where(c => c.Id == caller.ClinicId).Select(c => c.TimeZoneId).SingleOrDefaultAsync(cancellationToken);
            _zone = id is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone ? zone : DateTimeZone.Utc;
        }

        return _zone;
    }

    /// <summary>Today in the clinic's zone.</summary>
    public async Task<LocalDate> TodayAsync(CancellationToken cancellationToken) => clock.GetCurrentInstant().InZone(await ZoneAsync(cancellationToken)).Date;
}

internal static class PlanDates
{
    public static LocalDate ToLocalDate(this DateOnly date) => new(date.Year, date.Month, date.Day);

    public static DateOnly ToDateOnly(this LocalDate date) => new(date.Year, date.Month, date.Day);
}
