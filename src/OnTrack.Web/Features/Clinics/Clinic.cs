using NodaTime;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Clinics;

public sealed class Clinic
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Short name used in public URLs, e.g. "northside".</summary>
    public string Slug { get; set; } = "";

    public string Name { get; set; } = "";

    public string Address { get; set; } = "";

    /// <summary>One or more phone numbers, one per line.</summary>
    public string Phones { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>IANA time zone id, e.g. "America/New_York".</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>Cancelling or moving a session closer than this to its start counts as a late cancellation.</summary>
    public int CancellationWindowHours { get; set; } = 24;

    /// <summary>Shown to clients in distress: who to call now. Differs by country, so it is a setting.</summary>
    public string CrisisResources { get; set; } = "";

    /// <summary>The crisis line's name, e.g. "988 Suicide &amp; Crisis Lifeline".</summary>
    public string CrisisLineName { get; set; } = "";

    /// <summary>The crisis line's number to call (a tap-to-call link on phones), e.g. "988".</summary>
    public string CrisisCallNumber { get; set; } = "";

    /// <summary>The crisis line's number to text, when it takes text messages, e.g. "988" or "741741".</summary>
    public string CrisisTextNumber { get; set; } = "";

    /// <summary>The local emergency number, e.g. "911", "999" or "112".</summary>
    public string EmergencyNumber { get; set; } = "";

    /// <summary>The first of the clinic's phone numbers: the one offered as a tap-to-call link.</summary>
    public string MainPhone => Phones.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";

    /// <summary>Staff must sign in with an authenticator app once this is on.</summary>
    public bool RequireStaffTwoFactor { get; set; } = true;

    /// <summary>Video sessions get a room under this address, one per appointment.</summary>
    public string VideoRoomBaseUrl { get; set; } = "https://meet.jit.si/ontrack";

    /// <summary>A session-check total below this raises a low-alliance alert.</summary>
    public decimal AllianceLowBelow { get; set; } = 30;

    /// <summary>A session-check total falling by at least this since the last one raises an alert.</summary>
    public decimal AllianceFallBy { get; set; } = 5;

    /// <summary>A risk alert nobody has acknowledged after this many minutes goes to the clinic's admins.</summary>
    public int RiskEscalationMinutes { get; set; } = 60;

    /// <summary>Days a former therapist keeps read-only access to a client after a change of therapist (0: access ends at once).</summary>
    public int FormerTherapistReadOnlyDays { get; set; }

    /// <summary>Forms for a session open this many hours before it starts (they stay open until 12 hours after it ends).</summary>
    public int FormsOpenHoursBefore { get; set; } = 72;

    /// <summary>A new score worse than this percentile of the expected course is amber (at risk).</summary>
    public double CourseAmberPercentile { get; set; } = 0.75;

    /// <summary>A new score worse than this percentile of the expected course is red (not on track).</summary>
    public double CourseRedPercentile { get; set; } = 0.90;

    /// <summary>Ended courses needed before an instrument's expected course is fitted; below it the rational rule is used.</summary>
    public int CourseMinimumCourses { get; set; } = 10;

    /// <summary>The rational rule: not reliably improved by this session is amber.</summary>
    public int CourseNoImprovementBySession { get; set; } = 4;

    /// <summary>Clients read their signed session notes in the portal (except a note its author withheld). Off by default.</summary>
    public bool ClientsReadSignedNotes { get; set; }

    public List<OpeningHours> OpeningHours { get; set; } = [];

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZoneId];

    /// <summary>A copy of the settings and opening hours, so that a request cannot change what the cache keeps for the others.</summary>
    public Clinic Copy()
    {
        var copy = (Clinic)MemberwiseClone();
        copy.OpeningHours = [.. OpeningHours.Select(h => h.Copy())];
        return copy;
    }
}

public sealed class OpeningHours : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public IsoDayOfWeek Day { get; set; }

    public LocalTime Start { get; set; }

    public LocalTime End { get; set; }

    public OpeningHours Copy() => (OpeningHours)MemberwiseClone();
}
