using Microsoft.AspNetCore.Identity;
using OnTrack.Web.Data;

namespace OnTrack.Web.Security;

/// <summary>Where someone goes after signing in: where they were heading (a local return URL), else their own start page.</summary>
public sealed class Landing(UserManager<ApplicationUser> users)
{
    public const string Client = "/my/appointments";
    public const string Staff = "/schedule";
    public const string Admin = "/admin";

    public async Task<string> ForAsync(ApplicationUser user, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (AccountLinks.IsLocal(returnUrl))
        {
            return returnUrl!;
        }

        var roles = await users.GetRolesAsync(user);
        return roles.Contains(Roles.Admin) ? Admin
            : roles.Contains(Roles.Therapist) || roles.Contains(Roles.Reception) ? Staff
            : roles.Contains(Roles.Client) ? Client
            : "/";
    }
}
