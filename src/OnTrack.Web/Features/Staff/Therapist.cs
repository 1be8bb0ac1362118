using NodaTime;
using OnTrack.Domain.Scheduling;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Staff;

public sealed class Therapist : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    /// <summary>The therapist's sign-in account.</summary>
    public string UserId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Credentials { get; set; } = "";

    public string Bio { get; set; } = "";

    /// <summary>Minutes kept free after each session (notes, a break).</summary>
    public int BufferMinutes { get; set; } = 10;

    /// <summary>Secret token of the therapist's private iCalendar feed URL.</summary>
    public string CalendarFeedToken { get; set; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    public bool Active { get; set; } = true;

    public List<WorkingHours> WorkingHours { get; set; } = [];

    public List<TimeException> Exceptions { get; set; } = [];
}

public sealed class WorkingHours : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid TherapistId { get; set; }

    public IsoDayOfWeek Day { get; set; }

    public LocalTime Start { get; set; }

    public LocalTime End { get; set; }
}

public sealed class TimeException : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid TherapistId { get; set; }

    public LocalDate Date { get; set; }

    public ExceptionKind Kind { get; set; }

    public LocalTime? Start { get; set; }

    public LocalTime? End { get; set; }

    public string Note { get; set; } = "";
}
