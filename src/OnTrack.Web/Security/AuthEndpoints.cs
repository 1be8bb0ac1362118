using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using OnTrack.Web.Data;

namespace OnTrack.Web.Security;

public sealed record LoginRequest(
    [property: Validation.Text("The email address", 256, IsRequired = true)] string Email,
    [property: Required(ErrorMessage = "A password is required."), StringLength(200, ErrorMessage = "The password can be at most 200 characters long.")] string Password,
    [property: Validation.Text("The two-factor code", 20)] string? TwoFactorCode = null);

/// <summary>Bearer-token sign-in for integrators and the API; the same lockout and two-factor rules as the pages.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", LoginAsync).AllowAnonymous().WithTags("Auth")
            .WithSummary("Exchange email, password (and authenticator code when enrolled) for a bearer token");
        return app;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, SignInManager<ApplicationUser> signIn)
    {
        ArgumentNullException.ThrowIfNull(request);
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email ?? "", request.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            if (string.IsNullOrEmpty(request.TwoFactorCode))
            {
                return TypedResults.Problem("This account uses two-factor sign-in: give twoFactorCode from the authenticator app.", statusCode: StatusCodes.Status401Unauthorized, title: "Two-factor code required");
            }

            result = await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode.Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        }

        if (result.Succeeded)
        {
            return TypedResults.Empty; // the bearer handler has written the token
        }

        return result.IsLockedOut
            ? TypedResults.Problem("Too many failed attempts: the account is locked for a while.", statusCode: StatusCodes.Status423Locked, title: "Locked out")
            : TypedResults.Problem("Wrong email, password or code, or the email is not confirmed yet.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
    }
}
