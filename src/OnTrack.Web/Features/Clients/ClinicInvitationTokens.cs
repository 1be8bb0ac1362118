using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using NodaTime;

namespace OnTrack.Web.Features.Clients;

/// <summary>
/// The proof in an invitation email that a clinic's staff invited a login to a record (decision 011): the
/// record, its clinic and the address, sealed and good for <see cref="Lifetime"/>. A record linked to a
/// login is the person's only once they accept with this; nothing else makes it theirs.
/// </summary>
public sealed class ClinicInvitationTokens(IDataProtectionProvider protection, IClock clock)
{
    public static readonly Duration Lifetime = Duration.FromDays(14);

    private readonly IDataProtector _protector = protection.CreateProtector("OnTrack.ClinicInvitation.v1");

    public string Issue(Guid clientId, Guid clinicId, string email) =>
        _protector.Protect(string.Join('|', clientId.ToString("N"), clinicId.ToString("N"), email.Trim().ToUpperInvariant(),
            (clock.GetCurrentInstant() + Lifetime).ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture)));

    /// <summary>The record and clinic a token names, if it is genuine, unexpired and for <paramref name="email"/>.</summary>
    public (Guid ClientId, Guid ClinicId)? Read(string? token, string? email)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000 || string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        string text;
        try
        {
            text = _protector.Unprotect(token.Trim());
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = text.Split('|');
        return parts.Length == 4 && Guid.TryParseExact(parts[0], "N", out var client) && Guid.TryParseExact(parts[1], "N", out var clinic)
            && parts[2] == email.Trim().ToUpperInvariant()
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires) && clock.GetCurrentInstant().ToUnixTimeTicks() < expires
            ? (client, clinic) : null;
    }
}
