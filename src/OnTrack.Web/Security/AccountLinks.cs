using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;

namespace OnTrack.Web.Security;

/// <summary>The one place that turns Identity tokens into the links the account pages expect.</summary>
public sealed class AccountLinks(UserManager<ApplicationUser> users, IOptions<ClinicOptions> options)
{
    private string Base => options.Value.PublicUrl.TrimEnd('/');

    /// <summary>A link to choose a (new) password: used for invitations and resets.</summary>
    public async Task<string> SetPasswordAsync(ApplicationUser user) =>
        $"{Base}/Account/ResetPassword?code={Encode(await users.GeneratePasswordResetTokenAsync(user))}";

    /// <summary>A link that confirms the email, then offers sign-in on to <paramref name="returnUrl"/> (kept only when local).</summary>
    public async Task<string> ConfirmEmailAsync(ApplicationUser user, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var link = $"{Base}/Account/ConfirmEmail?userId={Uri.EscapeDataString(user.Id)}&code={Encode(await users.GenerateEmailConfirmationTokenAsync(user))}";
        return IsLocal(returnUrl) ? $"{link}&returnUrl={Uri.EscapeDataString(returnUrl!)}" : link;
    }

    /// <summary>A path on this site ("/my/forms"), never another site ("//evil", "/\evil", "https://…").</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
}

/// <summary>Confirmation and password-reset emails, at most a few per address in a while (<see cref="AccountThrottle"/>).</summary>
public sealed class AccountEmails(UserManager<ApplicationUser> users, AccountLinks links, IEmailSender<ApplicationUser> sender, AccountThrottle throttle, Caller caller)
{
    private async Task SendAsync(ApplicationUser user, Func<Task> send)
    {
        if (throttle.Emails(user.Email!) is null)
        {
            // An anonymous caller (signing in, forgot password) writes this one email for the account's clinic.
            caller.UsePublicClinic(user.ClinicId);
            await send();
        }
    }

    public async Task SendConfirmationAsync(ApplicationUser user, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        await SendAsync(user, async () => await sender.SendConfirmationLinkAsync(user, user.Email!, await links.ConfirmEmailAsync(user, returnUrl)));
    }

    /// <summary>
    /// "Forgot password": a reset link to the account's address, confirmed or not (choosing a password
    /// from the link also confirms the email). Nothing for an unknown address; the page says the same.
    /// </summary>
    public async Task ForgotPasswordAsync(string email)
    {
        var user = await users.FindByEmailAsync((email ?? "").Trim());
        if (user is not null)
        {
            await SendAsync(user, async () => await sender.SendPasswordResetLinkAsync(user, user.Email!, await links.SetPasswordAsync(user)));
        }
    }

    /// <summary>A fresh confirmation link to an account that still needs one; nothing otherwise.</summary>
    public async Task ResendConfirmationAsync(string email, string? returnUrl = null)
    {
        var user = await users.FindByEmailAsync((email ?? "").Trim());
        if (user is not null && !await users.IsEmailConfirmedAsync(user))
        {
            await SendConfirmationAsync(user, returnUrl);
        }
    }
}
