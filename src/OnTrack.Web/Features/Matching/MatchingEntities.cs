using NodaTime;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Matching;

/// <summary>
/// What a therapist offers new clients, beside their style, gender and languages (Plans' <c>TherapistStyle</c>), their bio
/// (Staff) and the formats and modes of the services they give (Scheduling). Read by the clinic's staff and, in plain words,
/// by clients choosing a therapist; changed by the therapist themself or an admin. Not a client record.
/// </summary>
public sealed class TherapistProfile : IClinicOwned
{
    public Guid TherapistId { get; set; }

    public Guid ClinicId { get; set; }

    /// <summary>The problem areas the therapist treats.</summary>
    public List<ProblemArea> ProblemAreas { get; set; } = [];

    /// <summary>The approaches they work in.</summary>
    public List<TherapyApproach> Approaches { get; set; } = [];

    /// <summary>New clients they can take a week; 0 while they take none.</summary>
    public int NewClientsPerWeek { get; set; } = 2;

    public Instant UpdatedAt { get; set; }

    public string UpdatedByName { get; set; } = "";
}

/// <summary>The clinic's matching rules (one row per clinic; the defaults until an admin changes them).</summary>
public sealed class MatchingSettings : IClinicOwned
{
    public const int DefaultMinCases = Domain.Matching.TherapistEffects.DefaultMinCases;

    public Guid ClinicId { get; set; }

    /// <summary>Ended courses a therapist needs in an area before they are rated effective or ineffective in it (Constantino et al. 2021 used 15; 10 by default).</summary>
    public int MinCases { get; set; } = DefaultMinCases;

    /// <summary>Whether clients without a therapist may choose one themselves from the suggestions.</summary>
    public bool ClientsMayChoose { get; set; }

    public Instant UpdatedAt { get; set; }

    public string UpdatedByName { get; set; } = "";
}

/// <summary>Why suggestions were made: a new client, or a change of therapist.</summary>
public enum MatchPurpose
{
    NewClient = 0,
    ChangeOfTherapist = 1,
}

/// <summary>Who chose from the suggestions.</summary>
public enum MatchChooser
{
    Staff = 0,
    Client = 1,
}

/// <summary>
/// Therapists suggested for one client, ranked with their reasons, as they were at the time, and which one was chosen:
/// kept so that the clinic can see whether matched clients do better. A client record (clinical): it says what the
/// client needs help with.
/// </summary>
public sealed class MatchSuggestion : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    public MatchPurpose Purpose { get; set; }

    /// <summary>The client's therapist when the suggestion was made (a change of therapist).</summary>
    public Guid? FromTherapistId { get; set; }

    /// <summary>The areas the suggestion was made for (instrument ids, e.g. phq-9), elevated at intake or named in the plan.</summary>
    public List<string> Areas { get; set; } = [];

    /// <summary>The ranked candidates as JSON (<see cref="MatchCandidate"/>), best first.</summary>
    public string CandidatesJson { get; set; } = "[]";

    /// <summary>Whether the client may see and choose from these suggestions in the portal.</summary>
    public bool OfferedToClient { get; set; }

    public Instant CreatedAt { get; set; }

    public string CreatedByName { get; set; } = "";

    public Guid? ChosenTherapistId { get; set; }

    /// <summary>The chosen therapist's place in the ranking (1 = the top suggestion); 0 when they were not among the suggestions.</summary>
    public int? ChosenRank { get; set; }

    public MatchChooser? ChosenBy { get; set; }

    public string ChosenByName { get; set; } = "";

    public Instant? ChosenAt { get; set; }
}
