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
public sealed class ClinicJoining(OnTrackDbContext db, Caller caller, Memberships memberships, ClinicInvitationTokens invitations, IClock clock)
{
    /// <summary>The clinics the person belongs to.</summary>
    public async Task<IReadOnlyList<ClinicForPerson>> MineAsync(CancellationToken cancellationToken) =>
        caller.UserId is { } userId
            ? (await memberships.OfAsync(userId, cancellationToken)).Select(c => new ClinicForPerson(c.Id, c.Name, c.Slug, true, false)).ToList()
            : [];

    /// <summary>The clinic whose invitation <paramref name="token"/> is, when it is genuine, for this login and not yet accepted.</summary>
    public async Task<ClinicForPerson?> InvitationAsync(string? token, CancellationToken cancellationToken)
    {
        if (await InvitedRecordAsync(token, cancellationToken) is not { } invited)
        {
            return null;
        }

        var clinic = await db.Clinics.AcrossClinics(Bypass.Identity).AsNoTracking().Where(c => c.Id == invited.ClinicId)
            .Select(c => new { c.Id, c.Name, c.Slug }).SingleAsync(cancellationToken);
        return new ClinicForPerson(clinic.Id, clinic.Name, clinic.Slug, false, true);
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

    /// <summary>Accepts a clinic's invitation: the record its staff made, linked to this login, becomes the person's. Answers the clinic.</summary>
    public async Task<Result<Guid>> AcceptAsync(string? token, CancellationToken cancellationToken)
    {
        if (await MeAsync(cancellationToken) is not { } user || await InvitedRecordAsync(token, cancellationToken) is not { } invited)
        {
            return Problem.NotFound("The invitation");
        }

        var saved = await SaveMembershipAsync(user, invited.ClinicId, invited.ClientId, null, [], cancellationToken);
        return saved.Succeeded ? invited.ClinicId : saved.Problem!;
    }

    /// <summary>
    /// The record a token invites this login to: genuine, unexpired, for this login's address, still linked to
    /// it, and not yet accepted (no client membership there). An ended membership is not an invitation.
    /// </summary>
    private async Task<(Guid ClientId, Guid ClinicId)?> InvitedRecordAsync(string? token, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId || caller.IsSystem
            || invitations.Read(token, await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken)) is not { } named)
        {
            return null;
        }

        var linked = await db.ClientRecords.AcrossClinics(Bypass.Identity)
            .AnyAsync(c => c.Id == named.ClientId && c.ClinicId == named.ClinicId && c.UserId == userId, cancellationToken);
        var member = await memberships.Rows.AcrossClinics(Bypass.Identity)
            .AnyAsync(m => m.UserId == userId && m.ClinicId == named.ClinicId && m.Role == Roles.Client, cancellationToken);
        return linked && !member ? named : null;
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

        // A record the clinic made with this address and no login becomes theirs. One linked to the login
        // without a client membership (an invitation not accepted, or a membership the clinic ended) does
        // not: only its invitation link makes it theirs, so it is unlinked and a record of what they type made.
        var email = user.Email ?? "";
        var existing = await db.ClientRecords.AcrossClinics(Bypass.Identity)
            .Where(c => c.ClinicId == clinicId && c.UserId == null && c.Email.ToUpper() == email.ToUpperInvariant())
            .OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var stale = await db.ClientRecords.AcrossClinics(Bypass.Identity).Where(c => c.ClinicId == clinicId && c.UserId == user.Id).ToListAsync(cancellationToken);
        var client = existing ?? new Client
        {
            ClinicId = clinicId,
            Email = email,
            FullName = details.FullName.Trim(),
            Phone = details.Phone?.Trim() ?? "",
            CreatedAt = clock.GetCurrentInstant(),
        };
        return await SaveMembershipAsync(user, clinicId, client.Id, client, stale, cancellationToken);
    }

    private async Task<Result<Guid>> SaveMembershipAsync(ApplicationUser user, Guid clinicId, Guid clientId, Client? client, List<Client> unlink, CancellationToken cancellationToken)
    {
        // From here the request acts as the person at that clinic, and as nothing else there.
        caller.BecomeClient(clinicId, user.Id, user.Email ?? user.Id, clientId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        unlink.ForEach(r => r.UserId = null);
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
