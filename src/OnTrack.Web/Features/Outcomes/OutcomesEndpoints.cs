using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Outcomes;

/// <summary>How clients do: each client's course beside the expected one, and the clinic's outcome figures.</summary>
public static class OutcomesEndpoints
{
    public static IServiceCollection AddOutcomes(this IServiceCollection services)
    {
        services.AddScoped<OutcomeFiguresQuery>();
        return services;
    }

    public static IEndpointRouteBuilder MapOutcomes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/outcomes", async Task<IResult> (OutcomeFiguresQuery query, CancellationToken ct) =>
                await query.GetAsync(ct) is { } outcomes ? TypedResults.Ok(outcomes) : Problem.NotFound("Outcome figures").ToResult())
            .WithTags("Outcomes")
            .RequireAuthorization(SecuritySetup.ApiPolicy)
            .RequireAuthorization(Policies.Clinician)
            .WithSummary("Clinic and per-therapist outcome figures on the NHS Talking Therapies definitions, with the counts behind each rate");
        return app;
    }
}
