using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OnTrack.Web.Features.Clinics;

internal sealed class ClinicConfiguration : IEntityTypeConfiguration<Clinic>
{
    public void Configure(EntityTypeBuilder<Clinic> builder)
    {
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Slug).HasMaxLength(64);
        builder.Property(c => c.TimeZoneId).HasMaxLength(64);
        builder.Ignore(c => c.Zone);
        builder.Ignore(c => c.MainPhone);
        builder.Property(c => c.CrisisLineName).HasMaxLength(ClinicSettings.MaxLineLength);
        builder.Property(c => c.CrisisCallNumber).HasMaxLength(ClinicSettings.MaxPhoneLength);
        builder.Property(c => c.CrisisTextNumber).HasMaxLength(ClinicSettings.MaxPhoneLength);
        builder.Property(c => c.EmergencyNumber).HasMaxLength(ClinicSettings.MaxPhoneLength);
        builder.HasMany(c => c.OpeningHours).WithOne().HasForeignKey(o => o.ClinicId);
    }
}
