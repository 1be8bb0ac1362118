using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using OnTrack.Domain.Scheduling;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Notifications;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.CareTeams;

public enum TransferReason
{
    PoorFit = 0,
    ClientRequest = 1,
    TherapistLeaving = 2,
    Other = 3,
}

/// <summary>What happens to the client's future individual sessions with the former therapist.</summary>
public enum FutureSessions
{
    /// <summary>Each moves to the new therapist at the same time when they are free then; otherwise it is cancelled.</summary>
    MoveWhereFree = 0,
    Cancel = 1,
}

public sealed record TransferRequest(Guid ToTherapistId, TransferReason Reason, string? Note, bool ClientConsented, FutureSessions FutureSessions = FutureSessions.MoveWhereFree);

public sealed record CareTeamMemberDto(Guid TherapistId, string Therapist, CareTeamRole Role, CareTeamAccess Access, CareTeamSource Source, DateTimeOffset From, DateTimeOffset? Until, string Note);

public sealed record TransferResult(Guid ClientId, Guid? FromTherapistId, Guid ToTherapistId, IReadOnlyList<DateTimeOffset> Moved, IReadOnlyList<DateTimeOffset> Cancelled, DateTimeOffset? FormerReadOnlyUntil);

/// <summary>A client's care team: who is on it (and was), and the change of therapist.</summary>
public sealed class CareTeamService(OnTrackDbContext db, Caller caller, ClientAccess access, CurrentClinic currentClinic, Availability availability, IOptions<ClinicOptions> clinicOptions, IEnumerable<ITransferOfCareStep> steps, IClock clock)
{
    public async Task<IReadOnlyList<CareTeamMemberDto>?> HistoryAsync(Guid clientId, CancellationToken cancellationToken)
    {
        if (await access.CheckAsync(clientId, ClientOperation.ViewContact, cancellationToken) is null)
        {
            return null;
        }

        var rows = await db.CareTeamMembers.AsNoTracking().Where(m => m.ClientId == clientId)
            .Select(m => new { m.TherapistId, m.Therapist!.DisplayName, m.Role, m.Access, m.Source, m.From, m.Until, m.Note })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(m => m.From).Select(m => new CareTeamMemberDto(m.TherapistId, m.DisplayName, m.Role, m.Access, m.Source, m.From.ToDateTimeOffset(), m.Until?.ToDateTimeOffset(), m.Note)).ToList();
    }

    /// <summary>The clinic's active therapists a client can be moved to.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> TherapistsAsync(CancellationToken cancellationToken) =>
        (await db.Therapists.AsNoTracking().Where(t => t.Active).OrderBy(t => t.DisplayName).Select(t => new { t.Id, t.DisplayName }).ToListAsync(cancellationToken))
            .Select(t => (t.Id, t.DisplayName)).ToList();

    /// <summary>The client's name, when the caller may know who they are.</summary>
    public async Task<string?> NameAsync(Guid clientId, CancellationToken cancellationToken) =>
        await db.ClientRecords.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.FullName).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Moves the client to another therapist, all or nothing: the new therapist becomes primary and sees the
    /// whole history; the former one's access ends (or turns read-only for the clinic's stated period); open
    /// alerts go to the new therapist; future individual sessions with the former therapist move to the new
    /// one where they are free at that time and are cancelled otherwise (or all cancelled); the client is
    /// emailed; the reason is kept on the care team.
    /// </summary>
    public async Task<Result<TransferResult>> TransferAsync(Guid clientId, TransferRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await access.CheckAsync(clientId, ClientOperation.Transfer, cancellationToken) is null)
        {
            return Problem.NotFound("The client");
        }

        return await MoveAsync(clientId, request, cancellationToken);
    }

    /// <summary>
    /// The client moves their own care to a therapist they chose from suggestions the clinic offered them (Matching
    /// decides which those are): the same change of therapist, with the client's own consent.
    /// </summary>
    public async Task<Result<TransferResult>> ClientChoosesAsync(Guid clientId, Guid toTherapistId, CancellationToken cancellationToken)
    {
        if (caller.ClientId != clientId || await access.CheckAsync(clientId, ClientOperation.ReadClinical, cancellationToken) is null)
        {
            return Problem.NotFound("The client");
        }

        return await MoveAsync(clientId, new TransferRequest(toTherapistId, TransferReason.ClientRequest, "Chosen by the client from the clinic's suggestions", ClientConsented: true), cancellationToken);
    }

    private async Task<Result<TransferResult>> MoveAsync(Guid clientId, TransferRequest request, CancellationToken cancellationToken)
    {
        if (await currentClinic.GetAsync(cancellationToken: cancellationToken) is not { } clinic)
        {
            return Problem.NotFound("The client");
        }

        if (!caller.IsAdmin && !request.ClientConsented)
        {
            return Problem.Invalid("Record that the client agrees to the change of therapist (clientConsented), or ask the clinic's admin to make it.");
        }

        if (request.Note?.Length > 1000)
        {
            return Problem.Invalid("The note is at most 1000 characters.");
        }

        if (!Enum.IsDefined(request.Reason) || !Enum.IsDefined(request.FutureSessions))
        {
            return Problem.Invalid("Give a reason (poorFit, clientRequest, therapistLeaving or other) and what happens to future sessions (moveWhereFree or cancel).");
        }

        var to = await db.Therapists.SingleOrDefaultAsync(t => t.Id == request.ToTherapistId && t.Active, cancellationToken);
        if (to is null)
        {
            return Problem.Invalid("The new therapist is not one of the clinic's active therapists.");
        }

        var client = await db.ClientRecords.SingleAsync(c => c.Id == clientId, cancellationToken);
        if (client.PrimaryTherapistId == to.Id)
        {
            return Problem.Invalid($"{to.DisplayName} is already the client's therapist.");
        }

        var now = clock.GetCurrentInstant();
        var members = await db.CareTeamMembers.Where(m => m.ClientId == clientId && (m.Until == null || m.Until > now)).ToListAsync(cancellationToken);
        var formerId = client.PrimaryTherapistId;
        var reason = ReasonText(request);
        Instant? readOnlyUntil = clinic.FormerTherapistReadOnlyDays > 0 ? now + Duration.FromDays(clinic.FormerTherapistReadOnlyDays) : null;
        foreach (var member in members.Where(m => m.Role == CareTeamRole.Primary || m.TherapistId == to.Id))
        {
            member.Until = now;
            member.Note = member.TherapistId == to.Id ? member.Note : $"Care moved to {to.DisplayName}: {reason}";
            if (member.TherapistId != to.Id && readOnlyUntil is not null)
            {
                db.CareTeamMembers.Add(new CareTeamMember
                {
                    ClinicId = client.ClinicId,
                    ClientId = clientId,
                    TherapistId = member.TherapistId,
                    Role = CareTeamRole.CoTherapist,
                    Access = CareTeamAccess.ReadOnly,
                    Source = CareTeamSource.Transfer,
                    From = now,
                    Until = readOnlyUntil,
                    Note = "Former therapist, read-only for the clinic's stated period",
                });
            }
        }

        db.CareTeamMembers.Add(new CareTeamMember
        {
            ClinicId = client.ClinicId,
            ClientId = clientId,
            TherapistId = to.Id,
            Role = CareTeamRole.Primary,
            Access = CareTeamAccess.Full,
            Source = CareTeamSource.Transfer,
            From = now,
            Note = reason,
        });
        client.PrimaryTherapistId = to.Id;

        // What other features do when care moves (Measures: open alerts go to the new therapist), in this unit of work.
        foreach (var step in steps)
        {
            await step.ApplyAsync(clientId, formerId, to.Id, cancellationToken);
        }

        var (moved, cancelled) = formerId is { } former ? await HandleFutureSessionsAsync(clinic, client, former, to, request.FutureSessions, now, cancellationToken) : ([], []);
        Email(clinic, client, to, moved, cancelled, now);
        await db.SaveChangesAsync(cancellationToken);
        return new TransferResult(clientId, formerId, to.Id, moved.Select(a => a.Start.ToDateTimeOffset()).ToList(), cancelled.Select(a => a.Start.ToDateTimeOffset()).ToList(), readOnlyUntil?.ToDateTimeOffset());
    }

    private async Task<(List<Appointment> Moved, List<Appointment> Cancelled)> HandleFutureSessionsAsync(
        Clinic clinic, Client client, Guid formerId, Staff.Therapist to, FutureSessions choice, Instant now, CancellationToken cancellationToken)
    {
        var future = await db.Appointments.Unfiltered(Bypass.Compartment).Include(a => a.Service)
            .Where(a => a.TherapistId == formerId && a.Status == AppointmentStatus.Booked && a.Start > now && a.Service!.Format == SessionFormat.Individual
                && a.Participants.Any(p => p.ClientId == client.Id && p.Status == ParticipantStatus.Booked))
            .OrderBy(a => a.Start).ToListAsync(cancellationToken);
        var moved = new List<Appointment>();
        var cancelled = new List<Appointment>();
        if (future.Count == 0)
        {
            return (moved, cancelled);
        }

        var zone = clinic.Zone;
        var queries = choice == FutureSessions.MoveWhereFree
            ? await availability.LoadAsync(clinic, [to], future[0].End - future[0].Start, future[0].Start.InZone(zone).Date, future[^1].Start.InZone(zone).Date, now, null, cancellationToken)
            : null;
        var offers = await db.ServiceTherapists.AnyAsync(st => st.TherapistId == to.Id && st.ServiceId == future[0].ServiceId, cancellationToken);
        foreach (var appointment in future)
        {
            var query = queries?[to.Id];
            if (query is not null && offers && appointment.End - appointment.Start == query.SessionLength && SlotFinder.IsBookable(query, appointment.Start))
            {
                appointment.TherapistId = to.Id;
                appointment.BlockedUntil = appointment.End + Duration.FromMinutes(to.BufferMinutes);
                queries![to.Id] = query with { Busy = [.. query.Busy, new TimeRange(appointment.Start, appointment.BlockedUntil)] };
                moved.Add(appointment);
            }
            else
            {
                appointment.Status = AppointmentStatus.Cancelled;
                appointment.CancelledAt = now;
                cancelled.Add(appointment);
            }

            // The reminders named the former therapist: withdrawn; the summary email says what changed.
            foreach (var reminder in await db.Outbox.Where(m => m.AppointmentId == appointment.Id && m.SentAt == null && !m.Withdrawn).ToListAsync(cancellationToken))
            {
                reminder.Withdrawn = true;
            }
        }

        return (moved, cancelled);
    }

    private void Email(Clinic clinic, Client client, Staff.Therapist to, List<Appointment> moved, List<Appointment> cancelled, Instant now)
    {
        if (string.IsNullOrWhiteSpace(client.Email))
        {
            return;
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Your therapist at {clinic.Name} is now {to.DisplayName}. {to.DisplayName} can see your forms and progress so far, so you will not have to start again.");
        if (moved.Count > 0)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"These sessions are now with {to.DisplayName}, at the same time:");
            moved.ForEach(a => text.AppendLine(CultureInfo.InvariantCulture, $"  - {TimeText.Moment(a.Start, a.TimeZoneId)}"));
        }

        if (cancelled.Count > 0)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"These sessions are cancelled ({to.DisplayName} is not free then); please book new times:");
            cancelled.ForEach(a => text.AppendLine(CultureInfo.InvariantCulture, $"  - {TimeText.Moment(a.Start, a.TimeZoneId)}"));
        }

        var site = clinicOptions.Value.PublicUrl.TrimEnd('/');
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Book or see your sessions: {site}/my");
        text.AppendLine(CultureInfo.InvariantCulture, $"Questions: call {clinic.MainPhone} or write to {clinic.Email}.");
        if (!string.IsNullOrWhiteSpace(clinic.CrisisResources))
        {
            text.AppendLine().AppendLine(clinic.CrisisResources);
        }

        db.Outbox.Add(OutboxMessage.Email(clinic.Id, now, client.Email, "care-transfer", $"Your therapist is now {to.DisplayName}", text.ToString()));
    }

    private static string ReasonText(TransferRequest request)
    {
        var reason = request.Reason switch
        {
            TransferReason.PoorFit => "poor fit",
            TransferReason.ClientRequest => "the client asked",
            TransferReason.TherapistLeaving => "therapist leaving",
            _ => "other",
        };
        var consent = request.ClientConsented ? "; the client agreed" : "";
        return string.IsNullOrWhiteSpace(request.Note) ? reason + consent : $"{reason}{consent} — {request.Note.Trim()}";
    }
}
