using NodaTime;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Notes;

/// <summary>
/// The therapist's note on one session with one client: free text and the optional DAP fields (data,
/// assessment, plan). A draft until signed; once signed it is locked, and only addenda are added.
/// </summary>
public sealed class SessionNote : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>The session the note is about; the client was one of its participants.</summary>
    public Guid AppointmentId { get; set; }

    /// <summary>When the session started, kept with the note so that notes list by session without reading the schedule.</summary>
    public Instant SessionStart { get; set; }

    public Guid AuthorTherapistId { get; set; }

    public string AuthorUserId { get; set; } = "";

    public string AuthorName { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>DAP: what was observed and said.</summary>
    public string Data { get; set; } = "";

    /// <summary>DAP: the therapist's assessment of it.</summary>
    public string Assessment { get; set; } = "";

    /// <summary>DAP: what happens next.</summary>
    public string Plan { get; set; } = "";

    public Instant CreatedAt { get; set; }

    public Instant UpdatedAt { get; set; }

    /// <summary>When the note was signed and locked; null while it is a draft.</summary>
    public Instant? SignedAt { get; set; }

    public string? SignedBy { get; set; }

    /// <summary>The author keeps this note from the client even where the clinic lets clients read their notes.</summary>
    public bool WithheldFromClient { get; set; }

    public List<NoteAddendum> Addenda { get; set; } = [];
}

/// <summary>Something added to a signed note later; the note itself stays as it was signed.</summary>
public sealed class NoteAddendum : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid NoteId { get; set; }

    public Guid ClientId { get; set; }

    public string Text { get; set; } = "";

    public Instant At { get; set; }

    public string ByUserId { get; set; } = "";

    public string By { get; set; } = "";
}
