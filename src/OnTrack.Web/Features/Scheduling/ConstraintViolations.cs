using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace OnTrack.Web.Features.Scheduling;

/// <summary>Recognises the database's own refusals, on both providers, so they become 409s and not 500s.</summary>
public static class ConstraintViolations
{
    /// <summary>Raised by the SQLite triggers; the PostgreSQL exclusion constraint has the same name.</summary>
    public const string NoOverlap = "EX_Appointments_NoOverlap";

    public static bool IsDoubleBooking(DbUpdateException exception) => exception?.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.ExclusionViolation,
        SqliteException sqlite => sqlite.Message.Contains(NoOverlap, StringComparison.Ordinal),
        _ => false,
    };

    public static bool IsSeatTaken(DbUpdateException exception) => exception?.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation && pg.ConstraintName?.StartsWith("IX_Participants", StringComparison.Ordinal) == true,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("Participants.", StringComparison.Ordinal),
        _ => false,
    };
}
