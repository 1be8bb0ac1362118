using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OnTrack.Web.Data;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Measures;

/// <summary>
/// Kiosk mode: staff hand a clinic tablet to one client. The staff member is signed out of the tablet and
/// a short-lived kiosk sign-in, valid only under /kiosk, lets the client see and send their own due forms
/// and nothing else; it ends when the last form is sent.
/// </summary>
public static class KioskEndpoints
{
    public static IEndpointRouteBuilder MapKiosk(this IEndpointRouteBuilder app)
    {
        app.MapPost("/clients/{clientId:guid}/kiosk", StartAsync)
            .RequireAuthorization(Policies.Staff)
            .DisableAntiforgery() // validated explicitly below, before anything changes
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> StartAsync(Guid clientId, HttpContext context, IAntiforgery antiforgery, CareTeams.ClientAccess access, Caller caller)
    {
        if (!await IsValidAsync(antiforgery, context))
        {
            return TypedResults.BadRequest();
        }

        if (await access.CheckAsync(clientId, CareTeams.ClientOperation.ViewContact, context.RequestAborted) is not { Client: var client })
        {
            return TypedResults.NotFound();
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, caller.UserId!),
            new Claim(ClaimTypes.Name, $"kiosk for {Clients.ClientNames.Initials(client.FullName)} (started by {caller.UserName})"),
            new Claim(ClaimTypes.Role, Roles.Client),
            new Claim(OnTrackClaims.Kiosk, "true"),
            new Claim(OnTrackClaims.Clinic, client.ClinicId.ToString()),
            new Claim(OnTrackClaims.Client, client.Id.ToString()),
        ], SecuritySetup.KioskScheme);
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        await context.SignInAsync(SecuritySetup.KioskScheme, new ClaimsPrincipal(identity));
        return TypedResults.Redirect("/kiosk");
    }

    /// <summary>A form that cannot even be read (a NUL character, an overlong key) is as invalid as a wrong token: 400, not 500.</summary>
    private static async Task<bool> IsValidAsync(IAntiforgery antiforgery, HttpContext context)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
