using System.ComponentModel.DataAnnotations;
using OnTrack.Domain.Scheduling;
using OnTrack.Web.Validation;

namespace OnTrack.Web.Features.Scheduling;

public sealed record ServiceDto(Guid Id, string Name, string Description, SessionFormat Format, int Capacity, int DurationMinutes, Modality Modality);

public sealed record TherapistDto(Guid Id, string Name, string Credentials, string Bio);

public sealed record SlotDto(DateTimeOffset Start, DateTimeOffset End, string LocalStart, Guid TherapistId, string TherapistName, Guid? GroupSessionId = null, int? SeatsLeft = null);

/// <summary>Details of a person joining a couples or family session.</summary>
public sealed record PersonDetails(
    [property: Text("The name of each person joining", 200, IsRequired = true, MinLength = 2)] string FullName,
    [property: Text("The email address of each person joining", 256, IsRequired = true), EmailAddress(ErrorMessage = "The other person's email address does not look right, e.g. name@example.org.")] string Email);

/// <summary>A new client booking their first session: their account is created with the booking.</summary>
public sealed record NewClientDetails(
    [property: Text("Your full name", 200, IsRequired = true, MinLength = 2)] string FullName,
    [property: Text("Your email address", 256, IsRequired = true), EmailAddress(ErrorMessage = "That email address does not look right, e.g. name@example.org.")] string Email,
    [property: Text("Your phone number", 50), Phone(ErrorMessage = "That phone number does not look right: use digits, spaces and + ( ) - only.")] string? Phone,
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

/// <summary>
/// The answer to every anonymous first booking that passes its checks, whether or not the email is known
/// (decision 010): what happens next is in an email to that address.
/// </summary>
public sealed record BookingRequested(string Status, string Detail)
{
    public static readonly BookingRequested CheckEmail = new("check-email",
        "Thank you. We have sent an email to the address you gave: open its link and sign in to confirm your booking. Nothing is booked until you do. " +
        "No email within a few minutes? Check your spam folder, or call the office.");
}

/// <summary>One session of a planned booking and whether it can be booked.</summary>
public sealed record PreviewSession(DateTimeOffset Start, string LocalStart, bool Available, string? Reason);

/// <summary>What a booking request would book: every session, and the therapist free for all of them (if any).</summary>
public sealed record BookingPreview(Guid? TherapistId, string? TherapistName, bool CanBook, IReadOnlyList<PreviewSession> Sessions);
