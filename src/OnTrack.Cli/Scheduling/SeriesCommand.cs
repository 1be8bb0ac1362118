using System.CommandLine;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using OnTrack.Domain.Scheduling;
using Spectre.Console;

namespace OnTrack.Cli.Scheduling;

/// <summary>`ontrack series plan`: the sessions of a recurring series in a clinic's zone, as OnTrack books them.</summary>
internal static class SeriesCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var start = new Option<string>("--start") { Description = "First session, local clinic time: 2026-10-20T17:00", Required = true };
        var zone = new Option<string>("--zone") { Description = "The clinic's IANA time zone: America/New_York", Required = true };
        var repeat = new Option<RepeatPattern>("--repeat") { Description = "None, Weekly or TwiceWeekly", DefaultValueFactory = _ => RepeatPattern.Weekly };
        var sessions = new Option<int>("--sessions") { Description = "Number of sessions", DefaultValueFactory = _ => 6 };
        var secondDay = new Option<IsoDayOfWeek?>("--second-day") { Description = "Second weekday for TwiceWeekly: Thursday" };
        var minutes = new Option<int>("--minutes") { Description = "Session length in minutes", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };

        var plan = new Command("plan", "List the sessions of a series with their local time, UTC instant and offset (DST-aware).")
        {
            start, zone, repeat, sessions, secondDay, minutes, json,
        };
        plan.SetAction(result =>
        {
            var tz = DateTimeZoneProviders.Tzdb.GetZoneOrNull(result.GetValue(zone) ?? "");
            if (tz is null)
            {
                console.MarkupLineInterpolated($"[red]Unknown time zone '{result.GetValue(zone)}'.[/] Use an IANA id such as America/New_York.");
                return 2;
            }

            var first = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm").Parse(result.GetValue(start) ?? "");
            if (!first.Success)
            {
                console.MarkupLineInterpolated($"[red]--start must look like 2026-10-20T17:00:[/] {first.Exception.Message}");
                return 2;
            }

            IReadOnlyList<Occurrence> occurrences;
            try
            {
                occurrences = SeriesPlanner.Plan(first.Value, tz, Duration.FromMinutes(result.GetValue(minutes)), result.GetValue(repeat), result.GetValue(sessions), result.GetValue(secondDay));
            }
            catch (ArgumentException ex)
            {
                console.MarkupLineInterpolated($"[red]{ex.Message}[/]");
                return 2;
            }

            if (result.GetValue(json))
            {
                var rows = occurrences.Select(o => new
                {
                    session = o.Index + 1,
                    local = o.Start.InZone(tz).LocalDateTime.ToString("uuuu-MM-dd'T'HH:mm", null),
                    utc = InstantPattern.General.Format(o.Start),
                    offset = tz.GetUtcOffset(o.Start).ToString("m", null),
                });
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(rows));
                return 0;
            }

            var table = new Table().AddColumns("#", "Local time", "UTC", "Offset");
            foreach (var o in occurrences)
            {
                var local = o.Start.InZone(tz);
                table.AddRow((o.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), local.ToString("ddd d MMM uuuu HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    InstantPattern.General.Format(o.Start), local.Offset.ToString("m", null));
            }

            console.Write(table);
            return 0;
        });

        return new Command("series", "Recurring sessions.") { plan };
    }
}
