using System.Globalization;
using OnTrack.Cli.Course;
using OnTrack.Domain.Matching;

namespace OnTrack.Cli.Matching;

/// <summary>Which columns of a courses file hold the therapist, the area, the change and the intake.</summary>
internal sealed record MatchColumns(string Therapist, string Area, string Change, string Intake);

/// <summary>
/// Reads ended courses (one per line) into per-area lists, in order of first appearance of the area.
/// Errors name the file, line and column as <see cref="CourseCsv"/> does. Fields may be quoted ("…",
/// with "" for a quote); a quoted field may not span lines.
/// </summary>
internal static class MatchCsv
{
    public static Dictionary<string, List<CourseChange>> Read(string path, MatchColumns columns)
    {
        var name = Path.GetFileName(path);
        var areas = new Dictionary<string, List<CourseChange>>(StringComparer.Ordinal);
        int[]? map = null;
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            var content = line == 1 ? text.TrimStart('\uFEFF') : text;
            if (content.Length == 0)
            {
                continue;
            }

            var fields = Split(content) ?? throw new CourseCsvException($"{name} line {line}: a quote is not closed.");
            if (map is null)
            {
                map = Header(fields, name, columns);
                continue;
            }

            if (fields.Count <= map.Max())
            {
                throw new CourseCsvException($"{name} line {line}: expected at least {map.Max() + 1} fields (the header has the columns).");
            }

            var therapist = Text(fields[map[0]], name, line, columns.Therapist);
            var area = Text(fields[map[1]], name, line, columns.Area);
            var change = Number(fields[map[2]], name, line, columns.Change);
            var intake = Number(fields[map[3]], name, line, columns.Intake);
            (areas.TryGetValue(area, out var list) ? list : areas[area] = []).Add(new CourseChange(therapist, intake, change));
        }

        return map is null ? throw new CourseCsvException($"{name}: the file is empty (no header line).") : areas;
    }

    private static int[] Header(List<string> header, string name, MatchColumns columns)
    {
        var names = header.Select(h => h.Trim()).ToList();
        int Column(string column) => names.IndexOf(column) is var i and >= 0
            ? i
            : throw new CourseCsvException($"{name} line 1: no column '{column}' (columns: {string.Join(", ", names)}).");
        return [Column(columns.Therapist), Column(columns.Area), Column(columns.Change), Column(columns.Intake)];
    }

    private static string Text(string field, string name, int line, string column) =>
        field.Trim() is { Length: > 0 } value ? value : throw new CourseCsvException($"{name} line {line}: {column} is empty.");

    private static double Number(string field, string name, int line, string column)
    {
        var text = field.Trim();
        if (text.Length == 0)
        {
            throw new CourseCsvException($"{name} line {line}: {column} is empty.");
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new CourseCsvException($"{name} line {line}: {column} = '{text}' is not a finite number.");
    }

    /// <summary>The fields of one line, unquoted; null if a quote is not closed.</summary>
    private static List<string>? Split(string line)
    {
        var fields = new List<string>();
        var position = 0;
        while (true)
        {
            if (position < line.Length && line[position] == '"')
            {
                var value = new System.Text.StringBuilder();
                var i = position + 1;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return null;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            value.Append('"');
                            i += 2;
                            continue;
                        }

                        break;
                    }

                    value.Append(line[i++]);
                }

                fields.Add(value.ToString());
                position = line.IndexOf(',', i) is var next and >= 0 ? next + 1 : line.Length + 1;
            }
            else
            {
                var comma = line.IndexOf(',', position);
                fields.Add(comma < 0 ? line[position..] : line[position..comma]);
                position = comma < 0 ? line.Length + 1 : comma + 1;
            }

            if (position > line.Length)
            {
                return fields;
            }
        }
    }
}
