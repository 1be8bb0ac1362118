using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Plans;

/// <summary>Treatment plans, goals, preferences, expectations and therapists' styles (issue 11): storage and API.</summary>
public static class PlansSetup
{
    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddScoped<PlanActor>();
        services.AddScoped<TreatmentPlans>();
        services.AddScoped<Goals>();
        services.AddScoped<IClientForms, GoalRatingForms>();
        services.AddScoped<Preferences>();
        services.AddScoped<Expectations>();
        services.AddScoped<ExpectationReadings>();
        services.AddScoped<PreferenceFit>();
        services.AddScoped<ICaseloadFlags, PlanCaseloadFlags>();
        services.AddScoped<TherapistStyles>();
        return services;
    }

    public static IEndpointRouteBuilder MapPlans(this IEndpointRouteBuilder app)
    {
        var client = app.MapClientRoutes("Plans");
        client.MapGet("/plan", async (Guid clientId, TreatmentPlans plans, CancellationToken ct) => TypedResults.Ok(await plans.GetAsync(clientId, ct)))
            .WithSummary("The treatment plan in force and whether the client agreed to this version; plan is null (still 200) when the client has none yet");
        client.MapGet("/plan/history", async (Guid clientId, TreatmentPlans plans, CancellationToken ct) => TypedResults.Ok(await plans.HistoryAsync(clientId, ct)))
            .WithSummary("Every version of the plan, newest first, with who changed it and when");
        client.MapPut("/plan", async (Guid clientId, PlanRequest request, TreatmentPlans plans, CancellationToken ct) => ToHttp(await plans.SetAsync(clientId, request, ct)))
            .Requires(ClientOperation.ManagePlan)
            .WithSummary("A new version of the plan (the client's therapist with full access, or an admin); the client's agreement is then needed again")
            .WithDescription("Give problemAreas, approach, format, frequency and either plannedSessions or plannedWeeks; nextReview (yyyy-MM-dd) must be after today. " +
                             "With baseVersion, a plan changed by someone else since is refused with 409.");
        client.MapPost("/plan/agreement", async (Guid clientId, PlanAgreementRequest request, TreatmentPlans plans, CancellationToken ct) => ToHttp(await plans.RespondAsync(clientId, request, ct)))
            .Requires(ClientOperation.WriteClinical)
            .WithSummary("The client agrees to, or comments on, the version they read (version); a version no longer in force is refused with 409");

        client.MapGet("/goals", async (Guid clientId, Goals goals, CancellationToken ct) => TypedResults.Ok(await goals.ListAsync(clientId, ct)))
            .WithSummary("The client's active goals and past (met, dropped) ones, each with its earlier wordings");
        client.MapPost("/goals", async (Guid clientId, GoalRequest request, Goals goals, CancellationToken ct) => ToHttp(await goals.AddAsync(clientId, request, ct), created: true))
            .Requires(ClientOperation.WriteClinical)
            .WithSummary("A new goal in the client's words (3–300 characters), proposed by the client or their therapist; at most five active (422)");
        client.MapPut("/goals/{goalId:guid}", async (Guid clientId, Guid goalId, GoalChangeRequest request, Goals goals, CancellationToken ct) => ToHttp(await goals.ChangeAsync(clientId, goalId, request, ct)))
            .Requires(ClientOperation.WriteClinical)
            .WithSummary("Revise a goal's wording (the old one is kept) or its goal attainment scaling");
        client.MapPost("/goals/{goalId:guid}/attainment", async (Guid clientId, Guid goalId, GasRatingRequest request, Goals goals, CancellationToken ct) => ToHttp(await goals.RateAttainmentAsync(clientId, goalId, request, ct), created: true))
            .Requires(ClientOperation.ManagePlan)
            .WithSummary("Goal attainment scaling: rate the level a scaled goal has reached (−2 … +2), with the client; each rating is kept and the latest counts in the T-score (GET goals)");
        client.MapPost("/goals/{goalId:guid}/status", async (Guid clientId, Guid goalId, GoalStatusRequest request, Goals goals, CancellationToken ct) => ToHttp(await goals.SetStatusAsync(clientId, goalId, request, ct)))
            .Requires(ClientOperation.WriteClinical)
            .WithSummary("Mark a goal met or dropped (on a day, today by default), or active again (at most five active)");

        client.MapGet("/preferences", async (Guid clientId, Preferences preferences, CancellationToken ct) => TypedResults.Ok(await preferences.GetAsync(clientId, ct)))
            .WithSummary("The client's preferences for their therapy (all empty when never given)");
        client.MapPut("/preferences", async (Guid clientId, PreferencesRequest request, Preferences preferences, CancellationToken ct) => ToHttp(await preferences.SetAsync(clientId, request, ct)))
            .Requires(ClientOperation.WriteClinical)
            .WithSummary("Set the client's preferences: the four dimensions (−3 … +3 or null), therapist's gender, language, modality, times of day");

        client.MapGet("/expectations", async (Guid clientId, Expectations expectations, CancellationToken ct) => TypedResults.Ok(await expectations.ListAsync(clientId, ct)))
            .WithSummary("What the client expected each time they were asked, newest first");
        client.MapGet("/expectations/ask-again", async (Guid clientId, Expectations expectations, CancellationToken ct) =>
                TypedResults.Ok(new ExpectationsAskAgainDto(await expectations.AskAgainForReviewAsync(clientId, ct) is { } review ? review.ToDateOnly() : null)))
            .WithSummary("Whether the client should be asked again what they expect: reviewDate is the plan's review date that has come without an answer since a week before it, or null");
        client.MapPost("/expectations", async (Guid clientId, ExpectationRequest request, Expectations expectations, CancellationToken ct) => ToHttp(await expectations.AddAsync(clientId, request, ct), created: true))
            .Requires(ClientOperation.WriteClinical)
            .WithSummary("Record what the client expects now: sessions (1–100), weeks until feeling better (0–104), confidence (0–10)");

        var staff = app.MapGroup("/api").WithTags("Plans").RequireAuthorization(SecuritySetup.ApiPolicy);
        staff.MapGet("/plan-reviews/due", async (TreatmentPlans plans, CancellationToken ct) => TypedResults.Ok(await plans.DueForReviewAsync(ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Therapist))
            .WithSummary("The caller's clients (admins: the clinic's) whose plan is due for review: its review date is today or past, in the clinic's zone");
        staff.MapGet("/therapists/me/style", async Task<IResult> (Caller caller, TherapistStyles styles, CancellationToken ct) =>
                caller.TherapistId is { } me && await styles.GetAsync(me, ct) is { } style ? TypedResults.Ok(style) : Problem.NotFound("Your therapist profile").ToResult())
            .RequireAuthorization(p => p.RequireRole(Roles.Therapist))
            .WithSummary("Your own style on the four dimensions, gender and languages");
        staff.MapPut("/therapists/me/style", async (TherapistStyleRequest request, Caller caller, TherapistStyles styles, CancellationToken ct) =>
                caller.TherapistId is { } me ? ToHttp(await styles.SetAsync(me, request, ct)) : Problem.NotFound("Your therapist profile").ToResult())
            .RequireAuthorization(p => p.RequireRole(Roles.Therapist))
            .WithSummary("Describe your style: the four dimensions (−3 … +3 or null), gender (optional, in your words), languages");
        staff.MapGet("/therapists/{therapistId:guid}/style", async Task<IResult> (Guid therapistId, TherapistStyles styles, CancellationToken ct) =>
                await styles.GetAsync(therapistId, ct) is { } style ? TypedResults.Ok(style) : Problem.NotFound("The therapist").ToResult())
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Therapist, Roles.Reception))
            .WithSummary("A therapist's style, for the clinic's staff");
        staff.MapPut("/therapists/{therapistId:guid}/style", async (Guid therapistId, TherapistStyleRequest request, TherapistStyles styles, CancellationToken ct) =>
                ToHttp(await styles.SetAsync(therapistId, request, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Therapist))
            .WithSummary("Change a therapist's style: admins any therapist's, a therapist their own");
        return app;
    }

    private static IResult ToHttp<T>(Result<T> result, bool created = false) =>
        !result.Succeeded ? result.Problem!.ToResult()
        : created ? TypedResults.Json(result.Value, statusCode: StatusCodes.Status201Created)
        : TypedResults.Ok(result.Value);
}
