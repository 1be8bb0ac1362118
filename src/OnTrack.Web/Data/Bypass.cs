using Microsoft.EntityFrameworkCore;

namespace OnTrack.Web.Data;

/// <summary>
/// Every reason code may look past the compartment's filters, and the only place it can: nothing else
/// calls <c>IgnoreQueryFilters</c> (a convention test holds to that). Each reason says what is read and why
/// it discloses nothing the caller may not know.
/// </summary>
public enum Bypass
{
    /// <summary>Free times: when therapists and clients are busy (start and end only), to offer and check slots.</summary>
    BusyTimes,

    /// <summary>Who the caller is, before the caller is known: sign-in claims, the two-factor rule, a public page's clinic, a calendar feed's token, the demo's seed.</summary>
    Identity,

    /// <summary>Whether an email is already in use at the clinic, answered without saying whose it is.</summary>
    DuplicateEmail,

    /// <summary>Clinic-wide figures and the expected-course fit: counts and sums over every client; no client's record is returned.</summary>
    ClinicStatistics,

    /// <summary>What a submitted form is checked against, for the client it is about: their sessions, earlier scores, a replayed answer.</summary>
    SubmissionChecks,

    /// <summary>The compartment's own work: keeping care teams up, checking access, moving a client's sessions in a change of therapist.</summary>
    Compartment,

    /// <summary>The seats of a group session the caller joins or leaves, and its other members' places (never their names).</summary>
    GroupSeats,
}

public static class BypassExtensions
{
    /// <summary>Looks past who the caller may see (still within their clinic), for <paramref name="why"/>.</summary>
    public static IQueryable<T> Unfiltered<T>(this IQueryable<T> query, Bypass why)
        where T : class
    {
        _ = why;
        return query.IgnoreQueryFilters([OnTrackDbContext.CallerFilter]);
    }

    /// <summary>Looks past every filter, the clinic's too, for <paramref name="why"/>.</summary>
    public static IQueryable<T> AcrossClinics<T>(this IQueryable<T> query, Bypass why)
        where T : class
    {
        _ = why;
        return query.IgnoreQueryFilters();
    }
}
