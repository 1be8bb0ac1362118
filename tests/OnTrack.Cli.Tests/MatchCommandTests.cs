using System.Globalization;
using System.Text.Json;

namespace OnTrack.Cli.Tests;

public sealed class MatchCommandTests : IDisposable
{
    private readonly TempFolder _temp = new("ontrack-match-");

    public void Dispose() => _temp.Dispose();

    private static (int Exit, string Output) Run(params string[] args) => CliHarness.Run(args);

    private string File(string name, string content) => _temp.File(name, content);

    private static string Stored(string file) => Path.Combine(AppContext.BaseDirectory, "Matching", "Data", file);

    private static string[] Profile(string path) => ["match", "profile", "--input", path, "--therapist", "therapist", "--area", "area", "--change", "change", "--intake", "intake"];

    [Fact]
    public void Profile_SimulatedClinic_EqualsLme4()
    {
        var (exit, output) = Run([.. Profile(Stored("clinic-12-150-1.csv")), "--higher-is-better", "wellbeing"]);

        Assert.True(exit == 0, output);
        var areas = JsonDocument.Parse(output).RootElement.GetProperty("areas").EnumerateArray().ToList();
        var lme4 = JsonDocument.Parse(System.IO.File.ReadAllText(Stored("clinic-12-150-1-lme4.json"))).RootElement.GetProperty("areas");
        Assert.Equal(lme4.EnumerateObject().Select(a => a.Name), areas.Select(a => a.GetProperty("area").GetString()));
        foreach (var area in areas)
        {
            var expected = lme4.GetProperty(area.GetProperty("area").GetString()!);
            Assert.True(area.GetProperty("estimated").GetBoolean());
            Assert.Equal(area.GetProperty("area").GetString() == "wellbeing", area.GetProperty("higherIsBetter").GetBoolean());
            Close(expected.GetProperty("fixedEffects").GetProperty("intercept"), area.GetProperty("fixedEffects").GetProperty("intercept"));
            Close(expected.GetProperty("fixedEffects").GetProperty("intake"), area.GetProperty("fixedEffects").GetProperty("intake"));
            Close(expected.GetProperty("therapistSd"), area.GetProperty("therapistSd"));
            Close(expected.GetProperty("residualSd"), area.GetProperty("residualSd"));
            Close(expected.GetProperty("remlCriterion"), area.GetProperty("remlCriterion"));
            Assert.Equal(expected.GetProperty("singular").GetBoolean(), area.GetProperty("singular").GetBoolean());
            var therapists = area.GetProperty("therapists").EnumerateArray().ToList();
            var expectedTherapists = expected.GetProperty("therapists").EnumerateArray().ToList();
            Assert.Equal(expectedTherapists.Select(t => t.GetProperty("id").GetString()), therapists.Select(t => t.GetProperty("id").GetString()));
            foreach (var (ours, theirs) in therapists.Zip(expectedTherapists))
            {
                Assert.Equal(theirs.GetProperty("cases").GetInt32(), ours.GetProperty("cases").GetInt32());
                Close(theirs.GetProperty("effect"), ours.GetProperty("effect"));
                Close(theirs.GetProperty("condSd"), ours.GetProperty("conditionalSd"));
                Assert.Contains(ours.GetProperty("rating").GetString(), new[] { "effective", "neutral", "ineffective", "not-enough-cases" });
            }
        }
    }

    [Fact]
    public void Profile_MinCases_RatesTherapistsWithEnoughCases()
    {
        var (exit, output) = Run([.. Profile(Stored("clinic-40-600-3.csv")), "--min-cases", "1"]);

        Assert.True(exit == 0, output);
        var ratings = JsonDocument.Parse(output).RootElement.GetProperty("areas").EnumerateArray()
            .SelectMany(a => a.GetProperty("therapists").EnumerateArray()).Select(t => t.GetProperty("rating").GetString()).ToList();
        Assert.DoesNotContain("not-enough-cases", ratings);
        Assert.Contains("neutral", ratings);
    }

    [Fact]
    public void Profile_AreaThatCannotBeEstimated_IsListedWithTheReason()
    {
        var path = File("one.csv", "therapist,area,intake,change\nA,depression,10,-3\nB,depression,12,-5\nA,depression,14,-4\nB,depression,15,-8\nA,sleep,5,-1\nA,sleep,6,-2\nA,sleep,7,0\n");

        var (exit, output) = Run(Profile(path));

        Assert.True(exit == 0, output);
        var areas = JsonDocument.Parse(output).RootElement.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("area").GetString()!);
        Assert.True(areas["depression"].GetProperty("estimated").GetBoolean());
        Assert.False(areas["sleep"].GetProperty("estimated").GetBoolean());
        Assert.Contains("Only one therapist", areas["sleep"].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("therapist,area,intake,change\nA,dep,10,-3\nB,dep,x,-2\n", "line 3: intake = 'x' is not a finite number")]
    [InlineData("therapist,area,intake,change\nA,dep,10,-3\nB,dep,11,\n", "line 3: change is empty")]
    [InlineData("therapist,area,intake,change\nA,dep,10,-3\nB,dep,11,-2\nC,dep,12,NaN\n", "line 4: change = 'NaN' is not a finite number")]
    [InlineData("therapist,area,intake,change\nA,dep,10,-3\n,dep,11,-2\n", "line 3: therapist is empty")]
    [InlineData("therapist,area,intake,change\nA,dep,10\n", "line 2: expected at least 4 fields")]
    [InlineData("therapist,area,intake,change\n\"A,dep,10,-3\n", "line 2: a quote is not closed")]
    [InlineData("therapist,problem,intake,change\nA,dep,10,-3\n", "line 1: no column 'area' (columns: therapist, problem, intake, change)")]
    [InlineData("", "the file is empty")]
    public void Profile_BadCsv_NamesTheLine(string csv, string message)
    {
        var (exit, output) = Run(Profile(File("bad.csv", csv)));

        Assert.Equal(2, exit);
        Assert.Contains("bad.csv " + message, output.Replace("bad.csv:", "bad.csv", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_QuotedFieldsAndCrLf_AreRead()
    {
        var plain = System.IO.File.ReadAllLines(Stored("clinic-8-100-4.csv"));
        var quoted = string.Join("\r\n", plain.Select((l, i) => i == 0 ? l : string.Join(",", l.Split(',').Select(f => "\"" + f + "\""))));

        var (a, first) = Run(Profile(Stored("clinic-8-100-4.csv")));
        var (b, second) = Run(Profile(File("quoted.csv", quoted)));

        Assert.True(a == 0 && b == 0, second);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Profile_NoSuchFile_Fails()
    {
        var (exit, output) = Run(Profile(Path.Combine(_temp.Path, "missing.csv")));

        Assert.Equal(2, exit);
        Assert.Contains("No such file", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_SameSeed_WritesTheClinicLme4WasCheckedOn()
    {
        var path = Path.Combine(_temp.Path, "sim.csv");
        var truth = Path.Combine(_temp.Path, "truth.csv");

        var (exit, output) = Run("match", "simulate", "--therapists", "12", "--clients", "150", "--seed", "1", "--output", path, "--truth", truth);

        Assert.True(exit == 0, output);
        Assert.Equal(System.IO.File.ReadAllText(Stored("clinic-12-150-1.csv")), System.IO.File.ReadAllText(path));
        var lines = System.IO.File.ReadAllLines(truth);
        Assert.Equal("therapist,area,effect,capacity", lines[0]);
        Assert.Equal(1 + (12 * 4), lines.Length);
        Assert.All(lines.Skip(1).Where(l => l.Contains(",trauma,", StringComparison.Ordinal)), l => Assert.Equal("0", l.Split(',')[2]));
    }

    [Fact]
    public void Validate_SmallClinic_PrintsTheTables()
    {
        var (exit, output) = Run("match", "validate", "--therapists", "10", "--clients", "400", "--seed", "3", "--replications", "2");

        Assert.True(exit == 0, output);
        Assert.Contains("RMSE shrunk", output, StringComparison.Ordinal);
        Assert.Contains("benefit (d)", output, StringComparison.Ordinal);
        foreach (var area in new[] { "depression", "anxiety", "trauma", "wellbeing", "all" })
        {
            Assert.Contains(area, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_Json_ShrunkenBeatsRawAndTraumaGainsNothing()
    {
        var (exit, output) = Run("match", "validate", "--therapists", "20", "--clients", "1500", "--seed", "5", "--replications", "3", "--json");

        Assert.True(exit == 0, output);
        var report = JsonDocument.Parse(output).RootElement;
        var areas = report.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("area").GetString()!);
        Assert.All(areas.Values, a => Assert.True(a.GetProperty("rmseShrunk").GetDouble() < a.GetProperty("rmseRaw").GetDouble()));
        Assert.Equal(0, areas["trauma"].GetProperty("benefitPoints").GetDouble(), 1e-9);
        Assert.True(areas["depression"].GetProperty("benefitPoints").GetDouble() > 0);
        Assert.True(report.GetProperty("overallBenefitD").GetDouble() > 0);
    }

    [Fact]
    public void Validate_SameSeed_SameReport() =>
        Assert.Equal(
            Run("match", "validate", "--therapists", "8", "--clients", "200", "--seed", "2", "--json").Output,
            Run("match", "validate", "--therapists", "8", "--clients", "200", "--seed", "2", "--json").Output);

    private static void Close(JsonElement expected, JsonElement actual)
    {
        var (e, a) = (expected.GetDouble(), actual.GetDouble());
        var tolerance = Math.Abs(e) < 1e-3 ? 1e-5 : 1e-5 * Math.Abs(e);
        Assert.True(Math.Abs(a - e) <= tolerance, string.Create(CultureInfo.InvariantCulture, $"lme4 {e:R}, ours {a:R}"));
    }
}
