using NodaTime;
using NodaTime.Text;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Lifestyle;

/// <summary>Lifestyle between sessions (issue 13): the daily check-in, the sleep diary, guided breathing, agreed steps and the reminder.</summary>
public static class LifestyleSetup
{
    public static IServiceCollection AddLifestyle(this IServiceCollection services)
    {
        services.AddScoped<LifestyleLog>();
        services.AddScoped<LogSettings>();
        services.AddScoped<LifestyleSteps>();
        services.AddScoped<LifestyleOverview>();
        services.AddScoped<Shared.IClientSections, LifestyleSections>();
        services.AddScoped<Outcomes.IChartMarkers, LifestyleStepMarkers>();
        services.AddLifestyleReminders();
        return services;
    }

    public static IEndpointRouteBuilder MapLifestyle(this IEndpointRouteBuilder app)
    {
        var client = app.MapClientRoutes("Lifestyle").MapGroup("/lifestyle");
        client.MapGet("/check-ins", async Task<IResult> (Guid clientId, string? from, string? to, LifestyleLog log, CancellationToken ct) =>
                await RangeAsync(clientId, from, to, log, ct) is not { } range ? Invalid.ToResult()
                : TypedResults.Ok(await log.CheckInsAsync(clientId, range.From, range.To, ct)))
            .WithSummary("The client's daily check-ins from one day to another (yyyy-MM-dd, the client's own days; the last 28 days by default), oldest first");
        client.MapPut("/check-ins/{date}", async (Guid clientId, string date, CheckInRequest request, LifestyleLog log, CancellationToken ct) =>
                Day(date) is { } day ? ToHttp(await log.SaveCheckInAsync(clientId, day, request, ct)) : Invalid.ToResult())
            .Requires(ClientOperation.KeepOwnLog)
            .WithSummary("The client's check-in for a day (yyyy-MM-dd): today or one of the two days before, one per day — a second PUT replaces it")
            .WithDescription("Mood 1–5 is required; sleepHours 0–24, sleepQuality and eatingQuality 1–5, activityMinutes and relaxationMinutes 0–1440, meals regular/partly/no, " +
                             "up to 10 tags, a note of up to 500 characters. Notes are not read for risk: a client in crisis is shown the crisis resources, not this form.");
        client.MapGet("/sleep-diary", async Task<IResult> (Guid clientId, string? from, string? to, LifestyleLog log, CancellationToken ct) =>
                await RangeAsync(clientId, from, to, log, ct) is not { } range ? Invalid.ToResult()
                : TypedResults.Ok(await log.SleepDiaryAsync(clientId, range.From, range.To, ct)))
            .WithSummary("The sleep diary's mornings from one day to another with time in bed, total sleep time, sleep-onset latency, wake after sleep onset and sleep efficiency");
        client.MapPut("/sleep-diary/{date}", async (Guid clientId, string date, SleepDiaryRequest request, LifestyleLog log, CancellationToken ct) =>
                Day(date) is { } day ? ToHttp(await log.SaveSleepDiaryAsync(clientId, day, request, ct)) : Invalid.ToResult())
            .Requires(ClientOperation.KeepOwnLog)
            .WithSummary("One morning's sleep diary (Consensus Sleep Diary): clock times HH:mm in the client's zone, across midnight and daylight-saving changes; an impossible night is refused (400)");
        client.MapPost("/breathing", async (Guid clientId, BreathingRequest request, LifestyleLog log, CancellationToken ct) => ToHttp(await log.AddBreathingAsync(clientId, request, ct)))
            .Requires(ClientOperation.KeepOwnLog)
            .WithSummary("A finished guided breathing exercise: its minutes (1–10) are added to today's relaxation");
        client.MapGet("/weeks", async Task<IResult> (Guid clientId, string? from, string? to, LifestyleLog log, CancellationToken ct) =>
                await RangeAsync(clientId, from, to, log, ct) is not { } range ? Invalid.ToResult()
                : TypedResults.Ok((await log.WeeksAsync(clientId, range.From, range.To, ct)).Select(LifestyleSections.ToDto)))
            .WithSummary("Weekly summaries (Monday to Sunday in the client's zone) of the weeks between two days");
        client.MapGet("/associations", async (Guid clientId, LifestyleLog log, CancellationToken ct) =>
                TypedResults.Ok((await log.AssociationsAsync(clientId, ct)).Select(a => new AssociationDto(a.Id, a.Question, a.GroupA, a.GroupB, a.DaysA, a.DaysB, a.MeanA, a.MeanB, a.Difference, a.Lower, a.Upper, a.Shown))))
            .WithSummary("Associations in the client's last 26 weeks (e.g. mood after 7 h or more of sleep against after less than 6 h): a difference with its 95 % interval, only with 14 days or more on each side — associations, not causes");
        client.MapGet("/export.csv", async (Guid clientId, LifestyleLog log, CancellationToken ct) =>
                TypedResults.File(System.Text.Encoding.UTF8.GetBytes(await log.ExportCsvAsync(clientId, ct)), "text/csv; charset=utf-8", "my-daily-log.csv"))
            .WithSummary("Everything in the client's log as CSV, one row per day");
        client.MapGet("/settings", async (Guid clientId, LogSettings settings, CancellationToken ct) => TypedResults.Ok(await settings.GetAsync(clientId, ct)))
            .Requires(ClientOperation.KeepOwnLog)
            .WithSummary("The client's time zone for the log and their daily reminder");
        client.MapPut("/settings", async (Guid clientId, LifestyleSettingsRequest request, LogSettings settings, CancellationToken ct) => ToHttp(await settings.SetAsync(clientId, request, ct)))
            .Requires(ClientOperation.KeepOwnLog)
            .WithSummary("Change the client's time zone (IANA) or the daily reminder (remindersOn, reminderAt HH:mm); reminders never contain clinical details");
        client.MapGet("/steps", async (Guid clientId, LifestyleSteps steps, CancellationToken ct) => TypedResults.Ok(await steps.ListAsync(clientId, ct)))
            .WithSummary("The lifestyle steps agreed with the client, active first, each with its weeks counted from the log");
        client.MapPost("/steps", async (Guid clientId, LifestyleStepRequest request, LifestyleSteps steps, CancellationToken ct) => ToHttp(await steps.AgreeAsync(clientId, request, ct), created: true))
            .Requires(ClientOperation.ManagePlan)
            .WithSummary("Agree a lifestyle step with the client (at most 3 active): its words, and the rule the check-ins are counted against");
        client.MapPost("/steps/{stepId:guid}/end", async (Guid clientId, Guid stepId, LifestyleSteps steps, CancellationToken ct) => ToHttp(await steps.EndAsync(clientId, stepId, ct)))
            .Requires(ClientOperation.ManagePlan)
            .WithSummary("End a lifestyle step; it stays in the list with its weeks");

        app.MapGet("/api/lifestyle/clients", async (LifestyleOverview overview, CancellationToken ct) => TypedResults.Ok(await overview.ClientsAsync(ct)))
            .WithTags("Lifestyle").RequireAuthorization(SecuritySetup.ApiPolicy).RequireAuthorization(Policies.Clinician)
            .WithSummary("Which of the caller's clients keep the daily log, and their last 7 days at a glance (nothing here needs reading daily; lifestyle raises no alerts)");
        app.MapLifestyleReminders();
        return app;
    }

    private static readonly Problem Invalid = Problem.BadRequest("Give days as yyyy-MM-dd, like 2026-03-02, with from no later than to and at most a year apart.");

    internal static LocalDate? Day(string? text) =>
        text is not null && LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } parsed ? parsed.Value : null;

    private static async Task<(LocalDate From, LocalDate To)?> RangeAsync(Guid clientId, string? from, string? to, LifestyleLog log, CancellationToken ct)
    {
        var today = await log.TodayAsync(clientId, ct);
        var end = to is null ? today : Day(to);
        var start = from is null ? end?.PlusDays(-27) : Day(from);
        return start is { } s && end is { } e && s <= e && Period.Between(s, e, PeriodUnits.Days).Days <= 366 ? (s, e) : null;
    }

    private static IResult ToHttp<T>(Result<T> result, bool created = false) =>
        !result.Succeeded ? result.Problem!.ToResult()
        : created ? TypedResults.Json(result.Value, statusCode: StatusCodes.Status201Created)
        : TypedResults.Ok(result.Value);
}
