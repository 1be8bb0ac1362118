using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using OnTrack.Domain.Measures;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Notifications;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Measures;

/// <summary>
/// Turns a new result into alerts in the therapist's queue, and for risk an email through the outbox —
/// added to the same unit of work as the response, so both are stored together or not at all.
/// </summary>
public sealed class AlertRaiser(OnTrackDbContext db, IOptions<ClinicOptions> options, IExpectedCourseRules courses, IClock clock)
{
    public async Task<IReadOnlyList<Alert>> RaiseAsync(
        Clinic clinic, Client client, Instrument instrument, ScoreResult score, MeasureResponse response, Guid? sessionTherapistId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(response);
        var history = await db.Responses.Unfiltered(Bypass.SubmissionChecks).AsNoTracking()
            .Where(r => r.ClientId == client.Id && r.InstrumentId == instrument.Id && r.Valid && r.CompletedAt < response.CompletedAt && r.Id != response.Id)
            .OrderBy(r => r.CompletedAt)
            .Select(r => new { Total = r.Total!.Value, r.SessionNumber, r.CourseStatus })
            .ToListAsync(cancellationToken);
        var earlier = history.Select(h => h.Total).ToList();
        var signals = AlertRules.For(instrument, score, earlier, new AllianceThresholds(clinic.AllianceLowBelow, clinic.AllianceFallBy)).ToList();

        // The score's place on the client's course: sessions since their first score (the intake).
        if (score.Valid && score.Total is { } total)
        {
            var intake = history.Count == 0 ? total : history[0].Total;
            var t = history.Count == 0 ? 0 : response.SessionNumber is { } now && history[0].SessionNumber is { } first && now > first ? now - first : history.Count;
            response.Intake = intake;
            response.CourseSession = t;
            if (t > 0 && await courses.RuleAsync(clinic, instrument, cancellationToken) is { } rule)
            {
                response.CourseStatus = rule.Classify(t, (double)intake, (double)total);
                response.CourseRule = rule.FromModel ? "model" : "rational";
                if (rule.FromModel && CourseAlertRule.For(instrument, response.CourseStatus.Value, history[^1].CourseStatus) is { } notOnTrack)
                {
                    signals.Add(notOnTrack);
                }
            }
        }

        if (signals.Count == 0)
        {
            return [];
        }

        var therapistId = client.PrimaryTherapistId ?? sessionTherapistId ?? await LatestTherapistAsync(client.Id, cancellationToken);
        var raised = new List<Alert>();
        foreach (var signal in signals)
        {
            var alert = new Alert
            {
                ClinicId = clinic.Id,
                ClientId = client.Id,
                TherapistId = therapistId,
                Kind = signal.Kind,
                Priority = signal.Priority,
                State = AlertState.New,
                ResponseId = response.Id,
                InstrumentId = instrument.Id,
                Summary = signal.Summary,
                RaisedAt = response.RecordedAt,
            };
            db.Alerts.Add(alert);
            raised.Add(alert);
            if (signal.Kind == AlertKind.Risk)
            {
                var to = await TherapistEmailAsync(therapistId, cancellationToken) is { } email ? [email] : await AdminEmailsAsync(clinic.Id, cancellationToken);
                foreach (var address in to)
                {
                    db.Outbox.Add(RiskEmail(clinic, client, alert, address, escalated: false));
                }
            }
        }

        return raised;
    }

    /// <summary>
    /// The email says only that there is a risk alert and where to see it: answers and names stay in
    /// OnTrack, behind sign-in, not in mailboxes.
    /// </summary>
    public OutboxMessage RiskEmail(Clinic clinic, Client client, Alert alert, string to, bool escalated)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(alert);
        var local = alert.RaisedAt.InZone(clinic.Zone);
        var when = local.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);
        var link = $"{options.Value.PublicUrl.TrimEnd('/')}/alerts/{alert.Id}";
        var body = escalated
            ? $"A risk alert for client {ClientNames.Initials(client.FullName)}, raised {when}, has not been acknowledged by their therapist within {clinic.RiskEscalationMinutes} minutes.\n\nPlease make sure someone follows it up now: {link}\n"
            : $"Client {ClientNames.Initials(client.FullName)} endorsed a risk item on a form at {when}.\n\nPlease review it, contact the client as your clinic's risk procedure says, and record what you did: {link}\n\nIf this is not acknowledged within {clinic.RiskEscalationMinutes} minutes it goes to the clinic's admins.\n";
        return OutboxMessage.Email(clinic.Id, clock.GetCurrentInstant(), to, escalated ? "risk-escalation" : "risk-alert",
            escalated ? $"Unacknowledged risk alert ({ClientNames.Initials(client.FullName)})" : $"Risk alert: client {ClientNames.Initials(client.FullName)}", body);
    }

    public async Task<IReadOnlyList<string>> AdminEmailsAsync(Guid clinicId, CancellationToken cancellationToken)
    {
        return await db.Users.Where(u => u.Email != null && db.ClinicMemberships.AcrossClinics(Bypass.Identity).Any(m => m.UserId == u.Id && m.ClinicId == clinicId && m.Role == Roles.Admin))
            .Select(u => u.Email!).ToListAsync(cancellationToken);
    }

    private async Task<string?> TherapistEmailAsync(Guid? therapistId, CancellationToken cancellationToken) =>
        therapistId is null ? null : await db.Therapists.Where(t => t.Id == therapistId).Join(db.Users, t => t.UserId, u => u.Id, (t, u) => u.Email).FirstOrDefaultAsync(cancellationToken);

    private Task<Guid?> LatestTherapistAsync(Guid clientId, CancellationToken cancellationToken) =>
        db.Appointments.Unfiltered(Bypass.SubmissionChecks)
            .Where(a => a.Participants.Any(p => p.ClientId == clientId) && a.Start <= clock.GetCurrentInstant() + Duration.FromDays(60))
            .OrderByDescending(a => a.Start).Select(a => (Guid?)a.TherapistId).FirstOrDefaultAsync(cancellationToken);
}
