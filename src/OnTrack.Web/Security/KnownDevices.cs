using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace OnTrack.Web.Security;

/// <summary>
/// A browser that has signed in to an account before carries a protected cookie naming it (OWASP's
/// "device cookies"), so that someone hammering the account from elsewhere cannot keep its owner at the
/// per-account limit: the owner's own browser is not counted against it.
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection)
{
    private const string Cookie = "ontrack.device";
    private readonly IDataProtector _protector = protection.CreateProtector("OnTrack.KnownDevice");

    public bool IsKnown(HttpContext context, string email)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(Cookie, out var value))
        {
            return false;
        }

        try
        {
            return _protector.Unprotect(value) == Normalize(email);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Remember(HttpContext context, string email)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(Cookie, _protector.Protect(Normalize(email)), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(180),
        });
    }

    private static string Normalize(string email) => email.Trim().ToUpperInvariant();
}
