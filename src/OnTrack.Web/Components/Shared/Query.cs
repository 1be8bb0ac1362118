namespace OnTrack.Web.Components.Shared;

/// <summary>
/// Reads query-string values leniently: a typed [SupplyParameterFromQuery] throws (a 500) on "?service=abc";
/// pages take strings and treat an unreadable value as absent.
/// </summary>
public static class Query
{
    public static Guid? Guid(string? value) => System.Guid.TryParse(value, out var id) ? id : null;

    public static int? Int(string? value) => int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    public static bool Flag(string? value) => value is "1" or "true" or "True" or "yes";
}
