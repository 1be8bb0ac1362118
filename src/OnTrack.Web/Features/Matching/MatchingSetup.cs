using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Matching;

/// <summary>The right therapist (issue 14): therapist profiles, outcome profiles per problem area, and matching clients to therapists.</summary>
public static class MatchingSetup
{
    public static IServiceCollection AddMatching(this IServiceCollection services)
    {
        services.AddScoped<MatchingSettingsStore>();
        services.AddScoped<TherapistProfiles>();
        services.AddScoped<OutcomeProfiles>();
        services.AddScoped<MatchSuggestions>();
        services.AddScoped<MatchOutcomes>();
        return services;
    }

    public static IEndpointRouteBuilder MapMatching(this IEndpointRouteBuilder app)
    {
        var client = app.MapClientRoutes("Matching").MapGroup("/match-suggestions");
        client.MapGet("", async (Guid clientId, MatchSuggestions matching, CancellationToken ct) => (await matching.ListAsync(clientId, ct)).ToHttp())
            .WithSummary("Therapists suggested for the client, newest first, with the choice made; a client sees only those offered to them, without reasons drawn from other clients' outcomes");
        client.MapPost("", async (Guid clientId, MatchRequest request, MatchSuggestions matching, CancellationToken ct) => (await matching.SuggestAsync(clientId, request, ct)).ToHttp(created: true))
            .WithSummary("Rank the clinic's therapists for the client and keep the suggestion")
            .WithDescription("Admins and the client's primary therapist; the client themself when the clinic lets clients choose and they have no therapist yet. " +
                             "Ranked on measured outcomes in the client's areas (elevated at intake or in the plan), the areas each therapist treats, the client's style and practical preferences, format, capacity and free times.");
        client.MapPost("/{suggestionId:guid}/choose", async (Guid clientId, Guid suggestionId, ChooseRequest request, MatchSuggestions matching, CancellationToken ct) =>
                (await matching.ChooseAsync(clientId, suggestionId, request, ct)).ToHttp())
            .WithSummary("Choose a therapist from a suggestion: the choice is recorded and the client's care moves to them (as in a change of therapist)");

        var api = app.MapGroup("/api").WithTags("Matching").RequireAuthorization(SecuritySetup.ApiPolicy);
        api.MapGet("/therapist-profiles", async (TherapistProfiles profiles, CancellationToken ct) => TypedResults.Ok(await profiles.ListAsync(ct)))
            .WithSummary("The clinic's active therapists' profiles in plain words (areas, approaches, formats, languages, style): for anyone at the clinic, clients choosing too");
        api.MapGet("/therapists/{therapistId:guid}/profile", async Task<IResult> (Guid therapistId, TherapistProfiles profiles, CancellationToken ct) =>
                await profiles.GetAsync(therapistId, ct) is { } profile ? TypedResults.Ok(profile) : Problem.NotFound("The therapist").ToResult())
            .WithSummary("One therapist's profile");
        api.MapPut("/therapists/{therapistId:guid}/profile", async (Guid therapistId, TherapistProfileRequest request, TherapistProfiles profiles, CancellationToken ct) =>
                (await profiles.SetAsync(therapistId, request, ct)).ToHttp())
            .RequireAuthorization(Policies.Clinician)
            .WithSummary("Change a therapist's problem areas, approaches and new clients a week: the therapist themself or an admin (style, gender and languages are under /style)");
        api.MapGet("/outcome-profiles", async Task<IResult> (Guid? therapistId, OutcomeProfiles outcomes, CancellationToken ct) =>
                await outcomes.GetAsync(therapistId, ct) is { } dto ? TypedResults.Ok(dto) : Problem.NotFound("The outcome profile").ToResult())
            .RequireAuthorization(Policies.Clinician)
            .WithSummary("Each therapist's risk-adjusted outcomes per problem area with 95 % intervals (admins: every therapist; a therapist: their own); never for clients");
        api.MapGet("/matching/settings", async (MatchingSettingsStore settings, CancellationToken ct) => TypedResults.Ok(await settings.GetAsync(ct)))
            .WithSummary("The ended courses needed before a therapist is rated in an area, and whether clients may choose their therapist");
        api.MapPut("/matching/settings", async (MatchingSettingsRequest request, MatchingSettingsStore settings, CancellationToken ct) => (await settings.SetAsync(request, ct)).ToHttp())
            .RequireAuthorization(Policies.ClinicAdmin)
            .WithSummary("Change the matching settings (admins)");
        api.MapGet("/matching/outcomes", async Task<IResult> (MatchOutcomes outcomes, CancellationToken ct) =>
                await outcomes.GetAsync(ct) is { } dto ? TypedResults.Ok(dto) : Problem.NotFound("The matching outcomes").ToResult())
            .RequireAuthorization(Policies.ClinicAdmin)
            .WithSummary("Whether clients matched to their top suggestion do better than those who chose another therapist (admins; not a trial)");
        return app;
    }
}
