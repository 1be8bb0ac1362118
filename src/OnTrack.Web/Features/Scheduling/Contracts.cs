using System.ComponentModel.DataAnnotations;
using OnTrack.Domain.Scheduling;

namespace OnTrack.Web.Features.Scheduling;

public sealed record ServiceDto(Guid Id, string Name, string Description, SessionFormat Format, int Capacity, int DurationMinutes, Modality Modality);

public sealed record TherapistDto(Guid Id, string Name, string Credentials, string Bio);

public sealed record SlotDto(DateTimeOffset Start, DateTimeOffset End, string LocalStart, Guid TherapistId, string TherapistName, Guid? GroupSessionId = null, int? SeatsLeft = null);

/// <summary>Details of a person joining a couples or family session.</summary>
public sealed record PersonDetails(
    [property: Required(ErrorMessage = "Give the other person's full name."), StringLength(200, MinimumLength = 2, ErrorMessage = "The other person's name is 2 to 200 characters.")] string FullName,
    [property: Required(ErrorMessage = "Give the other person's email address."), EmailAddress(ErrorMessage = "The other person's email address does not look right, e.g. name@example.org.")] string Email);

/// <summary>A new client booking their first session: their account is created with the booking.</summary>
public sealed record NewClientDetails(
    [property: Required(ErrorMessage = "Please give your full name."), StringLength(200, MinimumLength = 2, ErrorMessage = "Your name is 2 to 200 characters.")] string FullName,
    [property: Required(ErrorMessage = "Please give your email address: your confirmation comes there."), EmailAddress(ErrorMessage = "That email address does not look right, e.g. name@example.org.")] string Email,
    [property: Phone(ErrorMessage = "That phone number does not look right: use digits, spaces and + ( ) - only.")] string? Phone,
    [property: Required(ErrorMessage = "Please choose a password. " + Security.PasswordRules.Text), StringLength(200, MinimumLength = Security.PasswordRules.MinimumLength, ErrorMessage = "Your password is too short. " + Security.PasswordRules.Text)] string Password);

/// <summary>Book one session or a recurring series (all or nothing).</summary>
public sealed record BookingRequest(
    Guid ServiceId,
    Guid? TherapistId,
    DateTimeOffset Start,
    RepeatPattern Repeat = RepeatPattern.None,
    int Sessions = 1,
    DayOfWeek? SecondDay = null,
    Guid? ClientId = null,
    NewClientDetails? NewClient = null,
    IReadOnlyList<PersonDetails>? OtherClients = null);

public sealed record RescheduleRequest(DateTimeOffset Start);

public sealed record StatusRequest(AppointmentStatus Status);

public sealed record GroupSessionRequest(Guid ServiceId, Guid TherapistId, DateTimeOffset Start);

public sealed record AppointmentDto(
    Guid Id,
    Guid ServiceId,
    string ServiceName,
    SessionFormat Format,
    Modality Modality,
    Guid TherapistId,
    string TherapistName,
    DateTimeOffset Start,
    DateTimeOffset End,
    string LocalStart,
    string TimeZone,
    AppointmentStatus Status,
    Guid? SeriesId,
    string? VideoLink,
    int Capacity,
    IReadOnlyList<string> Clients);

public sealed record BookingResponse(Guid? SeriesId, IReadOnlyList<AppointmentDto> Appointments);

/// <summary>One session of a planned booking and whether it can be booked.</summary>
public sealed record PreviewSession(DateTimeOffset Start, string LocalStart, bool Available, string? Reason);

/// <summary>What a booking request would book: every session, and the therapist free for all of them (if any).</summary>
public sealed record BookingPreview(Guid? TherapistId, string? TherapistName, bool CanBook, IReadOnlyList<PreviewSession> Sessions);
