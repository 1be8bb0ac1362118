using OnTrack.Domain.Measures;

namespace OnTrack.Domain.Tests.Measures;

/// <summary>The shipped definitions (instruments/) and the test-only ones, read as the app reads them.</summary>
internal static class InstrumentFiles
{
    public static Instrument Shipped(string id) => Read(Path.Combine(AppContext.BaseDirectory, "instruments", id + ".json"));

    public static Instrument Test(string id) => Read(Path.Combine(AppContext.BaseDirectory, "Measures", "TestInstruments", id + ".json"));

    private static Instrument Read(string path) => InstrumentReader.Read(File.ReadAllText(path), Path.GetFileName(path));

    public static IReadOnlyList<string?> Answers(string csv) => csv.Split(',').Select(a => a.Length == 0 ? null : a).ToList();
}
