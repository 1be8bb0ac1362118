namespace OnTrack.Web.Data;

/// <summary>A row that belongs to one clinic. The context filters these by the caller's clinic in one place.</summary>
public interface IClinicOwned
{
    Guid ClinicId { get; set; }
}
