using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Plans;

namespace OnTrack.Web.Features.Reviews;

internal static class ConcernColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> builder)
        where T : ConcernRecord
    {
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.ByUserId).HasMaxLength(450);
        builder.Property(c => c.ByName).HasMaxLength(256);
        builder.Property(c => c.Topics).AsJsonList(400);
        builder.Property(c => c.Wishes).AsJsonList(400);
        builder.Property(c => c.Text).HasMaxLength(Concerns.MaxText);
        builder.Property(c => c.HandledBy).HasMaxLength(256);
        builder.Property(c => c.Outcome).HasMaxLength(1000);
        builder.HasIndex(c => new { c.ClientId, c.RaisedAt });
        builder.HasIndex(c => new { c.ClinicId, c.State });
    }
}

internal sealed class ClientConcernConfiguration : IEntityTypeConfiguration<ClientConcern>
{
    public void Configure(EntityTypeBuilder<ClientConcern> builder)
    {
        builder.ToTable("ClientConcerns");
        builder.IsClientRecord(c => c.ClientId, ClientRecordSensitivity.Clinical);
        ConcernColumns.Configure(builder);
    }
}

internal sealed class ConcernForAdminsConfiguration : IEntityTypeConfiguration<ConcernForAdmins>
{
    public void Configure(EntityTypeBuilder<ConcernForAdmins> builder)
    {
        builder.ToTable("ConcernsForAdmins");
        builder.IsClientRecord(c => c.ClientId, ClientRecordSensitivity.ClientAndAdmins);
        ConcernColumns.Configure(builder);
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.IsClientRecord(r => r.ClientId, ClientRecordSensitivity.Clinical);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.OpenedByUserId).HasMaxLength(450);
        builder.Property(r => r.OpenedByName).HasMaxLength(256);
        builder.Property(r => r.CompletedByName).HasMaxLength(256);
        builder.Property(r => r.Summary).HasMaxLength(Reviews.MaxText);
        builder.HasMany(r => r.Findings).WithOne().HasForeignKey(f => f.ReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Actions).WithOne().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ClientId, r.State });
        builder.HasIndex(r => new { r.ClinicId, r.State });
    }
}

internal sealed class ReviewFindingConfiguration : IEntityTypeConfiguration<ReviewFinding>
{
    public void Configure(EntityTypeBuilder<ReviewFinding> builder)
    {
        builder.IsClientRecord(f => f.ClientId, ClientRecordSensitivity.Clinical);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(f => f.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(f => f.Text).HasMaxLength(Reviews.MaxText);
        builder.HasIndex(f => new { f.ReviewId, f.Area }).IsUnique();
    }
}

internal sealed class ReviewActionConfiguration : IEntityTypeConfiguration<ReviewAction>
{
    public void Configure(EntityTypeBuilder<ReviewAction> builder)
    {
        builder.IsClientRecord(a => a.ClientId, ClientRecordSensitivity.Clinical);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Details).HasMaxLength(Reviews.MaxText);
        builder.Property(a => a.ByName).HasMaxLength(256);
        builder.Property(a => a.FollowUpNote).HasMaxLength(Reviews.MaxText);
        builder.HasIndex(a => new { a.ClientId, a.TakenAt });
    }
}
