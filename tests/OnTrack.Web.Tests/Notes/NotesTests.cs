using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Notes;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Notes;

public abstract class NotesTests(OnTrackApp app)
{
    private const string Maya = "maya.chen@demo.ontrack.test";
    private const string Samuel = "samuel.okafor@demo.ontrack.test";
    private const string Password = "Notes-test-2026";

    private static int _day;

    private static object ANote(Guid appointmentId, string text = "Talked about sleep and the worry diary.") =>
        new { appointmentId, text, data = "Slept 5 hours most nights.", assessment = "Worry is lower at work.", plan = "Keep the diary; try the wind-down routine." };

    [Fact]
    public async Task ANote_IsADraftUntilSigned_ThenLocked_AndOnlyAddendaAreAdded()
    {
        var (clientId, _, sessions) = await NewClientOfMayaAsync("Nora Note", sessions: 2);
        var maya = await app.SignInAsync(Maya);

        var created = await maya.PostAsJsonAsync($"/api/clients/{clientId}/notes", ANote(sessions[0]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await created.ReadAsync<NoteDto>();
        Assert.Null(draft.SignedAt);
        Assert.Equal(("Dr. Maya Chen", "Slept 5 hours most nights.", true), (draft.Author, draft.Data, draft.Mine));
        var later = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/notes", new { appointmentId = sessions[1], text = "Second session." })).ReadAsync<NoteDto>();

        // Newest session first.
        var list = (await maya.GetFromJsonAsync<List<NoteDto>>($"/api/clients/{clientId}/notes", OnTrackApp.Json))!;
        Assert.Equal([later.Id, draft.Id], list.Select(n => n.Id));

        // A draft is edited, whole.
        app.Clock.Advance(Duration.FromMinutes(5));
        var edited = await maya.PutAsJsonAsync($"/api/clients/{clientId}/notes/{draft.Id}", new { text = "Talked about sleep.", plan = "Wind-down routine." });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var edit = await edited.ReadAsync<NoteDto>();
        Assert.Equal(("Talked about sleep.", "", "Wind-down routine."), (edit.Text, edit.Data, edit.Plan));
        Assert.Equal(app.Clock.GetCurrentInstant().ToDateTimeOffset(), edit.UpdatedAt);

        // Signed, it is locked: edits and a second signature are refused, and the stored text is unchanged.
        var signed = await (await maya.PostAsync($"/api/clients/{clientId}/notes/{draft.Id}/sign", null)).ReadAsync<NoteDto>();
        Assert.Equal((app.Clock.GetCurrentInstant().ToDateTimeOffset(), "Dr. Maya Chen"), (signed.SignedAt!.Value, signed.SignedBy!));
        var refused = await (await maya.PutAsJsonAsync($"/api/clients/{clientId}/notes/{draft.Id}", new { text = "Rewritten later." })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("addendum", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await maya.PostAsync($"/api/clients/{clientId}/notes/{draft.Id}/sign", null)).ProblemAsync(HttpStatusCode.Conflict);
        var stored = await app.WithDbAsync(db => db.Set<SessionNote>().AsNoTracking().SingleAsync(n => n.Id == draft.Id));
        Assert.Equal(("Talked about sleep.", "Wind-down routine."), (stored.Text, stored.Plan));

        // An addendum is added to the signed note, which stays as it was.
        var added = await maya.PostAsJsonAsync($"/api/clients/{clientId}/notes/{draft.Id}/addenda", new { text = "The client called: the routine helped." });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var read = await (await maya.GetAsync($"/api/clients/{clientId}/notes/{draft.Id}")).ReadAsync<NoteDto>();
        Assert.Equal("The client called: the routine helped.", Assert.Single(read.Addenda).Text);
        Assert.Equal("Talked about sleep.", read.Text);

        // Every change is in the audit trail against the client.
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.EntityType == nameof(SessionNote) && e.ClientId == clientId && e.Action == AuditAction.Update)));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.EntityType == nameof(NoteAddendum) && e.ClientId == clientId && e.Action == AuditAction.Create)));
    }

    [Fact]
    public async Task BadInput_IsAnsweredWithProblemDetails_AndNothingIsStored()
    {
        var (clientId, _, sessions) = await NewClientOfMayaAsync("Bea Badinput");
        var (otherClient, _, otherSessions) = await NewClientOfMayaAsync("Otto Other");
        var maya = await app.SignInAsync(Maya);
        var url = $"/api/clients/{clientId}/notes";

        await (await maya.PostAsJsonAsync(url, new { appointmentId = sessions[0], text = "  " })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PostAsJsonAsync(url, new { appointmentId = sessions[0], text = new string('x', SessionNotes.MaxTextLength + 1) })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PostAsJsonAsync(url, new { appointmentId = sessions[0], data = new string('x', SessionNotes.MaxFieldLength + 1) })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PostAsJsonAsync(url, new { text = "No session named." })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PostAsJsonAsync(url, new { appointmentId = Guid.NewGuid(), text = "Unknown session." })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await maya.PostAsJsonAsync(url, new { appointmentId = otherSessions[0], text = "Another client's session." })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await maya.PostAsync(url, new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SessionNote>().CountAsync(n => n.ClientId == clientId || n.ClientId == otherClient)));

        // A session that has not come yet has no note.
        var future = await SessionAsync(clientId, "Dr. Maya Chen", app.Clock.GetCurrentInstant() + Duration.FromDays(3));
        await (await maya.PostAsJsonAsync(url, new { appointmentId = future, text = "Too early." })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        // One note per session; an addendum only to a signed note; withheld needs a value.
        var note = await (await maya.PostAsJsonAsync(url, ANote(sessions[0]))).ReadAsync<NoteDto>();
        await (await maya.PostAsJsonAsync(url, ANote(sessions[0], "A second note."))).ProblemAsync(HttpStatusCode.Conflict);
        await (await maya.PostAsJsonAsync($"{url}/{note.Id}/addenda", new { text = "Too early for an addendum." })).ProblemAsync(HttpStatusCode.Conflict);
        await (await maya.PutAsJsonAsync($"{url}/{note.Id}", new { text = "", data = "", assessment = "", plan = "" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PostAsJsonAsync($"{url}/{note.Id}/withhold", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        Ok(await maya.PostAsync($"{url}/{note.Id}/sign", null));
        await (await maya.PostAsJsonAsync($"{url}/{note.Id}/addenda", new { text = " " })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PostAsJsonAsync($"{url}/{note.Id}/addenda", new { text = new string('y', SessionNotes.MaxAddendumLength + 1) })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.GetAsync($"{url}/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);

        var notes = await app.WithDbAsync(db => db.Set<SessionNote>().AsNoTracking().Include(n => n.Addenda).Where(n => n.ClientId == clientId).ToListAsync());
        var only = Assert.Single(notes);
        Assert.Equal(("Talked about sleep and the worry diary.", false), (only.Text, only.WithheldFromClient));
        Assert.Empty(only.Addenda);
    }

    [Fact]
    public async Task Notes_AreTheCareTeamsOnly_NotReceptionNotAnotherTherapistNotTheAdmins()
    {
        var (clientId, client, sessions) = await NewClientOfMayaAsync("Cara Careteam", sessions: 2);
        var maya = await app.SignInAsync(Maya);
        var note = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/notes", ANote(sessions[0]))).ReadAsync<NoteDto>();
        Ok(await maya.PostAsync($"/api/clients/{clientId}/notes/{note.Id}/sign", null));

        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var otherAdmin = await app.SignInAsync(await OtherClinic.CreateWithAdminAsync(app), OtherClinic.AdminPassword);
        foreach (var stranger in new[] { await app.SignInAsReceptionAsync(), await app.SignInAsync(Samuel), admin, otherAdmin, client })
        {
            await (await stranger.GetAsync($"/api/clients/{clientId}/notes")).ProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.GetAsync($"/api/clients/{clientId}/notes/{note.Id}")).ProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.PostAsJsonAsync($"/api/clients/{clientId}/notes/{note.Id}/addenda", new { text = "Not mine to add." })).ProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.PostAsJsonAsync($"/api/clients/{clientId}/notes", ANote(sessions[1]))).ProblemAsync(HttpStatusCode.NotFound);
        }

        // The clinic's admin still reads the rest of the clinical record, and the notes page is not theirs either.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/clients/{clientId}/plan")).StatusCode);
        var adminBrowser = app.Browser(address: "198.51.100.90");
        await adminBrowser.LogInAsync(DemoClinic.AdminEmail, DemoClinic.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await adminBrowser.GetAsync($"/clients/{clientId}/notes")).StatusCode);
        Assert.DoesNotContain("Session notes", await (await adminBrowser.GetAsync($"/clients/{clientId}/plan")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Empty(await app.WithDbAsync(db => db.Set<NoteAddendum>().Where(a => a.ClientId == clientId).ToListAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<SessionNote>().CountAsync(n => n.ClientId == clientId)));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.ClientId == clientId && e.UserName == DemoClinic.AdminEmail && e.Action == AuditAction.Denied)));
    }

    [Fact]
    public async Task AFormerTherapist_ReadsTheNotes_ButWritesNone_AndTheNewTherapistCannotChangeTheirDraft()
    {
        var (clientId, _, sessions) = await NewClientOfMayaAsync("Fern Former", sessions: 2);
        var maya = await app.SignInAsync(Maya);
        var signed = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/notes", ANote(sessions[0]))).ReadAsync<NoteDto>();
        Ok(await maya.PostAsync($"/api/clients/{clientId}/notes/{signed.Id}/sign", null));
        var draft = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/notes", ANote(sessions[1], "Unfinished."))).ReadAsync<NoteDto>();

        await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.FormerTherapistReadOnlyDays, 14)));
        try
        {
            var samuelId = await app.TherapistIdAsync("Samuel Okafor");
            var moved = await maya.PostAsJsonAsync($"/api/clients/{clientId}/transfer", new { toTherapistId = samuelId, reason = "clientRequest", clientConsented = true }, OnTrackApp.Json);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

            var read = (await maya.GetFromJsonAsync<List<NoteDto>>($"/api/clients/{clientId}/notes", OnTrackApp.Json))!;
            Assert.Equal(2, read.Count);
            await (await maya.PutAsJsonAsync($"/api/clients/{clientId}/notes/{draft.Id}", new { text = "Finished after all." })).ProblemAsync(HttpStatusCode.NotFound);
            await (await maya.PostAsync($"/api/clients/{clientId}/notes/{draft.Id}/sign", null)).ProblemAsync(HttpStatusCode.NotFound);
            await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/notes/{signed.Id}/addenda", new { text = "Late thought." })).ProblemAsync(HttpStatusCode.NotFound);

            // Samuel, the new primary therapist, reads both and adds to the signed one, but another's draft is its author's.
            var samuel = await app.SignInAsync(Samuel);
            Assert.Equal(2, (await samuel.GetFromJsonAsync<List<NoteDto>>($"/api/clients/{clientId}/notes", OnTrackApp.Json))!.Count);
            await (await samuel.PutAsJsonAsync($"/api/clients/{clientId}/notes/{draft.Id}", new { text = "Not my draft." })).ProblemAsync(HttpStatusCode.Forbidden);
            await (await samuel.PostAsJsonAsync($"/api/clients/{clientId}/notes/{signed.Id}/withhold", new { withheld = true })).ProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.Created, (await samuel.PostAsJsonAsync($"/api/clients/{clientId}/notes/{signed.Id}/addenda", new { text = "Took over the case." })).StatusCode);

            var stored = await app.WithDbAsync(db => db.Set<SessionNote>().AsNoTracking().SingleAsync(n => n.Id == draft.Id));
            Assert.Equal(("Unfinished.", null), (stored.Text, stored.SignedAt));
        }
        finally
        {
            await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.FormerTherapistReadOnlyDays, 0)));
        }
    }

    [Fact]
    public async Task TheClient_ReadsOnlySignedNotesTheirTherapistDidNotWithhold_AndOnlyWhenTheClinicSharesThem()
    {
        var (clientId, client, sessions) = await NewClientOfMayaAsync("Cleo Client", sessions: 3);
        var email = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.Id == clientId).Select(c => c.Email).SingleAsync());
        var maya = await app.SignInAsync(Maya);
        var url = $"/api/clients/{clientId}/notes";
        var shown = await (await maya.PostAsJsonAsync(url, ANote(sessions[0], "We planned the week."))).ReadAsync<NoteDto>();
        var withheld = await (await maya.PostAsJsonAsync(url, ANote(sessions[1], "Kept from the client."))).ReadAsync<NoteDto>();
        var draft = await (await maya.PostAsJsonAsync(url, ANote(sessions[2], "Still a draft."))).ReadAsync<NoteDto>();
        Ok(await maya.PostAsync($"{url}/{shown.Id}/sign", null));
        Ok(await maya.PostAsync($"{url}/{withheld.Id}/sign", null));
        var kept = await (await maya.PostAsJsonAsync($"{url}/{withheld.Id}/withhold", new { withheld = true })).ReadAsync<NoteDto>();
        Assert.True(kept.WithheldFromClient);

        // Off by default: nothing, and the portal page says so in plain words.
        await (await client.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        var browser = app.Browser(address: "198.51.100.91");
        await browser.LogInAsync(email, Password);
        Assert.Contains("does not share session notes", await (await browser.GetAsync("/my/notes")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await SetClientsReadNotesAsync(true);
        try
        {
            var mine = (await client.GetFromJsonAsync<List<NoteDto>>(url, OnTrackApp.Json))!;
            var only = Assert.Single(mine);
            Assert.Equal((shown.Id, "We planned the week.", false, false), (only.Id, only.Text, only.WithheldFromClient, only.Mine));
            await (await client.GetAsync($"{url}/{withheld.Id}")).ProblemAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"{url}/{draft.Id}")).ProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{url}/{shown.Id}")).StatusCode);

            // The client writes none of it.
            await (await client.PostAsJsonAsync($"{url}/{shown.Id}/addenda", new { text = "My own view." })).ProblemAsync(HttpStatusCode.NotFound);
            await (await client.PostAsJsonAsync($"{url}/{shown.Id}/withhold", new { withheld = true })).ProblemAsync(HttpStatusCode.NotFound);

            // Shown again by its author, the withheld note is the client's to read too.
            Ok(await maya.PostAsJsonAsync($"{url}/{withheld.Id}/withhold", new { withheld = false }));
            Assert.Equal(2, (await client.GetFromJsonAsync<List<NoteDto>>(url, OnTrackApp.Json))!.Count);
        }
        finally
        {
            await SetClientsReadNotesAsync(false);
        }
    }

    [Fact]
    public async Task ThePage_WritesEditsAndSignsANote_AndAnEditPostedAfterSigning_ChangesNothing()
    {
        var (clientId, _, sessions) = await NewClientOfMayaAsync("Pia Page");
        var browser = app.Browser(address: "198.51.100.92");
        await browser.LogInAsync(Maya);
        var url = $"/clients/{clientId}/notes?session={sessions[0]}";

        var created = await browser.PostFormAsync(url, "note-new", new() { ["NewNote.Text"] = "Written on the page." });
        Assert.Contains("Draft saved.", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var edited = await browser.PostFormAsync(url, "note-edit", new() { ["EditNote.Text"] = "Changed on the page.", ["EditNote.Plan"] = "Next: the diary." });
        Assert.Contains("Draft saved.", await edited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var empty = await browser.PostFormAsync(url, "note-edit", new() { ["EditNote.Text"] = " " });
        Assert.Contains("The note is empty.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var signed = await browser.PostFormAsync(url, "note-sign", []);
        Assert.Contains("Note signed and locked.", await signed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The edit form is gone; an edit posted anyway is refused, never a server error.
        var late = await browser.PostFormAsync(url, "note-edit", new() { ["EditNote.Text"] = "Rewritten after signing." });
        Assert.True((int)late.StatusCode < 500, $"{(int)late.StatusCode}");
        var stored = await app.WithDbAsync(db => db.Set<SessionNote>().AsNoTracking().SingleAsync(n => n.ClientId == clientId));
        Assert.Equal(("Changed on the page.", "Next: the diary."), (stored.Text, stored.Plan));
        Assert.NotNull(stored.SignedAt);
    }

    private static void Ok(HttpResponseMessage response) => Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.ReasonPhrase}");

    private Task<int> SetClientsReadNotesAsync(bool on) =>
        app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.ClientsReadSignedNotes, on)));

    /// <summary>A client of Maya's with an account and <paramref name="sessions"/> attended sessions with her in the past, oldest first.</summary>
    private async Task<(Guid Id, HttpClient Client, List<Guid> Sessions)> NewClientOfMayaAsync(string name, int sessions = 1)
    {
        var (id, email) = await app.NewClientOfAsync(name, "Dr. Maya Chen", Password);
        var list = new List<Guid>();
        for (var i = 0; i < sessions; i++)
        {
            // A day of its own in 2025 for each session: no overlap with the demo's sessions or another test's.
            var day = Interlocked.Increment(ref _day);
            list.Add(await SessionAsync(id, "Dr. Maya Chen", Instant.FromUtc(2025, 1, 1, 17, 0) + Duration.FromDays(day)));
        }

        return (id, await app.SignInAsync(email, Password), list);
    }

    /// <summary>A session of the client with the therapist at <paramref name="start"/> (attended when past), stored as the schedule stores it.</summary>
    private async Task<Guid> SessionAsync(Guid clientId, string therapist, Instant start)
    {
        var therapistId = await app.TherapistIdAsync(therapist);
        return await app.WithDbAsync(async db =>
        {
            var clinic = await db.Clinics.SingleAsync(c => c.Slug == DemoClinic.Slug);
            var service = await db.Services.SingleAsync(s => s.Name == "Individual therapy");
            var appointment = new Appointment
            {
                ClinicId = clinic.Id,
                ServiceId = service.Id,
                TherapistId = therapistId,
                Start = start,
                End = start + Duration.FromMinutes(service.DurationMinutes),
                BlockedUntil = start + Duration.FromMinutes(service.DurationMinutes),
                TimeZoneId = clinic.TimeZoneId,
                Status = start < app.Clock.GetCurrentInstant() ? AppointmentStatus.Attended : AppointmentStatus.Booked,
                Capacity = 1,
                CreatedAt = app.Clock.GetCurrentInstant(),
            };
            appointment.Participants.Add(new Participant { ClinicId = clinic.Id, ClientId = clientId, Seat = 1, Capacity = 1 });
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return appointment.Id;
        });
    }
}

public sealed class NotesTestsOnSqlite(SqliteApp app) : NotesTests(app), IClassFixture<SqliteApp>;

public sealed class NotesTestsOnPostgres(PostgresApp app) : NotesTests(app), IClassFixture<PostgresApp>;
