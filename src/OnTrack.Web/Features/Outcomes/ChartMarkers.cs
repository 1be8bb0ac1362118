using NodaTime;

namespace OnTrack.Web.Features.Outcomes;

/// <summary>A moment marked on a client's charts (a change agreed in a review), with a short label in plain words.</summary>
public sealed record ChartMarker(Instant At, string Label, string PlainLabel);

/// <summary>What other features mark on a client's charts (Reviews: each decision), read through the compartment.</summary>
public interface IChartMarkers
{
    Task<IReadOnlyList<ChartMarker>> ForClientAsync(Guid clientId, CancellationToken cancellationToken);
}
