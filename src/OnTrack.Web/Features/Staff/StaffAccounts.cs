using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Staff;

public sealed record NewStaffMember(
    [property: Validation.Text("The name", 200, IsRequired = true)] string FullName,
    [property: Validation.Text("The email address", 256, IsRequired = true)] string Email,
    [property: Validation.Text("The role", 50)] string Role,
    [property: Validation.Text("The credentials", 200)] string? Credentials = null);

/// <summary>Admins create staff accounts; the new colleague gets an email to set their own password.</summary>
public sealed class StaffAccounts(OnTrackDbContext db, UserManager<ApplicationUser> users, IEmailSender<ApplicationUser> emailSender, Caller caller, AccountLinks links, Memberships memberships)
{
    public static readonly string[] StaffRoles = [Roles.Admin, Roles.Therapist, Roles.Reception];

    /// <summary>The clinic's staff, by role and name: whoever has a staff membership here.</summary>
    public async Task<IReadOnlyList<(ApplicationUser User, string Role)>> ListAsync(CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin || caller.ClinicId is not { } clinicId)
        {
            return [];
        }

        var staff = new List<(ApplicationUser, string)>();
        foreach (var role in StaffRoles)
        {
            staff.AddRange((await memberships.InRole(clinicId, role).AsNoTracking().OrderBy(u => u.FullName).ToListAsync(cancellationToken)).Select(u => (u, role)));
        }

        return staff;
    }

    public async Task<Result<ApplicationUser>> CreateAsync(NewStaffMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!caller.IsAdmin || caller.ClinicId is not { } clinicId)
        {
            return Problem.NotFound("The page");
        }

        if (Validation.InputRules.Check(member) is { } invalid)
        {
            return invalid;
        }

        if (!StaffRoles.Contains(member.Role))
        {
            return Problem.BadRequest($"Role must be one of {string.Join(", ", StaffRoles)}.");
        }

        if (string.IsNullOrWhiteSpace(member.FullName) || !MimeKit.MailboxAddress.TryParse(member.Email, out _))
        {
            return Problem.BadRequest("A name and a valid email address are required.");
        }

        var email = member.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return new Problem(StatusCodes.Status409Conflict, "Already exists", "An account with this email already exists.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new ApplicationUser { UserName = email, Email = email, ClinicId = clinicId, FullName = member.FullName.Trim() };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return Problem.BadRequest(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await memberships.GrantAsync(user, clinicId, member.Role, cancellationToken);
        db.AuditChange("StaffRole", user.Id, $"{email} joined as {member.Role}");
        if (member.Role == Roles.Therapist)
        {
            db.Therapists.Add(new Therapist { ClinicId = clinicId, UserId = user.Id, DisplayName = user.FullName, Credentials = member.Credentials ?? "" });
        }

        await db.SaveChangesAsync(cancellationToken);

        // The admin vouches for the work address; the invitation is a password-reset link with which
        // the colleague chooses their own password.
        var link = await links.SetPasswordAsync(user);
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await emailSender.SendPasswordResetLinkAsync(user, email, link);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }
}
