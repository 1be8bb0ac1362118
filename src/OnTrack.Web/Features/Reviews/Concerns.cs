using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Notifications;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Reviews;

/// <summary>
/// "This isn't working for me": the client says what is not working and what they would like, and it
/// goes to their therapist as an alert — or, when they ask for a different therapist and choose so, to the
/// clinic's admins only. The client is told in plain words what happens next and by which day.
/// </summary>
public sealed class Concerns(OnTrackDbContext db, Caller caller, PlanActor actor, AlertRaiser alerts, IOptions<ClinicOptions> options, IClock clock)
{
    public const int MaxText = 2000;

    /// <summary>Working days (Monday to Friday) within which the client hears back.</summary>
    public const int AnswerWithinWorkingDays = 2;

    public async Task<Result<ConcernDto>> RaiseAsync(Guid clientId, ConcernRequest request, CancellationToken cancellationToken)
    {
        var topics = request.Topics?.Distinct().ToList() ?? [];
        var wishes = request.Wishes?.Distinct().ToList() ?? [];
        var text = request.Text?.Trim() ?? "";
        var sendTo = request.SendTo ?? ConcernAudience.Therapist;
        if (topics.Any(t => !Enum.IsDefined(t)) || wishes.Any(w => !Enum.IsDefined(w)) || !Enum.IsDefined(sendTo))
        {
            return Problem.BadRequest("Choose what is not working and what you would like from the lists given.");
        }

        // Checked here as well as on the API's record: pages call this directly.
        if (Validation.TextRules.Problem(request.Text, "What you would like to say", MaxText, multiline: true) is { } textProblem)
        {
            return Problem.BadRequest(textProblem);
        }

        if (topics.Count == 0 && wishes.Count == 0 && text.Length == 0)
        {
            return Problem.BadRequest("Say what is not working, what you would like, or write a few words.");
        }

        if (sendTo == ConcernAudience.ClinicAdmins && !wishes.Contains(ConcernWish.DifferentTherapist))
        {
            return Problem.BadRequest("Only a request for a different therapist can go to the clinic instead of your therapist.");
        }

        var client = await db.ClientRecords.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null)
        {
            return Problem.NotFound("The client");
        }

        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == client.ClinicId, cancellationToken);
        var now = clock.GetCurrentInstant();
        var answerBy = WorkingDaysAfter(now.InZone(clinic.Zone).Date, AnswerWithinWorkingDays);
        ConcernRecord record = sendTo == ConcernAudience.ClinicAdmins ? new ConcernForAdmins() : new ClientConcern();
        record.ClinicId = client.ClinicId;
        record.ClientId = clientId;
        record.RaisedAt = now;
        record.ByUserId = actor.UserId;
        record.ByName = await actor.NameAsync(cancellationToken);
        record.Topics = topics;
        record.Wishes = wishes;
        record.Text = text;
        record.State = ConcernState.Open;
        record.AnswerBy = answerBy;
        db.Add(record);

        if (record is ClientConcern toTherapist)
        {
            var alert = new Alert
            {
                ClinicId = client.ClinicId,
                ClientId = clientId,
                TherapistId = client.PrimaryTherapistId,
                Kind = AlertKind.ClientConcern,
                Priority = AlertPriority.Normal,
                State = AlertState.New,
                InstrumentId = "",
                Summary = Summary(client, record),
                RaisedAt = now,
            };
            db.Alerts.Add(alert);
            toTherapist.AlertId = alert.Id;
        }
        else
        {
            var link = $"{options.Value.PublicUrl.TrimEnd('/')}/admin/concerns";
            foreach (var admin in await alerts.AdminEmailsAsync(client.ClinicId, cancellationToken))
            {
                db.Outbox.Add(OutboxMessage.Email(client.ClinicId, now, admin, "concern-for-admins", $"A client asks for a different therapist ({ClientNames.Initials(client.FullName)})",
                    $"Client {ClientNames.Initials(client.FullName)} wrote that therapy is not working for them and asked for a different therapist. They chose to tell the clinic rather than their therapist, and were told someone would contact them by {TimeText.Date(answerBy)}.\n\nRead it and record what you did: {link}\n"));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return await ToDtoAsync(record, client, cancellationToken);
    }

    /// <summary>The client's concerns the caller may see, newest first: those sent to the therapist, and (for the client and admins) those sent to the clinic.</summary>
    public async Task<IReadOnlyList<ConcernDto>> ListAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var client = await db.ClientRecords.AsNoTracking().SingleAsync(c => c.Id == clientId, cancellationToken);
        var records = new List<ConcernRecord>();
        records.AddRange(await db.Set<ClientConcern>().AsNoTracking().Where(c => c.ClientId == clientId).ToListAsync(cancellationToken));
        records.AddRange(await db.Set<ConcernForAdmins>().AsNoTracking().Where(c => c.ClientId == clientId).ToListAsync(cancellationToken));
        var list = new List<ConcernDto>();
        foreach (var record in records.OrderByDescending(r => r.RaisedAt))
        {
            list.Add(await ToDtoAsync(record, client, cancellationToken));
        }

        return list;
    }

    /// <summary>The concerns clients sent to the clinic's admins, open ones first (admins only: the compartment shows them to no one else).</summary>
    public async Task<IReadOnlyList<AdminConcernDto>> ForAdminsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<ConcernForAdmins>().AsNoTracking()
            .Join(db.ClientRecords, c => c.ClientId, k => k.Id, (c, k) => new { Concern = c, Client = k })
            .OrderBy(x => x.Concern.State).ThenByDescending(x => x.Concern.RaisedAt).Take(200).ToListAsync(cancellationToken);
        var list = new List<AdminConcernDto>();
        foreach (var row in rows)
        {
            list.Add(new AdminConcernDto(row.Client.Id, row.Client.FullName, await ToDtoAsync(row.Concern, row.Client, cancellationToken)));
        }

        return list;
    }

    /// <summary>Marks a concern sent to the admins handled, with what was done.</summary>
    public async Task<Result<ConcernDto>> HandleForAdminsAsync(Guid concernId, ConcernHandledRequest request, CancellationToken cancellationToken)
    {
        var concern = await db.Set<ConcernForAdmins>().SingleOrDefaultAsync(c => c.Id == concernId, cancellationToken);
        if (concern is null || !caller.IsAdmin)
        {
            return Problem.NotFound("The request");
        }

        var outcome = request.Outcome?.Trim() ?? "";
        if (outcome.Length == 0)
        {
            return Problem.BadRequest("Say in a line what was done (for example: called the client, moved to another therapist).");
        }

        if (Validation.TextRules.Problem(outcome, "What was done", 1000) is { } outcomeProblem)
        {
            return Problem.BadRequest(outcomeProblem);
        }

        if (concern.State == ConcernState.Handled)
        {
            return Problem.Invalid("This request was already marked handled.");
        }

        concern.State = ConcernState.Handled;
        concern.HandledAt = clock.GetCurrentInstant();
        concern.HandledBy = await actor.NameAsync(cancellationToken);
        concern.Outcome = outcome;
        await db.SaveChangesAsync(cancellationToken);
        var client = await db.ClientRecords.AsNoTracking().SingleAsync(c => c.Id == concern.ClientId, cancellationToken);
        return await ToDtoAsync(concern, client, cancellationToken);
    }

    /// <summary>The day <paramref name="days"/> working days (Monday to Friday) after <paramref name="from"/>.</summary>
    public static LocalDate WorkingDaysAfter(LocalDate from, int days)
    {
        var day = from;
        for (var counted = 0; counted < days;)
        {
            day = day.PlusDays(1);
            if (day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                counted++;
            }
        }

        return day;
    }

    private static string Summary(Client client, ConcernRecord record)
    {
        var first = client.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? client.FullName;
        var parts = new List<string> { $"{first} says therapy isn't working for them" + (record.Topics.Count > 0 ? ": " + string.Join(", ", record.Topics.Select(ConcernWords.Topic)) : "") + "." };
        if (record.Wishes.Count > 0)
        {
            parts.Add("Would like: " + string.Join(", ", record.Wishes.Select(ConcernWords.Wish)) + ".");
        }

        if (record.Text.Length > 0)
        {
            parts.Add($"“{(record.Text.Length > 600 ? record.Text[..600] + "…" : record.Text)}”");
        }

        return string.Join(" ", parts);
    }

    private async Task<ConcernDto> ToDtoAsync(ConcernRecord record, Client client, CancellationToken cancellationToken)
    {
        var therapist = client.PrimaryTherapistId is { } t
            ? await db.Therapists.AsNoTracking().Where(x => x.Id == t).Select(x => x.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        var now = clock.GetCurrentInstant();
        var zone = await actor.ZoneAsync(cancellationToken);
        var next = await db.Appointments.AsNoTracking()
            .Where(a => a.Start > now && a.Status == AppointmentStatus.Booked && a.Participants.Any(p => p.ClientId == client.Id && p.Status == ParticipantStatus.Booked))
            .OrderBy(a => a.Start).Select(a => (Instant?)a.Start).FirstOrDefaultAsync(cancellationToken);
        var (sentTo, alertId, reviewId) = record is ClientConcern c ? (ConcernAudience.Therapist, c.AlertId, c.ReviewId) : (ConcernAudience.ClinicAdmins, (Guid?)null, (Guid?)null);
        return new ConcernDto(record.Id, record.ClientId, record.RaisedAt.ToDateTimeOffset(), record.ByName, record.Topics, record.Wishes, record.Text, sentTo,
            record.State, new DateOnly(record.AnswerBy.Year, record.AnswerBy.Month, record.AnswerBy.Day),
            ConcernWords.WhatHappensNext(sentTo, record.State, therapist, record.AnswerBy, next?.InZone(zone)),
            record.HandledAt?.ToDateTimeOffset(), record.HandledBy, record.Outcome, alertId, reviewId);
    }
}
