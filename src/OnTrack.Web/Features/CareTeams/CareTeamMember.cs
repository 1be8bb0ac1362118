using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;

namespace OnTrack.Web.Features.CareTeams;

public enum CareTeamRole
{
    /// <summary>The therapist responsible for the client: alerts go to them.</summary>
    Primary = 0,
    CoTherapist = 1,
    GroupFacilitator = 2,
    Supervisor = 3,
}

public enum CareTeamAccess
{
    /// <summary>Reads and writes the whole record.</summary>
    Full = 0,

    /// <summary>Reads the whole record, changes nothing (a former therapist for the clinic's stated period).</summary>
    ReadOnly = 1,

    /// <summary>Knows who the client is and their sessions, not their clinical record (a one-off session with someone else's client).</summary>
    Schedule = 2,
}

/// <summary>How a therapist came onto the team.</summary>
public enum CareTeamSource
{
    /// <summary>From the data before care teams existed (primary therapist, sessions held).</summary>
    History = 0,
    Booking = 1,
    Invitation = 2,
    Transfer = 3,
    Admin = 4,
}

/// <summary>
/// A therapist on a client's care team, from when until when. Who may see a client's records is decided
/// from these rows alone (see <see cref="OnTrackDbContext"/>); a row is never deleted, only ended, so the
/// history of who cared for the client stays.
/// </summary>
public sealed class CareTeamMember : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    public Client? Client { get; set; }

    public Guid TherapistId { get; set; }

    public Staff.Therapist? Therapist { get; set; }

    public CareTeamRole Role { get; set; }

    public CareTeamAccess Access { get; set; }

    public CareTeamSource Source { get; set; }

    public Instant From { get; set; }

    /// <summary>When access ends (null: while on the team). A booking's member ends when the booking is cancelled.</summary>
    public Instant? Until { get; set; }

    /// <summary>The booking that brought the therapist onto the team, so that cancelling it takes them off again.</summary>
    public Guid? AppointmentId { get; set; }

    public string Note { get; set; } = "";

    public bool IsActiveAt(Instant now) => Until is null || Until > now;
}

internal sealed class CareTeamMemberConfiguration : IEntityTypeConfiguration<CareTeamMember>
{
    public void Configure(EntityTypeBuilder<CareTeamMember> builder)
    {
        builder.ToTable("CareTeamMembers");
        builder.HasOne(m => m.Client).WithMany().HasForeignKey(m => m.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Therapist).WithMany().HasForeignKey(m => m.TherapistId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Note).HasMaxLength(1000);
        builder.HasIndex(m => new { m.ClientId, m.TherapistId });
        builder.HasIndex(m => new { m.TherapistId, m.ClientId });
        builder.IsAudited(m => m.ClientId);
    }
}
