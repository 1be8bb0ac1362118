using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace OnTrack.Web.Features.Scheduling;

/// <summary>Recognises the database's own refusals, on both providers, so they become 409s and not 500s.</summary>
public static class ConstraintViolations
{
    /// <summary>Raised by the SQLite triggers; the PostgreSQL exclusion constraint has the same name.</summary>
    public const string NoOverlap = "EX_Appointments_NoOverlap";

    /// <summary>Raised by the SQLite triggers; the PostgreSQL exclusion constraint on participants has the same name.</summary>
    public const string ClientNoOverlap = "EX_Participants_ClientNoOverlap";

    /// <summary>The therapist already has a session at that time.</summary>
    public static bool IsDoubleBooking(DbUpdateException exception) => Is(exception, NoOverlap);

    /// <summary>A client (or partner, or group member) already has a session at that time, with any therapist.</summary>
    public static bool IsClientDoubleBooking(DbUpdateException exception) => Is(exception, ClientNoOverlap);

    /// <summary>The 409 for a booking the database refused as overlapping, or null when it refused it for another reason.</summary>
    public static Problem? AsBookingConflict(DbUpdateException exception) =>
        IsDoubleBooking(exception) ? Problem.Conflict("Someone else has just booked that time. Please choose another time.")
        : IsClientDoubleBooking(exception) ? Problem.Conflict("The client already has a session at that time.")
        : null;

    private static bool Is(DbUpdateException exception, string constraint) => exception?.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.ExclusionViolation && pg.ConstraintName == constraint,
        SqliteException sqlite => sqlite.Message.Contains(constraint, StringComparison.Ordinal),
        _ => false,
    };

    public static bool IsSeatTaken(DbUpdateException exception) => exception?.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation && pg.ConstraintName?.StartsWith("IX_Participants", StringComparison.Ordinal) == true,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("Participants.", StringComparison.Ordinal),
        _ => false,
    };
}
