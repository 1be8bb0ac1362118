using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;
using OnTrack.Web.Validation;

namespace OnTrack.Web.Features.Notes;

/// <summary>
/// Session notes: one per session and client, written by a therapist on the care team, signed and then
/// locked (addenda only). The compartment shows notes to the care team and the client alone; the client
/// reads only signed notes their author did not withhold, and only where the clinic lets clients read them.
/// </summary>
public sealed class SessionNotes(OnTrackDbContext db, Caller caller, PlanActor actor, AppointmentQueries appointments, IClock clock)
{
    public const int MaxTextLength = 8000;
    public const int MaxFieldLength = 4000;
    public const int MaxAddendumLength = 4000;

    /// <summary>Whether the caller's clinic lets clients read their signed notes.</summary>
    public Task<bool> ClientsMayReadAsync(CancellationToken cancellationToken) =>
        db.Clinics.AsNoTracking().Where(c => c.Id == caller.ClinicId).Select(c => c.ClientsReadSignedNotes).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The client's notes, newest session first: the care team's all, the client's own only when the clinic shares them.</summary>
    public async Task<Result<IReadOnlyList<NoteDto>>> ListAsync(Guid clientId, CancellationToken cancellationToken)
    {
        if (await ClientViewAsync(clientId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var notes = await Query(clientId).OrderByDescending(n => n.SessionStart).ThenByDescending(n => n.CreatedAt).ToListAsync(cancellationToken);
        return notes.Select(ToDto).ToList();
    }

    public async Task<Result<NoteDto>> GetAsync(Guid clientId, Guid noteId, CancellationToken cancellationToken)
    {
        if (await ClientViewAsync(clientId, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await Query(clientId).SingleOrDefaultAsync(n => n.Id == noteId, cancellationToken) is { } note ? ToDto(note) : Problem.NotFound("The note");
    }

    /// <summary>The client's sessions up to today (in the session's zone), not cancelled, each with its note: what the notes page lists, newest first.</summary>
    public async Task<IReadOnlyList<NoteSession>> SessionsAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var sessions = (await appointments.ForClientAsync(clientId, cancellationToken))
            .Where(a => a.Status is not (AppointmentStatus.Cancelled or AppointmentStatus.LateCancelled) && HasBegunToday(a, now)
                && a.Participants.Any(p => p.ClientId == clientId && p.Status == ParticipantStatus.Booked))
            .ToList();
        var notes = (await ListAsync(clientId, cancellationToken)).Value ?? [];
        var byAppointment = notes.ToDictionary(n => n.AppointmentId);
        return sessions.OrderByDescending(a => a.Start)
            .Select(a => new NoteSession(a.Id, a.Start, a.Service?.Name ?? "Session", a.Therapist?.DisplayName ?? "", a.Status == AppointmentStatus.Attended,
                a.TherapistId == caller.TherapistId, byAppointment.GetValueOrDefault(a.Id)))
            .ToList();
    }

    /// <summary>A new draft for a session the caller held with the client.</summary>
    public async Task<Result<NoteDto>> CreateAsync(Guid clientId, NewNoteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.AppointmentId is not { } appointmentId)
        {
            return Problem.BadRequest("Choose the session the note is about (appointmentId).");
        }

        if (CheckText(request.Text, request.Data, request.Assessment, request.Plan) is { } textProblem)
        {
            return textProblem;
        }

        if (caller.TherapistId is not { } therapist)
        {
            return Problem.NotFound("The client");
        }

        // The caller's own sessions with this client only: the schedule's filter shows a therapist their own.
        var session = await db.Appointments.AsNoTracking()
            .Where(a => a.Id == appointmentId && a.TherapistId == therapist && a.Participants.Any(p => p.ClientId == clientId && p.Status == ParticipantStatus.Booked))
            .Select(a => new { a.Start, a.Status, a.TimeZoneId })
            .SingleOrDefaultAsync(cancellationToken);
        if (session is null)
        {
            return Problem.Invalid("That is not one of your sessions with this client. Choose one of the client's sessions on the notes page.");
        }

        if (session.Status is AppointmentStatus.Cancelled or AppointmentStatus.LateCancelled)
        {
            return Problem.Invalid("That session was cancelled, so it has no note.");
        }

        if (!HasBegunToday(session.Start, session.TimeZoneId, clock.GetCurrentInstant()))
        {
            return Problem.Invalid("A note is written on the day of the session or after it; that session has not come yet.");
        }

        if (await db.Set<SessionNote>().AnyAsync(n => n.AppointmentId == appointmentId && n.ClientId == clientId, cancellationToken))
        {
            return AlreadyWritten();
        }

        var now = clock.GetCurrentInstant();
        var note = new SessionNote
        {
            ClinicId = caller.ClinicId ?? Guid.Empty,
            ClientId = clientId,
            AppointmentId = appointmentId,
            SessionStart = session.Start,
            AuthorTherapistId = therapist,
            AuthorUserId = actor.UserId,
            AuthorName = await actor.NameAsync(cancellationToken),
            CreatedAt = now,
            UpdatedAt = now,
        };
        SetText(note, request.Text, request.Data, request.Assessment, request.Plan);
        db.Add(note);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two drafts for the same session at once: the unique index keeps one; this one is dropped, not half-saved.
            db.Entry(note).State = EntityState.Detached;
            return AlreadyWritten();
        }

        return ToDto(note);
    }

    /// <summary>Replace a draft's text; a signed note is locked (409).</summary>
    public async Task<Result<NoteDto>> UpdateAsync(Guid clientId, Guid noteId, NoteTextRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (note, refused) = await AuthorsDraftAsync(clientId, noteId, "edits a draft", cancellationToken);
        if (note is null)
        {
            return refused!;
        }

        if (CheckText(request.Text, request.Data, request.Assessment, request.Plan) is { } textProblem)
        {
            return textProblem;
        }

        SetText(note, request.Text, request.Data, request.Assessment, request.Plan);
        note.UpdatedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(note);
    }

    /// <summary>Sign and lock a draft: from then on only addenda are added.</summary>
    public async Task<Result<NoteDto>> SignAsync(Guid clientId, Guid noteId, CancellationToken cancellationToken)
    {
        var (note, refused) = await AuthorsDraftAsync(clientId, noteId, "signs it", cancellationToken);
        if (note is null)
        {
            return refused!;
        }

        note.SignedAt = clock.GetCurrentInstant();
        note.SignedBy = await actor.NameAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(note);
    }

    /// <summary>Add to a signed note; a draft is still edited instead (409).</summary>
    public async Task<Result<NoteDto>> AddAddendumAsync(Guid clientId, Guid noteId, AddendumRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var note = await Tracked(clientId, noteId, cancellationToken);
        if (note is null)
        {
            return Problem.NotFound("The note");
        }

        if (note.SignedAt is null)
        {
            return Problem.Conflict("This note is still a draft: change the draft itself, and add addenda once it is signed.");
        }

        var text = request.Text?.Trim() ?? "";
        if (TextRules.Problem(text, "The addendum", MaxAddendumLength, multiline: true, required: true) is { } textProblem)
        {
            return Problem.BadRequest(textProblem);
        }

        note.Addenda.Add(new NoteAddendum
        {
            ClinicId = note.ClinicId,
            NoteId = note.Id,
            ClientId = clientId,
            Text = text,
            At = clock.GetCurrentInstant(),
            ByUserId = actor.UserId,
            By = await actor.NameAsync(cancellationToken),
        });
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(note);
    }

    /// <summary>The author keeps one note from the client, or shows it again.</summary>
    public async Task<Result<NoteDto>> WithholdAsync(Guid clientId, Guid noteId, WithholdRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Withheld is not { } withheld)
        {
            return Problem.BadRequest("Say whether the client may not read the note (withheld: true or false).");
        }

        var note = await Tracked(clientId, noteId, cancellationToken);
        if (note is null)
        {
            return Problem.NotFound("The note");
        }

        if (NotAuthor(note, "withholds it from the client") is { } notAuthor)
        {
            return notAuthor;
        }

        note.WithheldFromClient = withheld;
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(note);
    }

    private bool IsClient(Guid clientId) => caller.ClientId == clientId && caller.TherapistId is null;

    /// <summary>For the client: null when they may read their notes here, else the answer (as if there were none).</summary>
    private async Task<Problem?> ClientViewAsync(Guid clientId, CancellationToken cancellationToken) =>
        IsClient(clientId) && !await ClientsMayReadAsync(cancellationToken) ? Problem.NotFound("Session notes") : null;

    /// <summary>The notes the caller reads: the client never a draft nor a withheld note.</summary>
    private IQueryable<SessionNote> Query(Guid clientId)
    {
        var query = db.Set<SessionNote>().AsNoTracking().Include(n => n.Addenda).Where(n => n.ClientId == clientId);
        return IsClient(clientId) ? query.Where(n => n.SignedAt != null && !n.WithheldFromClient) : query;
    }

    private Task<SessionNote?> Tracked(Guid clientId, Guid noteId, CancellationToken cancellationToken) =>
        db.Set<SessionNote>().Include(n => n.Addenda).SingleOrDefaultAsync(n => n.Id == noteId && n.ClientId == clientId, cancellationToken);

    /// <summary>The caller's own draft, tracked for a change; or why not (unknown 404, signed 409, another's 403).</summary>
    private async Task<(SessionNote? Note, Problem? Refused)> AuthorsDraftAsync(Guid clientId, Guid noteId, string what, CancellationToken cancellationToken)
    {
        var note = await Tracked(clientId, noteId, cancellationToken);
        var refused = note is null ? Problem.NotFound("The note") : Locked(note) ?? NotAuthor(note, what);
        return refused is null ? (note, null) : (null, refused);
    }

    private static Problem? Locked(SessionNote note) => note.SignedAt is null ? null
        : Problem.Conflict($"This note was signed by {note.SignedBy} and is locked. Add an addendum instead.");

    private Problem? NotAuthor(SessionNote note, string what) => note.AuthorTherapistId == caller.TherapistId ? null
        : new Problem(StatusCodes.Status403Forbidden, "Only the note's author", $"Only the note's author ({note.AuthorName}) {what}.");

    private static Problem AlreadyWritten() => Problem.Conflict("This session already has a note. Open it on the notes page to change or add to it.");

    private static Problem? CheckText(string? text, string? data, string? assessment, string? plan)
    {
        var problem = TextRules.Problem(text, "The note", MaxTextLength, multiline: true)
            ?? TextRules.Problem(data, "Data", MaxFieldLength, multiline: true)
            ?? TextRules.Problem(assessment, "Assessment", MaxFieldLength, multiline: true)
            ?? TextRules.Problem(plan, "Plan", MaxFieldLength, multiline: true);
        if (problem is not null)
        {
            return Problem.BadRequest(problem);
        }

        return new[] { text, data, assessment, plan }.All(string.IsNullOrWhiteSpace)
            ? Problem.BadRequest("The note is empty. Write the note, or at least one of data, assessment and plan.")
            : null;
    }

    private static void SetText(SessionNote note, string? text, string? data, string? assessment, string? plan)
    {
        note.Text = text?.Trim() ?? "";
        note.Data = data?.Trim() ?? "";
        note.Assessment = assessment?.Trim() ?? "";
        note.Plan = plan?.Trim() ?? "";
    }

    private static bool HasBegunToday(Appointment a, Instant now) => HasBegunToday(a.Start, a.TimeZoneId, now);

    /// <summary>Whether the session is on or before today, in the session's own zone.</summary>
    private static bool HasBegunToday(Instant start, string zoneId, Instant now)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? DateTimeZone.Utc;
        return start.InZone(zone).Date <= now.InZone(zone).Date;
    }

    private NoteDto ToDto(SessionNote n)
    {
        var client = IsClient(n.ClientId);
        return new NoteDto(n.Id, n.ClientId, n.AppointmentId, n.SessionStart.ToDateTimeOffset(), n.AuthorName, n.Text, n.Data, n.Assessment, n.Plan,
            n.CreatedAt.ToDateTimeOffset(), n.UpdatedAt.ToDateTimeOffset(), n.SignedAt?.ToDateTimeOffset(), n.SignedBy,
            !client && n.WithheldFromClient, !client && n.AuthorTherapistId == caller.TherapistId,
            n.Addenda.OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => new AddendumDto(a.Id, a.Text, a.At.ToDateTimeOffset(), a.By)).ToList());
    }
}
