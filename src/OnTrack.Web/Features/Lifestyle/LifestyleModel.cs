using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Lifestyle;

// Every lifestyle record is clinical data of the client (issue 13): the client, the care team with clinical
// access and the clinic's admins see it, through the one compartment filter, and every read and write is audited.
internal sealed class DailyCheckInConfiguration : IEntityTypeConfiguration<DailyCheckIn>
{
    public void Configure(EntityTypeBuilder<DailyCheckIn> builder)
    {
        builder.ToTable("DailyCheckIns", t =>
        {
            t.HasCheckConstraint("CK_DailyCheckIns_Mood", "\"Mood\" IS NULL OR \"Mood\" BETWEEN 1 AND 5");
            t.HasCheckConstraint("CK_DailyCheckIns_SleepQuality", "\"SleepQuality\" IS NULL OR \"SleepQuality\" BETWEEN 1 AND 5");
            t.HasCheckConstraint("CK_DailyCheckIns_EatingQuality", "\"EatingQuality\" IS NULL OR \"EatingQuality\" BETWEEN 1 AND 5");
            t.HasCheckConstraint("CK_DailyCheckIns_Minutes", "(\"SleepMinutes\" IS NULL OR \"SleepMinutes\" BETWEEN 0 AND 1440) AND (\"ActivityMinutes\" IS NULL OR \"ActivityMinutes\" BETWEEN 0 AND 1440) AND (\"RelaxationMinutes\" IS NULL OR \"RelaxationMinutes\" BETWEEN 0 AND 1440) AND \"BreathingMinutes\" BETWEEN 0 AND 1440");
        });
        builder.IsClientRecord(c => c.ClientId, ClientRecordSensitivity.Clinical);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Tags).HasMaxLength(LifestyleLog.MaxTagsLength);
        builder.Property(c => c.Note).HasMaxLength(LifestyleLog.MaxNoteLength);
        builder.Ignore(c => c.TotalRelaxationMinutes);

        // One entry per client and day: two check-ins for the same day at once keep one, the other is an update.
        builder.HasIndex(c => new { c.ClientId, c.Date }).IsUnique();
    }
}

internal sealed class SleepDiaryRecordConfiguration : IEntityTypeConfiguration<SleepDiaryRecord>
{
    public void Configure(EntityTypeBuilder<SleepDiaryRecord> builder)
    {
        builder.ToTable("SleepDiaries", t => t.HasCheckConstraint("CK_SleepDiaries_Quality", "\"Quality\" BETWEEN 1 AND 5"));
        builder.IsClientRecord(d => d.ClientId, ClientRecordSensitivity.Clinical, auditName: "SleepDiary");
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(d => d.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.TimeZoneId).HasMaxLength(64);
        builder.Property(d => d.SleepEfficiency).HasPrecision(5, 1);
        builder.HasIndex(d => new { d.ClientId, d.Date }).IsUnique();
    }
}

internal sealed class LifestyleStepConfiguration : IEntityTypeConfiguration<LifestyleStep>
{
    public void Configure(EntityTypeBuilder<LifestyleStep> builder)
    {
        builder.ToTable("LifestyleSteps");
        builder.IsClientRecord(s => s.ClientId, ClientRecordSensitivity.Clinical);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Text).HasMaxLength(LifestyleSteps.MaxTextLength);
        builder.Property(s => s.Days).HasMaxLength(20);
        builder.Property(s => s.AgreedByUserId).HasMaxLength(450);
        builder.Property(s => s.AgreedBy).HasMaxLength(256);
        builder.Property(s => s.EndedBy).HasMaxLength(256);
        builder.HasIndex(s => new { s.ClientId, s.AgreedAt });
    }
}

internal sealed class LifestyleSettingsConfiguration : IEntityTypeConfiguration<LifestyleSettings>
{
    public void Configure(EntityTypeBuilder<LifestyleSettings> builder)
    {
        builder.ToTable("LifestyleSettings");
        builder.IsClientRecord(s => s.ClientId, ClientRecordSensitivity.Clinical);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.TimeZoneId).HasMaxLength(64);
        builder.Property(s => s.StopToken).HasMaxLength(64);
        builder.HasIndex(s => s.ClientId).IsUnique();
        builder.HasIndex(s => s.StopToken);
    }
}
