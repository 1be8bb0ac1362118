using NodaTime;

namespace OnTrack.Web.Features.Scheduling;

public static class AppointmentMapper
{
    public static AppointmentDto ToDto(Appointment a) => ToDto(a, a?.Service, a?.Therapist);

    /// <summary>For rows not yet saved: the service and therapist are given, not attached (attaching would make EF insert them).</summary>
    public static AppointmentDto ToDto(Appointment a, Service? service, Staff.Therapist? therapist) => ToDto(a, service, therapist, null);

    /// <summary>Names only the clients in <paramref name="visibleNames"/> (id → full name): the participants the caller may see.</summary>
    public static AppointmentDto ToDto(Appointment a, IReadOnlyDictionary<Guid, string> visibleNames) => ToDto(a, a?.Service, a?.Therapist, visibleNames);

    private static AppointmentDto ToDto(Appointment a, Service? service, Staff.Therapist? therapist, IReadOnlyDictionary<Guid, string>? visibleNames)
    {
        ArgumentNullException.ThrowIfNull(a);
        var zone = DateTimeZoneProviders.Tzdb[a.TimeZoneId];
        return new AppointmentDto(
            a.Id, a.ServiceId, service?.Name ?? "", service?.Format ?? SessionFormat.Individual, service?.Modality ?? Modality.InPerson,
            a.TherapistId, therapist?.DisplayName ?? "",
            a.Start.ToDateTimeOffset(), a.End.ToDateTimeOffset(), FindSlots.FormatLocal(a.Start, zone), a.TimeZoneId,
            a.Status, a.SeriesId, a.VideoLink, a.Capacity,
            visibleNames is null
                ? a.Participants.Where(p => p.Status == ParticipantStatus.Booked && p.Client is not null).Select(p => p.Client!.FullName).ToList()
                : a.Participants.Where(p => p.Status == ParticipantStatus.Booked && visibleNames.ContainsKey(p.ClientId)).Select(p => visibleNames[p.ClientId]).ToList());
    }
}
