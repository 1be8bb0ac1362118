using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Notifications;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;
using OnTrack.Web.Validation;

namespace OnTrack.Web.Features.Clients;

public sealed record NewClient(
    [property: Text("The client's name", 200, IsRequired = true)] string FullName,
    [property: Text("The email address", 256, IsRequired = true)] string Email,
    [property: Text("The phone number", 50)] string? Phone,
    bool Invite);

/// <summary>Staff add a client (someone who phoned the office) and, if asked, invite them to the portal.</summary>
public sealed class ClientInvitations(OnTrackDbContext db, UserManager<ApplicationUser> users, Caller caller, AccountLinks links, Memberships memberships, ClinicInvitationTokens invitations, IOptions<ClinicOptions> options, IClock clock)
{
    public async Task<IReadOnlyList<Client>> ListAsync(CancellationToken cancellationToken)
    {
        var clients = await db.ClientRecords.AsNoTracking().OrderBy(c => c.FullName).ToListAsync(cancellationToken);
        db.ReadAudit.SawEach("ClientList", clients.Select(c => c.Id), $"{clients.Count} clients");
        return clients;
    }

    public async Task<Result<Client>> AddAsync(NewClient request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!caller.IsStaff || caller.ClinicId is not { } clinicId)
        {
            return Problem.NotFound("The page");
        }

        if (InputRules.Check(request) is { } invalid)
        {
            return invalid;
        }

        var email = request.Email?.Trim() ?? "";
        if (string.IsNullOrWhiteSpace(request.FullName) || !MimeKit.MailboxAddress.TryParse(email, out _) || !email.Contains('@', StringComparison.Ordinal))
        {
            return Problem.BadRequest("A name and a valid email address are required.");
        }

        // Only this clinic's own clients are a duplicate. Whether the address has a login somewhere (at another
        // clinic, or here as staff) changes only what the invitation says, never the answer (decision 011).
        if (await db.ClientRecords.Unfiltered(Bypass.DuplicateEmail).AnyAsync(c => c.Email.ToUpper() == email.ToUpperInvariant(), cancellationToken))
        {
            return new Problem(StatusCodes.Status409Conflict, "Already exists", "A client with this email address already exists at this clinic.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var client = new Client { ClinicId = clinicId, FullName = request.FullName.Trim(), Email = email, Phone = request.Phone?.Trim() ?? "", CreatedAt = now, PrimaryTherapistId = caller.TherapistId };
        db.ClientRecords.Add(client);
        if (request.Invite)
        {
            var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == clinicId, cancellationToken);
            var footer = $"\n\n{clinic.Name}\n{clinic.Phones.Replace("\n", " / ", StringComparison.Ordinal)}\n";
            if (await users.FindByEmailAsync(email) is { } known)
            {
                // The record is linked to the login, but it is theirs only once they accept it while signed in.
                client.UserId = known.Id;
                var site = options.Value.PublicUrl.TrimEnd('/');
                db.Outbox.Add(OutboxMessage.Email(clinicId, now, email, "invitation", $"{clinic.Name} has invited you to OnTrack",
                    $"{clinic.Name} has added you as a client, so that you can see, book, move and cancel your sessions with them.\n\n" +
                    $"You already have an OnTrack login with this address: use it. Sign in and accept the invitation here (within {ClinicInvitationTokens.Lifetime.Days} days):\n" +
                    $"{site}/Account/Clinics?clinic={Uri.EscapeDataString(clinic.Slug)}&invitation={invitations.Issue(client.Id, clinicId, email)}\n\n" +
                    $"{clinic.Name} sees only what you and they put in; nothing from any other clinic is shared.\n\n" +
                    "Forgotten your password? Choose a new one from the sign-in page." + footer));
            }
            else
            {
                var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, ClinicId = clinicId, FullName = client.FullName, PhoneNumber = request.Phone?.Trim() };
                IdentityResult created;
                try
                {
                    created = await users.CreateAsync(user);
                }
                catch (DbUpdateException)
                {
                    created = IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(email));
                }

                if (!created.Succeeded)
                {
                    // Only the same client added twice at once gets here (the address was new a moment ago): this clinic's own duplicate.
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))
                        ? new Problem(StatusCodes.Status409Conflict, "Already exists", "A client with this email address already exists at this clinic.")
                        : Problem.BadRequest(string.Join(" ", created.Errors.Select(e => e.Description)));
                }

                await memberships.GrantAsync(user, clinicId, Roles.Client, cancellationToken);
                client.UserId = user.Id;
                var link = await links.SetPasswordAsync(user);
                db.Outbox.Add(OutboxMessage.Email(clinicId, now, email, "invitation", $"Your OnTrack account at {clinic.Name}",
                    $"{clinic.Name} has set up your OnTrack account, where you can see, book, move and cancel your sessions.\n\n" +
                    $"Choose your password here:\n{link}\n\nThen sign in with {email}." + footer));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return client;
    }
}
