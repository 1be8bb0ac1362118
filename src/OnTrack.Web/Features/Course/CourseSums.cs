using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Course;

/// <summary>
/// One client's sufficient statistics for the expected course on one instrument — the sums the grouped
/// query adds up over the client's scores after intake (f = ln(session + 1)) — kept by the database as
/// responses are stored, changed or deleted, in the same transaction, so a refit reads one small row per
/// client instead of aggregating every response.
/// </summary>
public sealed class ClientCourseSums : IClinicOwned
{
    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    public string InstrumentId { get; set; } = "";

    /// <summary>Scores after intake (valid, with a total, an intake and a session > 0).</summary>
    public int N { get; set; }

    public double SumF { get; set; }

    public double SumF2 { get; set; }

    public double SumY { get; set; }

    public double SumFY { get; set; }

    public double SumY2 { get; set; }

    /// <summary>The client's intake score (the smallest stored, as the grouped query's MIN).</summary>
    public double Intake { get; set; }
}

internal sealed class ClientCourseSumsConfiguration : IEntityTypeConfiguration<ClientCourseSums>
{
    public void Configure(EntityTypeBuilder<ClientCourseSums> builder)
    {
        builder.ToTable("ClientCourseSums");
        builder.HasKey(s => new { s.ClientId, s.InstrumentId });
        builder.Property(s => s.InstrumentId).HasMaxLength(100);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.ClinicId, s.InstrumentId });
    }
}

/// <summary>
/// The triggers that keep <see cref="ClientCourseSums"/>, in each provider's SQL, applied by the
/// migration. A row counts when the grouped query would count it: valid, session > 0, intake and total
/// present. A stored row adds its terms (an upsert that adds to the current row, so concurrent
/// submissions for one client serialise on that row and none is lost); a changed or deleted row
/// subtracts its old terms, the row goes when its count reaches 0, and the intake is re-read from the
/// client's remaining responses (an index range of one client).
/// </summary>
internal static class CourseSumsSql
{
    private const string Counts = """ "Valid" AND "CourseSession" > 0 AND "Intake" IS NOT NULL AND "Total" IS NOT NULL """;

    private static string Qualifies(string row) => string.Join(" AND ", Counts.Trim().Split(" AND ").Select(c => $"{row}.{c}"));

    private static string Terms(string row, string real) =>
        $"""
        ln(CAST({row}."CourseSession" AS {real}) + 1.0), ln(CAST({row}."CourseSession" AS {real}) + 1.0) * ln(CAST({row}."CourseSession" AS {real}) + 1.0),
        CAST({row}."Total" AS {real}), ln(CAST({row}."CourseSession" AS {real}) + 1.0) * CAST({row}."Total" AS {real}), CAST({row}."Total" AS {real}) * CAST({row}."Total" AS {real}),
        CAST({row}."Intake" AS {real})
        """;

    private static string Add(string real, string least) =>
        $"""
        INSERT INTO "ClientCourseSums" ("ClinicId", "ClientId", "InstrumentId", "N", "SumF", "SumF2", "SumY", "SumFY", "SumY2", "Intake")
        VALUES (NEW."ClinicId", NEW."ClientId", NEW."InstrumentId", 1, {Terms("NEW", real)})
        ON CONFLICT ("ClientId", "InstrumentId") DO UPDATE SET "N" = "ClientCourseSums"."N" + 1,
          "SumF" = "ClientCourseSums"."SumF" + excluded."SumF", "SumF2" = "ClientCourseSums"."SumF2" + excluded."SumF2",
          "SumY" = "ClientCourseSums"."SumY" + excluded."SumY", "SumFY" = "ClientCourseSums"."SumFY" + excluded."SumFY",
          "SumY2" = "ClientCourseSums"."SumY2" + excluded."SumY2", "Intake" = {least}("ClientCourseSums"."Intake", excluded."Intake");
        """;

    private static string Remove(string real) =>
        $"""
        UPDATE "ClientCourseSums" SET "N" = "N" - 1,
          "SumF" = "SumF" - ln(CAST(OLD."CourseSession" AS {real}) + 1.0),
          "SumF2" = "SumF2" - ln(CAST(OLD."CourseSession" AS {real}) + 1.0) * ln(CAST(OLD."CourseSession" AS {real}) + 1.0),
          "SumY" = "SumY" - CAST(OLD."Total" AS {real}),
          "SumFY" = "SumFY" - ln(CAST(OLD."CourseSession" AS {real}) + 1.0) * CAST(OLD."Total" AS {real}),
          "SumY2" = "SumY2" - CAST(OLD."Total" AS {real}) * CAST(OLD."Total" AS {real})
        WHERE "ClientId" = OLD."ClientId" AND "InstrumentId" = OLD."InstrumentId";
        DELETE FROM "ClientCourseSums" WHERE "ClientId" = OLD."ClientId" AND "InstrumentId" = OLD."InstrumentId" AND "N" <= 0;
        UPDATE "ClientCourseSums" SET "Intake" = (SELECT min(CAST(r."Intake" AS {real})) FROM "Responses" r
            WHERE r."ClientId" = OLD."ClientId" AND r."InstrumentId" = OLD."InstrumentId" AND {Qualifies("r")})
        WHERE "ClientId" = OLD."ClientId" AND "InstrumentId" = OLD."InstrumentId";
        """;

    /// <summary>Fills the table from the responses already stored (the grouped query, once).</summary>
    private static string Backfill(string real) =>
        $"""
        INSERT INTO "ClientCourseSums" ("ClinicId", "ClientId", "InstrumentId", "N", "SumF", "SumF2", "SumY", "SumFY", "SumY2", "Intake")
        SELECT min(r."ClinicId"::text)::uuid, r."ClientId", r."InstrumentId", count(*),
          sum(ln(CAST(r."CourseSession" AS {real}) + 1.0)), sum(ln(CAST(r."CourseSession" AS {real}) + 1.0) * ln(CAST(r."CourseSession" AS {real}) + 1.0)),
          sum(CAST(r."Total" AS {real})), sum(ln(CAST(r."CourseSession" AS {real}) + 1.0) * CAST(r."Total" AS {real})),
          sum(CAST(r."Total" AS {real}) * CAST(r."Total" AS {real})), min(CAST(r."Intake" AS {real}))
        FROM "Responses" r WHERE {Qualifies("r")}
        GROUP BY r."ClientId", r."InstrumentId";
        """;

    public static readonly string[] PostgresUp =
    [
        $"""
        CREATE FUNCTION "ClientCourseSums_Keep"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('UPDATE', 'DELETE') AND {Qualifies("OLD")} THEN
            {Remove("double precision")}
          END IF;
          IF TG_OP IN ('INSERT', 'UPDATE') AND {Qualifies("NEW")} THEN
            {Add("double precision", "LEAST")}
          END IF;
          RETURN NULL;
        END $$;
        """,
        """CREATE TRIGGER "TR_Responses_ClientCourseSums" AFTER INSERT OR UPDATE OR DELETE ON "Responses" FOR EACH ROW EXECUTE FUNCTION "ClientCourseSums_Keep"();""",
        Backfill("double precision"),
    ];

    public static readonly string[] PostgresDown =
    [
        """DROP TRIGGER IF EXISTS "TR_Responses_ClientCourseSums" ON "Responses";""",
        """DROP FUNCTION IF EXISTS "ClientCourseSums_Keep"();""",
    ];

    // SQLite stores decimals as text: CAST … AS REAL reads them as the grouped query does. Its triggers
    // run inside the single writer's transaction.
    public static readonly string[] SqliteUp =
    [
        $"""CREATE TRIGGER "TR_Responses_ClientCourseSums_Insert" AFTER INSERT ON "Responses" WHEN {Qualifies("NEW")} BEGIN {Add("REAL", "min")} END;""",
        $"""CREATE TRIGGER "TR_Responses_ClientCourseSums_UpdateOld" AFTER UPDATE ON "Responses" WHEN {Qualifies("OLD")} BEGIN {Remove("REAL")} END;""",
        $"""CREATE TRIGGER "TR_Responses_ClientCourseSums_UpdateNew" AFTER UPDATE ON "Responses" WHEN {Qualifies("NEW")} BEGIN {Add("REAL", "min")} END;""",
        $"""CREATE TRIGGER "TR_Responses_ClientCourseSums_Delete" AFTER DELETE ON "Responses" WHEN {Qualifies("OLD")} BEGIN {Remove("REAL")} END;""",
        Backfill("REAL").Replace("""min(r."ClinicId"::text)::uuid""", """min(r."ClinicId")""", StringComparison.Ordinal),
    ];

    public static readonly string[] SqliteDown =
    [
        """DROP TRIGGER IF EXISTS "TR_Responses_ClientCourseSums_Insert";""",
        """DROP TRIGGER IF EXISTS "TR_Responses_ClientCourseSums_UpdateOld";""",
        """DROP TRIGGER IF EXISTS "TR_Responses_ClientCourseSums_UpdateNew";""",
        """DROP TRIGGER IF EXISTS "TR_Responses_ClientCourseSums_Delete";""",
    ];
}
