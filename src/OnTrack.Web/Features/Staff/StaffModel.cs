using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OnTrack.Web.Features.Staff;

internal sealed class TherapistConfiguration : IEntityTypeConfiguration<Therapist>
{
    public void Configure(EntityTypeBuilder<Therapist> builder)
    {
        builder.Property(t => t.DisplayName).HasMaxLength(200);
        builder.Property(t => t.CalendarFeedToken).HasMaxLength(64);
        builder.HasIndex(t => t.CalendarFeedToken).IsUnique();
        builder.HasIndex(t => t.UserId).IsUnique();
        builder.HasMany(t => t.WorkingHours).WithOne().HasForeignKey(w => w.TherapistId);
        builder.HasMany(t => t.Exceptions).WithOne().HasForeignKey(e => e.TherapistId);
    }
}
