using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Features.Audit;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Notifications;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Features.Staff;
using OnTrack.Web.Security;

namespace OnTrack.Web.Data;

/// <summary>
/// The one place where data access is filtered and audited: every clinic-owned row is filtered by the
/// caller's clinic ("Clinic" filter), appointments and clients also by what the caller may see
/// ("Caller" filter), and every change to clinical rows writes an audit event in the same transaction.
/// </summary>
public abstract class OnTrackDbContext(DbContextOptions options, Caller caller, IClock clock)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public const string ClinicFilter = "Clinic";
    public const string CallerFilter = "Caller";

    public DbSet<Clinic> Clinics => Set<Clinic>();

    public DbSet<OpeningHours> OpeningHours => Set<OpeningHours>();

    public DbSet<Therapist> Therapists => Set<Therapist>();

    public DbSet<WorkingHours> WorkingHours => Set<WorkingHours>();

    public DbSet<TimeException> TimeExceptions => Set<TimeException>();

    public DbSet<Client> ClientRecords => Set<Client>();

    public DbSet<Service> Services => Set<Service>();

    public DbSet<ServiceTherapist> ServiceTherapists => Set<ServiceTherapist>();

    public DbSet<Appointment> Appointments => Set<Appointment>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<AppointmentSeries> Series => Set<AppointmentSeries>();

    public DbSet<Features.Measures.MeasureResponse> Responses => Set<Features.Measures.MeasureResponse>();

    public DbSet<Features.Measures.MeasurePlanEntry> MeasurePlans => Set<Features.Measures.MeasurePlanEntry>();

    public DbSet<Features.Measures.Alert> Alerts => Set<Features.Measures.Alert>();

    public DbSet<Features.Course.CourseModelRecord> CourseModels => Set<Features.Course.CourseModelRecord>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>When each periodic job next runs, shared by every node.</summary>
    public DbSet<Features.Jobs.ScheduledJob> ScheduledJobs => Set<Features.Jobs.ScheduledJob>();

    /// <summary>Keys for cookies and tokens, shared by every web node on the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public Caller Caller { get; } = caller;

    public IClock Clock { get; } = clock;

    // Properties of the context, so that EF parameterises the filters per context instance.
    private Guid? CallerClinicId => Caller.ClinicId;

    private bool CallerIsSystem => Caller.IsSystem;

    private bool CallerSeesWholeClinic => Caller.SeesWholeClinic;

    private Guid? CallerTherapistId => Caller.TherapistId;

    private bool CallerIsAdminOrSystem => Caller.IsSystem || Caller.IsAdmin;

    private Guid? CallerClientId => Caller.ClientId;

    /// <summary>Records an audited read of clinical data; saved with the next SaveChanges.</summary>
    public void AuditRead(string entityType, string entityId, Guid? clientId, string details = "")
    {
        AuditEvents.Add(NewAuditEvent(AuditAction.Read, entityType, entityId, clientId, details));
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OnTrackDbContext).Assembly, t => t.Namespace?.StartsWith("OnTrack.Web.Features", StringComparison.Ordinal) == true || t == typeof(IdempotencyRecordConfiguration));

        builder.Entity<ApplicationUser>().HasIndex(u => u.ClinicId);

        // Our ids are made in code (version 7 GUIDs), never by the database. Saying so lets EF treat a
        // new row reached through a navigation of a tracked row as new, not as an update.
        foreach (var key in builder.Model.GetEntityTypes().Select(t => t.FindPrimaryKey()).Where(k => k is { Properties: [{ ClrType: var type }] } && type == typeof(Guid)))
        {
            key!.Properties[0].ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        }

        foreach (var entity in builder.Model.GetEntityTypes().Where(t => typeof(IClinicOwned).IsAssignableFrom(t.ClrType)).ToList())
        {
            typeof(OnTrackDbContext).GetMethod(nameof(ApplyClinicFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entity.ClrType).Invoke(this, [builder]);
        }

        builder.Entity<Appointment>().HasQueryFilter(CallerFilter, a =>
            CallerSeesWholeClinic
            || (CallerTherapistId != null && a.TherapistId == CallerTherapistId)
            || (CallerClientId != null && a.Participants.Any(p => p.ClientId == CallerClientId && p.Status == ParticipantStatus.Booked)));

        builder.Entity<Client>().HasQueryFilter(CallerFilter, c =>
            CallerSeesWholeClinic
            || (CallerClientId != null && c.Id == CallerClientId)
            || (CallerTherapistId != null && (c.PrimaryTherapistId == CallerTherapistId || c.Participations.Any(p => p.Appointment!.TherapistId == CallerTherapistId))));

        // Scores and alerts are clinical detail: the client's own, their therapists', and admins'.
        // Reception books and hands over the kiosk tablet but does not read scores.
        builder.Entity<Features.Measures.MeasureResponse>().HasQueryFilter(CallerFilter, r =>
            CallerIsAdminOrSystem
            || (CallerClientId != null && r.ClientId == CallerClientId)
            || (CallerTherapistId != null && (r.Client!.PrimaryTherapistId == CallerTherapistId || r.Client.Participations.Any(p => p.Appointment!.TherapistId == CallerTherapistId))));

        builder.Entity<Features.Measures.Alert>().HasQueryFilter(CallerFilter, a =>
            CallerIsAdminOrSystem
            || (CallerTherapistId != null && (a.TherapistId == CallerTherapistId || a.Client!.PrimaryTherapistId == CallerTherapistId || a.Client.Participations.Any(p => p.Appointment!.TherapistId == CallerTherapistId))));
    }

    private void ApplyClinicFilter<T>(ModelBuilder builder)
        where T : class, IClinicOwned
    {
        Expression<Func<T, bool>> filter = e => CallerIsSystem || e.ClinicId == CallerClinicId;
        builder.Entity<T>().HasQueryFilter(ClinicFilter, filter);
        builder.Entity<T>().HasIndex(e => e.ClinicId);
    }

    private void PrepareChanges()
    {
        ChangeTracker.DetectChanges();
        var audits = new List<AuditEvent>();
        foreach (var entry in ChangeTracker.Entries<IClinicOwned>().ToList())
        {
            if (entry.State == EntityState.Added)
            {
                if (entry.Entity.ClinicId == Guid.Empty && Caller.ClinicId is { } clinic)
                {
                    entry.Entity.ClinicId = clinic;
                }
            }

            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && !Caller.IsSystem && entry.Entity.ClinicId != Caller.ClinicId)
            {
                throw new InvalidOperationException($"A {entry.Entity.GetType().Name} of another clinic cannot be written.");
            }

            if (entry.Entity is AuditEvent)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("The audit trail is append-only.");
                }

                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Modified => AuditAction.Update,
                EntityState.Deleted => AuditAction.Delete,
                _ => (AuditAction?)null,
            };
            if (action is null || !IsClinical(entry.Entity))
            {
                continue;
            }

            var (type, id, clientId) = Describe(entry.Entity);
            var changed = entry.State == EntityState.Modified
                ? string.Join(",", entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name))
                : "";
            audits.Add(NewAuditEvent(action.Value, type, id, clientId, changed, entry.Entity.ClinicId));
        }

        AuditEvents.AddRange(audits);
    }

    private static bool IsClinical(IClinicOwned entity) => entity is Appointment or Participant or Client or AppointmentSeries
        or Features.Measures.MeasureResponse or Features.Measures.Alert or Features.Measures.MeasurePlanEntry;

    private static (string Type, string Id, Guid? ClientId) Describe(IClinicOwned entity) => entity switch
    {
        Appointment a => ("Appointment", a.Id.ToString(), null),
        Participant p => ("Participant", p.AppointmentId.ToString(), p.ClientId),
        Client c => ("Client", c.Id.ToString(), c.Id),
        AppointmentSeries s => ("AppointmentSeries", s.Id.ToString(), null),
        Features.Measures.MeasureResponse r => ("MeasureResponse", r.Id.ToString(), r.ClientId),
        Features.Measures.Alert a => ("Alert", a.Id.ToString(), a.ClientId),
        Features.Measures.MeasurePlanEntry m => ("MeasurePlan", m.Id.ToString(), m.ClientId),
        _ => (entity.GetType().Name, "", null),
    };

    private AuditEvent NewAuditEvent(AuditAction action, string type, string id, Guid? clientId, string details, Guid? clinicId = null) => new()
    {
        ClinicId = clinicId ?? Caller.ClinicId ?? Guid.Empty,
        At = Clock.GetCurrentInstant(),
        UserId = Caller.UserId,
        UserName = Caller.UserName,
        Action = action,
        EntityType = type,
        EntityId = id,
        ClientId = clientId,
        IpAddress = Caller.IpAddress,
        Details = details,
    };
}
