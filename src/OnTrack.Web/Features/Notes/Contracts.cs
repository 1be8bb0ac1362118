using OnTrack.Web.Validation;

namespace OnTrack.Web.Features.Notes;

/// <summary>A new draft note for one of the client's sessions: free text, the DAP fields, or both.</summary>
public sealed record NewNoteRequest(
    Guid? AppointmentId,
    [property: Text("The note", SessionNotes.MaxTextLength, Multiline = true)] string? Text,
    [property: Text("Data", SessionNotes.MaxFieldLength, Multiline = true)] string? Data,
    [property: Text("Assessment", SessionNotes.MaxFieldLength, Multiline = true)] string? Assessment,
    [property: Text("Plan", SessionNotes.MaxFieldLength, Multiline = true)] string? Plan);

/// <summary>The whole text of a draft, replacing what it had.</summary>
public sealed record NoteTextRequest(
    [property: Text("The note", SessionNotes.MaxTextLength, Multiline = true)] string? Text,
    [property: Text("Data", SessionNotes.MaxFieldLength, Multiline = true)] string? Data,
    [property: Text("Assessment", SessionNotes.MaxFieldLength, Multiline = true)] string? Assessment,
    [property: Text("Plan", SessionNotes.MaxFieldLength, Multiline = true)] string? Plan);

/// <summary>Something to add to a signed note.</summary>
public sealed record AddendumRequest([property: Text("The addendum", SessionNotes.MaxAddendumLength, Multiline = true)] string? Text);

/// <summary>Whether the client may not read this note (only where the clinic lets clients read their notes).</summary>
public sealed record WithholdRequest(bool? Withheld);

public sealed record AddendumDto(Guid Id, string Text, DateTimeOffset At, string By);

/// <summary>
/// One session note. signedAt is null while it is a draft; a signed note is locked and only addenda are added.
/// withheldFromClient and mine are for the care team (always false for the client).
/// </summary>
public sealed record NoteDto(
    Guid Id,
    Guid ClientId,
    Guid AppointmentId,
    DateTimeOffset SessionStart,
    string Author,
    string Text,
    string Data,
    string Assessment,
    string Plan,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SignedAt,
    string? SignedBy,
    bool WithheldFromClient,
    bool Mine,
    IReadOnlyList<AddendumDto> Addenda);

/// <summary>One of the client's sessions (past or today) and its note, if any: what the staff notes page lists.</summary>
public sealed record NoteSession(Guid AppointmentId, NodaTime.Instant Start, string Service, string Therapist, bool Attended, bool CanWrite, NoteDto? Note);
