using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OnTrack.Domain.Course;
using Spectre.Console;

namespace OnTrack.Cli.Course;

/// <summary>`ontrack course fit | predict | validate | simulate`: the expected course of therapy, for the clinic's analyst and the benchmarks.</summary>
internal static class CourseCommand
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(IAnsiConsole console) =>
        new("course", "The expected course of therapy: fit it from the clinic's scores, predict, validate, simulate.")
        {
            Fit(console),
            Predict(console),
            CourseValidation.Create(console),
            Simulate(console),
        };

    /// <summary>The options every command that reads a score file shares.</summary>
    internal sealed class InputOptions
    {
        public Option<FileInfo> Input { get; } = new("--input") { Description = "CSV file with a header line", Required = true };

        public Option<string> Client { get; } = new("--client") { Description = "Client id column", Required = true };

        public Option<string> Time { get; } = new("--time") { Description = "Session number (or time) column", Required = true };

        public Option<string> Score { get; } = new("--score") { Description = "Score column", Required = true };

        public Option<string> Intake { get; } = new("--intake") { Description = "Intake covariate column, used as given (no centering); constant per client" };

        public Option<string> TimeScale { get; } = new("--time-scale") { Description = "f(t): log1p (default) or linear", DefaultValueFactory = _ => "log1p" };

        public Option<string> Method { get; } = new("--method") { Description = "reml (default) or ml", DefaultValueFactory = _ => "reml" };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Input, Client, Time, Score, Intake, TimeScale, Method })
            {
                command.Options.Add(option);
            }

            TimeScale.AcceptOnlyFromAmong("log1p", "linear");
            Method.AcceptOnlyFromAmong("reml", "ml");
        }

        public CsvColumns Columns(ParseResult result) => new(
            result.GetValue(Client)!, result.GetValue(Time)!, result.GetValue(Score)!, result.GetValue(Intake),
            result.GetValue(TimeScale) == "linear" ? Domain.Course.TimeScale.Linear : Domain.Course.TimeScale.Log1P);

        public FitOptions FitOptions(ParseResult result)
        {
            var columns = Columns(result);
            return new FitOptions(
                columns.Scale,
                columns.Intake is not null,
                result.GetValue(Method) == "ml" ? FitMethod.Ml : FitMethod.Reml,
                TimeTerm: columns.Scale == Domain.Course.TimeScale.Log1P ? $"log1p({columns.Time})" : columns.Time,
                IntakeTerm: columns.Intake ?? "intake");
        }

        /// <summary>Reads the file into sums, with a progress bar on an interactive terminal for big files.</summary>
        public CourseSums Read(ParseResult result, Action<int, double, double>? onRow = null, Action<int, string>? onClient = null)
        {
            var file = result.GetValue(Input)!;
            if (!file.Exists)
            {
                throw new CourseCsvException($"No such file: {file.FullName}");
            }

            return WithProgress(file.Length, "Reading " + file.Name, progress => CourseCsv.Read(file.FullName, Columns(result), onRow, progress, onClient));
        }
    }

    private static Command Fit(IAnsiConsole console)
    {
        var input = new InputOptions();
        var save = new Option<FileInfo>("--save") { Description = "Also save the fitted model as JSON (for `course predict`)" };
        var command = new Command("fit", "Fit lme4's lmer(score ~ f*intake + (f | client)) by REML or ML and print the estimates as JSON.");
        input.AddTo(command);
        command.Options.Add(save);
        command.SetAction(result => Guard(console, () =>
        {
            var clock = Stopwatch.StartNew();
            var sums = input.Read(result);
            var readSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var model = CourseFitter.Fit(sums.Clients, input.FitOptions(result));
            var fitSeconds = clock.Elapsed.TotalSeconds;
            if (result.GetValue(save) is { } file)
            {
                File.WriteAllText(file.FullName, model.ToJson());
            }

            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(Summary(model, readSeconds, fitSeconds), Json));
        }));
        return command;
    }

    /// <summary>The fit as the analyst (and the lme4 comparison) reads it.</summary>
    internal static Dictionary<string, object?> Summary(CourseModel model, double? readSeconds = null, double? fitSeconds = null)
    {
        var summary = new Dictionary<string, object?>
        {
            ["rows"] = model.Rows,
            ["clients"] = model.Clients,
            ["method"] = model.Method == FitMethod.Reml ? "reml" : "ml",
            ["timeScale"] = model.TimeScale == TimeScale.Log1P ? "log1p" : "linear",
            ["fixedEffects"] = model.Terms.Zip(model.FixedEffects).ToDictionary(p => p.First, p => p.Second),
            ["randomEffects"] = new { interceptSd = model.InterceptSd, slopeSd = model.SlopeSd, correlation = model.Correlation },
            ["residualSd"] = model.ResidualSd,
            [model.Method == FitMethod.Reml ? "remlCriterion" : "deviance"] = model.Criterion,
            ["theta"] = model.Theta,
            ["iterations"] = model.Evaluations,
            ["converged"] = model.Converged,
            ["singular"] = model.Singular,
            ["note"] = model.Note,
            ["clientsWithOneScore"] = model.ClientsWithOneScore,
            ["sessionPatterns"] = model.SessionPatterns,
        };
        if (readSeconds is not null)
        {
            summary["seconds"] = new { read = readSeconds, fit = fitSeconds };
        }

        return summary;
    }

    private static Command Predict(IAnsiConsole console)
    {
        var modelOption = new Option<FileInfo>("--model") { Description = "A model saved by `course fit --save`", Required = true };
        var intake = new Option<double>("--intake") { Description = "The client's intake (the model's intake covariate; ignored by a model without intake)" };
        var sessions = new Option<int>("--sessions") { Description = "Predict sessions 1 … this", DefaultValueFactory = _ => 20 };
        var percentiles = new Option<string>("--percentiles") { Description = "Percentiles of the prediction interval", DefaultValueFactory = _ => "10,25,50,75,90" };
        var scores = new Option<string>("--scores") { Description = "The client's scores so far as session:score pairs, e.g. 1:18,2:16 — predicts the rest of their course" };
        var reliable = new Option<double?>("--reliable-change") { Description = "Reliable change in points: also report by which session clients like this one usually improve reliably" };
        var higherIsBetter = new Option<bool>("--higher-is-better") { Description = "The measure improves upwards (WHO-5); default: higher is worse (PHQ-9)" };
        var command = new Command("predict", "Expected course for a new client with a given intake, or the rest of a client's course given their scores so far.")
        {
            modelOption, intake, sessions, percentiles, scores, reliable, higherIsBetter,
        };
        command.SetAction(result => Guard(console, () =>
        {
            var model = CourseModel.FromJson(File.ReadAllText(result.GetValue(modelOption)!.FullName));
            var a = result.GetValue(intake);
            var last = result.GetValue(sessions);
            if (last < 1)
            {
                throw new CourseCsvException("--sessions must be at least 1.");
            }

            var ps = ParsePercentiles(result.GetValue(percentiles)!);
            var range = Enumerable.Range(1, last).Select(i => (double)i).ToList();
            var output = new Dictionary<string, object?>
            {
                ["intake"] = model.UsesIntake ? a : null,
                ["expected"] = Points(model.ExpectedCourse(a, range, ps), ps),
            };
            if (model.UsesIntake && (a < model.IntakeMin || a > model.IntakeMax))
            {
                output["warning"] = $"Intake {a} is outside the fitted range {model.IntakeMin}–{model.IntakeMax}: the prediction extrapolates.";
            }

            if (result.GetValue(scores) is { } text)
            {
                var seen = ParseScores(text);
                var sums = ClientSums.FromScores(model.TimeScale, a, seen);
                var after = seen.Max(s => s.Session);
                var (u0, u1, _, _, _) = model.ClientEffects(sums);
                output["clientEffects"] = new { intercept = u0, slope = u1 };
                output["conditional"] = Points(model.ConditionalCourse(sums, range.Where(t => t > after), ps), ps);
            }

            if (result.GetValue(reliable) is { } rc)
            {
                output["reliableImprovementBySession"] = new
                {
                    reliableChange = rc,
                    half = model.SessionOfReliableImprovement(a, rc, result.GetValue(higherIsBetter), 0.5),
                    threeQuarters = model.SessionOfReliableImprovement(a, rc, result.GetValue(higherIsBetter), 0.75),
                };
            }

            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(output, Json));
        }));
        return command;
    }

    private static IEnumerable<object> Points(IReadOnlyList<CoursePoint> points, IReadOnlyList<double> percentiles) =>
        points.Select(p => new
        {
            session = p.Session,
            mean = p.Mean,
            sd = p.Sd,
            percentiles = percentiles.Zip(p.Percentiles).ToDictionary(x => (x.First * 100).ToString("0.##", CultureInfo.InvariantCulture), x => x.Second),
        });

    private static List<double> ParsePercentiles(string text)
    {
        var list = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || !(p > 0 && p < 100))
            {
                throw new CourseCsvException($"--percentiles: '{part}' is not a percentile between 0 and 100.");
            }

            list.Add(p / 100);
        }

        return list;
    }

    private static List<(double Session, double Score)> ParseScores(string text)
    {
        var list = new List<(double, double)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split(':');
            if (pair.Length != 2
                || !double.TryParse(pair[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var t)
                || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                || !double.IsFinite(t) || !double.IsFinite(y))
            {
                throw new CourseCsvException($"--scores: '{part}' is not session:score.");
            }

            list.Add((t, y));
        }

        return list.Count > 0 ? list : throw new CourseCsvException("--scores: no scores given.");
    }

    private static Command Simulate(IAnsiConsole console)
    {
        var clients = new Option<int>("--clients") { Description = "Number of clients", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same clinic)", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo>("--output") { Description = "Write here instead of standard output" };
        var command = new Command("simulate", "Write a synthetic clinic (client,session,score,intake) as CSV; the generating model is documented in CourseSimulator.") { clients, seed, output };
        command.SetAction(result => Guard(console, () =>
        {
            var n = result.GetValue(clients);
            if (n < 1)
            {
                throw new CourseCsvException("--clients must be at least 1.");
            }

            var file = result.GetValue(output);
            using var stream = file is null ? null : new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            using var writer = stream is null ? null : new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16);
            var target = writer ?? console.Profile.Out.Writer;
            target.Write("client,session,score,intake\n");
            Span<char> line = stackalloc char[64];
            foreach (var s in CourseSimulator.Generate(n, result.GetValue(seed)))
            {
                // Formatting into a span keeps 9M rows from allocating 9M strings.
                var ok = line.TryWrite(CultureInfo.InvariantCulture, $"{s.Client},{s.Session},{s.Score},{s.Intake}\n", out var written);
                Debug.Assert(ok);
                target.Write(line[..written]);
            }

            target.Flush();
        }));
        return command;
    }

    /// <summary>Runs a command body; a known problem becomes a red message and exit code 2, never a stack trace.</summary>
    internal static int Guard(IAnsiConsole console, Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (Exception ex) when (ex is CourseCsvException or CourseFitException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            console.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return 2;
        }
    }

    /// <summary>A progress bar on standard error when it is a terminal and the file is big enough to wait for.</summary>
    internal static T WithProgress<T>(long total, string label, Func<Action<long>?, T> work)
    {
        if (Console.IsErrorRedirected || total < (32L << 20))
        {
            return work(null);
        }

        var errorConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var value = default(T)!;
        errorConsole.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask(label, maxValue: total);
            value = work(done => task.Value = done);
        });
        return value;
    }
}
