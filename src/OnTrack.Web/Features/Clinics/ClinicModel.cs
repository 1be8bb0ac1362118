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
        builder.HasMany(c => c.OpeningHours).WithOne().HasForeignKey(o => o.ClinicId);
    }
}
