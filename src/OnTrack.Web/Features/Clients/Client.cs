using NodaTime;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Clients;

/// <summary>A client's record at the clinic. A client may have no sign-in (a partner added to a couples session).</summary>
public sealed class Client : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public string? UserId { get; set; }

    public string FullName { get; set; } = "";

    public string Email { get; set; } = "";

    public string Phone { get; set; } = "";

    public Instant CreatedAt { get; set; }

    /// <summary>
    /// The therapist responsible for the client, if one is assigned: the care team's primary member, kept in
    /// step by <see cref="CareTeams"/> (access itself is decided from <see cref="CareTeam"/>).
    /// </summary>
    public Guid? PrimaryTherapistId { get; set; }

    /// <summary>The therapist has marked the course as ending: discharge measures are due.</summary>
    public bool Ending { get; set; }

    /// <summary>When the course of treatment ended; ended courses count in the clinic's outcome figures.</summary>
    public Instant? DischargedAt { get; set; }
}
