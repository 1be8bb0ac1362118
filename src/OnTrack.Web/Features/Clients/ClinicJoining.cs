using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Security;
using OnTrack.Web.Validation;

namespace OnTrack.Web.Features.Clients;

/// <summary>What a person types to become a client of another clinic with the login they have.</summary>
public sealed record JoinDetails(
    [property: Text("Your full name", 200, IsRequired = true, MinLength = 2)] string FullName,
    [property: Text("Your phone number", 50), Phone(ErrorMessage = "That phone number does not look right: use digits, spaces and + ( ) - only.")] string? Phone);

/// <summary>A clinic as the person signed in sees it on their clinics page: theirs, inviting them, or one they may join.</summary>
public sealed record ClinicForPerson(Guid Id, string Name, string Slug, bool Member, bool Invited);

/// <summary>
/// One login, several clinics (decision 011): a signed-in person becomes a client of another clinic by
/// accepting the clinic's invitation or by joining it with details they type. Nothing of one clinic's
/// record is copied to another, and a clinic never learns whether an address has a login elsewhere.
/// </summary>
public sealed class ClinicJoining(OnTrackDbContext db, Caller caller, Memberships memberships, IClock clock)
{
    /// <summary>The person's clinics and the clinics that invited them (a record linked to their login, not yet accepted).</summary>
    public async Task<IReadOnlyList<ClinicForPerson>> MineAsync(CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId)
        {
            return [];
        }

        var member = await memberships.OfAsync(userId, cancellationToken);
        var memberIds = member.Select(c => c.Id).ToList();
        var invited = await (from c in db.ClientRecords.AcrossClinics(Bypass.Identity)
                             join k in db.Clinics.AcrossClinics(Bypass.Identity) on c.ClinicId equals k.Id
                             where c.UserId == userId && !memberIds.Contains(c.ClinicId)
                             select new { k.Id, k.Name, k.Slug }).AsNoTracking().Distinct().ToListAsync(cancellationToken);
        return [.. member.Select(c => new ClinicForPerson(c.Id, c.Name, c.Slug, true, false)),
            .. invited.OrderBy(c => c.Name).Select(c => new ClinicForPerson(c.Id, c.Name, c.Slug, false, true))];
    }

    /// <summary>A clinic by its public name (slug), for the join offer; null when there is none.</summary>
    public async Task<ClinicForPerson?> FindAsync(string? slug, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > 64 || slug.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var mine = await MineAsync(cancellationToken);
        if (mine.FirstOrDefault(c => string.Equals(c.Slug, slug, StringComparison.OrdinalIgnoreCase)) is { } known)
        {
            return known;
        }

        var clinic = await db.Clinics.AcrossClinics(Bypass.Identity).AsNoTracking().Where(c => c.Slug == slug.ToLowerInvariant() || c.Slug == slug)
            .Select(c => new { c.Id, c.Name, c.Slug }).FirstOrDefaultAsync(cancellationToken);
        return clinic is null ? null : new ClinicForPerson(clinic.Id, clinic.Name, clinic.Slug, false, false);
    }

    /// <summary>Accepts a clinic's invitation: the record its staff made, linked to this login, becomes the person's.</summary>
    public async Task<Result<Guid>> AcceptAsync(Guid clinicId, CancellationToken cancellationToken)
    {
        if (await MeAsync(cancellationToken) is not { } user)
        {
            return Problem.NotFound("The invitation");
        }

        var record = await db.ClientRecords.AcrossClinics(Bypass.Identity).Where(c => c.ClinicId == clinicId && c.UserId == user.Id)
            .OrderBy(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            return Problem.NotFound("The invitation");
        }

        return await SaveMembershipAsync(user, clinicId, record.Value, null, cancellationToken);
    }

    /// <summary>Declines a clinic's invitation: the record stays the clinic's, without a login.</summary>
    public async Task<Result<Guid>> DeclineAsync(Guid clinicId, CancellationToken cancellationToken)
    {
        if (await MeAsync(cancellationToken) is not { } user
            || await memberships.Rows.AcrossClinics(Bypass.Identity).AnyAsync(m => m.UserId == user.Id && m.ClinicId == clinicId, cancellationToken))
        {
            return Problem.NotFound("The invitation");
        }

        var records = await db.ClientRecords.AcrossClinics(Bypass.Identity).Where(c => c.ClinicId == clinicId && c.UserId == user.Id).ToListAsync(cancellationToken);
        if (records.Count == 0)
        {
            return Problem.NotFound("The invitation");
        }

        caller.BecomeClient(clinicId, user.Id, user.Email ?? user.Id, records[0].Id);
        records.ForEach(r => r.UserId = null);
        await db.SaveChangesAsync(cancellationToken);
        return records[0].Id;
    }

    /// <summary>
    /// Joins <paramref name="clinicId"/> as a client with what the person typed. A record the clinic made with
    /// their address (without a login) becomes theirs instead of a second one; the clinic's details in it stay.
    /// </summary>
    public async Task<Result<Guid>> JoinAsync(Guid clinicId, JoinDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (await MeAsync(cancellationToken) is not { } user
            || !await db.Clinics.AcrossClinics(Bypass.Identity).AnyAsync(c => c.Id == clinicId, cancellationToken))
        {
            return Problem.NotFound("The clinic");
        }

        if (InputRules.Check(details) is { } invalid)
        {
            return invalid;
        }

        if (await memberships.Rows.AcrossClinics(Bypass.Identity).AnyAsync(m => m.UserId == user.Id && m.ClinicId == clinicId && m.Role == Roles.Client, cancellationToken))
        {
            var mine = await db.ClientRecords.AcrossClinics(Bypass.Identity).Where(c => c.ClinicId == clinicId && c.UserId == user.Id).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
            return mine is { } id ? id : Problem.NotFound("The clinic");
        }

        var email = user.Email ?? "";
        var existing = await db.ClientRecords.AcrossClinics(Bypass.Identity)
            .Where(c => c.ClinicId == clinicId && (c.UserId == user.Id || (c.UserId == null && c.Email.ToUpper() == email.ToUpperInvariant())))
            .OrderBy(c => c.UserId == null).ThenBy(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var client = existing ?? new Client
        {
            ClinicId = clinicId,
            Email = email,
            FullName = details.FullName.Trim(),
            Phone = details.Phone?.Trim() ?? "",
            CreatedAt = clock.GetCurrentInstant(),
        };
        return await SaveMembershipAsync(user, clinicId, client.Id, client, cancellationToken);
    }

    private async Task<Result<Guid>> SaveMembershipAsync(ApplicationUser user, Guid clinicId, Guid clientId, Client? client, CancellationToken cancellationToken)
    {
        // From here the request acts as the person at that clinic, and as nothing else there.
        caller.BecomeClient(clinicId, user.Id, user.Email ?? user.Id, clientId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (client is not null)
        {
            client.UserId = user.Id;
            if (db.Entry(client).State == EntityState.Detached)
            {
                db.ClientRecords.Add(client);
            }
        }

        await memberships.GrantAsync(user, clinicId, Roles.Client, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same join, sent twice at once: the other one made the membership.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var made = await db.ClientRecords.AcrossClinics(Bypass.Identity).Where(c => c.ClinicId == clinicId && c.UserId == user.Id).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
            return made is { } id ? id : new Problem(StatusCodes.Status409Conflict, "Please try again", "Joining did not go through. Please try again.");
        }

        return clientId;
    }

    private async Task<ApplicationUser?> MeAsync(CancellationToken cancellationToken) =>
        caller.UserId is { } id && !caller.IsSystem ? await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken) : null;
}
