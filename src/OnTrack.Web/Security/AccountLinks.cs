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

    public async Task<string> ConfirmEmailAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return $"{Base}/Account/ConfirmEmail?userId={Uri.EscapeDataString(user.Id)}&code={Encode(await users.GenerateEmailConfirmationTokenAsync(user))}";
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
}
