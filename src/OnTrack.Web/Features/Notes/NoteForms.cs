namespace OnTrack.Web.Features.Notes;

/// <summary>A note as typed into the notes page (checked by <see cref="SessionNotes"/>, like the API's request).</summary>
public sealed class NoteFormModel
{
    public string? Text { get; set; }

    public string? Data { get; set; }

    public string? Assessment { get; set; }

    public string? Plan { get; set; }
}

public sealed class AddendumFormModel
{
    public string? Text { get; set; }
}
