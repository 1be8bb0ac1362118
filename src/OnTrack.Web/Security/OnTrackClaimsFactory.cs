using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnTrack.Web.Data;

namespace OnTrack.Web.Security;

/// <summary>Puts the caller's clinic, therapist and client ids into the sign-in, so no request has to look them up.</summary>
internal sealed class OnTrackClaimsFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    OnTrackDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(OnTrackClaims.Clinic, user.ClinicId.ToString()));

        var therapistId = await db.Therapists.AcrossClinics(Bypass.Identity)
            .Where(t => t.UserId == user.Id && t.ClinicId == user.ClinicId).Select(t => (Guid?)t.Id).FirstOrDefaultAsync();
        if (therapistId is not null)
        {
            identity.AddClaim(new Claim(OnTrackClaims.Therapist, therapistId.Value.ToString()));
        }

        var clientId = await db.ClientRecords.AcrossClinics(Bypass.Identity)
            .Where(c => c.UserId == user.Id && c.ClinicId == user.ClinicId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        if (clientId is not null)
        {
            identity.AddClaim(new Claim(OnTrackClaims.Client, clientId.Value.ToString()));
        }
        return identity;
    }
}
