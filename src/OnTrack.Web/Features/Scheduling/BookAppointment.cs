using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Scheduling;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Staff;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Scheduling;

/// <summary>
/// Books one session or a whole series, all or nothing. Availability is checked first so the client
/// gets a useful list of conflicts, but the guarantee against double booking is the database's: if two
/// requests race, its constraint refuses the second and this answers 409.
/// </summary>
public sealed class BookAppointment(
    OnTrackDbContext db,
    CurrentClinic currentClinic,
    Availability availability,
    Caller caller,
    BookingEmails emails,
    NewClientAccounts accounts, IClock clock)
{
    public async Task<Result<BookingResponse>> HandleAsync(BookingRequest request, CancellationToken cancellationToken) =>
        await HandleAsync(request, null, cancellationToken);

    /// <summary>With an idempotency key, a retried request returns the first answer instead of booking again.</summary>
    public async Task<Result<BookingResponse>> HandleAsync(BookingRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (idempotencyKey is null)
        {
            return await BookAsync(request, null, cancellationToken);
        }

        if (await PreviousAnswerAsync(request, idempotencyKey, cancellationToken) is { } previous)
        {
            return previous;
        }

        Result<BookingResponse> result;
        try
        {
            result = await BookAsync(request, idempotencyKey, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same request, sent twice at once, lost on the key's unique index: answer as the winner did.
            var earlier = await PreviousAnswerAsync(request, idempotencyKey, cancellationToken);
            if (earlier is null)
            {
                throw;
            }

            return earlier;
        }

        // Or it lost earlier, to the winner's own booking (its time, its client, its new account): a
        // refusal caused by that booking is no answer to a retry of it. Every such check reads committed
        // rows, and the winner's answer is committed with its booking, so it is visible here.
        return result.Succeeded ? result : await PreviousAnswerAsync(request, idempotencyKey, cancellationToken) ?? result;
    }

    /// <summary>
    /// An anonymous first booking. It is checked and planned like any other (so a taken time is said at once,
    /// the same for every email), then nothing is booked and the answer is the same whether or not the email
    /// is known: the address's owner gets an email with the next step, and books once signed in (decision 010).
    /// </summary>
    public async Task<Result<BookingRequested>> RequestAsync(BookingRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (caller.UserId is not null)
        {
            return Problem.Invalid("You are signed in: your booking is made for your account.");
        }

        var who = await ResolveClientAsync(request, cancellationToken);
        if (who.Problem is not null)
        {
            return who.Problem;
        }

        var planned = await PlanAsync(request, cancellationToken);
        if (planned.Problem is not null)
        {
            return planned.Problem;
        }

        var plan = planned.Value!;
        if (plan.Therapist is null)
        {
            return Unavailable(plan);
        }

        var first = plan.Occurrences[0].Start;
        var what = $"{plan.Service.Name} with {plan.Therapist.DisplayName} on {TimeText.Moment(first, plan.Clinic.TimeZoneId)}"
                   + (plan.Occurrences.Count > 1 ? $", and {plan.Occurrences.Count - 1} more sessions at the same time" : "");
        var link = "/book" + QueryString.Create(new Dictionary<string, string?>
        {
            ["service"] = plan.Service.Id.ToString(),
            ["therapist"] = request.TherapistId?.ToString() ?? "any",
            ["start"] = first.ToString("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["repeat"] = request.Repeat == RepeatPattern.None ? null : request.Repeat.ToString(),
            ["sessions"] = request.Repeat == RepeatPattern.None ? null : plan.Occurrences.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["second"] = request.Repeat == RepeatPattern.TwiceWeekly ? request.SecondDay?.ToString() : null,
            ["clinic"] = plan.Clinic.Slug,
        }.Where(kv => kv.Value is not null));
        return await accounts.RequestFirstBookingAsync(plan.Clinic, request.NewClient!, new FirstBooking(what, link),
            idempotencyKey is null ? null : (IdempotencyScope(request), idempotencyKey), cancellationToken);
    }

    private static Problem Unavailable(Plan plan) => Problem.Conflict(
        plan.Occurrences.Count == 1 ? "That time is not available. Please choose another time." : $"{plan.Conflicts.Count} of the {plan.Occurrences.Count} sessions cannot be booked, so none were. Choose another time or fewer sessions.",
        plan.Conflicts);

    private async Task<Result<BookingResponse>> BookAsync(BookingRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var who = await ResolveClientAsync(request, cancellationToken);
        if (who.Problem is not null)
        {
            return who.Problem;
        }

        if (who.Value!.Existing is null)
        {
            return Problem.BadRequest("Sign in to book; a first booking without an account is a request (RequestAsync).");
        }

        var planned = await PlanAsync(request, cancellationToken);
        if (planned.Problem is not null)
        {
            return planned.Problem;
        }

        var plan = planned.Value!;
        if (who.Value.Existing is { } client && await ClientConflictsAsync(client.Id, plan, cancellationToken) is { Count: > 0 } clash)
        {
            return Problem.Conflict("The client already has a session at that time.", clash);
        }

        if (plan.Therapist is null)
        {
            return Unavailable(plan);
        }

        return await SaveAsync(plan.Clinic, plan.Service, plan.Therapist, plan.Occurrences, request.Repeat, who.Value!.Existing!, request.OtherClients ?? [],
            idempotencyKey is null ? null : (IdempotencyScope(request), idempotencyKey), cancellationToken);
    }

    /// <summary>Sessions of the plan that overlap another booked session of the same client (with any therapist).</summary>
    private async Task<IReadOnlyList<Conflict>> ClientConflictsAsync(Guid clientId, Plan plan, CancellationToken cancellationToken)
    {
        var from = plan.Occurrences[0].Start;
        var to = plan.Occurrences[^1].End;
        var theirs = await db.Participants.Unfiltered(Bypass.BusyTimes).AsNoTracking()
            .Where(p => p.ClientId == clientId && p.Status == ParticipantStatus.Booked && p.Appointment!.Status == AppointmentStatus.Booked
                        && p.Appointment.Start < to && p.Appointment.End > from)
            .Select(p => new TimeRange(p.Appointment!.Start, p.Appointment.End)).ToListAsync(cancellationToken);
        return plan.Occurrences.Where(o => theirs.Any(t => t.Overlaps(new TimeRange(o.Start, o.End))))
            .Select(o => new Conflict(o.Start.ToDateTimeOffset(), FindSlots.FormatLocal(o.Start, plan.Clinic.Zone), "the client already has a session then"))
            .ToList();
    }

    private string IdempotencyScope(BookingRequest request) =>
        "book:" + (caller.UserId ?? "new:" + request.NewClient?.Email.Trim().ToUpperInvariant());

    private async Task<BookingResponse?> PreviousAnswerAsync(BookingRequest request, string key, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var scope = IdempotencyScope(request);
        var json = await db.IdempotencyRecords.AsNoTracking().Where(r => r.Scope == scope && r.Key == key).Select(r => r.ResponseJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : System.Text.Json.JsonSerializer.Deserialize<BookingResponse>(json, IdempotencyJson);
    }

    private static readonly System.Text.Json.JsonSerializerOptions IdempotencyJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The sessions a request would book and whether each is free, without booking anything: shown before the client confirms.</summary>
    public async Task<Result<BookingPreview>> PreviewAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var planned = await PlanAsync(request, cancellationToken);
        if (planned.Problem is not null)
        {
            return planned.Problem;
        }

        var plan = planned.Value!;
        var zone = plan.Clinic.Zone;
        var conflicts = plan.Conflicts.ToDictionary(c => c.Start);
        var sessions = plan.Occurrences.Select(o => o.Start.ToDateTimeOffset()).Select(start => conflicts.TryGetValue(start, out var c)
            ? new PreviewSession(start, c.LocalTime, false, c.Reason)
            : new PreviewSession(start, FindSlots.FormatLocal(Instant.FromDateTimeOffset(start), zone), true, null)).ToList();
        return new BookingPreview(plan.Therapist?.Id, plan.Therapist?.DisplayName, plan.Therapist is not null, sessions);
    }

    /// <summary>Validates the request and plans its sessions; picks the first candidate therapist free for all of them.</summary>
    private async Task<Result<Plan>> PlanAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        var clinic = await currentClinic.GetAsync(cancellationToken: cancellationToken);
        if (clinic is null)
        {
            return Problem.NotFound("The clinic");
        }

        var service = await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.ServiceId && s.Active, cancellationToken);
        if (service is null)
        {
            return Problem.Invalid("There is no such service at this clinic.");
        }

        if (service.Format == SessionFormat.Group)
        {
            return Problem.Invalid("Group sessions are joined, not booked: choose one of the open group sessions.");
        }

        var others = request.OtherClients ?? [];
        if (others.Count > 0 && service.Format == SessionFormat.Individual)
        {
            return Problem.Invalid("Only couples and family sessions can include other people.");
        }

        if (others.Count + 1 > service.Capacity)
        {
            return Problem.Invalid($"This service holds at most {service.Capacity} people.");
        }

        foreach (var other in others)
        {
            if (Invalid(other) is { } problem)
            {
                return problem;
            }
        }

        if (!Enum.IsDefined(request.Repeat) || (request.SecondDay is { } second && !Enum.IsDefined(second)))
        {
            return Problem.BadRequest("repeat must be None, Weekly or TwiceWeekly, and secondDay a weekday such as Thursday.");
        }

        var pattern = request.Repeat;
        var count = pattern == RepeatPattern.None ? 1 : request.Sessions;
        if (count is < 1 or > SeriesPlanner.MaxSessions)
        {
            return Problem.Invalid($"A series has between 1 and {SeriesPlanner.MaxSessions} sessions.");
        }

        if (pattern == RepeatPattern.TwiceWeekly && (request.SecondDay is null || ToIso(request.SecondDay.Value) == Instant.FromDateTimeOffset(request.Start).InZone(clinic.Zone).DayOfWeek))
        {
            return Problem.Invalid("A twice-weekly series needs a second weekday, different from the first session's.");
        }

        var now = clock.GetCurrentInstant();
        var start = Instant.FromDateTimeOffset(request.Start);
        var notBefore = caller.IsStaff ? now : now + Availability.MinimumNotice;
        if (start < notBefore)
        {
            return Problem.Invalid(start < now
                ? "That time is in the past."
                : $"Online bookings need at least {Availability.MinimumNotice.TotalHours:0} hours' notice. Please call the office for a sooner appointment.");
        }

        if (Availability.OutsideHorizon(start, now) is { } tooFar)
        {
            return tooFar;
        }

        var zone = clinic.Zone;
        var occurrences = SeriesPlanner.Plan(start.InZone(zone).LocalDateTime, zone, Duration.FromMinutes(service.DurationMinutes), pattern, count,
            request.SecondDay is { } d ? ToIso(d) : null);

        var candidates = await db.Therapists.AsNoTracking()
            .Where(t => t.Active && db.ServiceTherapists.Any(st => st.ServiceId == service.Id && st.TherapistId == t.Id))
            .Where(t => request.TherapistId == null || t.Id == request.TherapistId)
            .OrderBy(t => t.DisplayName).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return Problem.Invalid(request.TherapistId is null ? "No therapist offers this service." : "That therapist does not offer this service.");
        }

        var queries = await availability.LoadAsync(clinic, candidates, Duration.FromMinutes(service.DurationMinutes),
            occurrences[0].Local.Date, occurrences[^1].Local.Date, notBefore, null, cancellationToken);

        IReadOnlyList<Conflict> conflicts = [];
        foreach (var candidate in candidates)
        {
            var found = Conflicts(queries[candidate.Id], occurrences, zone);
            if (found.Count == 0)
            {
                return new Plan(clinic, service, candidate, occurrences, []);
            }

            if (conflicts.Count == 0 || found.Count < conflicts.Count)
            {
                conflicts = found;
            }
        }

        return new Plan(clinic, service, null, occurrences, conflicts);
    }

    private async Task<Result<BookingResponse>> SaveAsync(
        Clinic clinic, Service service, Therapist therapist, IReadOnlyList<Occurrence> occurrences, RepeatPattern pattern,
        Client client, IReadOnlyList<PersonDetails> others, (string Scope, string Key)? idempotency, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var now = clock.GetCurrentInstant();
            var people = new List<Client> { client };
            foreach (var other in others)
            {
                // Staff may add a client the clinic already has (within what they may see); a client
                // booking for their partner always makes a new record, so no one learns who else is a
                // client here or puts them into a session.
                var existing = caller.IsStaff
                    ? await db.ClientRecords.FirstOrDefaultAsync(c => c.Email.ToUpper() == other.Email.Trim().ToUpperInvariant(), cancellationToken)
                    : null;
                if (existing is null)
                {
                    existing = new Client { ClinicId = clinic.Id, FullName = other.FullName.Trim(), Email = other.Email.Trim(), CreatedAt = now };
                    db.ClientRecords.Add(existing);
                }

                if (people.All(p => p.Id != existing.Id))
                {
                    people.Add(existing);
                }
            }

            AppointmentSeries? series = null;
            if (occurrences.Count > 1)
            {
                series = new AppointmentSeries { ClinicId = clinic.Id, Pattern = pattern, Count = occurrences.Count, CreatedAt = now };
                db.Series.Add(series);
            }

            var appointments = occurrences.Select(o => NewAppointment(clinic, service, therapist, o.Start, series?.Id, now, people)).ToList();
            db.Appointments.AddRange(appointments);
            emails.Booked(clinic, service, therapist, appointments, people);
            var response = new BookingResponse(series?.Id, appointments.Select(a => AppointmentMapper.ToDto(a, service, therapist)).ToList());
            if (idempotency is { } idem)
            {
                db.IdempotencyRecords.Add(IdempotencyRecord.Answer(clinic.Id, idem, StatusCodes.Status201Created, now, response));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
        catch (DbUpdateException ex) when (ConstraintViolations.AsBookingConflict(ex) is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return ConstraintViolations.AsBookingConflict(ex)!;
        }
    }

    internal static Appointment NewAppointment(Clinic clinic, Service service, Therapist therapist, Instant start, Guid? seriesId, Instant now, IReadOnlyList<Client> people)
    {
        var end = start + Duration.FromMinutes(service.DurationMinutes);
        var appointment = new Appointment
        {
            ClinicId = clinic.Id,
            ServiceId = service.Id,
            TherapistId = therapist.Id,
            SeriesId = seriesId,
            Start = start,
            End = end,
            BlockedUntil = end + Duration.FromMinutes(therapist.BufferMinutes),
            TimeZoneId = clinic.TimeZoneId,
            Status = AppointmentStatus.Booked,
            Capacity = service.Capacity,
            CreatedAt = now,
            VideoLink = service.Modality == Modality.Video ? clinic.VideoRoomBaseUrl.TrimEnd('/') + "/" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10)).ToLowerInvariant() : null,
        };
        for (var i = 0; i < people.Count; i++)
        {
            appointment.Participants.Add(new Participant { ClinicId = clinic.Id, ClientId = people[i].Id, Seat = i + 1, Capacity = service.Capacity });
        }

        return appointment;
    }

    internal static IReadOnlyList<Conflict> Conflicts(SlotQuery query, IReadOnlyList<Occurrence> occurrences, DateTimeZone zone)
    {
        var conflicts = new List<Conflict>();
        foreach (var o in occurrences)
        {
            if (SlotFinder.IsBookable(query, o.Start))
            {
                continue;
            }

            var occupied = new TimeRange(o.Start, o.End + query.Buffer);
            var reason = o.Start < query.NotBefore ? "too soon to book online"
                : query.Busy.Any(b => b.Overlaps(occupied)) ? "already booked"
                : query.Exceptions.Any(e => e.Date == o.Local.Date && e.Kind == ExceptionKind.TimeOff) ? "the therapist is away"
                : "outside the therapist's hours";
            conflicts.Add(new Conflict(o.Start.ToDateTimeOffset(), FindSlots.FormatLocal(o.Start, zone), reason));
        }

        return conflicts;
    }

    private async Task<Result<ClientChoice>> ResolveClientAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        if (caller.ClientId is { } own)
        {
            if (request.ClientId is { } asked && asked != own)
            {
                return Problem.Invalid("You can only book for yourself.");
            }

            var me = await db.ClientRecords.SingleOrDefaultAsync(c => c.Id == own, cancellationToken);
            return me is null ? Problem.NotFound("Your client record") : new ClientChoice(me);
        }

        if (caller.IsStaff)
        {
            if (request.ClientId is null)
            {
                return Problem.BadRequest("clientId is required when staff book a session.");
            }

            var client = await db.ClientRecords.SingleOrDefaultAsync(c => c.Id == request.ClientId, cancellationToken);
            return client is null ? Problem.Invalid("There is no such client.") : new ClientChoice(client);
        }

        if (caller.UserId is not null)
        {
            return Problem.Invalid("This account cannot book sessions.");
        }

        if (request.NewClient is null)
        {
            return Problem.BadRequest("Sign in, or give newClient details (name, email, password) to create your account with this booking.");
        }

        return Invalid(request.NewClient) is { } problem ? problem : new ClientChoice(null);
    }

    private static Problem? Invalid(object details) => Validation.InputRules.Check(details);

    private static IsoDayOfWeek ToIso(DayOfWeek day) => day == DayOfWeek.Sunday ? IsoDayOfWeek.Sunday : (IsoDayOfWeek)(int)day;

    private sealed record ClientChoice(Client? Existing);

    private sealed record Plan(Clinic Clinic, Service Service, Therapist? Therapist, IReadOnlyList<Occurrence> Occurrences, IReadOnlyList<Conflict> Conflicts);
}
