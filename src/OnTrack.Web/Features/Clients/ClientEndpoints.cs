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

        return app;
    }

    private static ClientDto ToDto(Client c) => new(c.Id, c.FullName, c.Email, c.Phone, c.UserId is not null);
}
