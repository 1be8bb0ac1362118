namespace OnTrack.Web.Features.Notifications;

public enum EmailDelivery
{
    /// <summary>Write each message as an .eml file into <see cref="EmailOptions.PickupFolder"/> (the default: nothing leaves the machine).</summary>
    Pickup,

    /// <summary>Send through an SMTP server with MailKit.</summary>
    Smtp,
}

/// <summary>Settings under "OnTrack:Email".</summary>
public sealed class EmailOptions
{
    public const string Section = "OnTrack:Email";

    public EmailDelivery Delivery { get; set; } = EmailDelivery.Pickup;

    /// <summary>Relative paths are under the data folder.</summary>
    public string PickupFolder { get; set; } = "mail";

    public string From { get; set; } = "OnTrack <no-reply@ontrack.local>";

    public string SmtpHost { get; set; } = "localhost";

    public int SmtpPort { get; set; } = 25;

    public bool SmtpUseTls { get; set; }

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>How often the worker looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a claimed message is reserved for the worker that claimed it. The worker renews the
    /// lease every third of it while it sends, so a slow send keeps its claim, and the messages of a
    /// node that crashed (a risk alert among them) are free again after at most this long.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one SMTP conversation may take.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Reminders go out this many hours before a session (at the same local time the day before for 24).</summary>
    public int ReminderHoursBefore { get; set; } = 24;

    /// <summary>Switch off the background worker (tests drive it directly).</summary>
    public bool RunWorker { get; set; } = true;
}
