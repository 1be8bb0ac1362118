using Microsoft.EntityFrameworkCore;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Course;

/// <summary>Settings under "OnTrack:Course".</summary>
public sealed class CourseOptions
{
    public const string Section = "OnTrack:Course";

    /// <summary>Refit every clinic's expected courses on this schedule.</summary>
    public TimeSpan RefitInterval { get; set; } = TimeSpan.FromDays(1);

    public bool RunRefitWorker { get; set; } = true;
}

public static class CourseEndpoints
{
    public static IServiceCollection AddCourse(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CourseOptions>().Bind(configuration.GetSection(CourseOptions.Section))
            .Validate(o => o.RefitInterval >= TimeSpan.FromMinutes(5), "OnTrack:Course:RefitInterval must be at least 00:05:00.")
            .ValidateOnStart();
        services.AddScoped<ExpectedCourses>();
        services.AddScoped<CourseRefits>();
        services.AddHostedService<CourseRefitWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapCourse(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/course-models").WithTags("Expected course").RequireAuthorization(SecuritySetup.ApiPolicy);
        api.MapGet("", async (ExpectedCourses courses, CurrentClinic clinic, CancellationToken ct) =>
                TypedResults.Ok(await courses.SummariesAsync((await clinic.GetAsync(cancellationToken: ct))!, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Therapist))
            .WithSummary("Each outcome instrument's rule in force: the fitted expected course (with its size, date and held-out accuracy) or the rational rule");
        api.MapPost("/refit", async (CourseRefits refits, Caller caller, CurrentClinic clinic, CancellationToken ct) =>
                TypedResults.Ok(await refits.RefitAsync((await clinic.GetAsync(cancellationToken: ct))!, caller.UserName ?? "admin", ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithSummary("Admin: refit every outcome instrument's expected course from the clinic's data now");
        return app;
    }
}

public sealed record RefitOutcome(string InstrumentId, bool Fitted, string Message);

/// <summary>Refits a clinic's expected courses, instrument by instrument.</summary>
public sealed class CourseRefits(ExpectedCourses courses)
{
    public async Task<IReadOnlyList<RefitOutcome>> RefitAsync(Clinic clinic, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var outcomes = new List<RefitOutcome>();
        foreach (var instrument in courses.OutcomeInstruments)
        {
            var result = await courses.FitAsync(clinic, instrument, by, cancellationToken);
            outcomes.Add(result.Succeeded
                ? new RefitOutcome(instrument.Id, true, $"Fitted from {result.Value!.Clients} clients and {result.Value.Rows} scores.")
                : new RefitOutcome(instrument.Id, false, result.Problem!.Detail));
        }

        return outcomes;
    }
}

/// <summary>Refits every clinic's expected courses on a schedule, so they follow the clinic's data as it grows.</summary>
internal sealed class CourseRefitWorker(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<CourseOptions> options, ILogger<CourseRefitWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunRefitWorker)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RefitInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
                var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
                var refits = scope.ServiceProvider.GetRequiredService<CourseRefits>();
                foreach (var clinic in await db.Clinics.AsNoTracking().ToListAsync(stoppingToken))
                {
                    foreach (var outcome in await refits.RefitAsync(clinic, "schedule", stoppingToken))
                    {
                        logger.LogInformation("Expected course {Instrument} for clinic {Clinic}: {Message}", outcome.InstrumentId, clinic.Slug, outcome.Message);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Refitting expected courses failed; trying again at the next interval");
            }
        }
    }
}
