using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OnTrack.Cli.Course;
using OnTrack.Domain.Matching;
using Spectre.Console;

namespace OnTrack.Cli.Matching;

/// <summary>
/// `ontrack match validate`: on simulated clinics with known therapist effects, how well the profiles
/// recover them (shrunken against raw), how often a rating is right, and what matching by profile gains
/// over assignment as usual. Method and results in docs/matching-validation.md.
/// </summary>
internal static class MatchValidation
{
    public static Command Create(IAnsiConsole console)
    {
        var therapists = new Option<int>("--therapists") { Description = "Therapists per simulated clinic", Required = true };
        var clients = new Option<int>("--clients") { Description = "Ended courses per clinic (the history profiles are fitted on); as many new clients enter the trial", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the first clinic; replication r uses seed + r", DefaultValueFactory = _ => 1 };
        var replications = new Option<int>("--replications") { Description = "Number of simulated clinics", DefaultValueFactory = _ => 1 };
        var minCases = new Option<int>("--min-cases") { Description = "Rate a therapist only with at least this many courses in the area", DefaultValueFactory = _ => TherapistEffects.DefaultMinCases };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("validate", "Simulate clinics with known therapist effects; report the profiles' accuracy and the benefit of matching over assignment as usual.")
        {
            therapists, clients, seed, replications, minCases, json,
        };
        command.SetAction(result => CourseCommand.Guard(console, () =>
        {
            var settings = new Settings(result.GetValue(therapists), result.GetValue(clients), result.GetValue(seed), result.GetValue(replications), result.GetValue(minCases));
            if (settings.Therapists < 2 || settings.Clients < 3 || settings.Replications < 1 || settings.MinCases < 0)
            {
                throw new CourseCsvException("--therapists must be at least 2, --clients at least 3, --replications at least 1 and --min-cases 0 or more.");
            }

            var report = Validate(settings);
            if (result.GetValue(json))
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, CourseCommand.Json));
            }
            else
            {
                Print(console, report);
            }
        }));
        return command;
    }

    internal sealed record Settings(int Therapists, int Clients, int Seed, int Replications, int MinCases);

    /// <summary>One area over all replications; means over replications, precisions and trial means pooled.</summary>
    internal sealed record AreaReport(
        string Area,
        bool HigherIsBetter,
        double TrueTherapistSd,
        int Fitted,
        int Singular,
        double MeanTherapists,
        double RmseShrunk,
        double RmseRaw,
        double? SpearmanShrunk,
        double? SpearmanRaw,
        int Effective,
        double? EffectivePrecision,
        int Ineffective,
        double? IneffectivePrecision,
        int TrialClients,
        double UsualMeanChange,
        double MatchedMeanChange,
        double BenefitPoints,
        double BenefitD,
        double OracleBenefitPoints,
        double OracleBenefitD);

    internal sealed record Report(Settings Settings, IReadOnlyList<AreaReport> Areas, double OverallBenefitD, double OverallBenefitDSd, double OverallOracleBenefitD);

    internal static Report Validate(Settings settings)
    {
        var perArea = new Dictionary<string, List<(AreaProfile? Profile, MatchAccuracy Accuracy, TrialArms Arms)>>(StringComparer.Ordinal);
        var overall = new List<double>();
        var overallOracle = new List<double>();
        var areas = TherapistEffectSimulator.DefaultAreas;
        for (var r = 0; r < settings.Replications; r++)
        {
            var clinic = TherapistEffectSimulator.Generate(settings.Therapists, settings.Clients, settings.Seed + r);
            var profiles = new Dictionary<string, AreaProfile?>(StringComparer.Ordinal);
            var accuracies = new Dictionary<string, MatchAccuracy?>(StringComparer.Ordinal);
            foreach (var area in areas)
            {
                var courses = clinic.Courses.Where(c => c.Area == area.Name).Select(c => new CourseChange(c.Therapist, c.Intake, c.Change)).ToList();
                var truth = clinic.Truth.Where(t => t.Area == area.Name).ToDictionary(t => t.Therapist, t => t.Effect, StringComparer.Ordinal);
                profiles[area.Name] = courses.Count == 0 ? null : TherapistEffects.Fit(area.Name, courses, area.HigherIsBetter, settings.MinCases);
                accuracies[area.Name] = courses.Count == 0 ? null : MatchAccuracy.Of(profiles[area.Name], courses, truth, area.HigherIsBetter);
            }

            // The trial's own stream: the same clinic always meets the same new clients.
            var arms = MatchTrial.Run(clinic, profiles, settings.Clients, new Random(unchecked((settings.Seed + r) * 7919) + 1));
            double standardized = 0, ceiling = 0;
            var trialClients = 0;
            foreach (var area in areas)
            {
                var arm = arms[area.Name];
                var sign = area.HigherIsBetter ? 1 : -1;
                standardized += sign * (arm.Matched - arm.Usual) / ChangeSd(area);
                ceiling += sign * (arm.Oracle - arm.Usual) / ChangeSd(area);
                trialClients += arm.Clients;
                if (accuracies[area.Name] is { } accuracy)
                {
                    (perArea.TryGetValue(area.Name, out var list) ? list : perArea[area.Name] = []).Add((profiles[area.Name], accuracy, arm));
                }
            }

            overall.Add(trialClients == 0 ? 0 : standardized / trialClients);
            overallOracle.Add(trialClients == 0 ? 0 : ceiling / trialClients);
        }

        var reports = areas.Where(a => perArea.ContainsKey(a.Name)).Select(a => Summarize(a, perArea[a.Name])).ToList();
        var mean = overall.Average();
        var sd = overall.Count > 1 ? Math.Sqrt(overall.Sum(d => (d - mean) * (d - mean)) / (overall.Count - 1)) : 0;
        return new Report(settings, reports, mean, sd, overallOracle.Average());
    }

    /// <summary>The SD of change in the area (intake's part and the outcome SD), the denominator of Cohen's d.</summary>
    internal static double ChangeSd(SimulatedArea area) =>
        Math.Sqrt((area.IntakeSlope * area.IntakeSlope * area.IntakeSd * area.IntakeSd) + (area.OutcomeSd * area.OutcomeSd));

    private static AreaReport Summarize(SimulatedArea area, List<(AreaProfile? Profile, MatchAccuracy Accuracy, TrialArms Arms)> runs)
    {
        static double? MeanOf(IEnumerable<double?> values) => values.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Average() is var m && double.IsNaN(m) ? null : m;
        static double? Share(int right, int all) => all == 0 ? null : (double)right / all;
        var accuracy = runs.Select(r => r.Accuracy).ToList();
        var trialClients = runs.Sum(r => r.Arms.Clients);
        var usual = trialClients == 0 ? 0 : runs.Sum(r => r.Arms.Usual) / trialClients;
        var matched = trialClients == 0 ? 0 : runs.Sum(r => r.Arms.Matched) / trialClients;
        var oracle = trialClients == 0 ? 0 : runs.Sum(r => r.Arms.Oracle) / trialClients;
        var benefit = (area.HigherIsBetter ? 1 : -1) * (matched - usual);
        var ceiling = (area.HigherIsBetter ? 1 : -1) * (oracle - usual);
        return new AreaReport(
            area.Name,
            area.HigherIsBetter,
            area.TherapistSd,
            runs.Count(r => r.Profile is not null),
            runs.Count(r => r.Profile is { Singular: true }),
            accuracy.Average(a => a.Therapists),
            accuracy.Average(a => a.RmseShrunk),
            accuracy.Average(a => a.RmseRaw),
            MeanOf(accuracy.Select(a => a.SpearmanShrunk)),
            MeanOf(accuracy.Select(a => a.SpearmanRaw)),
            accuracy.Sum(a => a.Effective),
            Share(accuracy.Sum(a => a.EffectiveRight), accuracy.Sum(a => a.Effective)),
            accuracy.Sum(a => a.Ineffective),
            Share(accuracy.Sum(a => a.IneffectiveRight), accuracy.Sum(a => a.Ineffective)),
            trialClients,
            usual,
            matched,
            benefit,
            benefit / ChangeSd(area),
            ceiling,
            ceiling / ChangeSd(area));
    }

    private static void Print(IAnsiConsole console, Report report)
    {
        static string F(double? value, string format = "0.000") => value is { } v ? (v + 0.0).ToString(format, CultureInfo.InvariantCulture) : "—";
        static string P(int n, double? share) => share is { } s ? $"{n} ({(s * 100).ToString("0", CultureInfo.InvariantCulture)} %)" : $"{n}";
        var s = report.Settings;
        console.WriteLine($"{s.Replications} simulated clinic(s): {s.Therapists} therapists, {s.Clients} ended courses, then {s.Clients} new clients; seed {s.Seed}; rated from {s.MinCases} cases.");
        var accuracy = new Table().AddColumns("area", "true SD", "fitted (singular)", "therapists", "RMSE shrunk", "RMSE raw", "ρ shrunk", "ρ raw", "effective (right)", "ineffective (right)");
        foreach (var a in report.Areas)
        {
            accuracy.AddRow(a.Area, F(a.TrueTherapistSd, "0.00"), $"{a.Fitted} ({a.Singular})", F(a.MeanTherapists, "0.0"), F(a.RmseShrunk), F(a.RmseRaw), F(a.SpearmanShrunk, "0.00"), F(a.SpearmanRaw, "0.00"), P(a.Effective, a.EffectivePrecision), P(a.Ineffective, a.IneffectivePrecision));
        }

        console.Write(accuracy);
        var trial = new Table().AddColumns("area", "direction", "trial clients", "mean change as usual", "mean change matched", "benefit (points)", "benefit (d)", "by true effects (points)", "by true effects (d)");
        foreach (var a in report.Areas)
        {
            trial.AddRow(a.Area, a.HigherIsBetter ? "higher is better" : "lower is better", a.TrialClients.ToString(CultureInfo.InvariantCulture), F(a.UsualMeanChange, "0.00"), F(a.MatchedMeanChange, "0.00"), F(a.BenefitPoints, "0.00"), F(a.BenefitD), F(a.OracleBenefitPoints, "0.00"), F(a.OracleBenefitD));
        }

        trial.AddRow("all", "", "", "", "", "", $"{F(report.OverallBenefitD)} ± {F(report.OverallBenefitDSd)}", "", F(report.OverallOracleBenefitD));
        console.Write(trial);
        console.WriteLine("Benefit: matched minus as usual in the direction of improvement; d divides by the SD of change. All: mean over clients of the standardized benefit, ± its SD over clinics. By true effects: the same matching with the truth known, the ceiling.");
    }
}
