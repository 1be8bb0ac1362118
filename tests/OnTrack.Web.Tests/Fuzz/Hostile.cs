using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OnTrack.Web.Tests.Fuzz;

/// <summary>Malformed values a careless or hostile caller sends: empty, huge, NUL and control characters, unicode, wrong types.</summary>
internal static class Hostile
{
    public static readonly string Huge = new('a', 100_000);

    public static readonly string HugeUnicode = string.Concat(Enumerable.Repeat("😀é", 34_000));

    private static readonly string[] Strings =
    [
        "", " ", "\0", "a\0b", "\u0001\u0002\u001b\u001f\u007f", "\r\n\t", "line1\r\nline2", "ü 𝔘 😀 日本語 עברית", "\u202eevil\u202c", "e\u0301\u0301\u0301\u0301",
        "\uFEFF", "\uFFFF\uFFFE", "<script>alert(1)</script>", "'; DROP TABLE \"Appointments\"; --", "%00%ff%", "../../../etc/passwd", "{0}{1}", "${7*7}",
        "-1", "0", "2147483648", "-9223372036854775809", "1e400", "NaN", "Infinity", "true", "null", "[]", "{}",
        "9999-12-31", "0001-01-01", "2026-02-30", "2026-13-01", "24:61", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2026-03-08T02:30",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "ffffffff-ffff-ffff-ffff-ffffffffffff", new string(' ', 300), new string('x', 4097),
        "a@b", "@", "x@example.test\r\nBcc: y@example.test", "+1 (555) 0100 ext. 99999999999999999999",
    ];

    public static string String(Random random) => random.Next(10) switch
    {
        0 => Huge,
        1 => HugeUnicode,
        _ => Strings[random.Next(Strings.Length)],
    };

    /// <summary>A JSON value of any type, mostly the wrong one.</summary>
    public static string Json(Random random) => random.Next(14) switch
    {
        0 => "null",
        1 => "true",
        2 => random.Next(2) == 0 ? "-1" : "0",
        3 => random.Next(3) switch { 0 => "1e400", 1 => "99999999999999999999999999", _ => "2147483648" },
        4 => "1.5",
        5 => "[]",
        6 => "{}",
        7 => "[" + string.Join(",", Enumerable.Repeat("1", 10_000)) + "]",
        8 => "\"\\ud800\"", // a lone surrogate
        9 => "{\"$type\":\"System.IO.FileInfo\",\"x\":[{}]}",
        _ => JsonSerializer.Serialize(String(random)),
    };

    /// <summary>A body that is not the JSON it should be.</summary>
    public static (byte[] Body, string ContentType) Body(Random random) => random.Next(11) switch
    {
        0 => ([], "application/json"),
        1 => ("null"u8.ToArray(), "application/json"),
        2 => ("[]"u8.ToArray(), "application/json"),
        3 => ("{"u8.ToArray(), "application/json"),
        4 => ("not json at all"u8.ToArray(), "application/json"),
        5 => (Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000)), "application/json"),
        6 => ([0x7B, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x3A, 0x31, 0x7D], "application/json"), // invalid UTF-8
        7 => ("{\"a\":1}"u8.ToArray(), "text/plain"),
        8 => ("a=1&b=2"u8.ToArray(), "application/x-www-form-urlencoded"),
        9 => (Encoding.UTF8.GetBytes("{\"x\":\"" + new string('a', 1_000_000) + "\"}"), "application/json"),
        _ => (Encoding.UTF8.GetBytes(Json(random)), "application/json"),
    };

    /// <summary>A readable form of an input for the failure report: control characters escaped, long runs shortened.</summary>
    public static string Describe(string value)
    {
        var builder = new StringBuilder();
        foreach (var c in value.Length > 300 ? value[..300] : value)
        {
            builder.Append(c < ' ' || c == '\u007f' ? $"\\u{(int)c:x4}" : c.ToString());
        }

        if (value.Length > 300)
        {
            builder.Append(CultureInfo.InvariantCulture, $"…({value.Length} chars)");
        }

        return builder.ToString();
    }
}
