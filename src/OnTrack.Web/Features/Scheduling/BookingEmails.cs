using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using OnTrack.Domain.Scheduling;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Notifications;

namespace OnTrack.Web.Features.Scheduling;

/// <summary>Writes the emails a booking change causes into the outbox, in the caller's unit of work.</summary>
public sealed class BookingEmails(OnTrackDbContext db, IOptions<EmailOptions> email, IOptions<ClinicOptions> clinicOptions, IClock clock)
{
    public void Booked(Clinic clinic, Service service, Staff.Therapist therapist, IReadOnlyList<Appointment> appointments, IEnumerable<Client> clients)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(therapist);
        ArgumentNullException.ThrowIfNull(appointments);
        var now = clock.GetCurrentInstant();
        var ics = CalendarFiles.Write(appointments.Select(a => Entry(clinic, service, therapist, a)), clinic.Name, "PUBLISH");
        var body = new StringBuilder();
        body.AppendLine(CultureInfo.InvariantCulture, $"Your {service.Name} with {therapist.DisplayName} is booked:");
        body.AppendLine();
        foreach (var a in appointments)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"  - {TimeText.Moment(a.Start, a.TimeZoneId)}{(a.VideoLink is null ? "" : $"  video: {a.VideoLink}")}");
        }

        body.AppendLine();
        body.AppendLine(CultureInfo.InvariantCulture, $"To move or cancel, visit {clinicOptions.Value.PublicUrl.TrimEnd('/')}/my/appointments. Cancelling less than {clinic.CancellationWindowHours} hours before a session counts as a late cancellation.");
        AppendFooter(body, clinic);

        foreach (var client in clients.Where(c => !string.IsNullOrWhiteSpace(c.Email)))
        {
            db.Outbox.Add(OutboxMessage.Email(clinic.Id, now, client.Email, "booking-confirmation",
                appointments.Count == 1 ? $"Booked: {service.Name} on {TimeText.Moment(appointments[0].Start, appointments[0].TimeZoneId)}" : $"Booked: {appointments.Count} sessions of {service.Name}",
                body.ToString(), ics));

            foreach (var a in appointments)
            {
                if (Reminders.SendAt(a.Start, clinic.Zone, email.Value.ReminderHoursBefore, now) is not { } at)
                {
                    continue;
                }

                var reminder = new StringBuilder();
                reminder.AppendLine(CultureInfo.InvariantCulture, $"A reminder: {service.Name} with {therapist.DisplayName} on {TimeText.Moment(a.Start, a.TimeZoneId)}.");
                if (a.VideoLink is not null)
                {
                    reminder.AppendLine(CultureInfo.InvariantCulture, $"Join by video: {a.VideoLink}");
                }
                else
                {
                    reminder.AppendLine(CultureInfo.InvariantCulture, $"Address: {clinic.Address}");
                }

                reminder.AppendLine(CultureInfo.InvariantCulture, $"Before the session, please fill in your short check-in forms: {clinicOptions.Value.PublicUrl.TrimEnd('/')}/my/forms?start=1");
                AppendFooter(reminder, clinic);
                db.Outbox.Add(OutboxMessage.Email(clinic.Id, now, client.Email, "reminder", $"Reminder: {service.Name} on {TimeText.Moment(a.Start, a.TimeZoneId)}", reminder.ToString(),
                    CalendarFiles.Write([Entry(clinic, service, therapist, a)], clinic.Name), notBefore: at, appointmentId: a.Id));
            }
        }
    }

    /// <summary>Tells the clients a session is cancelled or, with <paramref name="movedTo"/>, moved; the calendar file removes the old time.</summary>
    public void Cancelled(Clinic clinic, Appointment appointment, IEnumerable<Client> clients, bool late, Instant? movedTo = null)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(appointment);
        var now = clock.GetCurrentInstant();
        var serviceName = appointment.Service?.Name ?? "session";
        var text = new StringBuilder();
        text.AppendLine(movedTo is { } to
            ? string.Create(CultureInfo.InvariantCulture, $"Your {serviceName} on {TimeText.Moment(appointment.Start, appointment.TimeZoneId)} has moved to {TimeText.Moment(to, appointment.TimeZoneId)}. A separate email confirms the new time.")
            : string.Create(CultureInfo.InvariantCulture, $"Your {serviceName} on {TimeText.Moment(appointment.Start, appointment.TimeZoneId)} is cancelled."));
        if (late)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"It was cancelled less than {clinic.CancellationWindowHours} hours before the start and is recorded as a late cancellation.");
        }

        AppendFooter(text, clinic);
        var ics = appointment.Service is not null && appointment.Therapist is not null
            ? CalendarFiles.Write([Entry(clinic, appointment.Service, appointment.Therapist, appointment) with { Cancelled = true }], clinic.Name, "CANCEL")
            : null;
        foreach (var client in clients.Where(c => !string.IsNullOrWhiteSpace(c.Email)))
        {
            db.Outbox.Add(OutboxMessage.Email(clinic.Id, now, client.Email, "cancellation", $"{(movedTo is null ? "Cancelled" : "Moved")}: {serviceName} on {TimeText.Moment(appointment.Start, appointment.TimeZoneId)}", text.ToString(), ics));
        }
    }

    public static CalendarEntry Entry(Clinic clinic, Service service, Staff.Therapist therapist, Appointment a)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(therapist);
        ArgumentNullException.ThrowIfNull(a);
        return new CalendarEntry(a.Id, a.Start, a.End, a.TimeZoneId, $"{service.Name} with {therapist.DisplayName}",
            a.VideoLink ?? clinic.Address, $"{clinic.Name}. To move or cancel, sign in to OnTrack or call {clinic.Phones.Split('\n')[0].Trim()}.");
    }

    private static void AppendFooter(StringBuilder text, Clinic clinic)
    {
        text.AppendLine();
        text.AppendLine(clinic.Name);
        text.AppendLine(clinic.Phones.Replace("\n", " / ", StringComparison.Ordinal));
        if (!string.IsNullOrWhiteSpace(clinic.CrisisResources))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"If you are in crisis: {clinic.CrisisResources}");
        }
    }
}
