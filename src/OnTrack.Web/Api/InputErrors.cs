using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace OnTrack.Web.Api;

/// <summary>A value in a request that the caller must correct; its message is written for the caller and shown as it is.</summary>
public sealed class InputException(string message) : JsonException(message);

/// <summary>
/// Times in requests must say their UTC offset ("2026-03-19T13:00:00-07:00", or "Z"): a time without
/// one would be read in the server's zone, which is neither the clinic's nor the caller's.
/// </summary>
public static partial class OffsetTimes
{
    public const string Rule = "must be a date and time with its UTC offset, e.g. 2026-03-19T13:00:00-07:00 (or Z for UTC)";

    /// <summary>Parses an ISO 8601 date and time that carries an offset; false for anything else.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && IsoWithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoWithOffset();
}

/// <summary>Reads and writes <see cref="DateTimeOffset"/> in API JSON under <see cref="OffsetTimes"/>' rule.</summary>
public sealed class OffsetTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && OffsetTimes.TryParse(reader.GetString(), out var value) ? value : throw new InputException(OffsetTimes.Rule);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

/// <summary>Says what is wrong with a request that could not be read, in the caller's terms: their field names, never our types.</summary>
internal static partial class RequestProblems
{
    public static string Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var field = json.Path is null or "$" ? null : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path.TrimStart('$');
            return json switch
            {
                InputException input when field is not null => $"'{field}' {input.Message}.",
                InputException input => $"The request {input.Message}.",
                // The reader's own exception type is internal to System.Text.Json: malformed JSON.
                _ when json.InnerException?.GetType().Name == "JsonReaderException" || field is null =>
                    $"The request body is not valid JSON (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1}).",
                _ => $"'{field}' does not have the expected kind of value (a number, text, true/false, a list or an object, or one of the allowed words); see /api/docs.",
            };
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return "Send the request body as JSON, with the header Content-Type: application/json.";
        }

        var name = ParameterName().Match(bad.Message) is { Success: true } m ? m.Groups["name"].Value : null;
        return bad.Message switch
        {
            _ when bad.Message.Contains("from body", StringComparison.Ordinal) || bad.Message.Contains("no body was provided", StringComparison.Ordinal) =>
                "The request needs a JSON body; see /api/docs.",
            _ when name is not null && bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) => $"'{name}' is required.",
            _ when name is not null => $"'{name}' is not valid.",
            _ when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => "The request is too large.",
            _ => "The request could not be read; see /api/docs for what it takes.",
        };
    }

    // "Failed to bind parameter \"Guid serviceId\" from \"x\"." → serviceId
    [GeneratedRegex("parameter \"(?:[^\"\\s]+ )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
