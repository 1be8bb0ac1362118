using Microsoft.AspNetCore.Identity;

namespace OnTrack.Web.Security;

/// <summary>
/// Identity's normalizer, except that a name or email with invalid Unicode (a lone surrogate, U+FFFF)
/// is upper-cased without normalization instead of throwing: such input found no account and is
/// refused by the user validator, rather than answering 500 (found by the fuzz tests on sign-in and
/// on inviting staff).
/// </summary>
public sealed class SafeLookupNormalizer : ILookupNormalizer
{
    private readonly UpperInvariantLookupNormalizer _inner = new();

    public string? NormalizeName(string? name) => Safe(name, _inner.NormalizeName);

    public string? NormalizeEmail(string? email) => Safe(email, _inner.NormalizeEmail);

    private static string? Safe(string? value, Func<string?, string?> normalize)
    {
        try
        {
            return normalize(value);
        }
        catch (ArgumentException)
        {
            return value?.ToUpperInvariant();
        }
    }
}
