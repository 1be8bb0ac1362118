using System.Globalization;
using System.Text.Json;
using OnTrack.Domain.Matching;

namespace OnTrack.Domain.Tests.Matching;

/// <summary>
/// The simulated clinics in Matching/Data/ and lme4's fits of them. Regenerate with
/// <c>ontrack match simulate --therapists T --clients N --seed S --output clinic-T-N-S.csv</c> and
/// <c>Rscript bench/lme4/therapist-effects.R clinic-T-N-S.csv &gt; clinic-T-N-S-lme4.json</c>.
/// </summary>
internal static class MatchingData
{
    public static readonly string[] Clinics = ["clinic-8-100-4", "clinic-12-150-1", "clinic-25-400-2", "clinic-40-600-3"];

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Matching", "Data", file);

    /// <summary>The courses of one clinic by area.</summary>
    public static Dictionary<string, List<CourseChange>> Read(string clinic)
    {
        var areas = new Dictionary<string, List<CourseChange>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(PathOf(clinic + ".csv")).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            var course = new CourseChange(f[0], double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
            (areas.TryGetValue(f[1], out var list) ? list : areas[f[1]] = []).Add(course);
        }

        return areas;
    }

    /// <summary>lme4's fit of one clinic: areas by name.</summary>
    public static JsonElement Lme4(string clinic) => JsonDocument.Parse(File.ReadAllText(PathOf(clinic + "-lme4.json"))).RootElement.GetProperty("areas");

    public static string CsvPath(string clinic) => PathOf(clinic + ".csv");
}
