using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Course;

/// <summary>
/// An expected-course model fitted from the clinic's own scores on one instrument. The newest one per
/// instrument is in force; older ones stay as the history of refits.
/// </summary>
public sealed class CourseModelRecord : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public string InstrumentId { get; set; } = "";

    public Instant FittedAt { get; set; }

    /// <summary>The fitted <see cref="Domain.Course.CourseModel"/> as JSON.</summary>
    public string Model { get; set; } = "";

    /// <summary>Ended courses behind the fit (the clinic's minimum applies to these).</summary>
    public int CompletedCourses { get; set; }

    public int Clients { get; set; }

    public long Rows { get; set; }

    /// <summary>Held-out accuracy as JSON (sensitivity, specificity, AUC), or null when too few clients were held out.</summary>
    public string? Accuracy { get; set; }

    /// <summary>Who asked for the fit: an admin's name or "schedule".</summary>
    public string FittedBy { get; set; } = "";
}

internal sealed class CourseModelRecordConfiguration : IEntityTypeConfiguration<CourseModelRecord>
{
    public void Configure(EntityTypeBuilder<CourseModelRecord> builder)
    {
        builder.ToTable("CourseModels");
        builder.Property(m => m.InstrumentId).HasMaxLength(100);
        builder.Property(m => m.FittedBy).HasMaxLength(256);
        builder.HasIndex(m => new { m.ClinicId, m.InstrumentId, m.FittedAt });
    }
}
