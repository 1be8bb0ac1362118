using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Security;

namespace OnTrack.Web.Tests.Infrastructure;

/// <summary>A second clinic on the same database, with its own admin, to prove clinics cannot see each other.</summary>
public static class OtherClinic
{
    public const string AdminPassword = "Other-clinic-2026";

    public static async Task<string> CreateWithAdminAsync(OnTrackApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var email = $"admin.{Guid.NewGuid():N}@other.test";
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        var clinic = new Clinic { Slug = $"other-{Guid.NewGuid():N}"[..20], Name = "Other Clinic", TimeZoneId = "Europe/London", RequireStaffTwoFactor = false };
        db.Clinics.Add(clinic);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, ClinicId = clinic.Id, FullName = "Other Admin" };
        var created = await users.CreateAsync(user, AdminPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        await scope.ServiceProvider.GetRequiredService<OnTrack.Web.Features.Clinics.Memberships>().GrantAsync(user, user.ClinicId, Roles.Admin);
        await db.SaveChangesAsync();
        return email;
    }
}
