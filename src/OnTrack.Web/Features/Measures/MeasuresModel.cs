using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Measures;

internal sealed class MeasureResponseConfiguration : IEntityTypeConfiguration<MeasureResponse>
{
    public void Configure(EntityTypeBuilder<MeasureResponse> builder)
    {
        builder.IsClientRecord(r => r.ClientId, ClientRecordSensitivity.Clinical);
        builder.Property(r => r.InstrumentId).HasMaxLength(100);
        builder.Property(r => r.InstrumentVersion).HasMaxLength(50);
        builder.Property(r => r.Band).HasMaxLength(100);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(100);
        builder.Property(r => r.RecordedByUserId).HasMaxLength(450);
        builder.HasOne(r => r.Client).WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Scheduling.Appointment>().WithMany().HasForeignKey(r => r.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ClientId, r.InstrumentId, r.CompletedAt });
        builder.HasIndex(r => new { r.InstrumentId, r.ClientId, r.CourseSession });
        builder.Property(r => r.CourseRule).HasMaxLength(20);

        // A retried submission can never store a second response, even when two retries race.
        builder.HasIndex(r => new { r.ClientId, r.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
    }
}

internal sealed class MeasurePlanEntryConfiguration : IEntityTypeConfiguration<MeasurePlanEntry>
{
    public void Configure(EntityTypeBuilder<MeasurePlanEntry> builder)
    {
        builder.ToTable("MeasurePlans");
        builder.IsClientRecord(p => p.ClientId, ClientRecordSensitivity.Clinical, auditName: "MeasurePlan");
        builder.Property(p => p.InstrumentId).HasMaxLength(100);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.ClinicId, p.ClientId, p.Position });
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.IsClientRecord(a => a.ClientId, ClientRecordSensitivity.Clinical);
        builder.Property(a => a.InstrumentId).HasMaxLength(100);
        builder.Property(a => a.Summary).HasMaxLength(1000);
        builder.Property(a => a.ActionTaken).HasMaxLength(2000);
        builder.Property(a => a.Resolution).HasMaxLength(2000);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(256);
        builder.Property(a => a.ResolvedBy).HasMaxLength(256);
        builder.HasOne(a => a.Client).WithMany().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Staff.Therapist>().WithMany().HasForeignKey(a => a.TherapistId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MeasureResponse>().WithMany().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.TherapistId, a.State });

        // One alert of each kind per result: raising is exactly once even if a result were processed twice.
        builder.HasIndex(a => new { a.ResponseId, a.Kind }).IsUnique();
    }
}
