using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Security;

namespace OnTrack.Web.Tests.Infrastructure;

/// <summary>Clients of the demo clinic made directly, with a sign-in.</summary>
public static class ClientAccounts
{
    /// <summary>A new client with a sign-in whose primary therapist is <paramref name="therapist"/> (on the care team from the start; none when null): their id and email.</summary>
    public static async Task<(Guid Id, string Email)> NewClientOfAsync(this OnTrackApp app, string name, string? therapist, string password)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(name);
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.test";
        Guid? therapistId = therapist is null ? null : await app.TherapistIdAsync(therapist);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        var clinic = await db.Clinics.Where(c => c.Slug == DemoClinic.Slug).Select(c => c.Id).SingleAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, ClinicId = clinic, FullName = name };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        await scope.ServiceProvider.GetRequiredService<OnTrack.Web.Features.Clinics.Memberships>().GrantAsync(user, user.ClinicId, Roles.Client);
        await db.SaveChangesAsync();
        var client = new Client { ClinicId = clinic, UserId = user.Id, FullName = name, Email = email, CreatedAt = app.Clock.GetCurrentInstant(), PrimaryTherapistId = therapistId };
        db.ClientRecords.Add(client);
        await db.SaveChangesAsync();
        return (client.Id, email);
    }
}
