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
        services.AddScoped<Measures.IExpectedCourseRules>(sp => sp.GetRequiredService<ExpectedCourses>());
        services.AddScoped<CourseRefits>();
        services.AddSingleton<ScheduledCourseRefit>();
        services.AddHostedService<CourseRefitWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapCourse(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/course-models").WithTags("Expected course").RequireAuthorization(SecuritySetup.ApiPolicy);
        api.MapGet("", async (ExpectedCourses courses, CurrentClinic clinic, CancellationToken ct) =>
                TypedResults.Ok(await courses.SummariesAsync((await clinic.GetAsync(cancellationToken: ct))!, ct)))
            .RequireAuthorization(Policies.Clinician)
            .WithSummary("Each outcome instrument's rule in force: the fitted expected course (with its size, date and held-out accuracy) or the rational rule");
        api.MapPost("/refit", async (CourseRefits refits, Caller caller, CurrentClinic clinic, CancellationToken ct) =>
                TypedResults.Ok(await refits.RefitAsync((await clinic.GetAsync(cancellationToken: ct))!, caller.UserName ?? "admin", ct)))
            .RequireAuthorization(Policies.ClinicAdmin)
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

/// <summary>
/// The scheduled refit of every clinic's expected courses: one node per interval runs it, however many
/// share the database, so each refit stores one model per instrument.
/// </summary>
public sealed class ScheduledCourseRefit(IServiceScopeFactory scopes, Jobs.JobSchedule schedule, Microsoft.Extensions.Options.IOptions<CourseOptions> options, ILogger<ScheduledCourseRefit> logger)
{
    public const string Job = "course-refit";

    /// <summary>Refits every clinic if this node wins the refit's turn; false when it is not due or another node has it.</summary>
    public Task<bool> RunIfDueAsync(CancellationToken cancellationToken) =>
        schedule.RunIfDueAsync(Job, options.Value.RefitInterval, firstRunAfterInterval: true, RefitEveryClinicAsync, cancellationToken);

    private async Task RefitEveryClinicAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        var refits = scope.ServiceProvider.GetRequiredService<CourseRefits>();
        foreach (var clinic in await db.Clinics.AsNoTracking().ToListAsync(cancellationToken))
        {
            foreach (var outcome in await refits.RefitAsync(clinic, "schedule", cancellationToken))
            {
                logger.LogInformation("Expected course {Instrument} for clinic {Clinic}: {Message}", outcome.InstrumentId, clinic.Slug, outcome.Message);
            }
        }
    }
}

/// <summary>Offers the scheduled refit its turn every minute, so the clinic's courses follow its data as it grows.</summary>
internal sealed class CourseRefitWorker(ScheduledCourseRefit refit, Microsoft.Extensions.Options.IOptions<CourseOptions> options, ILogger<CourseRefitWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.RunRefitWorker
        ? Jobs.PeriodicJob.LoopAsync(TimeSpan.FromMinutes(1), refit.RunIfDueAsync, logger, stoppingToken)
        : Task.CompletedTask;
}
