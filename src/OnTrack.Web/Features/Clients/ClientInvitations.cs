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
public sealed class ClientInvitations(OnTrackDbContext db, UserManager<ApplicationUser> users, Caller caller, AccountLinks links, IClock clock)
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

        if (await db.ClientRecords.Unfiltered(Bypass.DuplicateEmail).AnyAsync(c => c.Email == email, cancellationToken)
            || await users.FindByEmailAsync(email) is not null)
        {
            return new Problem(StatusCodes.Status409Conflict, "Already exists", "A client or account with this email already exists.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var client = new Client { ClinicId = clinicId, FullName = request.FullName.Trim(), Email = email, Phone = request.Phone?.Trim() ?? "", CreatedAt = now, PrimaryTherapistId = caller.TherapistId };
        db.ClientRecords.Add(client);
        if (request.Invite)
        {
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, ClinicId = clinicId, FullName = client.FullName, PhoneNumber = request.Phone?.Trim() };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return Problem.BadRequest(string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, Roles.Client);
            client.UserId = user.Id;
            var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == clinicId, cancellationToken);
            var link = await links.SetPasswordAsync(user);
            db.Outbox.Add(OutboxMessage.Email(clinicId, now, email, "invitation", $"Your OnTrack account at {clinic.Name}",
                $"{clinic.Name} has set up your OnTrack account, where you can see, book, move and cancel your sessions.\n\n" +
                           $"Choose your password here:\n{link}\n\nThen sign in with {email}.\n\n{clinic.Name}\n{clinic.Phones.Replace("\n", " / ", StringComparison.Ordinal)}\n"));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return client;
    }
}
