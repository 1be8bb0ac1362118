using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Scheduling;

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.HasMany(s => s.Therapists).WithOne().HasForeignKey(st => st.ServiceId);
    }
}

internal sealed class ServiceTherapistConfiguration : IEntityTypeConfiguration<ServiceTherapist>
{
    public void Configure(EntityTypeBuilder<ServiceTherapist> builder)
    {
        builder.HasKey(st => new { st.ServiceId, st.TherapistId });
        builder.HasOne<Staff.Therapist>().WithMany().HasForeignKey(st => st.TherapistId);
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.IsAudited();
        builder.Property(a => a.TimeZoneId).HasMaxLength(64);
        builder.Property(a => a.VideoLink).HasMaxLength(500);
        builder.HasIndex(a => new { a.TherapistId, a.Start });
        builder.HasIndex(a => a.SeriesId);
        builder.HasOne(a => a.Service).WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Therapist).WithMany().HasForeignKey(a => a.TherapistId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppointmentSeries>().WithMany().HasForeignKey(a => a.SeriesId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Participants).WithOne(p => p.Appointment).HasForeignKey(p => p.AppointmentId);

        // The no-overlap rule itself is provider SQL in the migrations (an exclusion constraint on
        // PostgreSQL, triggers on SQLite); these checks keep rows sane on both.
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Appointments_EndAfterStart", "\"End\" > \"Start\" AND \"BlockedUntil\" >= \"End\"");
            t.HasCheckConstraint("CK_Appointments_Capacity", "\"Capacity\" >= 1");
        });
    }
}

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        // A participation is known in the audit trail by its appointment.
        builder.IsClientRecord(p => p.ClientId, ClientRecordSensitivity.Contact, auditId: p => p.AppointmentId);
        builder.HasOne(p => p.Client).WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);

        // A seat can be held by one booked client, seats run 1..capacity, and a client holds at most one
        // seat: together the database cannot overfill a group, even under concurrent joins.
        builder.HasIndex(p => new { p.AppointmentId, p.Seat }).IsUnique().HasFilter("\"Status\" = 0");
        builder.HasIndex(p => new { p.AppointmentId, p.ClientId }).IsUnique().HasFilter("\"Status\" = 0");
        builder.ToTable(t => t.HasCheckConstraint("CK_Participants_SeatWithinCapacity", "\"Seat\" >= 1 AND \"Seat\" <= \"Capacity\""));
    }
}

internal sealed class AppointmentSeriesConfiguration : IEntityTypeConfiguration<AppointmentSeries>
{
    public void Configure(EntityTypeBuilder<AppointmentSeries> builder) => builder.IsAudited();
}
