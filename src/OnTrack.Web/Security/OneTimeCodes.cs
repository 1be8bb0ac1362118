using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using OnTrack.Web.Data;

namespace OnTrack.Web.Security;

/// <summary>What an authenticator app computes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits).</summary>
public static class Totp
{
    public const int StepSeconds = 30;

    public static long Step(Instant at) => at.ToUnixTimeSeconds() / StepSeconds;

    public static string Code(string base32Key, long step)
    {
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}

/// <summary>
/// Authenticator codes, checked against the injected clock (one step either side, for clock drift), and
/// each accepted at most once: the last step used is stored with the user (an Identity user token, so
/// no schema change), and a code of that step or an earlier one is refused. A code seen over someone's
/// shoulder, or replayed from a captured request, does not sign in again.
/// </summary>
internal sealed class OneTimeCodes(IClock clock) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const string Name = "OnTrackAuthenticator";
    private const string Store = "OnTrack";
    private const string LastStep = "AuthenticatorLastStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    // The app generates the codes, never the server.
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token is not { Length: 6 } || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, Store, LastStep), CultureInfo.InvariantCulture, out var l) ? l : long.MinValue;
        var now = Totp.Step(clock.GetCurrentInstant());
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step > last && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Totp.Code(key, step)), System.Text.Encoding.ASCII.GetBytes(token)))
            {
                await manager.SetAuthenticationTokenAsync(user, Store, LastStep, step.ToString(CultureInfo.InvariantCulture));
                return true;
            }
        }

        return false;
    }
}
