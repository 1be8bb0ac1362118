using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Clinics;

/// <summary>
/// What a login is at one clinic: client, therapist, reception or admin (decision 011). The login is the
/// person; a person may be a client of several clinics, each with its own client record there. Roles are
/// read from here, for the clinic the sign-in is for, never from Identity's installation-wide roles.
/// </summary>
public sealed class ClinicMembership : IClinicOwned
{
    public string UserId { get; set; } = "";

    public Guid ClinicId { get; set; }

    public string Role { get; set; } = "";

    public Instant CreatedAt { get; set; }
}

internal sealed class ClinicMembershipConfiguration : IEntityTypeConfiguration<ClinicMembership>
{
    public void Configure(EntityTypeBuilder<ClinicMembership> builder)
    {
        builder.HasKey(m => new { m.UserId, m.ClinicId, m.Role });
        builder.Property(m => m.Role).HasMaxLength(50);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Clinic>().WithMany().HasForeignKey(m => m.ClinicId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A clinic a person belongs to, as their own clinic list shows it.</summary>
public sealed record MemberClinic(Guid Id, string Name, string Slug, IReadOnlyList<string> Roles);

/// <summary>Gives and reads clinic memberships. Writes are added to the context and saved with the caller's own changes.</summary>
public sealed class Memberships(OnTrackDbContext db, IClock clock)
{
    public DbSet<ClinicMembership> Rows => db.ClinicMemberships;

    /// <summary>
    /// Makes <paramref name="user"/> a <paramref name="role"/> at <paramref name="clinicId"/> (nothing if they are). At the
    /// login's first clinic Identity's role row is written too, so that a release before memberships still reads it.
    /// </summary>
    public async Task GrantAsync(ApplicationUser user, Guid clinicId, string role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var exists = Rows.Local.Any(m => m.UserId == user.Id && m.ClinicId == clinicId && m.Role == role)
            || await Rows.AcrossClinics(Bypass.Identity).AnyAsync(m => m.UserId == user.Id && m.ClinicId == clinicId && m.Role == role, cancellationToken);
        if (exists)
        {
            return;
        }

        Rows.Add(new ClinicMembership { UserId = user.Id, ClinicId = clinicId, Role = role, CreatedAt = clock.GetCurrentInstant() });
        if (clinicId == user.ClinicId)
        {
            var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(cancellationToken);
            if (!await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == roleId, cancellationToken))
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
            }
        }
    }

    /// <summary>The clinics a person belongs to, for their own sign-in and clinic list: never shown to a clinic.</summary>
    public async Task<IReadOnlyList<MemberClinic>> OfAsync(string userId, CancellationToken cancellationToken = default)
    {
        var rows = await (from m in Rows.AcrossClinics(Bypass.Identity)
                          join c in db.Clinics.AcrossClinics(Bypass.Identity) on m.ClinicId equals c.Id
                          where m.UserId == userId
                          select new { c.Id, c.Name, c.Slug, m.Role, m.CreatedAt })
            .AsNoTracking().ToListAsync(cancellationToken);
        return rows.GroupBy(r => (r.Id, r.Name, r.Slug))
            .OrderBy(g => g.Min(r => r.CreatedAt))
            .Select(g => new MemberClinic(g.Key.Id, g.Key.Name, g.Key.Slug, g.Select(r => r.Role).Order(StringComparer.Ordinal).ToList()))
            .ToList();
    }

    /// <summary>The users who are <paramref name="role"/> at <paramref name="clinicId"/>.</summary>
    public IQueryable<ApplicationUser> InRole(Guid clinicId, string role) =>
        db.Users.Where(u => Rows.AcrossClinics(Bypass.Identity).Any(m => m.UserId == u.Id && m.ClinicId == clinicId && m.Role == role));
}
