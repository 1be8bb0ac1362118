using System.Text.Json;

namespace OnTrack.Cli.Tests;

public sealed class MeasuresCommandTests
{
    private static (int Exit, string Output) Run(params string[] args) => CliHarness.Run(args);

    [Fact]
    public void Score_Phq9WithItem9Endorsed_PrintsTotalBandAndRisk()
    {
        var (exit, output) = Run("measures", "score", "--instrument", "phq-9", "--answers", "2,2,2,2,1,1,1,1,1,");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Equal(13, json.GetProperty("total").GetDecimal());
        Assert.Equal("Moderate", json.GetProperty("band").GetString());
        Assert.True(json.GetProperty("case").GetBoolean());
        Assert.Equal("9", json.GetProperty("risks")[0].GetProperty("item").GetString());
    }

    [Fact]
    public void Score_MissingItem_IsReportedAsInvalid()
    {
        var (exit, output) = Run("measures", "score", "--instrument", "gad-7", "--answers", "1,1,,1,1,1,1");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Equal(1, json.GetProperty("missing").GetInt32());
    }

    [Theory]
    [InlineData("phq-10", "1,1", "Unknown instrument 'phq-10'")]
    [InlineData("gad-7", "1,1,1", "7 items; 3 answers")]
    [InlineData("gad-7", "1,1,1,1,1,1,9", "Item 7: '9' is not one of its answers")]
    public void Score_BadInput_FailsWithAClearMessage(string instrument, string answers, string message)
    {
        var (exit, output) = Run("measures", "score", "--instrument", instrument, "--answers", answers);
        Assert.Equal(2, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }
}
