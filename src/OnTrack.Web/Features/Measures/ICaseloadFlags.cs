namespace OnTrack.Web.Features.Measures;

/// <summary>A note on one client's caseload row from another feature ("Plan review due"), linking to where to act.</summary>
public sealed record CaseloadFlag(Guid ClientId, string Text, string Link);

/// <summary>What other features want the therapist to see on the caseload, for the caller's clients.</summary>
public interface ICaseloadFlags
{
    Task<IReadOnlyList<CaseloadFlag>> ForCallerAsync(CancellationToken cancellationToken);
}
