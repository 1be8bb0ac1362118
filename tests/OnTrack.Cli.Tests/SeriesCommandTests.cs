using System.Text.Json;

namespace OnTrack.Cli.Tests;

public sealed class SeriesCommandTests
{
    private static (int Exit, string Output) Run(params string[] args) => CliHarness.Run(args);

    [Fact]
    public void SeriesPlan_AcrossNewYorkFallBack_KeepsLocalTimeAndChangesOffset()
    {
        var (exit, output) = Run("series", "plan", "--start", "2026-10-27T17:00", "--zone", "America/New_York", "--sessions", "2", "--json");

        Assert.Equal(0, exit);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["2026-10-27T17:00", "2026-11-03T17:00"], rows.Select(r => r.GetProperty("local").GetString()));
        Assert.Equal(["2026-10-27T21:00:00Z", "2026-11-03T22:00:00Z"], rows.Select(r => r.GetProperty("utc").GetString()));
        Assert.Equal(["-04:00", "-05:00"], rows.Select(r => r.GetProperty("offset").GetString()));
    }

    [Fact]
    public void SeriesPlan_Table_ShowsEverySession()
    {
        var (exit, output) = Run("series", "plan", "--start", "2026-03-24T18:00", "--zone", "Europe/London", "--sessions", "3");

        Assert.Equal(0, exit);
        Assert.Contains("Tue 24 Mar 2026 18:00", output, StringComparison.Ordinal);
        Assert.Contains("Tue 7 Apr 2026 18:00", output, StringComparison.Ordinal);
        Assert.Contains("+01:00", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--zone", "Mars/Olympus", "Unknown time zone")]
    [InlineData("--start", "next tuesday", "--start must look like")]
    [InlineData("--sessions", "0", "1 to 104 sessions")]
    public void SeriesPlan_BadInput_FailsWithAClearMessage(string option, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--start"] = "2026-03-24T18:00", ["--zone"] = "Europe/London", ["--sessions"] = "3" };
        args[option] = value;

        var (exit, output) = Run(["series", "plan", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);

        Assert.NotEqual(0, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }
}
