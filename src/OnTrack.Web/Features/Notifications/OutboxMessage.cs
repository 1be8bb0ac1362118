using NodaTime;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Notifications;

/// <summary>
/// An email written in the same transaction as the change that causes it and delivered later by
/// <see cref="OutboxWorker"/>. A worker claims a message with a lease before sending it, so several app
/// instances never send one message twice.
/// </summary>
public sealed class OutboxMessage : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>An email to send at <paramref name="notBefore"/> (now when not given).</summary>
    public static OutboxMessage Email(
        Guid clinicId, Instant now, string to, string kind, string subject, string body,
        string? calendar = null, Instant? notBefore = null, Guid? appointmentId = null) => new()
        {
            ClinicId = clinicId,
            CreatedAt = now,
            NotBefore = notBefore ?? now,
            To = to,
            Kind = kind,
            Subject = subject,
            TextBody = body,
            CalendarAttachment = calendar,
            AppointmentId = appointmentId,
        };

    public Guid ClinicId { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>Not sent before this instant (reminders).</summary>
    public Instant NotBefore { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string? CalendarAttachment { get; set; }

    /// <summary>The appointment a reminder belongs to, so that cancelling the appointment withdraws it.</summary>
    public Guid? AppointmentId { get; set; }

    public string Kind { get; set; } = "";

    /// <summary>
    /// Where one tap stops mail of this kind (RFC 8058): sent as List-Unsubscribe with List-Unsubscribe-Post,
    /// so mail apps show a one-tap stop button that posts to it.
    /// </summary>
    public string? UnsubscribeUrl { get; set; }

    public string? LockedBy { get; set; }

    public Instant? LockedUntil { get; set; }

    public Instant? SentAt { get; set; }

    public bool Withdrawn { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
