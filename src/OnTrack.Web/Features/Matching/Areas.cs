using OnTrack.Domain.Measures;
using OnTrack.Domain.Plans;

namespace OnTrack.Web.Features.Matching;

/// <summary>
/// The problem areas outcome profiles are estimated in: each outcome measure is an area (PHQ-9 depression, GAD-7 anxiety,
/// PCL-5 trauma, WHO-5 well-being; a clinic's own instrument adds its own area, named by its title).
/// </summary>
public static class Areas
{
    private static readonly Dictionary<string, (string Name, ProblemArea? Problem)> Shipped = new(StringComparer.Ordinal)
    {
        ["phq-9"] = ("depression", ProblemArea.Depression),
        ["gad-7"] = ("anxiety", ProblemArea.Anxiety),
        ["pcl-5"] = ("trauma", ProblemArea.Trauma),
        ["who-5"] = ("well-being", null),
    };

    /// <summary>The area's name in plain words, lower case so that it reads inside a sentence.</summary>
    public static string Name(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return Shipped.TryGetValue(instrument.Id, out var known) ? known.Name : instrument.Title;
    }

    /// <summary>The plan's presenting problem that this area measures, if any.</summary>
    public static ProblemArea? ProblemOf(string instrumentId) => Shipped.TryGetValue(instrumentId, out var known) ? known.Problem : null;

    /// <summary>The outcome measure that measures a presenting problem, if one is shipped.</summary>
    public static string? InstrumentOf(ProblemArea problem) => Shipped.FirstOrDefault(s => s.Value.Problem == problem).Key;
}
