using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace OnTrack.Web.Features.Jobs;

/// <summary>
/// One row per periodic job (outbox, risk escalation, course refit): when its next turn is due and which
/// node took the last one. A node takes a turn with a conditional update that only one node can win.
/// </summary>
public sealed class ScheduledJob
{
    public string Name { get; set; } = "";

    public Instant NextRunAt { get; set; }

    public string? LastRunBy { get; set; }

    public Instant? LastRunAt { get; set; }
}

internal sealed class ScheduledJobConfiguration : IEntityTypeConfiguration<ScheduledJob>
{
    public void Configure(EntityTypeBuilder<ScheduledJob> builder)
    {
        builder.ToTable("ScheduledJobs");
        builder.HasKey(j => j.Name);
        builder.Property(j => j.Name).HasMaxLength(100);
        builder.Property(j => j.LastRunBy).HasMaxLength(200);
    }
}
