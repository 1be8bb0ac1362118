using Microsoft.AspNetCore.Identity;
using NodaTime;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Notifications;

/// <summary>Account emails (confirmation, password reset) go through the outbox like every other email.</summary>
internal sealed class OutboxEmailSender(OnTrackDbContext db, OnTrack.Web.Security.Caller caller, IClock clock) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        QueueAsync(user, email, "Confirm your email", $"Please confirm your OnTrack account by opening this link:\n\n{System.Net.WebUtility.HtmlDecode(confirmationLink)}\n\nUntil you do, you cannot sign in (to fill in your check-in forms, or to move or cancel a session). Then sign in with the email and password you chose.\n");

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        QueueAsync(user, email, "Reset your password", $"To set a new password, open this link (it also confirms your email address if you had not yet):\n\n{System.Net.WebUtility.HtmlDecode(resetLink)}\n\nIf you did not ask for this, ignore this email.");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        QueueAsync(user, email, "Reset your password", $"Your password reset code is: {resetCode}");

    private async Task QueueAsync(ApplicationUser user, string email, string subject, string body)
    {
        var now = clock.GetCurrentInstant();
        // From the clinic of the request (a person of several clinics, signed in at one; a visitor's is the
        // login's first clinic), so an account email never writes into a clinic the caller is not at.
        var clinic = caller.IsSystem ? user.ClinicId : caller.ClinicId ?? user.ClinicId;
        db.Outbox.Add(OutboxMessage.Email(clinic, now, email, "account", subject, body));
        await db.SaveChangesAsync();
    }
}
