using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Clients;

public sealed record ClientDto(Guid Id, string FullName, string Email, string Phone, bool HasAccount);

public static class ClientEndpoints
{
    public static IEndpointRouteBuilder MapClients(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/clients").WithTags("Clients").RequireAuthorization(Policies.Staff);
        api.MapGet("", async (ClientInvitations clients, CancellationToken ct) =>
                TypedResults.Ok((await clients.ListAsync(ct)).Select(ToDto).ToList()))
            .WithSummary("Staff: the clinic's clients (a therapist sees their own caseload)");
        api.MapPost("", async (NewClient request, ClientInvitations clients, CancellationToken ct) =>
            {
                var result = await clients.AddAsync(request, ct);
                return result.Succeeded ? Results.Created($"/api/clients/{result.Value!.Id}", ToDto(result.Value)) : result.Problem!.ToResult();
            })
            .WithSummary("Staff: add a client, and with invite=true send them an invitation to the portal");

        var client = app.MapClientRoutes("Clients");
        client.MapGet("/care-team", async Task<IResult> (Guid clientId, CareTeams teams, CancellationToken ct) =>
                await teams.HistoryAsync(clientId, ct) is { } team ? TypedResults.Ok(team) : Problem.NotFound("The client").ToResult())
            .Requires(ClientOperation.ViewContact)
            .WithSummary("Who is and was on the client's care team: role, access, since and until when, and why");
        client.MapPost("/transfer", async (Guid clientId, TransferRequest request, CareTeams teams, CancellationToken ct) =>
            {
                var result = await teams.TransferAsync(clientId, request, ct);
                return result.Succeeded ? TypedResults.Ok(result.Value) : result.Problem!.ToResult();
            })
            .Requires(ClientOperation.Transfer)
            .WithSummary("Change of therapist: admins, or the primary therapist with the client's consent recorded")
            .WithDescription("The new therapist becomes primary and sees the whole history; the former one's access ends, or turns read-only for the clinic's " +
                             "stated period; open alerts go to the new therapist; future individual sessions move to the new therapist where they are free " +
                             "at the same time (futureSessions=moveWhereFree) and are cancelled otherwise (or all, with cancel); the client is emailed.");
        client.MapGet("/access-log", async Task<IResult> (Guid clientId, Audit.AuditTrail trail, CancellationToken ct) =>
                await trail.WhoSawAsync(clientId, ct) is { } log ? TypedResults.Ok(log) : Problem.NotFound("The client").ToResult())
            .Requires(ClientOperation.ViewAccessLog)
            .WithSummary("Which staff opened or changed the client's record, and when (the client and the clinic's admins)");
        return app;
    }

    private static ClientDto ToDto(Client c) => new(c.Id, c.FullName, c.Email, c.Phone, c.UserId is not null);
}
