using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Plans;

namespace OnTrack.Web.Features.Matching;

internal sealed class TherapistProfileConfiguration : IEntityTypeConfiguration<TherapistProfile>
{
    public void Configure(EntityTypeBuilder<TherapistProfile> builder)
    {
        builder.ToTable("TherapistProfiles", t => t.HasCheckConstraint("CK_TherapistProfiles_Capacity", "\"NewClientsPerWeek\" BETWEEN 0 AND 50"));
        builder.HasKey(p => p.TherapistId);
        builder.IsAudited();
        builder.HasOne<Staff.Therapist>().WithOne().HasForeignKey<TherapistProfile>(p => p.TherapistId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.ProblemAreas).AsJsonList(400);
        builder.Property(p => p.Approaches).AsJsonList(400);
        builder.Property(p => p.UpdatedByName).HasMaxLength(256);
    }
}

internal sealed class MatchingSettingsConfiguration : IEntityTypeConfiguration<MatchingSettings>
{
    public void Configure(EntityTypeBuilder<MatchingSettings> builder)
    {
        builder.ToTable("MatchingSettings", t => t.HasCheckConstraint("CK_MatchingSettings_MinCases", "\"MinCases\" BETWEEN 2 AND 1000"));
        builder.HasKey(s => s.ClinicId);
        builder.IsAudited();
        builder.HasOne<Clinics.Clinic>().WithOne().HasForeignKey<MatchingSettings>(s => s.ClinicId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.UpdatedByName).HasMaxLength(256);
    }
}

// A suggestion says what the client needs help with: clinical, in the compartment like every record about a client.
internal sealed class MatchSuggestionConfiguration : IEntityTypeConfiguration<MatchSuggestion>
{
    public void Configure(EntityTypeBuilder<MatchSuggestion> builder)
    {
        builder.ToTable("MatchSuggestions");
        builder.IsClientRecord(s => s.ClientId, ClientRecordSensitivity.Clinical);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Areas).AsJsonList(400);
        builder.Property(s => s.CandidatesJson); // unbounded text: a candidate with its reasons is about 1.5 KB, and a clinic may have many therapists
        builder.Property(s => s.ChosenAt).IsConcurrencyToken(); // of two choices at once, the second changes nothing (409)
        builder.Property(s => s.CreatedByName).HasMaxLength(256);
        builder.Property(s => s.ChosenByName).HasMaxLength(256);
        builder.HasIndex(s => new { s.ClientId, s.CreatedAt });
        builder.HasIndex(s => new { s.ClinicId, s.ChosenAt });
    }
}
