using OnTrack.Domain.Measures;

namespace OnTrack.Domain.Tests.Measures;

public sealed class InstrumentReaderTests
{
    [Theory]
    [InlineData("phq-9", 10, 0, 27)]
    [InlineData("gad-7", 7, 0, 21)]
    [InlineData("who-5", 5, 0, 100)]
    [InlineData("pcl-5", 20, 0, 80)]
    [InlineData("ontrack-session-check", 4, 0, 40)]
    [InlineData("ontrack-readiness", 1, 0, 10)]
    public void ShippedInstruments_ReadAndHaveThePublishedRange(string id, int items, int min, int max)
    {
        var instrument = InstrumentFiles.Shipped(id);
        Assert.Equal(id, instrument.Id);
        Assert.Equal(items, instrument.Items.Count);
        Assert.Equal(min, instrument.TotalMin);
        Assert.Equal(max, instrument.TotalMax);
        Assert.False(string.IsNullOrWhiteSpace(instrument.Licence));
        Assert.False(string.IsNullOrWhiteSpace(instrument.Source));
    }

    private const string Minimal = """
        {"questionnaire": {"resourceType": "Questionnaire", "id": "x", "item": [
          {"linkId": "1", "type": "choice", "answerOption": [
            {"valueCoding": {"code": "0", "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 0}]}},
            {"valueCoding": {"code": "1", "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 1}]}}]}]},
         "scoring": {"direction": "higherIsWorse", "missing": {"rule": "invalid"} SCORING}}
        """;

    [Theory]
    [InlineData(", \"bands\": [{\"min\": 0, \"max\": 0, \"label\": \"a\"}]", "bands must run")]
    [InlineData(", \"risk\": [{\"item\": \"7\", \"atOrAbove\": 1}]", "item '7'")]
    [InlineData(", \"reverse\": [\"2\"]", "item '2'")]
    [InlineData(", \"cutoff\": {\"value\": 5}", "outside the total range")]
    [InlineData(", \"reliableChange\": {\"sd\": 3, \"reliability\": 1.5}", "between 0 and 1")]
    public void BrokenDefinitions_AreRejectedWithAClearMessage(string scoring, string message)
    {
        var error = Assert.Throws<InstrumentFormatException>(() => InstrumentReader.Read(Minimal.Replace("SCORING", scoring, StringComparison.Ordinal), "broken.json"));
        Assert.StartsWith("broken.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotJson_IsRejected()
    {
        var error = Assert.Throws<InstrumentFormatException>(() => InstrumentReader.Read("{ nope", "bad.json"));
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOptionWithoutAScore_IsRejected()
    {
        var json = Minimal.Replace("SCORING", "", StringComparison.Ordinal).Replace(", \"extension\": [{\"url\": \"http://hl7.org/fhir/StructureDefinition/ordinalValue\", \"valueDecimal\": 1}]", "", StringComparison.Ordinal);
        var error = Assert.Throws<InstrumentFormatException>(() => InstrumentReader.Read(json, "x.json"));
        Assert.Contains("ordinalValue", error.Message, StringComparison.Ordinal);
    }
}
