using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Features.Audit;
using OnTrack.Web.Features.CareTeams;
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
public abstract class OnTrackDbContext(DbContextOptions options, Caller caller, IClock clock, ReadAudit reads)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public const string ClinicFilter = "Clinic";
    public const string CallerFilter = "Caller";

    public DbSet<Clinic> Clinics => Set<Clinic>();

    public DbSet<OpeningHours> OpeningHours => Set<OpeningHours>();

    /// <summary>What each login is at each clinic (decision 011): where roles are read from.</summary>
    public DbSet<ClinicMembership> ClinicMemberships => Set<ClinicMembership>();

    public DbSet<Therapist> Therapists => Set<Therapist>();

    public DbSet<WorkingHours> WorkingHours => Set<WorkingHours>();

    public DbSet<TimeException> TimeExceptions => Set<TimeException>();

    public DbSet<Client> ClientRecords => Set<Client>();

    public DbSet<Service> Services => Set<Service>();

    public DbSet<ServiceTherapist> ServiceTherapists => Set<ServiceTherapist>();

    public DbSet<Appointment> Appointments => Set<Appointment>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<AppointmentSeries> Series => Set<AppointmentSeries>();

    /// <summary>Who is on each client's care team, and when: the key to the client-record compartment.</summary>
    public DbSet<CareTeamMember> CareTeamMembers => Set<CareTeamMember>();

    public DbSet<Features.Measures.MeasureResponse> Responses => Set<Features.Measures.MeasureResponse>();

    public DbSet<Features.Measures.MeasurePlanEntry> MeasurePlans => Set<Features.Measures.MeasurePlanEntry>();

    public DbSet<Features.Measures.Alert> Alerts => Set<Features.Measures.Alert>();

    public DbSet<Features.Course.CourseModelRecord> CourseModels => Set<Features.Course.CourseModelRecord>();

    public DbSet<Features.Plans.TreatmentPlanVersion> TreatmentPlans => Set<Features.Plans.TreatmentPlanVersion>();

    public DbSet<Features.Plans.PlanResponse> PlanResponses => Set<Features.Plans.PlanResponse>();

    public DbSet<Features.Plans.Goal> Goals => Set<Features.Plans.Goal>();

    public DbSet<Features.Plans.GoalRevision> GoalRevisions => Set<Features.Plans.GoalRevision>();

    public DbSet<Features.Plans.ClientPreferences> ClientPreferences => Set<Features.Plans.ClientPreferences>();

    public DbSet<Features.Plans.ExpectationCheck> Expectations => Set<Features.Plans.ExpectationCheck>();

    public DbSet<Features.Plans.TherapistStyle> TherapistStyles => Set<Features.Plans.TherapistStyle>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>When each periodic job next runs, shared by every node.</summary>
    public DbSet<Features.Jobs.ScheduledJob> ScheduledJobs => Set<Features.Jobs.ScheduledJob>();

    /// <summary>Keys for cookies and tokens, shared by every web node on the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public Caller Caller { get; } = caller;

    private IClock Clock { get; } = clock;

    /// <summary>The reads of this scope, written in one batch (see <see cref="ReadAudit"/>).</summary>
    public ReadAudit ReadAudit { get; } = reads;

    // Properties of the context, so that EF parameterises the filters per context instance.
    private Guid? CallerClinicId => Caller.ClinicId;

    private bool CallerIsSystem => Caller.IsSystem;

    private bool CallerSeesWholeClinic => Caller.SeesWholeClinic;

    private Guid? CallerTherapistId => Caller.TherapistId;

    private bool CallerIsAdminOrSystem => Caller.IsSystem || Caller.IsAdmin;

    private Guid? CallerClientId => Caller.ClientId;

    private Instant CallerNow => Clock.GetCurrentInstant();

    /// <summary>Records a read that no declared record's query shows (a projection, a list): written with the request's other reads.</summary>
    public void AuditRead(string entityType, string entityId, Guid? clientId, string details = "") => ReadAudit.Saw(entityType, entityId, clientId, details);

    /// <summary>Records a change that is not a row of a declared record (a clinic's settings, a staff member's role); saved with the next SaveChanges.</summary>
    public void AuditChange(string entityType, string entityId, string details) =>
        AuditEvents.Add(NewAuditEvent(AuditAction.Update, entityType, entityId, null, details));

    public override int SaveChanges(bool acceptAllChangesOnSuccess) => SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        await CareTeamUpkeep.KeepUpAsync(this, Clock.GetCurrentInstant(), cancellationToken);
        await CheckClinicalWritesAsync(cancellationToken);
        PrepareChanges();
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// A therapist changes a client's clinical record only with full access on the client's care team: a
    /// read-only former therapist, or one who only sees the schedule, cannot, whatever code tries. What the
    /// care team writes (<see cref="ClientRecordSensitivity.CareTeam"/>) only such a therapist writes, admins included.
    /// </summary>
    private async Task CheckClinicalWritesAsync(CancellationToken cancellationToken)
    {
        if (Caller.IsSystem)
        {
            return;
        }

        // Admins change clinical records as such; what the care team writes only the care team does.
        ClientRecordSensitivity[] guarded = Caller.IsAdmin ? [ClientRecordSensitivity.CareTeam] : [ClientRecordSensitivity.Clinical, ClientRecordSensitivity.CareTeam, ClientRecordSensitivity.ClientAndAdmins];
        var clients = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && ClientRecordDeclaration.Of(e.Metadata) is { } declaration && guarded.Contains(declaration.Sensitivity))
            .Select(e => (Guid?)e.Property(ClientRecordDeclaration.Of(e.Metadata)!.ClientProperty).CurrentValue)
            .OfType<Guid>().Distinct().ToList();
        if (clients.Count == 0)
        {
            return;
        }

        if (Caller.TherapistId is not { } therapist)
        {
            // Without a place on a care team (a client, reception, an admin who is not a therapist), never what the care team writes.
            if (ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                    && ClientRecordDeclaration.Of(e.Metadata) is { Sensitivity: ClientRecordSensitivity.CareTeam }))
            {
                throw new ClientRecordAccessException("Only the client's care team writes what the care team writes.");
            }

            return;
        }

        var now = Clock.GetCurrentInstant();
        var allowed = await CareTeamMembers.AsNoTracking()
            .Where(m => clients.Contains(m.ClientId) && m.TherapistId == therapist && m.Access == CareTeamAccess.Full && (m.Until == null || m.Until > now))
            .Select(m => m.ClientId).Distinct().ToListAsync(cancellationToken);
        if (clients.Except(allowed).Any())
        {
            throw new ClientRecordAccessException("A therapist without full access on the client's care team cannot change their clinical record.");
        }
    }

    /// <summary>Every context audits the declared client records its queries bring back, however it was made.</summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        optionsBuilder.AddInterceptors(ReadAuditBinding.Instance);
        base.OnConfiguring(optionsBuilder);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OnTrackDbContext).Assembly, t => t.Namespace?.StartsWith("OnTrack.Web.Features", StringComparison.Ordinal) == true || t == typeof(IdempotencyRecordConfiguration) || t == typeof(AuditEventConfiguration));

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

        // A therapist's appointments are their own working time; a client sees the sessions they are booked into.
        builder.Entity<Appointment>().HasQueryFilter(CallerFilter, a =>
            CallerSeesWholeClinic
            || (CallerTherapistId != null && a.TherapistId == CallerTherapistId)
            || (CallerClientId != null && a.Participants.Any(p => p.ClientId == CallerClientId && p.Status == ParticipantStatus.Booked)));

        // The client-record compartment: one filter for every declared client record, from its declaration alone.
        foreach (var entity in builder.Model.GetEntityTypes().Where(t => ClientRecordDeclaration.Of(t) is not null).ToList())
        {
            typeof(OnTrackDbContext).GetMethod(nameof(ApplyClientRecordFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entity.ClrType).Invoke(this, [builder, ClientRecordDeclaration.Of(entity)]);
        }
    }

    private void ApplyClientRecordFilter<T>(ModelBuilder builder, ClientRecordDeclaration declaration)
        where T : class
    {
        // Who may see the records of client `id`: the clinic's admins; the client; reception, for who the
        // client is and when they come; and the client's care team now — with clinical access for
        // clinical records. What the care team writes (notes) is theirs and the client's: not the admins'.
        // What the client told the admins alone is theirs and the admins': not the care team's.
        Expression<Func<Guid, bool>> visible = declaration.Sensitivity switch
        {
            ClientRecordSensitivity.ClientAndAdmins => id => CallerIsAdminOrSystem || (CallerClientId != null && id == CallerClientId),
            ClientRecordSensitivity.CareTeam => id => CallerIsSystem
                || (CallerClientId != null && id == CallerClientId)
                || (CallerTherapistId != null && CareTeamMembers.Any(m => m.ClientId == id && m.TherapistId == CallerTherapistId
                    && (m.Until == null || m.Until > CallerNow) && m.Access != CareTeamAccess.Schedule)),
            ClientRecordSensitivity.Clinical => id => CallerIsAdminOrSystem
                || (CallerClientId != null && id == CallerClientId)
                || (CallerTherapistId != null && CareTeamMembers.Any(m => m.ClientId == id && m.TherapistId == CallerTherapistId
                    && (m.Until == null || m.Until > CallerNow) && m.Access != CareTeamAccess.Schedule)),
            _ => id => CallerSeesWholeClinic
                || (CallerClientId != null && id == CallerClientId)
                || (CallerTherapistId != null && CareTeamMembers.Any(m => m.ClientId == id && m.TherapistId == CallerTherapistId
                    && (m.Until == null || m.Until > CallerNow))),
        };
        var record = Expression.Parameter(typeof(T), "record");
        Expression client = Expression.Property(record, declaration.ClientProperty);
        Expression? clinicOwn = null;
        if (client.Type == typeof(Guid?))
        {
            // A row with no client is the clinic's own (its default plan), visible to the clinic.
            clinicOwn = Expression.Equal(client, Expression.Constant(null, typeof(Guid?)));
            client = Expression.Property(client, nameof(Nullable<Guid>.Value));
        }

        var body = Microsoft.EntityFrameworkCore.Query.ReplacingExpressionVisitor.Replace(visible.Parameters[0], client, visible.Body);
        body = clinicOwn is null ? body : Expression.OrElse(clinicOwn, body);
        builder.Entity<T>().HasQueryFilter(CallerFilter, Expression.Lambda<Func<T, bool>>(body, record));
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
            if (action is null || Describe(entry) is not { } described)
            {
                continue;
            }

            var changed = entry.State == EntityState.Modified
                ? string.Join(",", entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name))
                : "";
            audits.Add(NewAuditEvent(action.Value, described.Type, described.Id, described.ClientId, changed, entry.Entity.ClinicId));
        }

        AuditEvents.AddRange(audits);
    }

    /// <summary>How the audit trail names a changed row, from its declaration; null for rows whose changes are not audited.</summary>
    private static (string Type, string Id, Guid? ClientId)? Describe(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey()?.Properties is [var only] ? entry.Property(only.Name).CurrentValue?.ToString() ?? "" : "";
        if (ClientRecordDeclaration.Of(entry.Metadata) is { } declaration)
        {
            var id = declaration.AuditIdProperty is { } idProperty ? entry.Property(idProperty).CurrentValue?.ToString() ?? "" : key;
            return (declaration.AuditName, id, (Guid?)entry.Property(declaration.ClientProperty).CurrentValue);
        }

        return ClientRecordBuilderExtensions.AuditedClientProperty(entry.Metadata) switch
        {
            null => null,
            "" => (entry.Metadata.ClrType.Name, key, null),
            var clientProperty => (entry.Metadata.ClrType.Name, key, (Guid?)entry.Property(clientProperty).CurrentValue),
        };
    }

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

/// <summary>Code tried to change a client record the caller may not change: a bug in the caller's path, answered 404 to them.</summary>
public sealed class ClientRecordAccessException(string message) : InvalidOperationException(message);
