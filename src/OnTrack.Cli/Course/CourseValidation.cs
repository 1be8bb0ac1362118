using System.CommandLine;
using System.Text.Json;
using OnTrack.Domain.Course;
using Spectre.Console;

namespace OnTrack.Cli.Course;

/// <summary>
/// `ontrack course validate`: fits on most clients, then asks of each held-out client whether a flag
/// raised by session k foretold their final outcome. Method in docs/course-validation.md.
/// </summary>
internal static class CourseValidation
{
    public static Command Create(IAnsiConsole console)
    {
        var input = new CourseCommand.InputOptions();
        var holdout = new Option<double>("--holdout") { Description = "Share of clients held out for validation", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Seed for choosing the held-out clients", DefaultValueFactory = _ => 1 };
        var session = new Option<int>("--session") { Description = "Flag at session k: use the scores up to and including session k", DefaultValueFactory = _ => 4 };
        var reliable = new Option<double>("--reliable-change") { Description = "Reliable change in points (PHQ-9: 6, simulated data)", Required = true };
        var higherIsBetter = new Option<bool>("--higher-is-better") { Description = "The measure improves upwards" };
        var amber = new Option<double>("--amber") { Description = "Amber beyond this percentile", DefaultValueFactory = _ => 0.75 };
        var red = new Option<double>("--red") { Description = "Red beyond this percentile", DefaultValueFactory = _ => 0.90 };
        var command = new Command("validate", "Hold out clients, flag them at session k against the expected course, and report sensitivity, specificity and AUC against their final outcome.");
        input.AddTo(command);
        foreach (var option in new Option[] { holdout, seed, session, reliable, higherIsBetter, amber, red })
        {
            command.Options.Add(option);
        }

        command.SetAction(result => CourseCommand.Guard(console, () =>
        {
            var share = result.GetValue(holdout);
            var k = result.GetValue(session);
            var rc = result.GetValue(reliable);
            if (!(share > 0 && share < 1) || k < 1 || !(rc > 0))
            {
                throw new CourseCsvException("--holdout must be between 0 and 1, --session at least 1 and --reliable-change positive.");
            }

            var s = result.GetValue(seed);
            var held = new List<bool>();
            var rows = new Dictionary<int, List<(double T, double Y)>>();
            var sums = input.Read(
                result,
                (i, t, y) =>
                {
                    if (held[i])
                    {
                        (rows.TryGetValue(i, out var list) ? list : rows[i] = []).Add((t, y));
                    }
                },
                (i, id) => held.Add(Uniform(id, s) < share));
            var options = input.FitOptions(result);
            var training = sums.Clients.Where((_, i) => !held[i]).ToArray();
            var model = CourseFitter.Fit(training, options);
            var report = Validate(model, sums, rows, new ValidationSettings(k, rc, result.GetValue(higherIsBetter), result.GetValue(amber), result.GetValue(red)));
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, CourseCommand.Json));
        }));
        return command;
    }

    internal sealed record ValidationSettings(int Session, double ReliableChange, bool HigherIsBetter, double Amber, double Red);

    internal static Dictionary<string, object?> Validate(CourseModel model, CourseSums sums, Dictionary<int, List<(double T, double Y)>> rows, ValidationSettings settings)
    {
        var classifier = new CourseClassifier(model, new CourseThresholds(settings.Amber, settings.Red, settings.HigherIsBetter));
        var rational = new RationalRule(settings.ReliableChange, settings.Session, settings.HigherIsBetter);
        var sign = settings.HigherIsBetter ? -1 : 1;
        var outcomes = new List<Outcome>();
        var tooShort = 0;
        foreach (var (index, list) in rows)
        {
            list.Sort((a, b) => a.T.CompareTo(b.T));
            var early = list.Where(r => r.T <= settings.Session).ToList();
            var final = list[^1];
            if (early.Count == 0 || final.T <= settings.Session)
            {
                // The outcome must lie after the flag, or the flag would simply read it.
                tooShort++;
                continue;
            }

            var intake = sums.Clients[index].Intake;
            var baseline = model.UsesIntake ? intake : list[0].Y;
            var improvement = sign * (baseline - final.Y);
            var statuses = early.Select(r => classifier.Classify(r.T, intake, r.Y)).ToList();
            var maxZ = early.Max(r =>
            {
                var (mean, sd) = model.Expected(r.T, intake);
                return sign * (r.Y - mean) / sd;
            });
            outcomes.Add(new Outcome(
                NotImproved: improvement < settings.ReliableChange,
                Deteriorated: improvement <= -settings.ReliableChange,
                Red: statuses.Contains(CourseStatus.NotOnTrack),
                AmberOrRed: statuses.Any(x => x is CourseStatus.NotOnTrack or CourseStatus.AtRisk),
                Rational: early.Any(r => rational.Classify(r.T, baseline, r.Y) is CourseStatus.NotOnTrack or CourseStatus.AtRisk),
                MaxZ: maxZ));
        }

        object Against(Func<Outcome, bool> bad) => new
        {
            cases = outcomes.Count(bad),
            red = Accuracy(outcomes, bad, o => o.Red),
            amberOrRed = Accuracy(outcomes, bad, o => o.AmberOrRed),
            rationalRule = Accuracy(outcomes, bad, o => o.Rational),
            auc = Auc(outcomes.Select(o => (o.MaxZ, bad(o))).ToList()),
        };

        return new Dictionary<string, object?>
        {
            ["trainingClients"] = model.Clients,
            ["heldOutClients"] = rows.Count,
            ["evaluated"] = outcomes.Count,
            ["excludedEndingBySession"] = tooShort,
            ["session"] = settings.Session,
            ["reliableChange"] = settings.ReliableChange,
            ["thresholds"] = new { amber = settings.Amber, red = settings.Red },
            ["model"] = CourseCommand.Summary(model),
            ["noReliableImprovement"] = Against(o => o.NotImproved),
            ["reliableDeterioration"] = Against(o => o.Deteriorated),
        };
    }

    private sealed record Outcome(bool NotImproved, bool Deteriorated, bool Red, bool AmberOrRed, bool Rational, double MaxZ);

    private static object Accuracy(List<Outcome> outcomes, Func<Outcome, bool> bad, Func<Outcome, bool> flag)
    {
        int tp = 0, fn = 0, tn = 0, fp = 0;
        foreach (var o in outcomes)
        {
            var (isBad, flagged) = (bad(o), flag(o));
            tp += isBad && flagged ? 1 : 0;
            fn += isBad && !flagged ? 1 : 0;
            tn += !isBad && !flagged ? 1 : 0;
            fp += !isBad && flagged ? 1 : 0;
        }

        static double? Ratio(int a, int b) => a + b == 0 ? null : (double)a / (a + b);
        return new { flagged = tp + fp, sensitivity = Ratio(tp, fn), specificity = Ratio(tn, fp), positivePredictiveValue = Ratio(tp, fp) };
    }

    /// <summary>Area under the ROC curve by the Mann–Whitney statistic, ties counted half.</summary>
    internal static double? Auc(IReadOnlyList<(double Score, bool Positive)> data)
    {
        var sorted = data.OrderBy(d => d.Score).ToList();
        long positives = sorted.Count(d => d.Positive);
        long negatives = sorted.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        double rankSum = 0;
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j < sorted.Count && sorted[j].Score == sorted[i].Score)
            {
                j++;
            }

            var rank = (i + 1 + j) / 2.0;
            for (var m = i; m < j; m++)
            {
                rankSum += sorted[m].Positive ? rank : 0;
            }

            i = j;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    /// <summary>A stable pseudo-random number in [0, 1) from a client id and seed (FNV-1a, then a mix), so the split is reproducible.</summary>
    internal static double Uniform(string id, int seed)
    {
        var hash = 14695981039346656037UL ^ (ulong)(uint)seed;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
