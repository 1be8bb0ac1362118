using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;
using OnTrack.Web.Validation;

namespace OnTrack.Web.Features.Clinics;

/// <summary>What an admin can change about their clinic. Opening hours: "HH:mm" pairs per weekday, empty when closed.</summary>
public sealed class ClinicSettingsForm
{
    [Text("The clinic's name", 200)]
    public string? Name { get; set; }

    [Text("The address", 500, Multiline = true)]
    public string? Address { get; set; }

    [Text("The phone numbers", 500, Multiline = true)]
    public string? Phones { get; set; }

    [Text("The clinic's email address", 256)]
    public string? Email { get; set; }

    [Text("The time zone", 64)]
    public string? TimeZoneId { get; set; }

    public int CancellationWindowHours { get; set; }

    [Text("The crisis resources", 4000, Multiline = true)]
    public string? CrisisResources { get; set; }

    [Text("The crisis line's name", ClinicSettings.MaxLineLength)]
    public string? CrisisLineName { get; set; }

    [Text("The crisis line's number to call", ClinicSettings.MaxPhoneLength)]
    public string? CrisisCallNumber { get; set; }

    [Text("The crisis line's number to text", ClinicSettings.MaxPhoneLength)]
    public string? CrisisTextNumber { get; set; }

    [Text("The emergency number", ClinicSettings.MaxPhoneLength)]
    public string? EmergencyNumber { get; set; }

    public bool RequireStaffTwoFactor { get; set; }

    [Text("The video room address", 400)]
    public string? VideoRoomBaseUrl { get; set; }

    public decimal AllianceLowBelow { get; set; }

    public decimal AllianceFallBy { get; set; }

    public int RiskEscalationMinutes { get; set; }

    /// <summary>Days a former therapist keeps read-only access to a client after a change of therapist (0: access ends at once).</summary>
    public int FormerTherapistReadOnlyDays { get; set; }

    public int FormsOpenHoursBefore { get; set; }

    public double CourseAmberPercentile { get; set; }

    public double CourseRedPercentile { get; set; }

    public int CourseMinimumCourses { get; set; }

    public int CourseNoImprovementBySession { get; set; }

    /// <summary>Clients read their signed session notes in the portal.</summary>
    public bool ClientsReadSignedNotes { get; set; }

    /// <summary>Keyed by day name ("Monday"): form binding does not map enum keys.</summary>
    public Dictionary<string, string> Opens { get; set; } = [];

    public Dictionary<string, string> Closes { get; set; } = [];
}

public sealed class ClinicSettings(OnTrackDbContext db, Caller caller)
{
    public const int MaxLineLength = 200;
    public const int MaxPhoneLength = 32;
    public const int MaxCrisisTextLength = 1000;

    public static readonly IsoDayOfWeek[] Week =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    private static readonly LocalTimePattern Hm = TimeText.HoursAndMinutes;

    public async Task<ClinicSettingsForm?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin)
        {
            return null;
        }

        var clinic = await db.Clinics.Include(c => c.OpeningHours).AsNoTracking().SingleAsync(c => c.Id == caller.ClinicId, cancellationToken);
        var form = new ClinicSettingsForm
        {
            Name = clinic.Name,
            Address = clinic.Address,
            Phones = clinic.Phones,
            Email = clinic.Email,
            TimeZoneId = clinic.TimeZoneId,
            CancellationWindowHours = clinic.CancellationWindowHours,
            CrisisResources = clinic.CrisisResources,
            CrisisLineName = clinic.CrisisLineName,
            CrisisCallNumber = clinic.CrisisCallNumber,
            CrisisTextNumber = clinic.CrisisTextNumber,
            EmergencyNumber = clinic.EmergencyNumber,
            RequireStaffTwoFactor = clinic.RequireStaffTwoFactor,
            VideoRoomBaseUrl = clinic.VideoRoomBaseUrl,
            AllianceLowBelow = clinic.AllianceLowBelow,
            AllianceFallBy = clinic.AllianceFallBy,
            RiskEscalationMinutes = clinic.RiskEscalationMinutes,
            FormerTherapistReadOnlyDays = clinic.FormerTherapistReadOnlyDays,
            FormsOpenHoursBefore = clinic.FormsOpenHoursBefore,
            CourseAmberPercentile = clinic.CourseAmberPercentile,
            CourseRedPercentile = clinic.CourseRedPercentile,
            CourseMinimumCourses = clinic.CourseMinimumCourses,
            CourseNoImprovementBySession = clinic.CourseNoImprovementBySession,
            ClientsReadSignedNotes = clinic.ClientsReadSignedNotes,
        };
        foreach (var day in Week)
        {
            var hours = clinic.OpeningHours.FirstOrDefault(o => o.Day == day);
            form.Opens[day.ToString()] = hours is null ? "" : Hm.Format(hours.Start);
            form.Closes[day.ToString()] = hours is null ? "" : Hm.Format(hours.End);
        }

        return form;
    }

    public async Task<Problem?> SaveAsync(ClinicSettingsForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!caller.IsAdmin)
        {
            return Problem.NotFound("The page");
        }

        var errors = new List<string>();
        if (InputRules.Check(form) is { } invalid)
        {
            errors.Add(invalid.Detail);
        }

        if (string.IsNullOrWhiteSpace(form.Name))
        {
            errors.Add("The clinic needs a name.");
        }

        var phones = Lines(form.Phones);
        if (phones.Count > 5 || phones.Any(p => !PhoneNumbers.IsValid(p)))
        {
            errors.Add("Give up to five phone numbers, one per line, with digits and + ( ) - . or spaces only, e.g. (555) 010-0100.");
        }

        foreach (var (label, value) in new[] { ("The crisis line's number to call", form.CrisisCallNumber), ("The crisis line's number to text", form.CrisisTextNumber), ("The emergency number", form.EmergencyNumber) })
        {
            if (!string.IsNullOrWhiteSpace(value) && !PhoneNumbers.IsValid(value.Trim()))
            {
                errors.Add($"{label} must be a phone number with digits and + ( ) - . or spaces only, e.g. 988.");
            }
        }

        if (!string.IsNullOrWhiteSpace(form.Email) && !System.Net.Mail.MailAddress.TryCreate(form.Email.Trim(), out _))
        {
            errors.Add($"'{form.Email.Trim()}' is not an email address; give one like office@example.org.");
        }

        // Characters are checked by the shared text rule above; the length here is shorter, for a person in distress.
        if ((form.CrisisResources ?? "").Trim().Length > MaxCrisisTextLength)
        {
            errors.Add($"The crisis text is at most {MaxCrisisTextLength} characters: a person in crisis must be able to read it at a glance.");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(form.TimeZoneId?.Trim() ?? "") is null)
        {
            errors.Add($"'{form.TimeZoneId}' is not an IANA time zone; use one like America/New_York or Europe/London.");
        }

        if (form.CancellationWindowHours is < 0 or > 168)
        {
            errors.Add("The cancellation window is between 0 and 168 hours.");
        }

        if (!Uri.TryCreate(form.VideoRoomBaseUrl?.Trim(), UriKind.Absolute, out var video) || video.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add("The video room address must be an https:// address.");
        }

        if (form.AllianceLowBelow is < 0 or > 1000 || form.AllianceFallBy is <= 0 or > 1000)
        {
            errors.Add("The alliance levels are points on the session check's total: a low level of 0 or more and a fall of more than 0.");
        }

        if (form.RiskEscalationMinutes is < 5 or > 1440)
        {
            errors.Add("Unacknowledged risk alerts escalate after 5 to 1440 minutes.");
        }

        if (form.FormerTherapistReadOnlyDays is < 0 or > 365)
        {
            errors.Add("A former therapist keeps read-only access for 0 to 365 days.");
        }

        if (form.FormsOpenHoursBefore is < 1 or > 336)
        {
            errors.Add("Forms open 1 to 336 hours before a session.");
        }

        if (!(form.CourseAmberPercentile > 0.5 && form.CourseAmberPercentile < form.CourseRedPercentile && form.CourseRedPercentile < 1))
        {
            errors.Add("The expected-course percentiles need 0.5 < amber < red < 1, e.g. 0.75 and 0.90.");
        }

        if (form.CourseMinimumCourses is < 10 or > 100000 || form.CourseNoImprovementBySession is < 1 or > 52)
        {
            errors.Add("Fit the expected course from at least 10 ended courses; the rational rule's session is 1 to 52.");
        }

        var hours = new List<OpeningHours>();
        foreach (var day in Week)
        {
            var open = form.Opens?.GetValueOrDefault(day.ToString())?.Trim() ?? "";
            var close = form.Closes?.GetValueOrDefault(day.ToString())?.Trim() ?? "";
            if (open.Length == 0 && close.Length == 0)
            {
                continue;
            }

            var start = Hm.Parse(open);
            var end = Hm.Parse(close);
            if (!start.Success || !end.Success || end.Value <= start.Value)
            {
                errors.Add($"{day}: give opening and closing times like 08:00 and 18:00, closing after opening, or leave both empty when closed.");
                continue;
            }

            hours.Add(new OpeningHours { ClinicId = caller.ClinicId!.Value, Day = day, Start = start.Value, End = end.Value });
        }

        if (errors.Count > 0)
        {
            return Problem.BadRequest(string.Join(" ", errors));
        }

        // Two admins saving at once: the clinic row is locked first, so the second save waits for the
        // first and then replaces it whole (the last save wins) instead of failing on hours the first
        // already replaced.
        var clinicId = caller.ClinicId!.Value;
        var name = (form.Name ?? "").Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Clinics.Where(c => c.Id == clinicId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, name), cancellationToken);
        var clinic = await db.Clinics.SingleAsync(c => c.Id == clinicId, cancellationToken);
        clinic.Name = name;
        clinic.Address = (form.Address ?? "").Trim();
        clinic.Phones = string.Join('\n', phones);
        clinic.Email = (form.Email ?? "").Trim();
        clinic.TimeZoneId = (form.TimeZoneId ?? "").Trim();
        clinic.CancellationWindowHours = form.CancellationWindowHours;
        clinic.CrisisResources = string.Join('\n', Lines(form.CrisisResources));
        clinic.CrisisLineName = (form.CrisisLineName ?? "").Trim();
        clinic.CrisisCallNumber = (form.CrisisCallNumber ?? "").Trim();
        clinic.CrisisTextNumber = (form.CrisisTextNumber ?? "").Trim();
        clinic.EmergencyNumber = (form.EmergencyNumber ?? "").Trim();
        clinic.RequireStaffTwoFactor = form.RequireStaffTwoFactor;
        clinic.VideoRoomBaseUrl = (form.VideoRoomBaseUrl ?? "").Trim();
        clinic.AllianceLowBelow = form.AllianceLowBelow;
        clinic.AllianceFallBy = form.AllianceFallBy;
        clinic.RiskEscalationMinutes = form.RiskEscalationMinutes;
        clinic.FormerTherapistReadOnlyDays = form.FormerTherapistReadOnlyDays;
        clinic.FormsOpenHoursBefore = form.FormsOpenHoursBefore;
        clinic.CourseAmberPercentile = form.CourseAmberPercentile;
        clinic.CourseRedPercentile = form.CourseRedPercentile;
        clinic.CourseMinimumCourses = form.CourseMinimumCourses;
        clinic.CourseNoImprovementBySession = form.CourseNoImprovementBySession;
        clinic.ClientsReadSignedNotes = form.ClientsReadSignedNotes;
        db.ChangeTracker.DetectChanges();
        var changed = db.Entry(clinic).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        db.AuditChange("ClinicSettings", clinic.Id.ToString(), changed.Count == 0 ? "opening hours" : string.Join(",", changed) + ",opening hours");
        await db.OpeningHours.Where(o => o.ClinicId == clinicId).ExecuteDeleteAsync(cancellationToken);
        db.OpeningHours.AddRange(hours);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>Text split into trimmed, non-empty lines, whatever the line ends (a browser posts CRLF).</summary>
    private static List<string> Lines(string? text) =>
        (text ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
