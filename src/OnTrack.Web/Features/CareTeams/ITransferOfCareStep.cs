namespace OnTrack.Web.Features.CareTeams;

/// <summary>
/// What another feature does when a client moves to another therapist, inside the transfer's unit of work
/// (saved with it or not at all). Measures re-routes open alerts; later features (plans, reviews) add theirs
/// here without the care team knowing them.
/// </summary>
public interface ITransferOfCareStep
{
    Task ApplyAsync(Guid clientId, Guid? formerTherapistId, Guid newTherapistId, CancellationToken cancellationToken);
}
