using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Scheduling;

public enum SessionFormat
{
    Individual = 0,
    Couple = 1,
    Family = 2,
    Group = 3,
}

public enum Modality
{
    InPerson = 0,
    Video = 1,
}

/// <summary>Something a client can book: "Individual therapy, 50 minutes, in person".</summary>
public sealed class Service : IClinicOwned
{
    public const int MinMinutes = 30;
    public const int MaxMinutes = 60;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public SessionFormat Format { get; set; }

    /// <summary>Most clients in one session: 1 for individual, 2 for couples, the family or group size otherwise.</summary>
    public int Capacity { get; set; } = 1;

    public int DurationMinutes { get; set; } = 50;

    public Modality Modality { get; set; }

    public bool Active { get; set; } = true;

    public List<ServiceTherapist> Therapists { get; set; } = [];
}

public sealed class ServiceTherapist : IClinicOwned
{
    public Guid ServiceId { get; set; }

    public Guid TherapistId { get; set; }

    public Guid ClinicId { get; set; }
}
