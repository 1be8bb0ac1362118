namespace OnTrack.Web.Features.Measures;

/// <summary>Settings under "OnTrack:Measures".</summary>
public sealed class MeasuresOptions
{
    public const string Section = "OnTrack:Measures";

    /// <summary>Run the background check that escalates unacknowledged risk alerts (tests drive it by hand).</summary>
    public bool RunEscalationWorker { get; set; } = true;
}
