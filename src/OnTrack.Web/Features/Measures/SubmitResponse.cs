using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Measures;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Measures;

/// <summary>
/// Stores a completed form, all or nothing: the answers are checked against the instrument and the form
/// must be due (for clients); the response, its scores, any alerts and the therapist's risk email are
/// written in one transaction. A retry with the same idempotency key returns the first answer.
/// </summary>
public sealed class SubmitResponse(
    OnTrackDbContext db, Caller caller, CurrentClinic currentClinic, InstrumentCatalog catalog, DueForms dueForms, AlertRaiser alerts, IClock clock, IEnumerable<IClientForms> clientForms)
{
    public const int MaxKeyLength = 100;

    public async Task<Result<SubmissionResult>> HandleAsync(ResponseRequest request, string? idempotencyKey, bool kiosk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (idempotencyKey is { Length: 0 or > MaxKeyLength })
        {
            return Problem.BadRequest("Idempotency-Key must be 1 to 100 characters, e.g. a new GUID per form.");
        }

        if (await currentClinic.GetAsync(cancellationToken: cancellationToken) is not { } clinic || caller.ClinicId is null)
        {
            return Problem.NotFound("The clinic");
        }

        // Whose form: a client's own, or (staff) a client they may see.
        var clientId = caller.ClientId ?? request.ClientId;
        if (caller.ClientId is { } own && request.ClientId is { } asked && asked != own)
        {
            return Problem.NotFound("The client");
        }

        if (clientId is null)
        {
            return Problem.BadRequest("clientId is required when staff record a form.");
        }

        var client = await db.ClientRecords.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null || (caller.ClientId is null && !caller.IsStaff))
        {
            return Problem.NotFound("The client");
        }

        if (idempotencyKey is not null && await ReplayAsync(client.Id, idempotencyKey, request.InstrumentId, clinic, cancellationToken) is { } replay)
        {
            return replay;
        }

        if (string.IsNullOrWhiteSpace(request.InstrumentId) || !catalog.All.TryGetValue(request.InstrumentId, out var instrument))
        {
            return Problem.Invalid($"'{request.InstrumentId}' is not one of the clinic's instruments.");
        }

        if (instrument.GeneratedPerClient)
        {
            // The client's own form as it stands now (their active goals): answers name its items.
            Instrument? clientsForm = null;
            foreach (var forms in clientForms)
            {
                clientsForm ??= (await forms.ForClientAsync(client.Id, cancellationToken)).FirstOrDefault(i => i.Id == instrument.Id);
            }

            if (clientsForm is null)
            {
                return Problem.Invalid($"{instrument.Title}: there is nothing to rate yet (no active goals).");
            }

            instrument = clientsForm;
        }

        var answers = request.Answers ?? [];
        var unknown = answers.Keys.Where(k => instrument.Items.All(i => i.LinkId != k)).ToList();
        if (unknown.Count > 0)
        {
            return Problem.BadRequest($"{instrument.Title} has no item(s) {string.Join(", ", unknown)}.");
        }

        var ordered = instrument.Items.Select(i => answers.GetValueOrDefault(i.LinkId)).ToList();
        var readable = Scorer.Readable(instrument, ordered);
        var score = Scorer.Score(instrument, readable.Answers);

        // Safety first: an endorsed risk item is stored and alerted on whatever else is wrong with the form
        // (blanks, an unreadable answer); the total is then invalid, or prorated where the instrument allows.
        string? incomplete = null;
        if (readable.Problems.Count > 0 || !score.Valid)
        {
            var missing = instrument.ScoredItems.Where(i => string.IsNullOrWhiteSpace(answers.GetValueOrDefault(i.LinkId))).Select(i => i.LinkId).ToList();
            var what = string.Join(" ", readable.Problems.Select(p => p.EndsWith('.') ? p : p + "."))
                + (score.Valid || missing.Count == 0 ? "" : $"{(readable.Problems.Count > 0 ? " " : "")}Unanswered: {string.Join(", ", missing)}. {score.InvalidReason}");
            if (score.Risks.Count == 0)
            {
                return readable.Problems.Count > 0
                    ? Problem.BadRequest($"{instrument.Title}: {readable.Problems[0]}")
                    : Problem.Invalid($"{instrument.Title}: please answer every question (unanswered: {string.Join(", ", missing)}). {score.InvalidReason}");
            }

            ordered = [.. readable.Answers];
            incomplete = $"{instrument.Title} was stored because a risk item was endorsed, {(score.Valid ? "with a prorated total" : "without a total")}: {what.Trim()}";
        }

        var now = clock.GetCurrentInstant();
        var when = now;
        FormSession? session;
        ResponseSource source;
        if (caller.ClientId is not null)
        {
            // Clients (portal or kiosk) complete what is due now, for the session it is due for.
            var due = await dueForms.ForAsync(client.Id, clinic, now, cancellationToken);
            if (due.Instruments.All(i => i.Id != instrument.Id))
            {
                // A concurrent retry may have just stored this very form.
                if (idempotencyKey is not null && await ReplayAsync(client.Id, idempotencyKey, request.InstrumentId, clinic, cancellationToken) is { } justStored)
                {
                    return justStored;
                }

                return Problem.Invalid($"{instrument.Title} is not due now{(due.Session is null ? "" : " for your next session")}; it may already be done.");
            }

            session = due.Session;
            source = kiosk ? ResponseSource.Kiosk : ResponseSource.Portal;
        }
        else
        {
            // Staff type in a paper form: dated as written on it, for one of the client's sessions if given.
            source = ResponseSource.Paper;
            if (request.CompletedAt is { } completed)
            {
                when = Instant.FromDateTimeOffset(completed);
                if (when > now + Duration.FromMinutes(5) || when < now - Duration.FromDays(3 * 365))
                {
                    return Problem.Invalid("The date on a paper form cannot be in the future or more than three years ago.");
                }
            }

            session = null;
            if (request.AppointmentId is { } appointmentId)
            {
                session = await SessionOfAsync(client.Id, appointmentId, cancellationToken);
                if (session is null)
                {
                    return Problem.Invalid("That session is not one of this client's.");
                }
            }
        }

        var response = new MeasureResponse
        {
            ClinicId = clinic.Id,
            ClientId = client.Id,
            InstrumentId = instrument.Id,
            InstrumentVersion = instrument.Version,
            AppointmentId = session?.AppointmentId,
            SessionNumber = session?.Number,
            CompletedAt = when,
            RecordedAt = now,
            Source = source,
            RecordedByUserId = caller.UserId,
            Answers = JsonSerializer.Serialize(ordered.Select(a => string.IsNullOrWhiteSpace(a) ? null : a.Trim())),
            Valid = score.Valid,
            Total = score.Total,
            Band = score.Band,
            IsCase = score.Case,
            Subscales = JsonSerializer.Serialize(score.Subscales.ToDictionary(s => s.Id, s => s.Score)),
            RiskEndorsed = score.Risks.Count > 0,
            IdempotencyKey = idempotencyKey,
        };
        db.Responses.Add(response);
        await alerts.RaiseAsync(clinic, client, instrument, score, response, session?.TherapistId, cancellationToken);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // A concurrent retry with the same key got there first: answer as it was answered.
            db.ChangeTracker.Clear();
            if (await ReplayAsync(client.Id, idempotencyKey, request.InstrumentId, clinic, cancellationToken) is { } raced)
            {
                return raced;
            }

            throw;
        }

        var stillDue = caller.ClientId is null ? [] : (await dueForms.ForAsync(client.Id, clinic, now, cancellationToken)).Instruments.Select(i => i.Id).ToList();
        return new SubmissionResult(ResponseMapper.ToDto(response, catalog), false, response.RiskEndorsed ? CrisisText(clinic) : null, stillDue)
        {
            CrisisMessage = CrisisMessage(score.Risks),
            Incomplete = incomplete,
        };
    }

    /// <summary>The instrument with this id, if the clinic has it.</summary>
    public Instrument? Instrument(string id) => catalog.All.GetValueOrDefault(id);

    /// <summary>The crisis resources to show; never empty, even when the clinic has not filled them in.</summary>
    public static string CrisisText(Clinic clinic)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        return string.IsNullOrWhiteSpace(clinic.CrisisResources)
            ? $"If you are in danger or thinking about harming yourself, call your local emergency number now. You can also call {clinic.Name}: {clinic.Phones}."
            : clinic.CrisisResources;
    }

    /// <summary>What the client is told about the risk items they endorsed, in each item's own words; null when none.</summary>
    public static string? CrisisMessage(IReadOnlyList<RiskFlag> risks)
    {
        ArgumentNullException.ThrowIfNull(risks);
        return risks.Count == 0 ? null : string.Join(" ", risks.Select(r => r.ClientMessage).Distinct(StringComparer.Ordinal));
    }

    /// <summary>The wording for a stored response's endorsed risk items (a safe general sentence if the instrument is gone).</summary>
    public static string CrisisMessage(InstrumentCatalog catalog, MeasureResponse response)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(response);
        if (catalog.All.GetValueOrDefault(response.InstrumentId) is { } instrument
            && JsonSerializer.Deserialize<List<string?>>(response.Answers) is { } stored && stored.Count == instrument.Items.Count)
        {
            var risks = Scorer.Score(instrument, Scorer.Readable(instrument, stored).Answers).Risks;
            if (CrisisMessage(risks) is { } message)
            {
                return message;
            }
        }

        return RiskRule.DefaultClientMessage;
    }

    private async Task<Result<SubmissionResult>?> ReplayAsync(Guid clientId, string key, string instrumentId, Clinic clinic, CancellationToken cancellationToken)
    {
        var existing = await db.Responses.Unfiltered(Bypass.SubmissionChecks).AsNoTracking()
            .FirstOrDefaultAsync(r => r.ClientId == clientId && r.IdempotencyKey == key, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        // A replay answers with the stored form, so it is a read: authorized by the caller's filter
        // (reception may not read scores: 404, as if there were no such form) and audited.
        if (!await db.Responses.AsNoTracking().AnyAsync(r => r.Id == existing.Id, cancellationToken))
        {
            return Problem.NotFound("The form");
        }

        if (existing.InstrumentId != instrumentId)
        {
            return Problem.Invalid("This Idempotency-Key was already used for a different form; use a new key for each form.");
        }

        db.AuditRead("MeasureResponse", existing.Id.ToString(), existing.ClientId, "replayed by Idempotency-Key");
        await db.SaveChangesAsync(cancellationToken);
        return new SubmissionResult(ResponseMapper.ToDto(existing, catalog), true, existing.RiskEndorsed ? CrisisText(clinic) : null, [])
        {
            CrisisMessage = existing.RiskEndorsed ? CrisisMessage(catalog, existing) : null,
        };
    }

    private async Task<FormSession?> SessionOfAsync(Guid clientId, Guid appointmentId, CancellationToken cancellationToken)
    {
        var sessions = await db.Appointments.Unfiltered(Bypass.SubmissionChecks).AsNoTracking()
            .Where(a => a.Participants.Any(p => p.ClientId == clientId && p.Status == ParticipantStatus.Booked)
                        && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Attended))
            .OrderBy(a => a.Start)
            .Select(a => new { a.Id, a.Start, a.TherapistId })
            .ToListAsync(cancellationToken);
        var index = sessions.FindIndex(s => s.Id == appointmentId);
        return index < 0 ? null : new FormSession(appointmentId, sessions[index].Start, index + 1, sessions[index].TherapistId);
    }
}

internal static class ResponseMapper
{
    public static ResponseDto ToDto(MeasureResponse r, InstrumentCatalog catalog)
    {
        var instrument = catalog.All.GetValueOrDefault(r.InstrumentId);
        var answers = JsonSerializer.Deserialize<List<string?>>(r.Answers) ?? [];
        var subscales = JsonSerializer.Deserialize<Dictionary<string, decimal?>>(r.Subscales) ?? [];

        // A client's own form (goal ratings) had one item per goal, each also stored as a subscale by its LinkId, in order.
        var linkIds = instrument is { GeneratedPerClient: true } ? subscales.Keys.ToList() : instrument?.Items.Select(i => i.LinkId).ToList() ?? [];
        var byItem = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < answers.Count; i++)
        {
            byItem[i < linkIds.Count ? linkIds[i] : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = answers[i];
        }

        return new ResponseDto(r.Id, r.ClientId, r.InstrumentId, r.InstrumentVersion, r.CompletedAt.ToDateTimeOffset(), r.Source, r.AppointmentId, r.SessionNumber,
            r.Valid, r.Total, r.Band, r.IsCase, subscales, byItem, r.RiskEndorsed);
    }
}
