using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;

namespace OnTrack.Web.Security;

/// <summary>
/// Puts the clinic a sign-in is for, the person's roles there and their therapist and client ids there into
/// the sign-in, so no request has to look them up. A person may belong to several clinics (decision 011):
/// the sign-in is for one of them (<see cref="ClinicChoice"/>), and nothing of the others is in it.
/// </summary>
internal sealed class OnTrackClaimsFactory(
    UserManager<ApplicationUser> userManager,
    IOptions<IdentityOptions> options,
    OnTrackDbContext db,
    ClinicChoice choice)
    : UserClaimsPrincipalFactory<ApplicationUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var memberships = await db.ClinicMemberships.AcrossClinics(Bypass.Identity).AsNoTracking()
            .Where(m => m.UserId == user.Id).OrderBy(m => m.CreatedAt).Select(m => new { m.ClinicId, m.Role }).ToListAsync();
        var clinics = memberships.Select(m => m.ClinicId).Distinct().ToList();

        var requested = choice.Chosen;
        if (requested is null && choice.RequestedSlug() is { } slug && !slug.Contains('\0', StringComparison.Ordinal))
        {
            requested = await db.Clinics.AcrossClinics(Bypass.Identity).Where(c => c.Slug == slug).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        }

        // The clinic asked for, else the one used last, else the first: always one the person belongs to.
        Guid[] candidates = [.. new[] { requested, user.LastClinicId, user.ClinicId }.OfType<Guid>()];
        var clinic = candidates.Cast<Guid?>().FirstOrDefault(c => clinics.Contains(c!.Value)) ?? clinics.Cast<Guid?>().FirstOrDefault() ?? user.ClinicId;
        choice.SignedIn = clinic;
        if (clinics.Count > 1 && user.LastClinicId != clinic)
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastClinicId, clinic));
        }

        identity.AddClaim(new Claim(OnTrackClaims.Clinic, clinic.ToString()));
        if (clinics.Count > 1)
        {
            identity.AddClaim(new Claim(OnTrackClaims.SeveralClinics, clinics.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var roles = memberships.Where(m => m.ClinicId == clinic).Select(m => m.Role).Distinct().ToList();
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        }

        // A therapist's and a client's ids only with that role there: a row left from an ended membership gives nothing.
        var therapistId = !roles.Contains(Roles.Therapist) ? null : await db.Therapists.AcrossClinics(Bypass.Identity)
            .Where(t => t.UserId == user.Id && t.ClinicId == clinic).Select(t => (Guid?)t.Id).FirstOrDefaultAsync();
        if (therapistId is not null)
        {
            identity.AddClaim(new Claim(OnTrackClaims.Therapist, therapistId.Value.ToString()));
        }

        // A client record staff linked to the login is theirs only once they accept it (a client membership).
        var clientId = !roles.Contains(Roles.Client) ? null : await db.ClientRecords.AcrossClinics(Bypass.Identity)
            .Where(c => c.UserId == user.Id && c.ClinicId == clinic).OrderBy(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        if (clientId is not null)
        {
            identity.AddClaim(new Claim(OnTrackClaims.Client, clientId.Value.ToString()));
        }

        return identity;
    }
}
