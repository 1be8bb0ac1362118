using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Security;

namespace OnTrack.Web.Data;

/// <summary>Before the server takes requests: migrate, make sure the roles exist, seed the demo clinic when asked; once listening, say where.</summary>
internal sealed class StartupTasks(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> database,
    IOptions<ClinicOptions> clinicOptions,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        if (database.Value.MigrateOnStart)
        {
            await DataSetup.MigrateAsync(db, cancellationToken);
        }

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in new[] { Roles.Admin, Roles.Therapist, Roles.Reception, Roles.Client })
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var seeded = false;
        if (clinicOptions.Value.SeedDemo)
        {
            seeded = await scope.ServiceProvider.GetRequiredService<DemoClinic>().SeedAsync(cancellationToken);
        }

        lifetime.ApplicationStarted.Register(() => Announce(seeded));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce(bool seededNow)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var provider = database.Value.Provider;
        Console.WriteLine();
        Console.WriteLine($"OnTrack is running on {provider} at {string.Join(", ", addresses)}");
        if (clinicOptions.Value.SeedDemo)
        {
            Console.WriteLine(seededNow ? "The demo clinic was created. Sign in with:" : "Demo clinic sign-ins:");
            foreach (var (role, email) in DemoClinic.SignIns)
            {
                Console.WriteLine($"  {role,-10} {email,-34} password: {DemoClinic.Password}");
            }

            Console.WriteLine("Turn the demo off for real use: OnTrack__SeedDemo=false");
        }

        logger.LogInformation("OnTrack started at {Addresses}", string.Join(", ", addresses));
    }
}
