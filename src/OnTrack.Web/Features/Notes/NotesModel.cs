using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Notes;

internal sealed class SessionNoteConfiguration : IEntityTypeConfiguration<SessionNote>
{
    public void Configure(EntityTypeBuilder<SessionNote> builder)
    {
        builder.ToTable("SessionNotes");
        builder.IsClientRecord(n => n.ClientId, ClientRecordSensitivity.CareTeam);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(n => n.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Scheduling.Appointment>().WithMany().HasForeignKey(n => n.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Staff.Therapist>().WithMany().HasForeignKey(n => n.AuthorTherapistId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(n => n.AuthorUserId).HasMaxLength(450);
        builder.Property(n => n.AuthorName).HasMaxLength(256);
        builder.Property(n => n.Text).HasMaxLength(SessionNotes.MaxTextLength);
        builder.Property(n => n.Data).HasMaxLength(SessionNotes.MaxFieldLength);
        builder.Property(n => n.Assessment).HasMaxLength(SessionNotes.MaxFieldLength);
        builder.Property(n => n.Plan).HasMaxLength(SessionNotes.MaxFieldLength);
        builder.Property(n => n.SignedBy).HasMaxLength(256);
        builder.HasMany(n => n.Addenda).WithOne().HasForeignKey(a => a.NoteId).OnDelete(DeleteBehavior.Cascade);

        // One note per session and client: a second one for the same session is refused (409), even when two arrive at once.
        builder.HasIndex(n => new { n.AppointmentId, n.ClientId }).IsUnique();
        builder.HasIndex(n => new { n.ClientId, n.SessionStart });
    }
}

internal sealed class NoteAddendumConfiguration : IEntityTypeConfiguration<NoteAddendum>
{
    public void Configure(EntityTypeBuilder<NoteAddendum> builder)
    {
        builder.ToTable("NoteAddenda");
        builder.IsClientRecord(a => a.ClientId, ClientRecordSensitivity.CareTeam);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Text).HasMaxLength(SessionNotes.MaxAddendumLength);
        builder.Property(a => a.ByUserId).HasMaxLength(450);
        builder.Property(a => a.By).HasMaxLength(256);
        builder.HasIndex(a => new { a.NoteId, a.At });
    }
}
