using System.Net;
using System.Text.RegularExpressions;

namespace OnTrack.Web.Tests.Fuzz;

/// <summary>A &lt;form method=post&gt; as a browser would submit it: its action and its fields, the hidden _handler and antiforgery token included.</summary>
internal sealed record HtmlForm(string Page, string Action, IReadOnlyList<KeyValuePair<string, string>> Fields, IReadOnlyList<KeyValuePair<string, string>> Buttons)
{
    public string Handler => Fields.FirstOrDefault(f => f.Key == "_handler").Value ?? "";

    /// <summary>Forms that differ only in hidden ids (one per row of a table) are one shape.</summary>
    public string Shape => $"{Action.Split('?')[0]} [{Handler}] {string.Join(",", Fields.Select(f => f.Key).Where(k => k != HtmlForms.TokenField).Order(StringComparer.Ordinal))}";
}

internal static partial class HtmlForms
{
    public const string TokenField = "__RequestVerificationToken";

    public static IEnumerable<HtmlForm> Parse(string page, string html)
    {
        foreach (Match form in FormElement().Matches(html))
        {
            var attributes = Attributes(form.Groups[1].Value);
            if (!string.Equals(attributes.GetValueOrDefault("method"), "post", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var body = form.Groups[2].Value;
            var fields = new List<KeyValuePair<string, string>>();
            var radios = new Dictionary<string, string>();
            foreach (Match input in InputElement().Matches(body))
            {
                var a = Attributes(input.Groups[1].Value);
                if (a.GetValueOrDefault("name") is not { Length: > 0 } name)
                {
                    continue;
                }

                var type = a.GetValueOrDefault("type")?.ToLowerInvariant() ?? "text";
                var value = a.GetValueOrDefault("value") ?? (type == "checkbox" ? "true" : "");
                if (type is "submit" or "button" or "image" or "reset" or "file")
                {
                    continue;
                }

                if (type is "checkbox" && !a.ContainsKey("checked"))
                {
                    continue;
                }

                if (type is "radio")
                {
                    if (a.ContainsKey("checked") || !radios.ContainsKey(name))
                    {
                        radios[name] = value;
                    }

                    continue;
                }

                fields.Add(new(name, value));
            }

            fields.AddRange(radios);
            foreach (Match select in SelectElement().Matches(body))
            {
                if (Attributes(select.Groups[1].Value).GetValueOrDefault("name") is not { Length: > 0 } name)
                {
                    continue;
                }

                var options = OptionElement().Matches(select.Groups[2].Value).Select(o => Attributes(o.Groups[1].Value)).ToList();
                var chosen = options.FirstOrDefault(o => o.ContainsKey("selected")) ?? options.FirstOrDefault();
                fields.Add(new(name, chosen?.GetValueOrDefault("value") ?? ""));
            }

            foreach (Match textarea in TextareaElement().Matches(body))
            {
                if (Attributes(textarea.Groups[1].Value).GetValueOrDefault("name") is { Length: > 0 } name)
                {
                    fields.Add(new(name, WebUtility.HtmlDecode(textarea.Groups[2].Value)));
                }
            }

            var buttons = ButtonElement().Matches(body).Select(b => Attributes(b.Groups[1].Value))
                .Where(a => a.ContainsKey("name") && !string.Equals(a.GetValueOrDefault("type"), "button", StringComparison.OrdinalIgnoreCase))
                .Select(a => new KeyValuePair<string, string>(a["name"], a.GetValueOrDefault("value") ?? "")).ToList();
            // Relative to <base href="/">, as the browser resolves it.
            var action = attributes.GetValueOrDefault("action") is { Length: > 0 } target ? (target.StartsWith('/') ? target : "/" + target) : page;
            yield return new HtmlForm(page, action, fields, buttons);
        }
    }

    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match attribute in Attribute().Matches(text))
        {
            attributes.TryAdd(attribute.Groups[1].Value, WebUtility.HtmlDecode(attribute.Groups[3].Success ? attribute.Groups[3].Value : attribute.Groups[4].Success ? attribute.Groups[4].Value : attribute.Groups[5].Value));
        }

        return attributes;
    }

    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormElement();

    [GeneratedRegex(@"<input\b([^>]*)>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InputElement();

    [GeneratedRegex(@"<select\b([^>]*)>(.*?)</select>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SelectElement();

    [GeneratedRegex(@"<option\b([^>]*)>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex OptionElement();

    [GeneratedRegex(@"<textarea\b([^>]*)>(.*?)</textarea>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TextareaElement();

    [GeneratedRegex(@"<button\b([^>]*)>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ButtonElement();

    [GeneratedRegex(@"([^\s=/>""']+)(\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>]+)))?", RegexOptions.Singleline)]
    private static partial Regex Attribute();
}
