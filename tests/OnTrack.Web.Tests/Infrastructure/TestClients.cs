using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Security;

namespace OnTrack.Web.Tests.Infrastructure;

/// <summary>Clients made for a test: a portal sign-in and a primary therapist (on the care team from the start).</summary>
public static class TestClients
{
    public const string Password = "Client-test-2026";

    /// <summary>A new client of the demo clinic with a sign-in, whose primary therapist is <paramref name="therapist"/>, signed in.</summary>
    public static async Task<(Guid Id, HttpClient Client)> NewSignedInClientAsync(this OnTrackApp app, string name, string therapist = "Dr. Maya Chen")
    {
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.test";
        var therapistId = await app.TherapistIdAsync(therapist);
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
            var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
            var clinic = await db.Clinics.Where(c => c.Slug == DemoClinic.Slug).Select(c => c.Id).SingleAsync();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, ClinicId = clinic, FullName = name };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Client)).Succeeded);
            var client = new Client { ClinicId = clinic, UserId = user.Id, FullName = name, Email = email, CreatedAt = app.Clock.GetCurrentInstant(), PrimaryTherapistId = therapistId };
            db.ClientRecords.Add(client);
            await db.SaveChangesAsync();
            id = client.Id;
        }

        return (id, await app.SignInAsync(email, Password));
    }
}
