using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Clients;

/// <summary>Creates a client's account and record at their first booking and sends the email confirmation.</summary>
public sealed class NewClientAccounts(
    OnTrackDbContext db,
    UserManager<ApplicationUser> users,
    IEmailSender<ApplicationUser> emailSender,
    Caller caller,
    AccountLinks links)
{
    public async Task<Result<Client>> CreateAsync(Clinic clinic, NewClientDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(details);
        var email = details.Email.Trim();

        // An email the clinic already knows (an account, or a record staff made) is never taken over by
        // someone booking anonymously: its owner signs in, resets the password, or uses the office's
        // invitation. The message is the same in both cases.
        if (await users.FindByEmailAsync(email) is not null
            || await db.ClientRecords.Unfiltered(Bypass.DuplicateEmail).AnyAsync(c => c.Email.ToUpper() == email.ToUpperInvariant(), cancellationToken))
        {
            return new Problem(StatusCodes.Status409Conflict, "Please sign in",
                "This email cannot be used for a new account here. If you have been in touch with the clinic before, please sign in (or use \"Forgot your password\"), or call the office.");
        }

        var user = new ApplicationUser { UserName = email, Email = email, ClinicId = clinic.Id, FullName = details.FullName.Trim(), PhoneNumber = details.Phone?.Trim() };
        var result = await users.CreateAsync(user, details.Password);
        if (!result.Succeeded)
        {
            return Problem.BadRequest(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, Roles.Client);
        var client = new Client
        {
            ClinicId = clinic.Id,
            Email = email,
            CreatedAt = db.Clock.GetCurrentInstant(),
            UserId = user.Id,
            FullName = user.FullName,
            Phone = user.PhoneNumber ?? "",
        };
        db.ClientRecords.Add(client);
        caller.BecomeClient(clinic.Id, user.Id, email, client.Id);

        var link = await links.ConfirmEmailAsync(user);
        await emailSender.SendConfirmationLinkAsync(user, email, link);
        return client;
    }
}
