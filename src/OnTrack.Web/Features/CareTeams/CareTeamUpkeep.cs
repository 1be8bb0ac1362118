using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Scheduling;

namespace OnTrack.Web.Features.CareTeams;

/// <summary>
/// Keeps care teams in step with what is saved, whichever code saves it: a new client with a primary
/// therapist puts that therapist on the team; a booking puts its therapist on the team (as primary when
/// the client has none, as group facilitator for a group, otherwise with access to the schedule only);
/// cancelling the booking takes a therapist who came with it off again, unless another session with them
/// remains. Runs inside every SaveChanges, before the audit, so these changes are audited too.
/// </summary>
internal static class CareTeamUpkeep
{
    private static readonly ParticipantStatus[] Left = [ParticipantStatus.Cancelled, ParticipantStatus.LateCancelled];

    public static async Task KeepUpAsync(OnTrackDbContext db, Instant now, CancellationToken cancellationToken)
    {
        var booked = new List<Participant>();
        var ended = new List<(Guid ClientId, Guid AppointmentId)>();
        var newClients = new List<Client>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Client { PrimaryTherapistId: not null } client when entry.State == EntityState.Added:
                    newClients.Add(client);
                    break;
                case Participant p when entry.State == EntityState.Added && p.Status == ParticipantStatus.Booked:
                    booked.Add(p);
                    break;
                case Participant p when entry.State == EntityState.Modified && Left.Contains(p.Status) && entry.Property(nameof(Participant.Status)).IsModified:
                    ended.Add((p.ClientId, p.AppointmentId));
                    break;
                case Appointment a when entry.State == EntityState.Modified && !a.IsActive && entry.Property(nameof(Appointment.Status)).IsModified:
                    ended.AddRange(a.Participants.Select(p => (p.ClientId, a.Id)));
                    break;
            }
        }

        if (newClients.Count == 0 && booked.Count == 0 && ended.Count == 0)
        {
            return;
        }

        var clientIds = newClients.Select(c => c.Id).Concat(booked.Select(p => p.ClientId)).Concat(ended.Select(e => e.ClientId)).Distinct().ToList();
        var team = new Team(db, now, await ActiveMembersAsync(db, clientIds, now, cancellationToken));

        foreach (var client in newClients)
        {
            team.Add(client.ClinicId, client.Id, client.PrimaryTherapistId!.Value, CareTeamRole.Primary, CareTeamAccess.Full, db.Caller.IsSystem ? CareTeamSource.History : CareTeamSource.Invitation, null);
        }

        foreach (var participant in booked)
        {
            var appointment = participant.Appointment ?? db.Appointments.Local.FirstOrDefault(a => a.Id == participant.AppointmentId)
                ?? await db.Appointments.Unfiltered(Bypass.Compartment).Include(a => a.Service).SingleAsync(a => a.Id == participant.AppointmentId, cancellationToken);
            var service = appointment.Service ?? db.Services.Local.FirstOrDefault(s => s.Id == appointment.ServiceId)
                ?? await db.Services.Unfiltered(Bypass.Compartment).SingleAsync(s => s.Id == appointment.ServiceId, cancellationToken);
            if (team.IsOn(participant.ClientId, appointment.TherapistId))
            {
                continue;
            }

            var client = participant.Client ?? await db.ClientRecords.Unfiltered(Bypass.Compartment).SingleAsync(c => c.Id == participant.ClientId, cancellationToken);
            if (!team.HasPrimary(client.Id) && client.PrimaryTherapistId is { } assigned && assigned != appointment.TherapistId)
            {
                // Assigned a primary therapist before the team knew of it.
                team.Add(appointment.ClinicId, client.Id, assigned, CareTeamRole.Primary, CareTeamAccess.Full, CareTeamSource.History, null);
            }

            if (!team.HasPrimary(client.Id))
            {
                // A client's first therapist is their primary therapist.
                client.PrimaryTherapistId = appointment.TherapistId;
                team.Add(appointment.ClinicId, client.Id, appointment.TherapistId, CareTeamRole.Primary, CareTeamAccess.Full, CareTeamSource.Booking, appointment.Id);
            }
            else if (service.Format == SessionFormat.Group)
            {
                team.Add(appointment.ClinicId, client.Id, appointment.TherapistId, CareTeamRole.GroupFacilitator, CareTeamAccess.Full, CareTeamSource.Booking, appointment.Id);
            }
            else
            {
                // A session with someone else's client shows them who the client is, not the clinical record:
                // the primary therapist or an admin can make them a co-therapist.
                team.Add(appointment.ClinicId, client.Id, appointment.TherapistId, CareTeamRole.CoTherapist, CareTeamAccess.Schedule, CareTeamSource.Booking, appointment.Id);
            }
        }

        await EndCancelledAsync(db, team, ended, now, cancellationToken);
    }

    private static async Task EndCancelledAsync(OnTrackDbContext db, Team team, List<(Guid ClientId, Guid AppointmentId)> ended, Instant now, CancellationToken cancellationToken)
    {
        if (ended.Count == 0)
        {
            return;
        }

        var appointmentIds = ended.Select(e => e.AppointmentId).Distinct().ToList();
        var endedAppointments = await db.Appointments.Unfiltered(Bypass.Compartment).AsNoTracking().Where(a => appointmentIds.Contains(a.Id))
            .Select(a => new { a.Id, a.TherapistId }).ToDictionaryAsync(a => a.Id, a => a.TherapistId, cancellationToken);
        foreach (var (clientId, therapistId) in ended.Select(e => (e.ClientId, endedAppointments[e.AppointmentId])).Distinct())
        {
            var fromBookings = team.Members(clientId, therapistId).Where(m => m.Source == CareTeamSource.Booking).ToList();
            if (fromBookings.Count == 0)
            {
                continue;
            }

            // Another session with the therapist that still stands keeps them on the team.
            var others = await db.Participants.Unfiltered(Bypass.Compartment).AsNoTracking()
                .Where(p => p.ClientId == clientId && p.Status == ParticipantStatus.Booked && !appointmentIds.Contains(p.AppointmentId)
                    && p.Appointment!.TherapistId == therapistId && Appointment.ActiveStatuses.Contains(p.Appointment.Status))
                .AnyAsync(cancellationToken);
            var addedNow = db.ChangeTracker.Entries<Participant>().Any(e => e.State == EntityState.Added && e.Entity.ClientId == clientId && e.Entity.Status == ParticipantStatus.Booked
                && (e.Entity.Appointment?.TherapistId ?? Guid.Empty) == therapistId);
            if (others || addedNow)
            {
                continue;
            }

            foreach (var member in fromBookings)
            {
                member.Until = now;
                member.Note = "The booking that brought them onto the team was cancelled.";
                if (member.Role == CareTeamRole.Primary)
                {
                    var client = await db.ClientRecords.Unfiltered(Bypass.Compartment).SingleAsync(c => c.Id == clientId, cancellationToken);
                    if (client.PrimaryTherapistId == therapistId)
                    {
                        client.PrimaryTherapistId = null;
                    }
                }
            }
        }
    }

    private static async Task<List<CareTeamMember>> ActiveMembersAsync(OnTrackDbContext db, List<Guid> clientIds, Instant now, CancellationToken cancellationToken)
    {
        var stored = await db.CareTeamMembers
            .Where(m => clientIds.Contains(m.ClientId) && (m.Until == null || m.Until > now)).ToListAsync(cancellationToken);
        return stored.Concat(db.CareTeamMembers.Local.Where(m => clientIds.Contains(m.ClientId) && m.IsActiveAt(now))).Distinct().ToList();
    }

    /// <summary>The active members of the clients concerned, including those added in this save.</summary>
    private sealed class Team(OnTrackDbContext db, Instant now, List<CareTeamMember> members)
    {
        public bool IsOn(Guid clientId, Guid therapistId) => members.Any(m => m.ClientId == clientId && m.TherapistId == therapistId && m.IsActiveAt(now));

        public bool HasPrimary(Guid clientId) => members.Any(m => m.ClientId == clientId && m.Role == CareTeamRole.Primary && m.IsActiveAt(now));

        public IEnumerable<CareTeamMember> Members(Guid clientId, Guid therapistId) => members.Where(m => m.ClientId == clientId && m.TherapistId == therapistId && m.IsActiveAt(now));

        public void Add(Guid clinicId, Guid clientId, Guid therapistId, CareTeamRole role, CareTeamAccess access, CareTeamSource source, Guid? appointmentId)
        {
            if (IsOn(clientId, therapistId) || (role == CareTeamRole.Primary && HasPrimary(clientId)))
            {
                return;
            }

            var member = new CareTeamMember { ClinicId = clinicId, ClientId = clientId, TherapistId = therapistId, Role = role, Access = access, Source = source, From = now, AppointmentId = appointmentId };
            members.Add(member);
            db.CareTeamMembers.Add(member);
        }
    }
}
