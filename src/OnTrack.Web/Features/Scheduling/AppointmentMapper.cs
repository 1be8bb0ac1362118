using NodaTime;

namespace OnTrack.Web.Features.Scheduling;

public static class AppointmentMapper
{
    public static AppointmentDto ToDto(Appointment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var zone = DateTimeZoneProviders.Tzdb[a.TimeZoneId];
        return new AppointmentDto(
            a.Id, a.ServiceId, a.Service?.Name ?? "", a.Service?.Format ?? SessionFormat.Individual, a.Service?.Modality ?? Modality.InPerson,
            a.TherapistId, a.Therapist?.DisplayName ?? "",
            a.Start.ToDateTimeOffset(), a.End.ToDateTimeOffset(), FindSlots.FormatLocal(a.Start, zone), a.TimeZoneId,
            a.Status, a.SeriesId, a.VideoLink, a.Capacity,
            a.Participants.Where(p => p.Status == ParticipantStatus.Booked && p.Client is not null).Select(p => p.Client!.FullName).ToList());
    }
}
