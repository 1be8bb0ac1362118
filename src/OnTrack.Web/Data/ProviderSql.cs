namespace OnTrack.Web.Data;

/// <summary>
/// Rules the database itself enforces, in each provider's SQL, applied by the migrations.
/// Appointment statuses 0–2 (booked, attended, no-show) hold the therapist's time; 3–4 (cancelled) do not.
/// </summary>
internal static class ProviderSql
{
    public static class Sqlite
    {
        // SQLite has no exclusion constraints; triggers run inside the writing transaction, and SQLite
        // has one writer at a time, so the check and the insert cannot interleave with another booking.
        private const string Overlap = """
            SELECT RAISE(ABORT, 'EX_Appointments_NoOverlap: the therapist already has a session at that time')
            WHERE NEW."Status" IN (0, 1, 2) AND EXISTS (
                SELECT 1 FROM "Appointments" a
                WHERE a."TherapistId" = NEW."TherapistId" AND a."Id" <> NEW."Id" AND a."Status" IN (0, 1, 2)
                  AND a."Start" < NEW."BlockedUntil" AND NEW."Start" < a."BlockedUntil");
            """;

        public static readonly string[] Up =
        [
            $"""CREATE TRIGGER "TR_Appointments_NoOverlap_Insert" BEFORE INSERT ON "Appointments" BEGIN {Overlap} END;""",
            $"""CREATE TRIGGER "TR_Appointments_NoOverlap_Update" BEFORE UPDATE OF "Start", "BlockedUntil", "Status", "TherapistId" ON "Appointments" BEGIN {Overlap} END;""",
            """CREATE TRIGGER "TR_AuditEvents_NoUpdate" BEFORE UPDATE ON "AuditEvents" BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;""",
            """CREATE TRIGGER "TR_AuditEvents_NoDelete" BEFORE DELETE ON "AuditEvents" BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;""",
        ];

        public static readonly string[] Down =
        [
            """DROP TRIGGER IF EXISTS "TR_Appointments_NoOverlap_Insert";""",
            """DROP TRIGGER IF EXISTS "TR_Appointments_NoOverlap_Update";""",
            """DROP TRIGGER IF EXISTS "TR_AuditEvents_NoUpdate";""",
            """DROP TRIGGER IF EXISTS "TR_AuditEvents_NoDelete";""",
        ];
    }

    public static class Postgres
    {
        public static readonly string[] Up =
        [
            // btree_gist lets the exclusion constraint combine "same therapist" (=) with "ranges overlap" (&&).
            "CREATE EXTENSION IF NOT EXISTS btree_gist;",
            """
            ALTER TABLE "Appointments" ADD CONSTRAINT "EX_Appointments_NoOverlap"
                EXCLUDE USING gist ("TherapistId" WITH =, tstzrange("Start", "BlockedUntil", '[)') WITH &&)
                WHERE ("Status" IN (0, 1, 2));
            """,
            """
            CREATE FUNCTION ontrack_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'The audit trail is append-only'; END; $$;
            """,
            """CREATE TRIGGER "TR_AuditEvents_AppendOnly" BEFORE UPDATE OR DELETE ON "AuditEvents" FOR EACH ROW EXECUTE FUNCTION ontrack_audit_is_append_only();""",
        ];

        public static readonly string[] Down =
        [
            """DROP TRIGGER IF EXISTS "TR_AuditEvents_AppendOnly" ON "AuditEvents";""",
            "DROP FUNCTION IF EXISTS ontrack_audit_is_append_only();",
            """ALTER TABLE "Appointments" DROP CONSTRAINT IF EXISTS "EX_Appointments_NoOverlap";""",
        ];
    }
}
