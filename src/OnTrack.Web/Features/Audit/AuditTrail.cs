using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Audit;

public sealed record AuditEventDto(long Id, DateTimeOffset At, string? UserName, AuditAction Action, string EntityType, string EntityId, Guid? ClientId, string? ClientName, string Details, string? IpAddress);

public sealed record AuditPageDto(IReadOnlyList<AuditEventDto> Events, int Page, int PageSize, int Total);

/// <summary>One staff member's opening of a client's record, as the client sees it.</summary>
public sealed record RecordAccessDto(DateTimeOffset At, string Who, string Role, string What);

public sealed record AuditQuery(Guid? ClientId, string? User, AuditAction? Action, DateTimeOffset? From, DateTimeOffset? To, int Page = 1, int PageSize = 50);

/// <summary>The audit trail, readable: the clinic's admins search it; a client sees which staff opened their record.</summary>
public sealed class AuditTrail(OnTrackDbContext db, Caller caller)
{
    public const int MaxPageSize = 200;

    public async Task<Result<AuditPageDto>> SearchAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!caller.IsAdmin)
        {
            return Problem.NotFound("The audit trail");
        }

        if (query.Page < 1 || query.PageSize is < 1 or > MaxPageSize)
        {
            return Problem.BadRequest($"page starts at 1 and pageSize is 1 to {MaxPageSize}.");
        }

        if (query.Action is { } action && !Enum.IsDefined(action))
        {
            return Problem.BadRequest("action is one of read, create, update, delete, denied, signIn, signInFailed.");
        }

        if (query.From is { } f && query.To is { } t && t < f)
        {
            return Problem.BadRequest("to is before from.");
        }

        var events = db.AuditEvents.AsNoTracking();
        if (query.ClientId is { } client)
        {
            events = events.Where(e => e.ClientId == client);
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var user = query.User.Trim();
            events = events.Where(e => e.UserName == user || e.UserId == user);
        }

        if (query.Action is { } a)
        {
            events = events.Where(e => e.Action == a);
        }

        if (query.From is { } from)
        {
            var start = Instant.FromDateTimeOffset(from);
            events = events.Where(e => e.At >= start);
        }

        if (query.To is { } to)
        {
            var end = Instant.FromDateTimeOffset(to);
            events = events.Where(e => e.At < end);
        }

        var total = await events.CountAsync(cancellationToken);
        var page = await events.OrderByDescending(e => e.Id).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        var ids = page.Select(e => e.ClientId).OfType<Guid>().Distinct().ToList();
        var names = await db.ClientRecords.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.FullName }).ToDictionaryAsync(c => c.Id, c => c.FullName, cancellationToken);
        return new AuditPageDto(page.Select(e => new AuditEventDto(e.Id, e.At.ToDateTimeOffset(), e.UserName, e.Action, e.EntityType, e.EntityId, e.ClientId,
                e.ClientId is { } c ? names.GetValueOrDefault(c) : null, e.Details, e.IpAddress)).ToList(),
            query.Page, query.PageSize, total);
    }

    /// <summary>
    /// Who at the clinic opened or changed the client's record (not the client themself), newest first: an
    /// accounting of disclosures. The caller's right to see it is checked before (the client route group's
    /// ViewAccessLog, or the client's own portal page); a client outside the caller's view gives null.
    /// </summary>
    public async Task<IReadOnlyList<RecordAccessDto>?> WhoSawAsync(Guid clientId, CancellationToken cancellationToken)
    {
        if (await db.ClientRecords.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.UserId }).SingleOrDefaultAsync(cancellationToken) is not { } client)
        {
            return null;
        }

        var rows = await db.AuditEvents.AsNoTracking()
            .Where(e => e.ClientId == clientId && e.Action != AuditAction.Denied && e.UserId != null && e.UserId != client.UserId)
            .OrderByDescending(e => e.Id).Take(500)
            .Select(e => new { e.At, e.UserId, e.Action, e.EntityType })
            .ToListAsync(cancellationToken);
        var userIds = rows.Select(r => r.UserId!).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.FullName }).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        // Their roles at this clinic (the trail is the clinic's own).
        var roles = await db.ClinicMemberships.AsNoTracking().Where(m => userIds.Contains(m.UserId)).Select(m => new { m.UserId, Name = m.Role })
            .ToListAsync(cancellationToken);

        // One line per person, kind of record and day: "Maya Chen (therapist) read your forms".
        return rows.GroupBy(r => (r.UserId, What: Describe(r.Action, r.EntityType), Day: r.At.ToUnixTimeTicks() / NodaConstants.TicksPerDay))
            .Select(g => new RecordAccessDto(g.Max(r => r.At).ToDateTimeOffset(), people.GetValueOrDefault(g.Key.UserId!) is { Length: > 0 } name ? name : "Clinic staff",
                RoleName(roles.Where(r => r.UserId == g.Key.UserId).Select(r => r.Name ?? "").ToList()), g.Key.What))
            .OrderByDescending(r => r.At).ToList();
    }

    /// <summary>A record type as the audit trail stores it, in plain words for the admin's page.</summary>
    public static string RecordName(string type) => type switch
    {
        "MeasureResponse" => "Form and scores",
        "Alert" => "Alert",
        "MeasurePlan" => "Measurement plan",
        "Appointment" => "Session",
        "AppointmentSeries" => "Series of sessions",
        "Participant" => "Place in a session",
        "CareTeamMember" => "Care team",
        "Client" => "Client details",
        "ClientRecord" => "Client record (API)",
        "Caseload" => "Caseload",
        "ClientList" => "Client list",
        "DueForms" => "Forms due",
        "OutcomeFigures" => "Outcome figures",
        "CalendarFeed" => "Calendar feed",
        "SignIn" => "Sign-in",
        "ClinicSettings" => "Clinic settings",
        "StaffRole" => "Staff member's role",
        _ => type,
    };

    private static string RoleName(List<string> roles) =>
        roles.Contains(Roles.Admin) ? "clinic admin" : roles.Contains(Roles.Therapist) ? "therapist" : roles.Contains(Roles.Reception) ? "reception" : "clinic staff";

    private static string Describe(AuditAction action, string type)
    {
        var what = type switch
        {
            "MeasureResponse" => "your forms and scores",
            "Alert" => "alerts about you",
            "MeasurePlan" => "your measurement plan",
            "Appointment" or "AppointmentSeries" or "Participant" => "your sessions",
            "CareTeamMember" => "your care team",
            "Client" => "your contact details",
            "ClientRecord" or "Caseload" or "ClientList" => "your record",
            _ => "your record",
        };
        return action == AuditAction.Read ? $"looked at {what}" : $"changed {what}";
    }
}
