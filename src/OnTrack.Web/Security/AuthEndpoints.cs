using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using OnTrack.Web.Data;

namespace OnTrack.Web.Security;

public sealed record LoginRequest(
    [property: Validation.Text("The email address", 256, IsRequired = true)] string Email,
    [property: Required(ErrorMessage = "A password is required."), StringLength(200, ErrorMessage = "The password can be at most 200 characters long.")] string Password,
    [property: Validation.Text("The two-factor code", 20)] string? TwoFactorCode = null,
    [property: Validation.Text("The clinic", 64)] string? Clinic = null);

/// <summary>Bearer-token sign-in for integrators and the API; the same lockout, rate limits and two-factor rules as the pages.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", LoginAsync).AllowAnonymous().WithTags("Auth").RequireRateLimiting(RateLimits.SignIn)
            .WithSummary("Exchange email, password (and authenticator code when enrolled) for a bearer token")
            .WithDescription("A person who belongs to several clinics gets a token for one of them: the one named by `clinic` (its public name, as in `?clinic=`) if they belong to it, else the one they signed in to last. A token never reads another clinic.");
        return app;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, HttpContext context, SignInManager<ApplicationUser> signIn, PasswordSignIn passwords, ClinicChoice clinic)
    {
        ArgumentNullException.ThrowIfNull(request);
        clinic.ChooseSlug(request.Clinic); // a person of several clinics names the one the token is for; else their last

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var attempt = await passwords.SignInAsync(context, request.Email, request.Password, persistent: false);
        var outcome = attempt.Outcome;
        if (outcome == SignInOutcome.RequiresTwoFactor)
        {
            if (string.IsNullOrEmpty(request.TwoFactorCode))
            {
                return TypedResults.Problem("This account uses two-factor sign-in: give twoFactorCode from the authenticator app.", statusCode: StatusCodes.Status401Unauthorized, title: "Two-factor code required");
            }

            var result = await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode.Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
            outcome = result.Succeeded ? SignInOutcome.Succeeded : result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        }

        switch (outcome)
        {
            case SignInOutcome.Succeeded:
                return TypedResults.Empty; // the bearer handler has written the token
            case SignInOutcome.TooManyAttempts:
                await TooManyRequests.WriteAsync(context, attempt.Wait ?? TimeSpan.FromMinutes(1));
                return TypedResults.Empty;
            case SignInOutcome.LockedOut:
                return TypedResults.Problem($"Too many failed attempts: sign-in from here is paused for {TooManyRequests.Wait((int)(attempt.Wait ?? TimeSpan.FromMinutes(15)).TotalSeconds)}. You can reset your password meanwhile.", statusCode: StatusCodes.Status423Locked, title: "Locked out");
            case SignInOutcome.EmailNotConfirmed:
                return TypedResults.Problem("The email address is not confirmed yet. We have sent a new confirmation link to it: open it, then sign in again.", statusCode: StatusCodes.Status403Forbidden, title: "Email not confirmed");
            default:
                return TypedResults.Problem("Wrong email, password or code.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }
    }
}
