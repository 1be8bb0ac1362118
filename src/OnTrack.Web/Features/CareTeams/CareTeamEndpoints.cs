using OnTrack.Web.Security;

namespace OnTrack.Web.Features.CareTeams;

public static class CareTeamEndpoints
{
    public static IServiceCollection AddCareTeams(this IServiceCollection services)
    {
        services.AddScoped<ClientAccess>();
        services.AddScoped<CareTeamService>();
        return services;
    }

    public static IEndpointRouteBuilder MapCareTeams(this IEndpointRouteBuilder app)
    {
        var client = app.MapClientRoutes("Care team");
        client.MapGet("/care-team", async Task<IResult> (Guid clientId, CareTeamService teams, CancellationToken ct) =>
                await teams.HistoryAsync(clientId, ct) is { } team ? TypedResults.Ok(team) : Problem.NotFound("The client").ToResult())
            .Requires(ClientOperation.ViewContact)
            .WithSummary("Who is and was on the client's care team: role, access, since and until when, and why");
        client.MapPost("/transfer", async (Guid clientId, TransferRequest request, CareTeamService teams, CancellationToken ct) =>
            {
                var result = await teams.TransferAsync(clientId, request, ct);
                return result.Succeeded ? TypedResults.Ok(result.Value) : result.Problem!.ToResult();
            })
            .Requires(ClientOperation.Transfer)
            .WithSummary("Change of therapist: admins, or the primary therapist with the client's consent recorded")
            .WithDescription("The new therapist becomes primary and sees the whole history; the former one's access ends, or turns read-only for the clinic's " +
                             "stated period; open alerts go to the new therapist; future individual sessions move to the new therapist where they are free " +
                             "at the same time (futureSessions=moveWhereFree) and are cancelled otherwise (or all, with cancel); the client is emailed.");
        return app;
    }
}
