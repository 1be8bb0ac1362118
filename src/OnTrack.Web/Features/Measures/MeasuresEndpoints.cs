using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Measures;
using OnTrack.Web.Data;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Measures;

public sealed record InstrumentSummary(string Id, string Version, string Title, int Items, ScoreDirection Direction, decimal Min, decimal Max, decimal? Cutoff, decimal? ReliableChange, string Source, string Licence);

public static class MeasuresEndpoints
{
    public static IServiceCollection AddMeasures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MeasuresOptions>().Bind(configuration.GetSection(MeasuresOptions.Section));
        services.AddScoped<DueForms>();
        services.AddScoped<AlertRaiser>();
        services.AddScoped<ITransferOfCareStep, AlertsFollowTransfer>();
        services.AddScoped<SubmitResponse>();
        services.AddScoped<MeasureQueries>();
        services.AddScoped<AlertQueue>();
        services.AddScoped<AlertEscalation>();
        services.AddScoped<MeasurePlanAdmin>();
        services.AddScoped<Caseload>();
        services.AddHostedService<AlertEscalationWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapMeasures(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/instruments").WithTags("Measures").RequireAuthorization(SecuritySetup.ApiPolicy);
        api.MapGet("", (InstrumentCatalog catalog) => TypedResults.Ok(catalog.Plannable.Values.OrderBy(i => i.Id, StringComparer.Ordinal).Select(Summary).ToList()))
            .WithSummary("The instruments this clinic can use, with their range, cutoff, reliable change, source and licence");
        api.MapGet("/{id}", Results<Ok<InstrumentSummary>, ProblemHttpResult> (string id, InstrumentCatalog catalog) =>
                catalog.All.TryGetValue(id, out var instrument) ? TypedResults.Ok(Summary(instrument)) : (ProblemHttpResult)Problem.NotFound($"The instrument '{id}'").ToResult())
            .WithSummary("One instrument");

        var forms = app.MapGroup("/api").WithTags("Measures").RequireAuthorization(SecuritySetup.ApiPolicy);
        forms.MapGet("/due-forms", DueAsync)
            .WithSummary("The forms a client should fill in now, for their next session (clients: their own; staff: give clientId)");
        forms.MapPost("/responses", SubmitAsync)
            .WithSummary("Submit a completed form: scored, stored and checked for alerts, all or nothing")
            .WithDescription("Clients submit their own due forms; staff type in a paper form for a client (clientId, completedAt, optional appointmentId). " +
                             "An answer outside the options, an unanswered question or a form that is not due is refused and nothing is stored. " +
                             "Send an Idempotency-Key header: a retry with the same key returns the stored response and never stores twice. " +
                             "When a risk item is endorsed the answer carries the clinic's crisis resources.");
        var client = app.MapClientRoutes("Measures");
        client.MapGet("/responses", ResponsesAsync).WithSummary("A client's completed forms with item answers and scores, oldest first");
        client.MapGet("/progress", ProgressAsync)
            .WithSummary("Per measure: baseline, latest, change, reliable change, caseness, recovery and band");
        client.MapGet("/measure-plan", async Task<IResult> (Guid clientId, MeasurePlanAdmin plans, CancellationToken ct) =>
                await plans.GetAsync(clientId, ct) is { } plan ? TypedResults.Ok(plan) : Problem.NotFound("The client").ToResult())
            .WithSummary("Which measures the client completes and when (their own plan or the clinic's default)");
        client.MapPut("/measure-plan", async (Guid clientId, List<MeasureRuleDto> rules, MeasurePlanAdmin plans, CancellationToken ct) =>
                ToHttp(await plans.SetAsync(clientId, rules, ct)))
            .Requires(ClientOperation.WriteClinical)
            .WithSummary("Set the client's plan; an empty list returns them to the clinic's default");

        forms.MapGet("/caseload", async ([FromQuery] string? sort, Caseload caseload, CancellationToken ct) => TypedResults.Ok(Caseload.Sort(await caseload.ListAsync(ct), sort).ToList()))
            .RequireAuthorization(Policies.Clinician)
            .WithSummary("The caller's caseload with latest scores, change, status colour, open alerts and next session; sort=name|next|alerts|phq-9|gad-7");

        var alerts = app.MapGroup("/api/alerts").WithTags("Alerts").RequireAuthorization(SecuritySetup.ApiPolicy).RequireAuthorization(Policies.Clinician);
        alerts.MapGet("", async ([FromQuery] AlertState? state, [FromQuery] Guid? clientId, AlertQueue queue, CancellationToken ct) => TypedResults.Ok(await queue.ListAsync(state, clientId, ct)))
            .WithSummary("The caller's alert queue (admins: the clinic's), open alerts and risk first");
        alerts.MapGet("/{id:guid}", async Task<IResult> (Guid id, AlertQueue queue, CancellationToken ct) =>
                await queue.GetAsync(id, ct) is { } alert ? TypedResults.Ok(alert) : Problem.NotFound("The alert").ToResult())
            .WithSummary("One alert");
        alerts.MapPost("/{id:guid}/acknowledge", async (Guid id, AlertActionRequest request, AlertQueue queue, CancellationToken ct) => ToHttp(await queue.AcknowledgeAsync(id, request.Action, ct)))
            .WithSummary("Acknowledge an alert with the action taken (required for risk alerts)");
        alerts.MapPost("/{id:guid}/resolve", async (Guid id, AlertActionRequest request, AlertQueue queue, CancellationToken ct) => ToHttp(await queue.ResolveAsync(id, request.Action, ct)))
            .WithSummary("Resolve an alert; risk alerts must be acknowledged first");
        return app;
    }

    private static async Task<IResult> DueAsync([FromQuery] Guid? clientId, Caller caller, OnTrackDbContext db, DueForms due, CurrentClinic clinic, IClock clock, CancellationToken ct)
    {
        var id = caller.ClientId ?? clientId;
        if (id is null || (caller.ClientId is { } own && clientId is { } asked && asked != own) || !await db.ClientRecords.AnyAsync(c => c.Id == id, ct)
            || await clinic.GetAsync(cancellationToken: ct) is not { } current)
        {
            return (id is null ? Problem.BadRequest("clientId is required for staff.") : Problem.NotFound("The client")).ToResult();
        }

        var set = await due.ForAsync(id.Value, current, clock.GetCurrentInstant(), ct);
        db.AuditRead("DueForms", id.Value.ToString(), id.Value);
        return TypedResults.Ok(new DueFormsDto(id.Value, set.Session?.AppointmentId, set.Session?.Start.ToDateTimeOffset(), set.Session?.Number,
            set.Instruments.Select(i => new DueFormDto(i.Id, i.Title, i.Items.Count)).ToList()));
    }

    private static async Task<IResult> SubmitAsync(ResponseRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, SubmitResponse handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(request, idempotencyKey, kiosk: false, ct);
        return result.Succeeded
            ? result.Value!.Replayed ? TypedResults.Ok(result.Value) : TypedResults.Json(result.Value, statusCode: StatusCodes.Status201Created)
            : result.Problem!.ToResult();
    }

    private static async Task<IResult> ResponsesAsync(Guid clientId, MeasureQueries queries, InstrumentCatalog catalog, CancellationToken ct) =>
        await queries.ResponsesAsync(clientId, ct) is { } responses
            ? TypedResults.Ok(responses.Select(r => ResponseMapper.ToDto(r, catalog)).ToList())
            : Problem.NotFound("The client").ToResult();

    private static async Task<IResult> ProgressAsync(Guid clientId, MeasureQueries queries, CancellationToken ct) =>
        await queries.ProgressAsync(clientId, ct) is { } progress ? TypedResults.Ok(progress) : Problem.NotFound("The client").ToResult();

    private static IResult ToHttp<T>(Result<T> result) => result.Succeeded ? TypedResults.Ok(result.Value) : result.Problem!.ToResult();

    private static InstrumentSummary Summary(Instrument i) =>
        new(i.Id, i.Version, i.Title, i.Items.Count, i.Direction, i.TotalMin, i.TotalMax, i.Cutoff?.Value, i.ReliableChange?.Threshold, i.Source, i.Licence);
}
