using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Plans;

internal sealed class TreatmentPlanVersionConfiguration : IEntityTypeConfiguration<TreatmentPlanVersion>
{
    public void Configure(EntityTypeBuilder<TreatmentPlanVersion> builder)
    {
        builder.ToTable("TreatmentPlans");
        builder.IsClientRecord(p => p.ClientId, ClientRecordSensitivity.Clinical, auditName: "TreatmentPlan");
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.ProblemAreas).AsJsonList(400);
        builder.Property(p => p.ClientWords).HasMaxLength(2000);
        builder.Property(p => p.ChangedByUserId).HasMaxLength(450);
        builder.Property(p => p.ChangedByName).HasMaxLength(256);

        // Two changes made at once cannot both become the same version: the second is refused (409).
        builder.HasIndex(p => new { p.ClientId, p.Version }).IsUnique();
        builder.HasIndex(p => new { p.ClinicId, p.NextReview });
    }
}

internal sealed class PlanResponseConfiguration : IEntityTypeConfiguration<PlanResponse>
{
    public void Configure(EntityTypeBuilder<PlanResponse> builder)
    {
        builder.ToTable("PlanResponses");
        builder.IsClientRecord(r => r.ClientId, ClientRecordSensitivity.Clinical);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TreatmentPlanVersion>().WithMany().HasForeignKey(r => r.PlanVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Comment).HasMaxLength(1000);
        builder.Property(r => r.ByUserId).HasMaxLength(450);
        builder.Property(r => r.ByName).HasMaxLength(256);
        builder.HasIndex(r => new { r.ClientId, r.Version });
    }
}

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> builder)
    {
        builder.IsClientRecord(g => g.ClientId, ClientRecordSensitivity.Clinical);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(g => g.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(g => g.LinkId).HasMaxLength(20);
        builder.Property(g => g.Text).HasMaxLength(300);
        builder.Property(g => g.ProposedByName).HasMaxLength(256);
        builder.Property(g => g.GasLevels).AsNullableJsonList(2000);
        builder.Property(g => g.GasWeight).HasPrecision(9, 3);
        builder.HasMany(g => g.Revisions).WithOne().HasForeignKey(r => r.GoalId).OnDelete(DeleteBehavior.Cascade);

        // The check-in form names a goal by its link id: one goal per id and client, for ever.
        builder.HasIndex(g => new { g.ClientId, g.LinkId }).IsUnique();
        builder.HasIndex(g => new { g.ClientId, g.Status });
    }
}

internal sealed class GoalAttainmentRatingConfiguration : IEntityTypeConfiguration<GoalAttainmentRating>
{
    public void Configure(EntityTypeBuilder<GoalAttainmentRating> builder)
    {
        builder.ToTable("GoalAttainmentRatings", t => t.HasCheckConstraint("CK_GoalAttainmentRatings_Level", "\"Level\" BETWEEN -2 AND 2"));
        builder.IsClientRecord(r => r.ClientId, ClientRecordSensitivity.Clinical);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Goal>().WithMany().HasForeignKey(r => r.GoalId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.ByUserId).HasMaxLength(450);
        builder.Property(r => r.ByName).HasMaxLength(256);
        builder.HasIndex(r => new { r.ClientId, r.GoalId, r.RatedAt });
    }
}

internal sealed class GoalRevisionConfiguration : IEntityTypeConfiguration<GoalRevision>
{
    public void Configure(EntityTypeBuilder<GoalRevision> builder)
    {
        builder.IsClientRecord(r => r.ClientId, ClientRecordSensitivity.Clinical);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.PreviousText).HasMaxLength(300);
        builder.Property(r => r.ByUserId).HasMaxLength(450);
        builder.Property(r => r.ByName).HasMaxLength(256);
    }
}

internal sealed class ClientPreferencesConfiguration : IEntityTypeConfiguration<ClientPreferences>
{
    public void Configure(EntityTypeBuilder<ClientPreferences> builder)
    {
        builder.IsClientRecord(p => p.ClientId, ClientRecordSensitivity.Clinical);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.TherapistGender).HasMaxLength(50);
        builder.Property(p => p.Language).HasMaxLength(50);
        builder.Property(p => p.UpdatedByUserId).HasMaxLength(450);
        builder.Property(p => p.UpdatedByName).HasMaxLength(256);
        builder.HasIndex(p => p.ClientId).IsUnique();
    }
}

internal sealed class ExpectationCheckConfiguration : IEntityTypeConfiguration<ExpectationCheck>
{
    public void Configure(EntityTypeBuilder<ExpectationCheck> builder)
    {
        builder.ToTable("Expectations");
        builder.IsClientRecord(e => e.ClientId, ClientRecordSensitivity.Clinical, auditName: "Expectation");
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(e => e.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.ByUserId).HasMaxLength(450);
        builder.Property(e => e.ByName).HasMaxLength(256);
        builder.HasIndex(e => new { e.ClientId, e.AskedAt });
    }
}

internal sealed class TherapistStyleConfiguration : IEntityTypeConfiguration<TherapistStyle>
{
    public void Configure(EntityTypeBuilder<TherapistStyle> builder)
    {
        builder.ToTable("TherapistStyles");
        builder.HasKey(s => s.TherapistId);
        builder.IsAudited();
        builder.HasOne<Staff.Therapist>().WithOne().HasForeignKey<TherapistStyle>(s => s.TherapistId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Gender).HasMaxLength(50);
        builder.Property(s => s.Languages).AsJsonList(400);
        builder.Property(s => s.UpdatedByName).HasMaxLength(256);
    }
}

/// <summary>Short lists stored as one JSON text column, the same on both databases.</summary>
internal static class JsonListColumn
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    public static PropertyBuilder<List<T>> AsJsonList<T>(this PropertyBuilder<List<T>> property, int maxLength)
    {
        property.HasConversion(
                v => JsonSerializer.Serialize(v, Options),
                s => JsonSerializer.Deserialize<List<T>>(s, Options) ?? new List<T>(),
                new ValueComparer<List<T>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToList()))
            .HasMaxLength(maxLength);
        return property;
    }

    public static PropertyBuilder<List<T>?> AsNullableJsonList<T>(this PropertyBuilder<List<T>?> property, int maxLength)
    {
        property.HasConversion(
                v => v == null ? null : JsonSerializer.Serialize(v, Options),
                s => s == null ? null : JsonSerializer.Deserialize<List<T>>(s, Options),
                new ValueComparer<List<T>?>((a, b) => a == null ? b == null : b != null && a.SequenceEqual(b), v => v == null ? 0 : v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v == null ? null : v.ToList()))
            .HasMaxLength(maxLength);
        return property;
    }
}
