using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using OnTrack.Web.Api;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Notifications;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Scheduling;

public static class SchedulingEndpoints
{
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddScoped<AvailabilityAdmin>();
        services.AddScoped<NewClientAccounts>();
        services.AddScoped<Availability>();
        services.AddScoped<FindSlots>();
        services.AddScoped<BookAppointment>();
        services.AddScoped<ChangeAppointment>();
        services.AddScoped<AppointmentQueries>();
        services.AddScoped<ServiceQueries>();
        services.AddScoped<BookingEmails>();
        services.AddScoped<ServiceAdmin>();
        return services;
    }

    public static IEndpointRouteBuilder MapScheduling(this IEndpointRouteBuilder app)
    {
        // Public: what a visitor needs to choose and book a first session.
        var open = app.MapGroup("/api").WithTags("Booking").AllowAnonymous();
        open.MapGet("/services", ListServicesAsync).WithSummary("Bookable services of the clinic");
        open.MapGet("/services/{serviceId:guid}/therapists", ListTherapistsAsync).WithSummary("Therapists who offer a service");
        open.MapGet("/slots", SlotsAsync).WithSummary("Free session times (or open group sessions) for a service");
        open.MapPost("/appointments", BookAsync).WithSummary("Book a session or a weekly / twice-weekly series, all or nothing")
            .WithDescription("Signed-in clients book for themselves (201); staff give clientId. Without signing in, a new client gives newClient: the answer is always " +
                             "202 \"check-email\" and nothing is booked yet; a new address gets its account and a link to confirm it and book, a known one a link to sign in and book. " +
                             "Send an Idempotency-Key header to retry safely: the same key returns the first answer and books nothing twice.")
            .RequireRateLimiting(RateLimits.Booking);

        open.MapPost("/appointments/preview", async (BookingRequest request, BookAppointment handler, CurrentClinic clinic, [FromQuery(Name = "clinic")] string? slug, CancellationToken ct) =>
            {
                await clinic.GetAsync(slug, ct);
                return ToHttp(await handler.PreviewAsync(request, ct));
            })
            .WithSummary("The sessions a booking would make and which of them are free, without booking anything");

        var api = app.MapGroup("/api").WithTags("Appointments").RequireAuthorization(SecuritySetup.ApiPolicy);
        api.MapGet("/appointments", ListAsync).WithSummary("The caller's appointments: a client's own, a therapist's schedule, or (admin) any therapist's");
        api.MapGet("/appointments/{id:guid}", GetAsync).WithSummary("One appointment; 404 when it does not exist or is not the caller's to see");
        api.MapPost("/appointments/{id:guid}/cancel", async (Guid id, ChangeAppointment handler, CancellationToken ct) => ToHttp(await handler.CancelAsync(id, ct)))
            .WithSummary("Cancel; inside the clinic's window a client's cancellation is recorded as late");
        api.MapPost("/appointments/{id:guid}/reschedule", async (Guid id, RescheduleRequest request, ChangeAppointment handler, CancellationToken ct) => ToHttp(await handler.RescheduleAsync(id, request.Start, ct)))
            .WithSummary("Move a session to another free time");
        api.MapPost("/appointments/{id:guid}/status", async (Guid id, StatusRequest request, ChangeAppointment handler, CancellationToken ct) => ToHttp(await handler.SetStatusAsync(id, request.Status, ct)))
            .WithSummary("Staff: mark attended, no-show or late-cancelled");
        api.MapPost("/group-sessions", async (GroupSessionRequest request, ChangeAppointment handler, CancellationToken ct) => ToHttp(await handler.CreateGroupSessionAsync(request, ct), created: true))
            .WithSummary("Staff: schedule a group session");
        api.MapPost("/group-sessions/{id:guid}/join", async (Guid id, [FromQuery] Guid? clientId, ChangeAppointment handler, CancellationToken ct) => ToHttp(await handler.JoinGroupAsync(id, clientId, ct)))
            .WithSummary("Take a place in a group session");

        app.MapGet("/calendar/{token}.ics", FeedAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<List<ServiceDto>>> ListServicesAsync(OnTrackDbContext db, CurrentClinic clinic, [FromQuery(Name = "clinic")] string? slug, CancellationToken ct)
    {
        await clinic.GetAsync(slug, ct);
        var services = await db.Services.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Format).ThenBy(s => s.Name)
            .Select(s => new ServiceDto(s.Id, s.Name, s.Description, s.Format, s.Capacity, s.DurationMinutes, s.Modality)).ToListAsync(ct);
        return TypedResults.Ok(services);
    }

    private static async Task<Results<Ok<List<TherapistDto>>, ProblemHttpResult>> ListTherapistsAsync(Guid serviceId, OnTrackDbContext db, CurrentClinic clinic, [FromQuery(Name = "clinic")] string? slug, CancellationToken ct)
    {
        await clinic.GetAsync(slug, ct);
        if (!await db.Services.AnyAsync(s => s.Id == serviceId && s.Active, ct))
        {
            return (ProblemHttpResult)Problem.NotFound("The service").ToResult();
        }

        var therapists = await db.Therapists.AsNoTracking()
            .Where(t => t.Active && db.ServiceTherapists.Any(st => st.ServiceId == serviceId && st.TherapistId == t.Id))
            .OrderBy(t => t.DisplayName).Select(t => new TherapistDto(t.Id, t.DisplayName, t.Credentials, t.Bio)).ToListAsync(ct);
        return TypedResults.Ok(therapists);
    }

    private static async Task<IResult> SlotsAsync(
        Guid serviceId, Guid? therapistId, string? from, int? days, [FromQuery(Name = "clinic")] string? slug,
        FindSlots handler, CurrentClinic clinic, CancellationToken ct)
    {
        await clinic.GetAsync(slug, ct);
        LocalDate? start = null;
        if (!string.IsNullOrEmpty(from))
        {
            var parsed = LocalDatePattern.Iso.Parse(from);
            if (!parsed.Success)
            {
                return Problem.BadRequest($"'from' must be a date like 2026-12-01: {parsed.Exception.Message}").ToResult();
            }

            start = parsed.Value;
        }

        return ToHttp(await handler.HandleAsync(serviceId, therapistId, start, days ?? 7, ct));
    }

    private static async Task<IResult> BookAsync(
        BookingRequest request, BookAppointment handler, CurrentClinic clinic, Caller caller, [FromQuery(Name = "clinic")] string? slug,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        if (idempotencyKey is { Length: 0 or > 100 })
        {
            return Problem.BadRequest("Idempotency-Key must be 1 to 100 characters, e.g. a new GUID per booking attempt.").ToResult();
        }

        await clinic.GetAsync(slug, ct);
        if (caller.UserId is null)
        {
            // The same answer for every email, known or not (decision 010): no Location, nothing booked yet.
            var requested = await handler.RequestAsync(request, idempotencyKey, ct);
            return requested.Succeeded
                ? TypedResults.Json(requested.Value, statusCode: StatusCodes.Status202Accepted)
                : requested.Problem!.ToResult();
        }

        var result = await handler.HandleAsync(request, idempotencyKey, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/appointments/{result.Value!.Appointments[0].Id}", result.Value)
            : result.Problem!.ToResult();
    }

    private static async Task<IResult> ListAsync(string? from, string? to, Guid? therapistId, bool? includeCancelled, AppointmentQueries queries, Caller caller, IClock clock, CancellationToken ct)
    {
        DateTimeOffset? Read(string? text) => OffsetTimes.TryParse(text, out var value) ? value : null;
        if ((from is not null && Read(from) is null) || (to is not null && Read(to) is null))
        {
            return Problem.BadRequest($"'from' and 'to' {OffsetTimes.Rule}.").ToResult();
        }

        return await ListBetweenAsync(Read(from), Read(to), therapistId, includeCancelled, queries, caller, clock, ct);
    }

    private static async Task<IResult> ListBetweenAsync(DateTimeOffset? from, DateTimeOffset? to, Guid? therapistId, bool? includeCancelled, AppointmentQueries queries, Caller caller, IClock clock, CancellationToken ct)
    {
        if (from?.Year is < 1900 or > 2200 || to?.Year is < 1900 or > 2200)
        {
            return Problem.BadRequest("'from' and 'to' must be dates between the years 1900 and 2200.").ToResult();
        }

        var start = from is { } f ? Instant.FromDateTimeOffset(f) : clock.GetCurrentInstant() - Duration.FromDays(1);
        var end = to is { } t ? Instant.FromDateTimeOffset(t) : start + Duration.FromDays(90);
        if (end <= start || end - start > Duration.FromDays(400))
        {
            return Problem.BadRequest("'to' must be after 'from', and at most 400 days later.").ToResult();
        }

        if (therapistId is not null && !caller.SeesWholeClinic && therapistId != caller.TherapistId)
        {
            return Problem.NotFound("The therapist").ToResult();
        }

        var list = await queries.ListAsync(start, end, therapistId, includeCancelled ?? false, ct);
        return TypedResults.Ok(list.Select(AppointmentMapper.ToDto).ToList());
    }

    private static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> GetAsync(Guid id, AppointmentQueries queries, CancellationToken ct)
    {
        var appointment = await queries.GetAsync(id, ct);
        return appointment is null
            ? (ProblemHttpResult)Problem.NotFound("The appointment").ToResult()
            : TypedResults.Ok(AppointmentMapper.ToDto(appointment));
    }

    /// <summary>A therapist's private calendar feed: the unguessable token in the URL is the credential.</summary>
    private static async Task<IResult> FeedAsync(string token, OnTrackDbContext db, IClock clock, CancellationToken ct)
    {
        var therapist = await db.Therapists.AcrossClinics(Bypass.Identity).AsNoTracking().SingleOrDefaultAsync(t => t.CalendarFeedToken == token && t.Active, ct);
        if (therapist is null || token.Length < 32)
        {
            return TypedResults.NotFound();
        }

        db.Caller.BecomeSystem(therapist.ClinicId);

        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == therapist.ClinicId, ct);
        var since = clock.GetCurrentInstant() - Duration.FromDays(30);
        var appointments = await db.Appointments.AsNoTracking().Include(a => a.Service)
            .Include(a => a.Participants.Where(p => p.Status == ParticipantStatus.Booked)).ThenInclude(p => p.Client)
            .Where(a => a.TherapistId == therapist.Id && a.Start >= since).OrderBy(a => a.Start).ToListAsync(ct);

        db.AuditRead("CalendarFeed", therapist.Id.ToString(), null, $"{appointments.Count} appointments");
        await db.SaveChangesAsync(ct);

        // Calendar apps sync to phones: show initials, not clients' names.
        var entries = appointments.Select(a => new CalendarEntry(a.Id, a.Start, a.End, a.TimeZoneId,
            $"{a.Service!.Name} ({string.Join(", ", a.Participants.Select(p => Clients.ClientNames.Initials(p.Client!.FullName)))})",
            a.VideoLink ?? clinic.Address, "Details in OnTrack.", a.Status >= AppointmentStatus.Cancelled));
        return TypedResults.Text(CalendarFiles.Write(entries, $"{therapist.DisplayName} – {clinic.Name}"), "text/calendar; charset=utf-8");
    }

    private static IResult ToHttp<T>(Result<T> result, bool created = false) =>
        result.Succeeded
            ? created ? TypedResults.Json(result.Value, statusCode: StatusCodes.Status201Created) : TypedResults.Ok(result.Value)
            : result.Problem!.ToResult();
}
