using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Features.Staff;

namespace OnTrack.Web.Features.Notes;

/// <summary>
/// The demo clinic's session notes, the same on every seed: Alex's two sessions before the last are signed
/// and the last is a draft Maya has not signed yet; Taylor's last session is signed, with Elena's addendum.
/// </summary>
internal static class DemoNotes
{
    private static readonly Dictionary<string, (string Text, string Data, string Assessment, string Plan, bool Signed, string? Addendum)[]> Notes = new()
    {
        ["Alex Morgan"] =
        [
            ("Looked at the sleep diary together.", "Woke at 4 on five of seven nights; stayed in bed worrying.", "Early waking still the main complaint; mood a little brighter in the evenings.", "Get up after 20 minutes awake; keep the diary.", true, null),
            ("Talked about the first week of getting up when awake.", "Got up three times; back to sleep twice.", "Taking to the routine; less dread at bedtime.", "Add a short walk in the morning.", true, null),
            ("Morning walks on four days. Talked about work.", "", "", "", false, null),
        ],
        ["Taylor Brooks"] =
        [
            ("Worked on the exposure ladder: the corner shop is the next step.", "Went into the post office alone for the first time.", "Anxiety peaks quickly and falls within ten minutes.", "Corner shop twice this week; rate anxiety before and after.", true, "Taylor phoned the next day: she went to the shop once and wants to try again."),
        ],
    };

    public static void Add(OnTrackDbContext db, IReadOnlyList<Client> clients, IReadOnlyList<Therapist> therapists, Instant now)
    {
        foreach (var client in clients.Where(c => Notes.ContainsKey(c.FullName)))
        {
            var notes = Notes[client.FullName];
            var sessions = db.Appointments.Local
                .Where(a => a.Status == AppointmentStatus.Attended && a.Start < now && a.Participants.Any(p => p.ClientId == client.Id))
                .OrderByDescending(a => a.Start).Take(notes.Length).OrderBy(a => a.Start).ToList();
            foreach (var (session, demo) in sessions.Zip(notes))
            {
                var therapist = therapists.Single(t => t.Id == session.TherapistId);
                var written = session.End + Duration.FromHours(2);
                var note = new SessionNote
                {
                    ClinicId = client.ClinicId,
                    ClientId = client.Id,
                    AppointmentId = session.Id,
                    SessionStart = session.Start,
                    AuthorTherapistId = therapist.Id,
                    AuthorUserId = therapist.UserId,
                    AuthorName = therapist.DisplayName,
                    Text = demo.Text,
                    Data = demo.Data,
                    Assessment = demo.Assessment,
                    Plan = demo.Plan,
                    CreatedAt = written,
                    UpdatedAt = written,
                    SignedAt = demo.Signed ? written + Duration.FromMinutes(10) : null,
                    SignedBy = demo.Signed ? therapist.DisplayName : null,
                };
                if (demo.Addendum is { } addendum)
                {
                    note.Addenda.Add(new NoteAddendum { ClinicId = client.ClinicId, NoteId = note.Id, ClientId = client.Id, Text = addendum, At = written + Duration.FromDays(1), ByUserId = therapist.UserId, By = therapist.DisplayName });
                }

                db.Add(note);
            }
        }
    }
}
