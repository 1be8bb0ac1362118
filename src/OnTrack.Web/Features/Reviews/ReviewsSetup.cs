using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Reviews;

/// <summary>When therapy isn't working (issue 12): the client's concerns, the review with the client and its decisions.</summary>
public static class ReviewsSetup
{
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        services.AddScoped<Concerns>();
        services.AddScoped<Reviews>();
        services.AddScoped<ICaseloadFlags, ReviewCaseloadFlags>();
        services.AddScoped<ReviewForms>();
        services.AddScoped<IClientForms>(sp => sp.GetRequiredService<ReviewForms>());
        services.AddScoped<IReviewAnswers>(sp => sp.GetRequiredService<ReviewForms>());
        services.AddScoped<ReviewEvidence>();
        services.AddScoped<ReviewEffects>();
        services.AddScoped<ReviewOutcomes>();
        services.AddScoped<Outcomes.IChartMarkers, ReviewChartMarkers>();
        return services;
    }

    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder app)
    {
        var client = app.MapClientRoutes("Reviews");
        client.MapGet("/concerns", async (Guid clientId, Concerns concerns, CancellationToken ct) => TypedResults.Ok(await concerns.ListAsync(clientId, ct)))
            .WithSummary("What the client said was not working, newest first, with what happens next; those sent to the clinic's admins are shown to the client and admins only");
        client.MapPost("/concerns", async (Guid clientId, ConcernRequest request, Concerns concerns, CancellationToken ct) => ToHttp(await concerns.RaiseAsync(clientId, request, ct), created: true))
            .Requires(ClientOperation.WriteClinical)
            .WithSummary("\"This isn't working for me\": topics, wishes and/or text; sendTo Therapist (an alert) or ClinicAdmins (only with the wish DifferentTherapist)");

        client.MapGet("/reviews", async (Guid clientId, Reviews reviews, CancellationToken ct) => TypedResults.Ok(await reviews.ListAsync(clientId, ct)))
            .WithSummary("The client's reviews, newest first, with findings and decisions");
        client.MapGet("/reviews/{reviewId:guid}", async Task<IResult> (Guid clientId, Guid reviewId, Reviews reviews, CancellationToken ct) =>
                await reviews.GetAsync(clientId, reviewId, ct) is { } review ? TypedResults.Ok(review) : Problem.NotFound("The review").ToResult())
            .WithSummary("One review");
        client.MapPost("/reviews", async (Guid clientId, OpenReviewRequest request, Reviews reviews, CancellationToken ct) => ToHttp(await reviews.OpenAsync(clientId, request, ct), created: true))
            .Requires(ClientOperation.ManagePlan)
            .WithSummary("Open a review (one open at a time): the reason, and the alert or concern it answers; a new alert is acknowledged by it");
        client.MapPut("/reviews/{reviewId:guid}/findings", async (Guid clientId, Guid reviewId, FindingRequest request, Reviews reviews, CancellationToken ct) =>
                ToHttp(await reviews.SetFindingAsync(clientId, reviewId, request, ct)))
            .Requires(ClientOperation.ManagePlan)
            .WithSummary("Record the finding about one area (replaces an earlier one for the area)");
        client.MapPost("/reviews/{reviewId:guid}/actions", async (Guid clientId, Guid reviewId, ActionRequest request, Reviews reviews, CancellationToken ct) =>
                ToHttp(await reviews.AddActionAsync(clientId, reviewId, request, ct), created: true))
            .Requires(ClientOperation.ManagePlan)
            .WithSummary("Record a decision; a change of approach or frequency makes a new plan version");
        client.MapPost("/reviews/{reviewId:guid}/complete", async (Guid clientId, Guid reviewId, CompleteReviewRequest request, Reviews reviews, CancellationToken ct) =>
                ToHttp(await reviews.CompleteAsync(clientId, reviewId, request, ct)))
            .Requires(ClientOperation.ManagePlan)
            .WithSummary("Complete the review (at least one decision): resolves the alert it came from and the concern it answered");
        client.MapPost("/reviews/{reviewId:guid}/actions/{actionId:guid}/follow-up", async (Guid clientId, Guid reviewId, Guid actionId, FollowUpRequest request, Reviews reviews, CancellationToken ct) =>
                ToHttp(await reviews.FollowUpAsync(clientId, reviewId, actionId, request, ct)))
            .Requires(ClientOperation.ManagePlan)
            .WithSummary("After 3–4 more sessions: keep the change (Confirmed) or look at it again (Revisit)");

        app.MapGet("/api/review-actions/summary", async (ReviewOutcomes outcomes, CancellationToken ct) => TypedResults.Ok(await outcomes.GetAsync(ct)))
            .WithTags("Reviews").RequireAuthorization(SecuritySetup.ApiPolicy).RequireAuthorization(Policies.ClinicAdmin)
            .WithSummary("Per kind of review decision across the clinic: how many, how many judged (3+ scores since), and what followed — counts, not a trial");

        var admins = app.MapGroup("/api/concerns/for-admins").WithTags("Reviews").RequireAuthorization(SecuritySetup.ApiPolicy).RequireAuthorization(Policies.ClinicAdmin);
        admins.MapGet("", async (Concerns concerns, CancellationToken ct) => TypedResults.Ok(await concerns.ForAdminsAsync(ct)))
            .WithSummary("Concerns clients sent to the clinic's admins instead of their therapist, open ones first");
        admins.MapPost("/{concernId:guid}/handled", async (Guid concernId, ConcernHandledRequest request, Concerns concerns, CancellationToken ct) =>
                ToHttp(await concerns.HandleForAdminsAsync(concernId, request, ct)))
            .WithSummary("Mark a concern sent to the admins handled, with what was done");
        return app;
    }

    private static IResult ToHttp<T>(Result<T> result, bool created = false) =>
        !result.Succeeded ? result.Problem!.ToResult()
        : created ? TypedResults.Json(result.Value, statusCode: StatusCodes.Status201Created)
        : TypedResults.Ok(result.Value);
}
