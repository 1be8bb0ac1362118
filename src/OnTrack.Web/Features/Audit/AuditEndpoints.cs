using Microsoft.AspNetCore.Mvc;
using OnTrack.Web.Data;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Audit;

public static class AuditEndpoints
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditTrail>();
        return services;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async ([FromQuery] Guid? clientId, [FromQuery] string? user, [FromQuery] string? action,
                    [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, AuditTrail trail, CancellationToken ct, [FromQuery] int page = 1, [FromQuery] int pageSize = 50) =>
            {
                AuditAction? kind = null;
                if (!string.IsNullOrWhiteSpace(action))
                {
                    if (!Enum.TryParse<AuditAction>(action.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(action.Trim()[0]))
                    {
                        return Problem.BadRequest("action is one of read, create, update, delete, denied, signIn, signInFailed.").ToResult();
                    }

                    kind = parsed;
                }

                var result = await trail.SearchAsync(new AuditQuery(clientId, user, kind, from, to, page, pageSize), ct);
                return result.Succeeded ? TypedResults.Ok(result.Value) : result.Problem!.ToResult();
            })
            .WithTags("Audit")
            .RequireAuthorization(SecuritySetup.ApiPolicy)
            .RequireAuthorization(Policies.ClinicAdmin)
            .WithSummary("Admins: the clinic's audit trail, newest first; filter by client, user, action and time, paged");

        var client = app.MapClientRoutes("Audit");
        client.MapGet("/access-log", async Task<IResult> (Guid clientId, AuditTrail trail, CancellationToken ct) =>
                await trail.WhoSawAsync(clientId, ct) is { } log ? TypedResults.Ok(log) : Problem.NotFound("The client").ToResult())
            .Requires(ClientOperation.ViewAccessLog)
            .WithSummary("Which staff opened or changed the client's record, and when (the client and the clinic's admins)");
        return app;
    }
}
