namespace OnTrack.Web.Data;

/// <summary>
/// The one thing a page may do with the request's unit of work besides calling a feature: after a
/// refused or failed change, forget what was not saved, so that the page's reload shows what is stored
/// and nothing half-made is saved later in the request. Pages never get the DbContext itself (a
/// convention test checks it).
/// </summary>
public sealed class UnitOfWork(OnTrackDbContext db)
{
    public void DiscardUnsaved() => db.ChangeTracker.Clear();
}
