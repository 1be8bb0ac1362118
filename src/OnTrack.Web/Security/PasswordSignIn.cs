using Microsoft.AspNetCore.Identity;
using OnTrack.Web.Data;

namespace OnTrack.Web.Security;

public enum SignInOutcome
{
    Succeeded,
    RequiresTwoFactor,

    /// <summary>Wrong email or password: the same answer whether or not the email has an account.</summary>
    Failed,

    /// <summary>Too many wrong passwords from this source (or wrong codes for this account).</summary>
    LockedOut,

    /// <summary>The password is right but the email is not confirmed; a fresh link has been sent.</summary>
    EmailNotConfirmed,

    /// <summary>Over the per-account rate limit.</summary>
    TooManyAttempts,
}

/// <param name="User">The account, once the password has been found right.</param>
public sealed record SignInAttempt(SignInOutcome Outcome, TimeSpan? Wait = null, ApplicationUser? User = null)
{
    /// <summary>The account a failed attempt was for, for the audit trail only (the caller is never told).</summary>
    internal ApplicationUser? Audited { get; init; }
}

/// <summary>
/// Password sign-in for the sign-in page and /api/auth/login. It answers the same, in comparable time,
/// for an email without an account (a dummy password is hashed), locks out a source rather than the
/// account (<see cref="SourceLockout"/>), and tells only someone who knows the password that the email
/// still needs confirming — and sends them a fresh link.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<ApplicationUser> signIn,
    IPasswordHasher<ApplicationUser> hasher,
    SourceLockout lockout,
    AccountThrottle throttle,
    KnownDevices devices,
    AccountEmails emails,
    Data.SecurityAudit audit)
{
    private static readonly ApplicationUser Nobody = new();
    private static string? _dummyHash;

    /// <summary>Signs in, and audits the attempt: who, from where, and how it ended.</summary>
    public async Task<SignInAttempt> SignInAsync(HttpContext context, string email, string password, bool persistent, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var attempt = await AttemptAsync(context, email, password, persistent, returnUrl);
        var succeeded = attempt.Outcome is SignInOutcome.Succeeded or SignInOutcome.RequiresTwoFactor;
        await audit.RecordAsync(succeeded ? OnTrack.Web.Data.AuditAction.SignIn : OnTrack.Web.Data.AuditAction.SignInFailed,
            (attempt.User ?? attempt.Audited)?.ClinicId, (attempt.User ?? attempt.Audited)?.Id, (email ?? "").Trim(), context.Connection.RemoteIpAddress?.ToString(), attempt.Outcome.ToString());
        return attempt;
    }

    private async Task<SignInAttempt> AttemptAsync(HttpContext context, string email, string password, bool persistent, string? returnUrl)
    {
        email = (email ?? "").Trim();
        password ??= "";
        if (!devices.IsKnown(context, email) && throttle.SignIn(email) is { } wait)
        {
            return new(SignInOutcome.TooManyAttempts, wait);
        }

        var source = RateLimits.Source(context);
        if (lockout.LockedFor(email, source) is { } left)
        {
            return new(SignInOutcome.LockedOut, left.ToTimeSpan());
        }

        var user = email.Length == 0 ? null : await signIn.UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            _dummyHash ??= hasher.HashPassword(Nobody, "not a password anyone has");
            hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
            return Fail(email, source);
        }

        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            lockout.Succeed(email, source);
            if (signIn.AuthenticationScheme != IdentityConstants.BearerScheme)
            {
                devices.Remember(context, email); // a browser; bearer-token callers have written their answer already
            }

            return new(result.Succeeded ? SignInOutcome.Succeeded : SignInOutcome.RequiresTwoFactor, User: user);
        }

        // Identity refuses an unconfirmed or locked account before it looks at the password: check the
        // password here, so that only someone who knows it learns why.
        if ((result.IsNotAllowed || result.IsLockedOut) && await signIn.UserManager.CheckPasswordAsync(user, password))
        {
            lockout.Succeed(email, source);
            if (result.IsLockedOut)
            {
                return new(SignInOutcome.LockedOut, signIn.Options.Lockout.DefaultLockoutTimeSpan, user);
            }

            await emails.SendConfirmationAsync(user, returnUrl);
            return new(SignInOutcome.EmailNotConfirmed, User: user);
        }

        return Fail(email, source) with { Audited = user };
    }

    private SignInAttempt Fail(string email, string source) =>
        lockout.Fail(email, source) ? new(SignInOutcome.LockedOut, lockout.Duration) : new(SignInOutcome.Failed);
}
