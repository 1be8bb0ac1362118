using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Audit;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Staff;
using OnTrack.Web.Security;

namespace OnTrack.Web.Tests.Conventions;

/// <summary>The client-record compartment holds by construction: these fail when a new record type or query escapes it.</summary>
public sealed class CompartmentConventionTests
{
    [Fact]
    public void EveryEntityThatNamesAClient_IsDeclaredAClientRecord_OrSaysWhyNot()
    {
        using var db = NewContext(new Caller(), "Data Source=:memory:");
        var undeclared = db.Model.GetEntityTypes()
            .Where(t => t.ClrType == typeof(Client) || t.FindProperty("ClientId") is not null || t.GetNavigations().Any(n => n.TargetEntityType.ClrType == typeof(Client)))
            .Where(t => ClientRecordDeclaration.Of(t) is null && !ClientRecordDeclaration.NotClientRecords.ContainsKey(t.ClrType))
            .Select(t => t.ClrType.Name).ToList();
        Assert.True(undeclared.Count == 0, $"Declare these client records in their EF configuration (IsClientRecord), or say in ClientRecordDeclaration.NotClientRecords why not: {string.Join(", ", undeclared)}");

        // And every declared one carries the compartment's filter.
        foreach (var type in db.Model.GetEntityTypes().Where(t => ClientRecordDeclaration.Of(t) is not null))
        {
            Assert.Contains(type.GetDeclaredQueryFilters(), f => f.Key == OnTrackDbContext.CallerFilter);
        }
    }

    [Fact]
    public void NothingLooksPastTheFilters_ExceptThroughANamedReason()
    {
        var root = FindRepositoryRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.EndsWith(Path.Combine("Data", "Bypass.cs"), StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("IgnoreQueryFilters", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f)).ToList();
        Assert.True(offenders.Count == 0, $"Use .Unfiltered(Bypass.Reason) or .AcrossClinics(Bypass.Reason) (Data/Bypass.cs), adding a reason there if none fits: {string.Join(", ", offenders)}");
    }

    [Fact]
    public async Task AThrowawayClientRecord_IsFilteredAndAudited_WithNoEditButItsDeclaration()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ontrack-throwaway-{Guid.NewGuid():N}.db");
        var connection = $"Data Source={file};Pooling=false";
        try
        {
            var system = new Caller();
            system.BecomeSystem();
            Guid clinicId, clientId, onTeam, offTeam;
            await using (var db = NewContext(system, connection))
            {
                await db.Database.EnsureCreatedAsync();
                var clinic = new Clinic { Slug = "throwaway", Name = "Throwaway", TimeZoneId = "Europe/Amsterdam" };
                db.Clinics.Add(clinic);
                var a = new Therapist { ClinicId = clinic.Id, UserId = "a", DisplayName = "A" };
                var b = new Therapist { ClinicId = clinic.Id, UserId = "b", DisplayName = "B" };
                var client = new Client { ClinicId = clinic.Id, FullName = "C", PrimaryTherapistId = a.Id };
                db.AddRange(a, b, client);
                await db.SaveChangesAsync();
                db.Set<Scribble>().Add(new Scribble { ClinicId = clinic.Id, ClientId = client.Id, Text = "seen only by the care team" });
                await db.SaveChangesAsync();
                (clinicId, clientId, onTeam, offTeam) = (clinic.Id, client.Id, a.Id, b.Id);
            }

            // The primary therapist (on the care team from the client's creation) sees it, and the read is audited.
            await using (var db = NewContext(As(clinicId, Roles.Therapist, "a", therapist: onTeam), connection))
            {
                Assert.Single(await db.Set<Scribble>().ToListAsync());
                Assert.Contains(db.ReadAudit.Take(), e => e.EntityType == nameof(Scribble) && e.ClientId == clientId && e.Action == AuditAction.Read);

                db.Set<Scribble>().Add(new Scribble { ClinicId = clinicId, ClientId = clientId, Text = "a second" });
                await db.SaveChangesAsync();
                Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EntityType == nameof(Scribble) && e.Action == AuditAction.Create && e.ClientId == clientId && e.UserName == "a"));
            }

            // Another therapist and reception see nothing of it (clinical), and cannot write it either.
            await using (var db = NewContext(As(clinicId, Roles.Therapist, "b", therapist: offTeam), connection))
            {
                Assert.Empty(await db.Set<Scribble>().ToListAsync());
                db.Set<Scribble>().Add(new Scribble { ClinicId = clinicId, ClientId = clientId, Text = "not mine to write" });
                await Assert.ThrowsAsync<ClientRecordAccessException>(() => db.SaveChangesAsync());
            }

            await using (var db = NewContext(As(clinicId, Roles.Reception), connection))
            {
                Assert.Empty(await db.Set<Scribble>().ToListAsync());
                Assert.Single(await db.ClientRecords.ToListAsync()); // who the client is: reception's to know
            }

            // The client sees their own.
            await using (var db = NewContext(As(clinicId, Roles.Client, client: clientId), connection))
            {
                Assert.Equal(2, await db.Set<Scribble>().CountAsync());
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Caller As(Guid clinic, string role, string name = "someone", Guid? therapist = null, Guid? client = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, name),
            new(ClaimTypes.Name, name),
            new(ClaimTypes.Role, role),
            new(OnTrackClaims.Clinic, clinic.ToString()),
        };
        if (therapist is { } t)
        {
            claims.Add(new(OnTrackClaims.Therapist, t.ToString()));
        }

        if (client is { } c)
        {
            claims.Add(new(OnTrackClaims.Client, c.ToString()));
        }

        var caller = new Caller();
        caller.SetFromPrincipal(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        return caller;
    }

    private static ThrowawayContext NewContext(Caller caller, string connection) =>
        new(new DbContextOptionsBuilder<SqliteOnTrackDbContext>().UseSqlite(connection).Options, caller);

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OnTrack.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (OnTrack.slnx) was not found.");
    }

    /// <summary>A record type a future feature might add: declared, and nothing else.</summary>
    internal sealed class Scribble : IClinicOwned
    {
        public Guid Id { get; set; } = Guid.CreateVersion7();

        public Guid ClinicId { get; set; }

        public Guid ClientId { get; set; }

        public string Text { get; set; } = "";
    }

    private sealed class ThrowawayContext(DbContextOptions<SqliteOnTrackDbContext> options, Caller caller)
        : SqliteOnTrackDbContext(options, caller, SystemClock.Instance, new ReadAudit(caller, SystemClock.Instance))
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            // The feature's whole part: the entity and its declaration.
            builder.Entity<Scribble>(e => e.IsClientRecord(s => s.ClientId, ClientRecordSensitivity.Clinical));
            base.OnModelCreating(builder);
        }
    }
}
