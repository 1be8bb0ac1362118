using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Measures;

/// <summary>A therapist's alert queue (admins see the clinic's), and acknowledging and resolving alerts.</summary>
public sealed class AlertQueue(OnTrackDbContext db, Caller caller, IClock clock)
{
    public const string ActionLabel = "What was done";

    public const int MaxActionLength = 2000;

    /// <summary>Open alerts first, risk before others, newest first. Therapists see their own queue; admins everyone's.</summary>
    public async Task<IReadOnlyList<AlertDto>> ListAsync(AlertState? state, Guid? clientId, CancellationToken cancellationToken)
    {
        var query = db.Alerts.AsNoTracking().AsQueryable();
        if (!caller.IsAdmin && caller.TherapistId is { } me)
        {
            query = query.Where(a => a.TherapistId == me || a.TherapistId == null);
        }

        if (state is { } s)
        {
            query = query.Where(a => a.State == s);
        }

        if (clientId is { } c)
        {
            query = query.Where(a => a.ClientId == c);
        }

        var rows = await query.OrderBy(a => a.State).ThenByDescending(a => a.Priority).ThenByDescending(a => a.RaisedAt).Take(500)
            .Select(a => new { Alert = a, a.Client!.FullName }).ToListAsync(cancellationToken);
        db.ReadAudit.SawEach("Alert", rows.Select(r => r.Alert.ClientId).Distinct(), $"{rows.Count} alerts");

        return rows.Select(r => ToDto(r.Alert, r.FullName)).ToList();
    }

    public async Task<AlertDto?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Alerts.AsNoTracking().Where(a => a.Id == id).Select(a => new { Alert = a, a.Client!.FullName }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        db.AuditRead("Alert", id.ToString(), row.Alert.ClientId);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(row.Alert, row.FullName);
    }

    /// <summary>The therapist has seen it and says what they did. A risk alert cannot be acknowledged without an action.</summary>
    public async Task<Result<AlertDto>> AcknowledgeAsync(Guid id, string? action, CancellationToken cancellationToken)
    {
        var alert = await FindAsync(id, cancellationToken);
        if (alert is null)
        {
            return Problem.NotFound("The alert");
        }

        action = action?.Trim();
        if (alert.Kind == AlertKind.Risk && string.IsNullOrWhiteSpace(action))
        {
            return Problem.Invalid("Say what was done about this risk alert (for example: called the client, reviewed the safety plan), then acknowledge it.");
        }

        if (Validation.TextRules.Problem(action, ActionLabel, MaxActionLength, multiline: true) is { } invalid)
        {
            return Problem.BadRequest(invalid);
        }

        if (alert.State != AlertState.New)
        {
            return Problem.Invalid($"This alert was already {alert.State.ToString().ToLowerInvariant()}.");
        }

        alert.State = AlertState.Acknowledged;
        alert.AcknowledgedAt = clock.GetCurrentInstant();
        alert.AcknowledgedBy = await ActorAsync(cancellationToken);
        alert.ActionTaken = string.IsNullOrWhiteSpace(action) ? null : action;
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken) is { } dto ? dto : Problem.NotFound("The alert");
    }

    /// <summary>Who acted, as colleagues know them: the staff member's name (their email only if they have none).</summary>
    private async Task<string?> ActorAsync(CancellationToken cancellationToken)
    {
        var name = caller.UserId is null ? null
            : await db.Users.Where(u => u.Id == caller.UserId).Select(u => u.FullName).FirstOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(name) ? caller.UserName : name;
    }

    /// <summary>Closes the alert; a risk alert must have been acknowledged (with its action) first.</summary>
    public async Task<Result<AlertDto>> ResolveAsync(Guid id, string? note, CancellationToken cancellationToken)
    {
        var alert = await FindAsync(id, cancellationToken);
        if (alert is null)
        {
            return Problem.NotFound("The alert");
        }

        if (alert.State == AlertState.Resolved)
        {
            return Problem.Invalid("This alert is already resolved.");
        }

        if (alert.Kind == AlertKind.Risk && alert.State == AlertState.New)
        {
            return Problem.Invalid("Acknowledge a risk alert with the action taken before resolving it.");
        }

        if (Validation.TextRules.Problem(note, "The note", MaxActionLength, multiline: true) is { } invalid)
        {
            return Problem.BadRequest(invalid);
        }

        var now = clock.GetCurrentInstant();
        var actor = await ActorAsync(cancellationToken);
        if (alert.State == AlertState.New)
        {
            alert.AcknowledgedAt = now;
            alert.AcknowledgedBy = actor;
        }

        alert.State = AlertState.Resolved;
        alert.ResolvedAt = now;
        alert.ResolvedBy = actor;
        alert.Resolution = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken) is { } dto ? dto : Problem.NotFound("The alert");
    }

    /// <summary>Only the therapist whose queue it is in (or whose caseload has the client) and admins may act on an alert.</summary>
    private Task<Alert?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        caller.IsStaff ? db.Alerts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) : Task.FromResult<Alert?>(null);

    internal static AlertDto ToDto(Alert a, string clientName) => new(
        a.Id, a.ClientId, clientName, a.TherapistId, a.Kind, a.Priority, a.State, a.InstrumentId, a.Summary,
        a.RaisedAt.ToDateTimeOffset(), a.AcknowledgedAt?.ToDateTimeOffset(), a.AcknowledgedBy, a.ActionTaken,
        a.EscalatedAt?.ToDateTimeOffset(), a.ResolvedAt?.ToDateTimeOffset(), a.ResolvedBy, a.Resolution, a.ResponseId);
}
