using OnTrack.Domain.Measures;

namespace OnTrack.Web.Features.Measures;

/// <summary>
/// Forms made for one client from what another feature holds about them (Plans: a rating item per active
/// goal). They are due at every session beside the measurement plan's forms, and are scored, stored,
/// charted and audited like any measure; the catalog knows their template by the same id.
/// </summary>
public interface IClientForms
{
    /// <summary>The client's forms as they stand now (none when, say, the client has no active goals).</summary>
    Task<IReadOnlyList<Instrument>> ForClientAsync(Guid clientId, CancellationToken cancellationToken);

    /// <summary>Whether these forms are due as soon as they exist, not only around a session (the review questionnaire).</summary>
    bool DueBetweenSessions => false;
}
