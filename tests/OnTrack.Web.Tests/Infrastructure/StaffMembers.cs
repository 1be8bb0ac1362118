using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Web.Data;
using OnTrack.Web.Security;

namespace OnTrack.Web.Tests.Infrastructure;

/// <summary>Staff accounts the demo clinic does not have, made as an admin would and signed in.</summary>
public static class StaffMembers
{
    public static async Task<HttpClient> SignInAsReceptionAsync(this OnTrackApp app) => await app.SignInAsync(await NewReceptionAsync(app));

    /// <summary>A new reception account at the demo clinic; its email.</summary>
    public static async Task<string> NewReceptionAsync(OnTrackApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var email = $"reception.{Guid.NewGuid():N}@demo.ontrack.test";
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        var clinicId = await db.Clinics.Where(c => c.Slug == DemoClinic.Slug).Select(c => c.Id).SingleAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, ClinicId = clinicId, FullName = "Robin Reception" };
        Assert.True((await users.CreateAsync(user, DemoClinic.Password)).Succeeded);
        await scope.ServiceProvider.GetRequiredService<OnTrack.Web.Features.Clinics.Memberships>().GrantAsync(user, user.ClinicId, Roles.Reception);
        await db.SaveChangesAsync();
        return email;
    }
}
