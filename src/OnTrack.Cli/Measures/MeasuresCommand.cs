using System.CommandLine;
using System.Text.Json;
using OnTrack.Domain.Measures;
using Spectre.Console;

namespace OnTrack.Cli.Measures;

/// <summary>`ontrack measures score`: scores one paper form exactly as the app does, for checking by hand.</summary>
internal static class MeasuresCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(IAnsiConsole console)
    {
        var instrumentOption = new Option<string>("--instrument") { Description = "Instrument id, e.g. phq-9", Required = true };
        var answersOption = new Option<string>("--answers") { Description = "Answers in item order, comma-separated; leave one empty when missing: 1,2,,0", Required = true };
        var folderOption = new Option<string>("--instruments") { Description = "Folder of instrument definitions (default: the ones shipped with OnTrack)" };

        var score = new Command("score", "Score one completed form and print total, subscales, band and risk flags as JSON.") { instrumentOption, answersOption, folderOption };
        score.SetAction(result =>
        {
            var folder = result.GetValue(folderOption) ?? Path.Combine(AppContext.BaseDirectory, "instruments");
            var id = result.GetValue(instrumentOption)!.Trim();
            var file = Path.Combine(folder, id + ".json");
            if (!File.Exists(file))
            {
                var known = Directory.Exists(folder) ? string.Join(", ", Directory.GetFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order()) : "none";
                console.MarkupLineInterpolated($"[red]Unknown instrument '{id}'.[/] Known: {known}.");
                return 2;
            }

            try
            {
                var instrument = InstrumentReader.Read(File.ReadAllText(file), Path.GetFileName(file));
                var answers = result.GetValue(answersOption)!.Split(',').Select(a => a.Trim().Length == 0 ? null : a.Trim()).ToList();
                var scored = Scorer.Score(instrument, answers);
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new
                {
                    instrument = instrument.Id,
                    version = instrument.Version,
                    scored.Valid,
                    scored.InvalidReason,
                    scored.Total,
                    range = new { min = instrument.TotalMin, max = instrument.TotalMax },
                    scored.Answered,
                    scored.Missing,
                    scored.Prorated,
                    scored.Band,
                    scored.Case,
                    subscales = scored.Subscales.Select(s => new { s.Id, s.Name, s.Score }),
                    risks = scored.Risks.Select(r => new { item = r.LinkId, r.Label, r.Value }),
                }, Json));
                return 0;
            }
            catch (Exception ex) when (ex is AnswerException or InstrumentFormatException)
            {
                console.MarkupLineInterpolated($"[red]{ex.Message}[/]");
                return 2;
            }
        });

        return new Command("measures", "Questionnaires and their scores.") { score };
    }
}
