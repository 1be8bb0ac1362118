using System.Globalization;
using System.Text.Json;

namespace OnTrack.Domain.Measures;

/// <summary>An instrument file that cannot be used, with where and why.</summary>
public sealed class InstrumentFormatException(string message) : Exception(message);

/// <summary>
/// Reads an instrument file: <c>{ "questionnaire": FHIR R4 Questionnaire, "scoring": OnTrack's scoring }</c>.
/// Answer values come from the FHIR ordinalValue extension on each option's coding; numeric items use
/// the FHIR minValue/maxValue extensions. Everything is checked; the first problem is reported with its place.
/// </summary>
public static class InstrumentReader
{
    public const string OrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    public const string MinValue = "http://hl7.org/fhir/StructureDefinition/minValue";
    public const string MaxValue = "http://hl7.org/fhir/StructureDefinition/maxValue";

    public static Instrument Read(string json, string fileName = "instrument")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return Read(document.RootElement, fileName);
        }
        catch (JsonException ex)
        {
            throw new InstrumentFormatException($"{fileName}: not valid JSON: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            throw new InstrumentFormatException($"{fileName}: {ex.Message}");
        }
    }

    private static Instrument Read(JsonElement root, string file)
    {
        var q = Required(root, "questionnaire", file);
        if (Text(q, "resourceType") != "Questionnaire")
        {
            throw new InstrumentFormatException($"{file}: questionnaire.resourceType must be \"Questionnaire\".");
        }

        var id = Text(q, "id") ?? throw new InstrumentFormatException($"{file}: questionnaire.id is required.");
        var scoring = Required(root, "scoring", file);
        var reverse = Strings(scoring, "reverse");
        var unscored = Strings(scoring, "unscored");

        var items = new List<Item>();
        foreach (var (element, index) in Required(q, "item", file).EnumerateArray().Select((e, i) => (e, i)))
        {
            items.Add(ReadItem(element, $"{file}: item[{index}]", reverse, unscored));
        }

        if (items.Count == 0)
        {
            throw new InstrumentFormatException($"{file}: the questionnaire has no items.");
        }

        var duplicate = items.GroupBy(i => i.LinkId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InstrumentFormatException($"{file}: linkId '{duplicate.Key}' is used twice.");
        }

        var linkIds = items.Select(i => i.LinkId).ToHashSet();
        foreach (var name in reverse.Concat(unscored).Where(n => !linkIds.Contains(n)))
        {
            throw new InstrumentFormatException($"{file}: scoring names item '{name}', which the questionnaire does not have.");
        }

        var direction = Text(scoring, "direction") switch
        {
            "higherIsWorse" => ScoreDirection.HigherIsWorse,
            "higherIsBetter" => ScoreDirection.HigherIsBetter,
            var other => throw new InstrumentFormatException($"{file}: scoring.direction must be \"higherIsWorse\" or \"higherIsBetter\", not \"{other}\"."),
        };

        var missingElement = Required(scoring, "missing", file);
        var missing = new MissingItems(
            Text(missingElement, "rule") switch
            {
                "invalid" => MissingRule.Invalid,
                "prorate" => MissingRule.Prorate,
                var other => throw new InstrumentFormatException($"{file}: scoring.missing.rule must be \"invalid\" or \"prorate\", not \"{other}\"."),
            },
            missingElement.TryGetProperty("maxMissing", out var max) ? max.GetInt32() : 0);

        var subscales = Array(scoring, "subscales").Select((s, i) =>
        {
            var subscale = new Subscale(Text(s, "id") ?? $"subscale{i + 1}", Text(s, "name") ?? "", Strings(s, "items"));
            foreach (var name in subscale.Items.Where(n => !linkIds.Contains(n)))
            {
                throw new InstrumentFormatException($"{file}: subscale '{subscale.Id}' names item '{name}', which the questionnaire does not have.");
            }

            return subscale;
        }).ToList();

        var bands = Array(scoring, "bands").Select(b => new Band(Number(b, "min", file), Number(b, "max", file), Text(b, "label") ?? "")).OrderBy(b => b.Min).ToList();
        var risks = Array(scoring, "risk").Select(r =>
        {
            var rule = new RiskRule(Text(r, "item") ?? "", Number(r, "atOrAbove", file), Text(r, "label") ?? "Risk item endorsed",
                Text(r, "clientMessage") is { Length: > 0 } message ? message : RiskRule.DefaultClientMessage);
            if (!linkIds.Contains(rule.LinkId))
            {
                throw new InstrumentFormatException($"{file}: risk rule names item '{rule.LinkId}', which the questionnaire does not have.");
            }

            return rule;
        }).ToList();

        Cutoff? cutoff = scoring.TryGetProperty("cutoff", out var c) ? new Cutoff(Number(c, "value", file), Text(c, "source") ?? "") : null;
        ReliableChange? change = null;
        if (scoring.TryGetProperty("reliableChange", out var rc))
        {
            change = new ReliableChange(OptionalNumber(rc, "points"), OptionalNumber(rc, "sd"), OptionalNumber(rc, "reliability"), Text(rc, "source") ?? "");
            if (change.Points is null && (change.StandardDeviation is not > 0 || change.Reliability is not (> 0 and < 1)))
            {
                throw new InstrumentFormatException($"{file}: scoring.reliableChange needs \"points\", or \"sd\" > 0 with \"reliability\" between 0 and 1.");
            }
        }

        var instrument = new Instrument(
            id, Text(q, "version") ?? "1", Text(q, "title") ?? id, items, direction, missing,
            OptionalNumber(scoring, "multiplier") ?? 1, subscales, bands, cutoff, change, risks,
            Text(scoring, "loinc"), Text(scoring, "source") ?? "", Text(scoring, "licence") ?? Text(q, "copyright") ?? "")
        {
            Description = Text(q, "description") ?? "",
            Role = Text(scoring, "role") switch
            {
                null or "outcome" => InstrumentRole.Outcome,
                "alliance" => InstrumentRole.Alliance,
                "readiness" => InstrumentRole.Readiness,
                "goals" => InstrumentRole.Goals,
                "review" => InstrumentRole.Review,
                var other => throw new InstrumentFormatException($"{file}: scoring.role '{other}' must be outcome, alliance, readiness, goals or review."),
            },
        };
        CheckBands(instrument, file);
        if (cutoff is not null && (cutoff.Value < instrument.TotalMin || cutoff.Value > instrument.TotalMax))
        {
            throw new InstrumentFormatException($"{file}: the cutoff {cutoff.Value} lies outside the total range {instrument.TotalMin}–{instrument.TotalMax}.");
        }

        return instrument;
    }

    private static Item ReadItem(JsonElement element, string place, IReadOnlyList<string> reverse, IReadOnlyList<string> unscored)
    {
        var linkId = Text(element, "linkId") ?? throw new InstrumentFormatException($"{place}: linkId is required.");
        var text = Text(element, "text") ?? "";
        var type = Text(element, "type");
        switch (type)
        {
            case "choice":
                var options = Array(element, "answerOption").Select((o, i) =>
                {
                    var coding = o.TryGetProperty("valueCoding", out var v) ? v : throw new InstrumentFormatException($"{place} ({linkId}): answerOption[{i}] needs valueCoding.");
                    var value = Extension(coding, OrdinalValue) ?? throw new InstrumentFormatException($"{place} ({linkId}): answerOption[{i}] needs the ordinalValue extension with the score of that answer.");
                    return new AnswerOption(Text(coding, "code") ?? throw new InstrumentFormatException($"{place} ({linkId}): answerOption[{i}] needs a code."), Text(coding, "display") ?? "", value);
                }).ToList();
                if (options.Count < 2)
                {
                    throw new InstrumentFormatException($"{place} ({linkId}): a choice item needs at least two answer options.");
                }

                return new Item(linkId, text, options, Reverse: reverse.Contains(linkId), Scored: !unscored.Contains(linkId));
            case "decimal" or "integer":
                var min = Extension(element, MinValue);
                var max = Extension(element, MaxValue);
                if (min is null || max is null || max <= min)
                {
                    throw new InstrumentFormatException($"{place} ({linkId}): a numeric item needs minValue and maxValue extensions, max above min.");
                }

                return new Item(linkId, text, [], min, max, reverse.Contains(linkId), !unscored.Contains(linkId));
            default:
                throw new InstrumentFormatException($"{place} ({linkId}): type must be choice, decimal or integer, not \"{type}\".");
        }
    }

    private static void CheckBands(Instrument instrument, string file)
    {
        if (instrument.Bands.Count == 0)
        {
            return;
        }

        if (instrument.Bands[0].Min != instrument.TotalMin || instrument.Bands[^1].Max != instrument.TotalMax)
        {
            throw new InstrumentFormatException($"{file}: the bands must run from the lowest total ({instrument.TotalMin}) to the highest ({instrument.TotalMax}).");
        }

        for (var i = 1; i < instrument.Bands.Count; i++)
        {
            if (instrument.Bands[i].Min <= instrument.Bands[i - 1].Max)
            {
                throw new InstrumentFormatException($"{file}: bands '{instrument.Bands[i - 1].Label}' and '{instrument.Bands[i].Label}' overlap.");
            }
        }
    }

    private static JsonElement Required(JsonElement element, string name, string file) =>
        element.TryGetProperty(name, out var value) ? value : throw new InstrumentFormatException($"{file}: \"{name}\" is required.");

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        Array(element, name).Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList();

    private static decimal Number(JsonElement element, string name, string file) =>
        OptionalNumber(element, name) ?? throw new InstrumentFormatException($"{file}: \"{name}\" must be a number.");

    private static decimal? OptionalNumber(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;

    private static decimal? Extension(JsonElement element, string url) =>
        Array(element, "extension").Where(e => Text(e, "url") == url)
            .Select(e => e.TryGetProperty("valueDecimal", out var d) ? d.GetDecimal() : e.TryGetProperty("valueInteger", out var n) ? n.GetDecimal() : (decimal?)null)
            .FirstOrDefault();
}
