using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OnTrack.Cli.Course;
using OnTrack.Domain.Matching;
using Spectre.Console;

namespace OnTrack.Cli.Matching;

/// <summary>`ontrack match profile | simulate | validate`: therapist outcome profiles per problem area, for matching clients to therapists.</summary>
internal static class MatchCommand
{
    public static Command Create(IAnsiConsole console) =>
        new("match", "Therapist outcome profiles per problem area: fit them from ended courses, simulate a clinic, validate matching on simulated clinics.")
        {
            Profile(console),
            Simulate(console),
            MatchValidation.Create(console),
        };

    private static Command Profile(IAnsiConsole console)
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV file of ended courses with a header line", Required = true };
        var therapist = new Option<string>("--therapist") { Description = "Therapist id column", Required = true };
        var area = new Option<string>("--area") { Description = "Problem area column", Required = true };
        var change = new Option<string>("--change") { Description = "Change (last − first score) column", Required = true };
        var intake = new Option<string>("--intake") { Description = "Intake (first score) column", Required = true };
        var higher = new Option<string[]>("--higher-is-better") { Description = "Areas whose measure improves upwards (WHO-5); the others improve downwards", AllowMultipleArgumentsPerToken = true };
        var minCases = new Option<int>("--min-cases") { Description = "Rate a therapist only with at least this many courses in the area", DefaultValueFactory = _ => TherapistEffects.DefaultMinCases };
        var command = new Command("profile", "Fit lme4's lmer(change ~ intake + (1 | therapist)) by REML per area and print each therapist's effect, conditional SD and rating as JSON.")
        {
            input, therapist, area, change, intake, higher, minCases,
        };
        command.SetAction(result => CourseCommand.Guard(console, () =>
        {
            var file = result.GetValue(input)!;
            if (!file.Exists)
            {
                throw new CourseCsvException($"No such file: {file.FullName}");
            }

            var min = result.GetValue(minCases);
            if (min < 0)
            {
                throw new CourseCsvException("--min-cases must be 0 or more.");
            }

            var columns = new MatchColumns(result.GetValue(therapist)!, result.GetValue(area)!, result.GetValue(change)!, result.GetValue(intake)!);
            var courses = MatchCsv.Read(file.FullName, columns);
            var upwards = new HashSet<string>(result.GetValue(higher) ?? [], StringComparer.Ordinal);
            var areas = courses.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => Summary(p.Key, p.Value, upwards.Contains(p.Key), min))
                .ToList();
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new { areas }, CourseCommand.Json));
        }));
        return command;
    }

    /// <summary>One area as the JSON output shows it; an area that cannot be fitted says why.</summary>
    internal static Dictionary<string, object?> Summary(string area, IReadOnlyList<CourseChange> courses, bool higherIsBetter, int minCases)
    {
        var profile = TherapistEffects.Fit(area, courses, higherIsBetter, minCases);
        if (profile is null)
        {
            return new Dictionary<string, object?>
            {
                ["area"] = area,
                ["higherIsBetter"] = higherIsBetter,
                ["cases"] = courses.Count,
                ["estimated"] = false,
                ["reason"] = Reason(courses),
            };
        }

        return new Dictionary<string, object?>
        {
            ["area"] = area,
            ["higherIsBetter"] = higherIsBetter,
            ["cases"] = profile.Cases,
            ["estimated"] = true,
            ["fixedEffects"] = new { intercept = profile.Intercept, intake = profile.IntakeSlope },
            ["therapistSd"] = profile.TherapistSd,
            ["residualSd"] = profile.ResidualSd,
            ["remlCriterion"] = profile.RemlCriterion,
            ["singular"] = profile.Singular,
            ["therapists"] = profile.Therapists.Select(t => new { id = t.Therapist, cases = t.Cases, effect = t.Effect, conditionalSd = t.ConditionalSd, rating = Word(t.Rating) }),
        };
    }

    /// <summary>The rating as the JSON shows it.</summary>
    internal static string Word(EffectRating rating) => rating switch
    {
        EffectRating.Effective => "effective",
        EffectRating.Ineffective => "ineffective",
        EffectRating.Neutral => "neutral",
        _ => "not-enough-cases",
    };

    private static string Reason(IReadOnlyList<CourseChange> courses)
    {
        var therapists = courses.Select(c => c.Therapist).Distinct(StringComparer.Ordinal).Count();
        return courses.Count < 3 ? $"Too few courses: {courses.Count}; the model needs at least 3."
            : therapists < 2 ? "Only one therapist: there is nobody to compare with."
            : therapists >= courses.Count ? $"Every course has its own therapist ({therapists} therapists, {courses.Count} courses): therapist and client differences cannot be told apart."
            : courses.All(c => c.Intake == courses[0].Intake) ? "Intake is the same for every course: its effect cannot be estimated."
            : "The changes are exactly explained by intake: there is no residual variation to model.";
    }

    private static Command Simulate(IAnsiConsole console)
    {
        var therapists = new Option<int>("--therapists") { Description = "Number of therapists", Required = true };
        var clients = new Option<int>("--clients") { Description = "Number of ended courses", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same clinic)", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo>("--output") { Description = "CSV file to write (therapist,area,intake,change)", Required = true };
        var truth = new Option<FileInfo>("--truth") { Description = "Also write the true effects here (therapist,area,effect,capacity)" };
        var command = new Command("simulate", "Write a simulated clinic with known therapist effects; the generating model is documented in TherapistEffectSimulator.")
        {
            therapists, clients, seed, output, truth,
        };
        command.SetAction(result => CourseCommand.Guard(console, () =>
        {
            var (t, n) = (result.GetValue(therapists), result.GetValue(clients));
            if (t < 1 || n < 1)
            {
                throw new CourseCsvException("--therapists and --clients must be at least 1.");
            }

            var clinic = TherapistEffectSimulator.Generate(t, n, result.GetValue(seed));
            var text = new StringBuilder("therapist,area,intake,change\n");
            foreach (var c in clinic.Courses)
            {
                text.Append(CultureInfo.InvariantCulture, $"{c.Therapist},{c.Area},{c.Intake},{c.Change}\n");
            }

            File.WriteAllText(result.GetValue(output)!.FullName, text.ToString());
            if (result.GetValue(truth) is { } truthFile)
            {
                var lines = new StringBuilder("therapist,area,effect,capacity\n");
                foreach (var e in clinic.Truth)
                {
                    lines.Append(CultureInfo.InvariantCulture, $"{e.Therapist},{e.Area},{e.Effect:R},{e.Capacity:R}\n");
                }

                File.WriteAllText(truthFile.FullName, lines.ToString());
            }
        }));
        return command;
    }
}
