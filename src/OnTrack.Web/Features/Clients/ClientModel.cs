using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Clients;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("Clients");
        builder.IsClientRecord(c => c.Id, ClientRecordSensitivity.Contact);
        builder.Property(c => c.FullName).HasMaxLength(200);
        builder.Property(c => c.Email).HasMaxLength(256);
        builder.HasIndex(c => c.UserId);
        builder.HasIndex(c => new { c.ClinicId, c.Email });
    }
}
