using System.Text.Json;

namespace OnTrack.Cli.Tests;

public sealed class CourseCommandTests : IDisposable
{
    private readonly TempFolder _temp = new("ontrack-course-");

    public void Dispose() => _temp.Dispose();

    private static (int Exit, string Output) Run(params string[] args) => CliHarness.Run(args);

    private string File(string name, string content) => _temp.File(name, content);

    private string Simulate(int clients, int seed)
    {
        var path = Path.Combine(_temp.Path, $"sim-{clients}-{seed}.csv");
        var (exit, output) = Run("course", "simulate", "--clients", clients.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", path);
        Assert.True(exit == 0, output);
        return path;
    }

    private static string[] Columns(string path) => ["--input", path, "--client", "client", "--time", "session", "--score", "score", "--intake", "intake"];

    [Fact]
    public void Simulate_SameSeed_WritesTheFileLme4WasCheckedOn()
    {
        var path = Simulate(300, 7);
        var stored = Path.Combine(AppContext.BaseDirectory, "Course", "Data", "simulated-300.csv");

        Assert.Equal(System.IO.File.ReadAllText(stored), System.IO.File.ReadAllText(path));
    }

    [Fact]
    public void Fit_SimulatedClinic_PrintsLme4sEstimatesAsJson()
    {
        var (exit, output) = Run(["course", "fit", .. Columns(Simulate(300, 7))]);

        Assert.True(exit == 0, output);
        var json = JsonDocument.Parse(output).RootElement;
        var lme4 = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Course", "Data", "lme4-expected.json"))).RootElement.GetProperty("remlLog1pIntake");
        Assert.Equal(2601, json.GetProperty("rows").GetInt64());
        Assert.Equal(300, json.GetProperty("clients").GetInt32());
        var fixedEffects = json.GetProperty("fixedEffects");
        Assert.Equal(["(Intercept)", "log1p(session)", "intake", "log1p(session):intake"], fixedEffects.EnumerateObject().Select(p => p.Name));
        var expected = lme4.GetProperty("fixedEffects").EnumerateArray().Select(e => e.GetDouble()).ToList();
        foreach (var (value, i) in fixedEffects.EnumerateObject().Select((p, i) => (p.Value.GetDouble(), i)))
        {
            Assert.Equal(expected[i], value, Math.Abs(expected[i]) * 1e-4);
        }

        Assert.Equal(lme4.GetProperty("residualSd").GetDouble(), json.GetProperty("residualSd").GetDouble(), 1e-4);
        Assert.Equal(lme4.GetProperty("criterion").GetDouble(), json.GetProperty("remlCriterion").GetDouble(), 13106 * 1e-7);
        Assert.True(json.GetProperty("converged").GetBoolean());
    }

    [Fact]
    public void Fit_Ml_ReportsTheDeviance()
    {
        var (exit, output) = Run(["course", "fit", .. Columns(Simulate(300, 7)), "--method", "ml"]);

        Assert.True(exit == 0, output);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(13094.736420503781, json.GetProperty("deviance").GetDouble(), 13094 * 1e-7);
        Assert.False(json.TryGetProperty("remlCriterion", out _));
    }

    [Theory]
    [InlineData("client,session,score,intake\n1,1,20,19\n1,2,x,19\n", "line 3: score = 'x' is not a finite number")]
    [InlineData("client,session,score,intake\n1,1,20,19\n1,2,,19\n", "line 3: score is empty")]
    [InlineData("client,session,score,intake\n1,1,20,19\n1,2,18,19\n1,3,NaN,19\n", "line 4: score = 'NaN' is not a finite number")]
    [InlineData("client,session,score,intake\n1,1,20,19\n1,2,18,17\n", "line 3: intake for client '1' is 17 here but 19 on an earlier row")]
    [InlineData("client,session,score,intake\n1,1,20,19\n1,2\n", "line 3: expected at least 4 fields")]
    [InlineData("client,session,score,intake\n1,-1,20,19\n", "line 2: session = -1 is outside the log1p time scale")]
    [InlineData("client,visit,score,intake\n1,1,20,19\n", "no column 'session'")]
    [InlineData("", "the file is empty")]
    public void Fit_BadCsv_NamesTheLine(string csv, string message)
    {
        var (exit, output) = Run(["course", "fit", .. Columns(File("bad.csv", csv))]);

        Assert.Equal(2, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TooFewClients_FailsWithAClearMessage()
    {
        var (exit, output) = Run(["course", "fit", .. Columns(Simulate(4, 1))]);

        Assert.Equal(2, exit);
        Assert.Contains("Too few clients: 4", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_QuotedIdsAndCrLf_AreRead()
    {
        var lines = System.IO.File.ReadAllLines(Simulate(300, 7));
        // "1,1,20,19" becomes "\"c,1\",1,20,19": a quoted id with a comma in it, and Windows line ends.
        var quoted = string.Join("\r\n", lines.Select((l, i) => i == 0 ? l : "\"c," + l.Split(',', 2)[0] + "\"," + l.Split(',', 2)[1]));
        Assert.StartsWith("client,session,score,intake\r\n\"c,1\",", quoted, StringComparison.Ordinal);
        var (plainExit, plain) = Run(["course", "fit", .. Columns(Simulate(300, 7))]);
        var (exit, output) = Run(["course", "fit", .. Columns(File("quoted.csv", quoted))]);

        Assert.True(exit == 0 && plainExit == 0, output);
        var a = JsonDocument.Parse(plain).RootElement;
        var b = JsonDocument.Parse(output).RootElement;
        Assert.Equal(300, b.GetProperty("clients").GetInt32());
        Assert.Equal(a.GetProperty("remlCriterion").GetDouble(), b.GetProperty("remlCriterion").GetDouble());
    }

    [Fact]
    public void Predict_FromSavedModel_GivesTheExpectedAndConditionalCourse()
    {
        var model = Path.Combine(_temp.Path, "model.json");
        var (fitExit, fitOutput) = Run(["course", "fit", .. Columns(Simulate(300, 7)), "--save", model]);
        Assert.True(fitExit == 0, fitOutput);

        var (exit, output) = Run("course", "predict", "--model", model, "--intake", "18", "--sessions", "12", "--percentiles", "10,50,90", "--scores", "1:19,2:20,3:21", "--reliable-change", "6");

        Assert.True(exit == 0, output);
        var json = JsonDocument.Parse(output).RootElement;
        var expected = json.GetProperty("expected").EnumerateArray().ToList();
        Assert.Equal(12, expected.Count);
        var p = expected[5].GetProperty("percentiles");
        Assert.True(p.GetProperty("10").GetDouble() < p.GetProperty("50").GetDouble() && p.GetProperty("50").GetDouble() < p.GetProperty("90").GetDouble());
        var conditional = json.GetProperty("conditional").EnumerateArray().ToList();
        Assert.Equal(9, conditional.Count);
        Assert.Equal(4, conditional[0].GetProperty("session").GetDouble());
        // A client getting worse at the start is predicted above the expected course for intake 18.
        Assert.True(conditional[^1].GetProperty("mean").GetDouble() > expected[^1].GetProperty("mean").GetDouble());
        Assert.True(json.GetProperty("reliableImprovementBySession").GetProperty("half").GetInt32() > 1);
    }

    [Fact]
    public void Predict_NotAModelFile_FailsClearly()
    {
        var (exit, output) = Run("course", "predict", "--model", File("model.json", "{\"x\": 1}"), "--intake", "18");

        Assert.Equal(2, exit);
        Assert.Contains("model file", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SimulatedClinic_ReportsSensitivitySpecificityAndAuc()
    {
        var (exit, output) = Run(["course", "validate", .. Columns(Simulate(3000, 2)), "--holdout", "0.3", "--session", "4", "--reliable-change", "6"]);

        Assert.True(exit == 0, output);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.InRange(json.GetProperty("heldOutClients").GetInt32(), 800, 1000);
        var notImproved = json.GetProperty("noReliableImprovement");
        Assert.InRange(notImproved.GetProperty("auc").GetDouble(), 0.6, 1);
        var red = notImproved.GetProperty("red");
        Assert.InRange(red.GetProperty("sensitivity").GetDouble(), 0, 1);
        Assert.InRange(red.GetProperty("specificity").GetDouble(), 0.5, 1);
        Assert.True(json.GetProperty("reliableDeterioration").GetProperty("cases").GetInt32() >= 0);
    }

    [Fact]
    public void Help_Course_ListsEachCommandOnItsOwnLine()
    {
        var (exit, output) = Run("course", "--help");

        Assert.Equal(0, exit);
        var lines = output.Split('\n').Select(l => l.Trim()).ToList();
        foreach (var command in new[] { "fit", "predict", "validate", "simulate" })
        {
            Assert.Contains(lines, l => l.StartsWith(command + " ", StringComparison.Ordinal));
        }
    }
}
