using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OnTrack.Web.Features.Notifications;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.HasIndex(m => new { m.SentAt, m.NotBefore });
        builder.HasIndex(m => m.AppointmentId);
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(500);
    }
}
