using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Scheduling;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Scheduling;

/// <summary>Cancel, move, mark attendance, and run group sessions. Each loads the record through the caller's filters first: what the caller cannot see is "not found".</summary>
public sealed class ChangeAppointment(OnTrackDbContext db, CurrentClinic currentClinic, Availability availability, Caller caller, BookingEmails emails, IClock clock)
{
    public async Task<Result<AppointmentDto>> CancelAsync(Guid id, CancellationToken cancellationToken)
    {
        var (appointment, clinic) = await LoadAsync(id, cancellationToken);
        if (appointment is null || clinic is null)
        {
            return Problem.NotFound("The appointment");
        }

        if (!appointment.IsActive || appointment.Status != AppointmentStatus.Booked)
        {
            return Problem.Invalid("Only a booked session that has not taken place can be cancelled.");
        }

        var now = clock.GetCurrentInstant();
        if (appointment.Start <= now)
        {
            return Problem.Invalid("The session has already started.");
        }

        var late = !caller.IsStaff && new CancellationPolicy(Duration.FromHours(clinic.CancellationWindowHours)).IsLate(now, appointment.Start);
        var clients = appointment.Participants.Where(p => p.Status == ParticipantStatus.Booked).Select(p => p.Client!).ToList();

        if (appointment.Service!.Format == SessionFormat.Group && caller.ClientId is { } me)
        {
            // Leaving a group frees one seat; the group goes on.
            foreach (var p in appointment.Participants.Where(p => p.ClientId == me && p.Status == ParticipantStatus.Booked))
            {
                p.Status = late ? ParticipantStatus.LateCancelled : ParticipantStatus.Cancelled;
            }

            await WithdrawRemindersAsync(appointment.Id, clients.Where(c => c.Id == me).Select(c => c.Email).ToList(), cancellationToken);
            emails.Cancelled(clinic, appointment, clients.Where(c => c.Id == me), late);
        }
        else
        {
            appointment.Status = late ? AppointmentStatus.LateCancelled : AppointmentStatus.Cancelled;
            appointment.CancelledAt = now;
            await WithdrawRemindersAsync(appointment.Id, null, cancellationToken);
            emails.Cancelled(clinic, appointment, clients, late);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await AnswerAsync(appointment, cancellationToken);
    }

    /// <summary>Moves a session: the old one is cancelled (late, if inside the window) and a new one booked, all or nothing.</summary>
    public async Task<Result<AppointmentDto>> RescheduleAsync(Guid id, DateTimeOffset newStart, CancellationToken cancellationToken)
    {
        var (appointment, clinic) = await LoadAsync(id, cancellationToken);
        if (appointment is null || clinic is null)
        {
            return Problem.NotFound("The appointment");
        }

        if (appointment.Status != AppointmentStatus.Booked || appointment.Service!.Format == SessionFormat.Group)
        {
            return Problem.Invalid(appointment.Service!.Format == SessionFormat.Group
                ? "Group sessions cannot be moved; cancel your place and join another session."
                : "Only a booked session can be moved.");
        }

        var now = clock.GetCurrentInstant();
        var start = Instant.FromDateTimeOffset(newStart);
        var notBefore = caller.IsStaff ? now : now + Availability.MinimumNotice;
        if (start < notBefore || appointment.Start <= now)
        {
            return Problem.Invalid(appointment.Start <= now ? "The session has already started." : "The new time is in the past or too soon to book online.");
        }

        if (Availability.OutsideHorizon(start, now) is { } tooFar)
        {
            return tooFar;
        }

        var conflicts = await ConflictsAsync(clinic, appointment.Therapist!, start, appointment.End - appointment.Start, notBefore, appointment.Id, cancellationToken);
        if (conflicts.Count > 0)
        {
            return Problem.Conflict("That time is not available. Please choose another time.", conflicts);
        }

        var late = !caller.IsStaff && new CancellationPolicy(Duration.FromHours(clinic.CancellationWindowHours)).IsLate(now, appointment.Start);
        var people = appointment.Participants.Where(p => p.Status == ParticipantStatus.Booked).Select(p => p.Client!).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            appointment.Status = late ? AppointmentStatus.LateCancelled : AppointmentStatus.Cancelled;
            appointment.CancelledAt = now;
            await WithdrawRemindersAsync(appointment.Id, null, cancellationToken);
            emails.Cancelled(clinic, appointment, people, late, movedTo: start);
            await db.SaveChangesAsync(cancellationToken);

            var moved = BookAppointment.NewAppointment(clinic, appointment.Service, appointment.Therapist!, start, appointment.SeriesId, now, people);
            moved.VideoLink = appointment.VideoLink ?? moved.VideoLink;
            db.Appointments.Add(moved);
            emails.Booked(clinic, appointment.Service, appointment.Therapist!, [moved], people);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            moved.Service = appointment.Service;
            moved.Therapist = appointment.Therapist;
            moved.Participants.ForEach(p => p.Client = people.Single(c => c.Id == p.ClientId));
            return await AnswerAsync(moved, cancellationToken);
        }
        catch (DbUpdateException ex) when (ConstraintViolations.AsBookingConflict(ex) is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return ConstraintViolations.AsBookingConflict(ex)!;
        }
    }

    /// <summary>Staff record what happened: attended, no-show, or a late cancellation.</summary>
    public async Task<Result<AppointmentDto>> SetStatusAsync(Guid id, AppointmentStatus status, CancellationToken cancellationToken)
    {
        var (appointment, clinic) = await LoadAsync(id, cancellationToken);
        if (appointment is null || clinic is null)
        {
            return Problem.NotFound("The appointment");
        }

        if (!caller.IsStaff)
        {
            // A client may see the appointment but not mark it; to them the action does not exist.
            return Problem.NotFound("The appointment");
        }

        if (status is not (AppointmentStatus.Attended or AppointmentStatus.NoShow or AppointmentStatus.LateCancelled))
        {
            return Problem.Invalid("Staff can mark a session as Attended, NoShow or LateCancelled. To cancel, use cancel.");
        }

        var now = clock.GetCurrentInstant();
        if (status is AppointmentStatus.Attended or AppointmentStatus.NoShow && appointment.Start > now)
        {
            return Problem.Invalid("A session can be marked attended or no-show once it has started.");
        }

        // Booked → attended / no-show / late cancellation; attended and no-show may be corrected into
        // each other. A cancellation is final: the time may already belong to someone else.
        var allowed = appointment.Status switch
        {
            AppointmentStatus.Booked => true,
            AppointmentStatus.Attended or AppointmentStatus.NoShow => status is AppointmentStatus.Attended or AppointmentStatus.NoShow,
            _ => false,
        };
        if (!allowed)
        {
            return Problem.Invalid($"A session that is {appointment.Status} cannot be marked {status}.");
        }

        appointment.Status = status;
        if (status == AppointmentStatus.LateCancelled)
        {
            appointment.CancelledAt ??= now;
            await WithdrawRemindersAsync(appointment.Id, null, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await AnswerAsync(appointment, cancellationToken);
    }

    /// <summary>Staff put a group session on a therapist's calendar; clients then join it.</summary>
    public async Task<Result<AppointmentDto>> CreateGroupSessionAsync(GroupSessionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clinic = await currentClinic.GetAsync(cancellationToken: cancellationToken);
        if (clinic is null || !caller.IsStaff)
        {
            return Problem.NotFound("The clinic");
        }

        var service = await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.ServiceId && s.Active, cancellationToken);
        if (service is null || service.Format != SessionFormat.Group)
        {
            return Problem.Invalid("There is no such group service.");
        }

        var therapist = await db.Therapists.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.TherapistId && t.Active, cancellationToken);
        if (therapist is null || (caller.TherapistId is { } own && !caller.SeesWholeClinic && own != therapist.Id))
        {
            return Problem.Invalid("There is no such therapist.");
        }

        var now = clock.GetCurrentInstant();
        var start = Instant.FromDateTimeOffset(request.Start);
        if (start <= now)
        {
            return Problem.Invalid("That time is in the past.");
        }

        if (Availability.OutsideHorizon(start, now) is { } tooFar)
        {
            return tooFar;
        }

        // Like any session: inside the therapist's hours, not on time off, clear of their other sessions.
        var conflicts = await ConflictsAsync(clinic, therapist, start, Duration.FromMinutes(service.DurationMinutes), now, null, cancellationToken);
        if (conflicts.Count > 0)
        {
            return Problem.Conflict("The therapist is not free for a group session then. Please choose another time.", conflicts);
        }

        var appointment = BookAppointment.NewAppointment(clinic, service, therapist, start, null, now, []);
        db.Appointments.Add(appointment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ConstraintViolations.IsDoubleBooking(ex))
        {
            db.ChangeTracker.Clear();
            return Problem.Conflict("The therapist already has a session at that time.");
        }

        appointment.Service = service;
        appointment.Therapist = therapist;
        return AppointmentMapper.ToDto(appointment);
    }

    /// <summary>A client takes a seat in a group session. Seats are numbered; the database refuses a taken or out-of-range seat, so a group never overfills.</summary>
    public async Task<Result<AppointmentDto>> JoinGroupAsync(Guid id, Guid? clientId, CancellationToken cancellationToken)
    {
        var clinic = await currentClinic.GetAsync(cancellationToken: cancellationToken);
        var who = caller.ClientId ?? (caller.IsStaff ? clientId : null);
        if (clinic is null || who is null)
        {
            return Problem.BadRequest("Sign in as a client to join a group, or as staff give clientId.");
        }

        var client = await db.ClientRecords.AsNoTracking().SingleOrDefaultAsync(c => c.Id == who, cancellationToken);
        if (client is null)
        {
            return Problem.Invalid("There is no such client.");
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var group = await db.Appointments.Unfiltered(Bypass.GroupSeats).Include(a => a.Service).Include(a => a.Therapist)
                .Include(a => a.Participants.Where(p => p.Status == ParticipantStatus.Booked)).ThenInclude(p => p.Client)
                .SingleOrDefaultAsync(a => a.Id == id && a.Status == AppointmentStatus.Booked && a.Service!.Format == SessionFormat.Group, cancellationToken);
            if (group is null || group.Start <= clock.GetCurrentInstant())
            {
                return Problem.NotFound("The group session");
            }

            if (group.Participants.Any(p => p.ClientId == client.Id))
            {
                return Problem.Conflict("You already have a place in this group session.");
            }

            var taken = group.Participants.Select(p => p.Seat).ToHashSet();
            var seat = Enumerable.Range(1, group.Capacity).FirstOrDefault(s => !taken.Contains(s));
            if (seat == 0)
            {
                return Problem.Conflict("This group session is full.");
            }

            group.Participants.Add(new Participant { ClinicId = clinic.Id, ClientId = client.Id, Seat = seat, Capacity = group.Capacity });
            emails.Booked(clinic, group.Service!, group.Therapist!, [group], [client]);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return await AnswerAsync(group, cancellationToken);
            }
            catch (DbUpdateException ex) when (ConstraintViolations.IsClientDoubleBooking(ex))
            {
                db.ChangeTracker.Clear();
                return Problem.Conflict(caller.ClientId is null ? "The client already has a session at that time." : "You already have a session at that time.");
            }
            catch (DbUpdateException ex) when (ConstraintViolations.IsSeatTaken(ex))
            {
                // Someone took that seat a moment ago: look again.
                db.ChangeTracker.Clear();
            }
        }

        return Problem.Conflict("This group session is filling up right now. Please try again.");
    }

    /// <summary>
    /// The appointment as the caller may see it. Its participants were loaded past the caller filter to
    /// act for everyone in it, so the answer names only the clients the caller may open (a client in a
    /// group sees themself, never the other members).
    /// </summary>
    private async Task<AppointmentDto> AnswerAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        var ids = appointment.Participants.Select(p => p.ClientId).Distinct().ToList();
        var visible = await db.ClientRecords.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.FullName, cancellationToken);
        return AppointmentMapper.ToDto(appointment, visible);
    }

    /// <summary>Why one session of <paramref name="therapist"/> at <paramref name="start"/> cannot be booked; empty when it can.</summary>
    private async Task<IReadOnlyList<Conflict>> ConflictsAsync(Clinics.Clinic clinic, Staff.Therapist therapist, Instant start, Duration length, Instant notBefore, Guid? ignoring, CancellationToken cancellationToken)
    {
        var zone = clinic.Zone;
        var local = start.InZone(zone).Date;
        var queries = await availability.LoadAsync(clinic, [therapist], length, local, local, notBefore, ignoring, cancellationToken);
        var occurrence = new Occurrence(0, start.InZone(zone).LocalDateTime, start, start + length);
        return BookAppointment.Conflicts(queries[therapist.Id], [occurrence], zone);
    }

    private async Task<(Appointment? Appointment, Clinics.Clinic? Clinic)> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var clinic = await currentClinic.GetAsync(cancellationToken: cancellationToken);
        var appointment = await db.Appointments.Include(a => a.Service).Include(a => a.Therapist)
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is not null)
        {
            // The caller may see the appointment; they act on it for everyone in it (a couple's partner
            // too), so its participants are loaded whether or not the caller could open their records.
            await db.Participants.Unfiltered(Bypass.GroupSeats).Include(p => p.Client)
                .Where(p => p.AppointmentId == id).LoadAsync(cancellationToken);
        }

        return (appointment, clinic);
    }

    private async Task WithdrawRemindersAsync(Guid appointmentId, IReadOnlyList<string>? onlyTo, CancellationToken cancellationToken)
    {
        var reminders = await db.Outbox.Where(m => m.AppointmentId == appointmentId && m.SentAt == null && !m.Withdrawn).ToListAsync(cancellationToken);
        foreach (var m in reminders.Where(m => onlyTo is null || onlyTo.Contains(m.To)))
        {
            m.Withdrawn = true;
        }
    }
}
