using System.Globalization;
using OnTrack.Domain.Course;

namespace OnTrack.Domain.Tests.Course;

/// <summary>Small data sets for the course tests, read from Course/Data/.</summary>
internal static class CourseData
{
    /// <summary>A row: client id, time, score, intake (NaN where the file has none).</summary>
    public sealed record Row(string Client, double Time, double Score, double Intake);

    public static IReadOnlyList<Row> Read(string file, string client, string time, string score, string? intake = null)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Course", "Data", file));
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToList();
        int Col(string name) => header.IndexOf(name) is var i and >= 0 ? i : throw new InvalidOperationException($"{file} has no column {name}");
        var (c, t, s) = (Col(client), Col(time), Col(score));
        var a = intake is null ? -1 : Col(intake);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split(',');
            double Num(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            return new Row(f[c].Trim('"'), Num(t), Num(s), a < 0 ? double.NaN : Num(a));
        }).ToList();
    }

    /// <summary>Per-client sums in order of first appearance.</summary>
    public static ClientSums[] Sums(IEnumerable<Row> rows, TimeScale scale)
    {
        var byClient = new Dictionary<string, int>();
        var sums = new List<ClientSums>();
        foreach (var row in rows)
        {
            if (!byClient.TryGetValue(row.Client, out var i))
            {
                i = sums.Count;
                byClient.Add(row.Client, i);
                sums.Add(new ClientSums(0, 0, 0, 0, 0, 0, double.IsNaN(row.Intake) ? 0 : row.Intake));
            }

            sums[i] = sums[i].Add(CourseTime.F(scale, row.Time), row.Score);
        }

        return [.. sums];
    }

    public static ClientSums[] SleepStudy() => Sums(Read("sleepstudy.csv", "Subject", "Days", "Reaction"), TimeScale.Linear);
}
