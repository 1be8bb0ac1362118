using Microsoft.EntityFrameworkCore;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;

namespace OnTrack.Web.Security;

/// <summary>Where someone goes after signing in: where they were heading (a local return URL), else their own start page.</summary>
public sealed class Landing(Memberships memberships, ClinicChoice choice)
{
    public const string Client = "/my";
    public const string Staff = "/schedule";
    public const string Admin = "/admin";

    public async Task<string> ForAsync(ApplicationUser user, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (AccountLinks.IsLocal(returnUrl))
        {
            return returnUrl!;
        }

        // The roles at the clinic the sign-in was just made for.
        var clinic = choice.SignedIn ?? user.ClinicId;
        var roles = await memberships.Rows.AcrossClinics(Bypass.Identity).Where(m => m.UserId == user.Id && m.ClinicId == clinic).Select(m => m.Role).ToListAsync();
        return roles.Contains(Roles.Admin) ? Admin
            : roles.Contains(Roles.Therapist) || roles.Contains(Roles.Reception) ? Staff
            : roles.Contains(Roles.Client) ? Client
            : "/";
    }
}
