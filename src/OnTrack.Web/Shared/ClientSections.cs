namespace OnTrack.Web.Shared;

/// <summary>Where on a client's pages a feature may add a section of its own.</summary>
public enum ClientSectionPlace
{
    /// <summary>Under the symptom course: the client's chart (staff) and My progress (the client, in plain words).</summary>
    BesideTheCourse,

    /// <summary>In a review's evidence, beside the scores and the review questionnaire.</summary>
    ReviewEvidence,
}

/// <summary>A component to render at a place, with its parameters.</summary>
public sealed record ClientSection(Type Component, IReadOnlyDictionary<string, object?> Parameters);

/// <summary>
/// Lets a feature higher up add a section to a lower feature's page (lifestyle under the course, in a
/// review) without the lower feature knowing it: the page renders whatever the registered sources give.
/// </summary>
public interface IClientSections
{
    Task<ClientSection?> ForClientAsync(Guid clientId, ClientSectionPlace place, bool plainLanguage, CancellationToken cancellationToken);
}

public static class ClientSectionSources
{
    /// <summary>
    /// Every source's section at one place, loaded one after the other: a page calls this in its own
    /// initialisation, so no two components ever share the request's DbContext at once.
    /// </summary>
    public static async Task<IReadOnlyList<ClientSection>> LoadAsync(this IEnumerable<IClientSections> sources, Guid clientId, ClientSectionPlace place, bool plainLanguage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var found = new List<ClientSection>();
        foreach (var source in sources)
        {
            if (await source.ForClientAsync(clientId, place, plainLanguage, cancellationToken) is { } section)
            {
                found.Add(section);
            }
        }

        return found;
    }
}
