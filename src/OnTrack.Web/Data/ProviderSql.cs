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

        // One client in two sessions at once (with any therapist, as a partner or a group member): the
        // booked places of a client, in active appointments, must not overlap in [Start, End).
        private const string ClientOverlap = """
            SELECT RAISE(ABORT, 'EX_Participants_ClientNoOverlap: the client already has a session at that time')
            WHERE NEW."Status" = 0 AND EXISTS (
                SELECT 1 FROM "Appointments" n
                JOIN "Participants" p ON p."ClientId" = NEW."ClientId" AND p."Status" = 0 AND p."Id" <> NEW."Id"
                JOIN "Appointments" a ON a."Id" = p."AppointmentId"
                WHERE n."Id" = NEW."AppointmentId" AND n."Status" IN (0, 1, 2) AND a."Status" IN (0, 1, 2)
                  AND a."Start" < n."End" AND n."Start" < a."End");
            """;

        // An appointment that becomes active again or moves keeps its clients free of overlaps too.
        private const string AppointmentClientOverlap = """
            SELECT RAISE(ABORT, 'EX_Participants_ClientNoOverlap: the client already has a session at that time')
            WHERE NEW."Status" IN (0, 1, 2) AND EXISTS (
                SELECT 1 FROM "Participants" mine
                JOIN "Participants" p ON p."ClientId" = mine."ClientId" AND p."Status" = 0 AND p."AppointmentId" <> NEW."Id"
                JOIN "Appointments" a ON a."Id" = p."AppointmentId"
                WHERE mine."AppointmentId" = NEW."Id" AND mine."Status" = 0 AND a."Status" IN (0, 1, 2)
                  AND a."Start" < NEW."End" AND NEW."Start" < a."End");
            """;

        public static readonly string[] ClientNoOverlapUp =
        [
            $"""CREATE TRIGGER "TR_Participants_ClientNoOverlap_Insert" BEFORE INSERT ON "Participants" BEGIN {ClientOverlap} END;""",
            $"""CREATE TRIGGER "TR_Participants_ClientNoOverlap_Update" BEFORE UPDATE OF "Status", "ClientId", "AppointmentId" ON "Participants" BEGIN {ClientOverlap} END;""",
            $"""
            CREATE TRIGGER "TR_Appointments_ClientNoOverlap_Update" BEFORE UPDATE OF "Start", "End", "Status" ON "Appointments"
            WHEN OLD."Status" NOT IN (0, 1, 2) OR NEW."Start" <> OLD."Start" OR NEW."End" <> OLD."End"
            BEGIN {AppointmentClientOverlap} END;
            """,
        ];

        public static readonly string[] ClientNoOverlapDown =
        [
            """DROP TRIGGER IF EXISTS "TR_Participants_ClientNoOverlap_Insert";""",
            """DROP TRIGGER IF EXISTS "TR_Participants_ClientNoOverlap_Update";""",
            """DROP TRIGGER IF EXISTS "TR_Appointments_ClientNoOverlap_Update";""",
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

        // An exclusion constraint sees only its own row, so each place carries a copy of its session's
        // time and whether the session holds time, kept by triggers (never by the app, which does not
        // map these columns): on insert from the appointment, and whenever the appointment changes.
        public static readonly string[] ClientNoOverlapUp =
        [
            """
            ALTER TABLE "Participants"
                ADD COLUMN "SessionStart" timestamp with time zone,
                ADD COLUMN "SessionEnd" timestamp with time zone,
                ADD COLUMN "SessionActive" boolean NOT NULL DEFAULT false;
            """,
            """
            UPDATE "Participants" p SET "SessionStart" = a."Start", "SessionEnd" = a."End", "SessionActive" = a."Status" IN (0, 1, 2)
            FROM "Appointments" a WHERE a."Id" = p."AppointmentId";
            """,
            """
            CREATE FUNCTION ontrack_participant_session() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                SELECT a."Start", a."End", a."Status" IN (0, 1, 2) INTO NEW."SessionStart", NEW."SessionEnd", NEW."SessionActive"
                FROM "Appointments" a WHERE a."Id" = NEW."AppointmentId";
                RETURN NEW;
            END; $$;
            """,
            """CREATE TRIGGER "TR_Participants_Session" BEFORE INSERT OR UPDATE OF "AppointmentId" ON "Participants" FOR EACH ROW EXECUTE FUNCTION ontrack_participant_session();""",
            """
            CREATE FUNCTION ontrack_appointment_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "Participants" SET "SessionStart" = NEW."Start", "SessionEnd" = NEW."End", "SessionActive" = NEW."Status" IN (0, 1, 2)
                WHERE "AppointmentId" = NEW."Id";
                RETURN NULL;
            END; $$;
            """,
            """
            CREATE TRIGGER "TR_Appointments_Sessions" AFTER UPDATE OF "Start", "End", "Status" ON "Appointments" FOR EACH ROW
            WHEN (OLD."Start" IS DISTINCT FROM NEW."Start" OR OLD."End" IS DISTINCT FROM NEW."End" OR (OLD."Status" IN (0, 1, 2)) IS DISTINCT FROM (NEW."Status" IN (0, 1, 2)))
            EXECUTE FUNCTION ontrack_appointment_sessions();
            """,
            // Bookings made before this rule may overlap already; the constraint cannot be added over
            // them, and cancelling a clinical appointment is a person's decision, so say which they are.
            """
            DO $$
            DECLARE clashes text;
            BEGIN
                SELECT string_agg(format('client %s in appointments %s and %s', p."ClientId", p."AppointmentId", q."AppointmentId"), '; ') INTO clashes
                FROM "Participants" p JOIN "Participants" q ON q."ClientId" = p."ClientId" AND q."Id" > p."Id"
                WHERE p."Status" = 0 AND q."Status" = 0 AND p."SessionActive" AND q."SessionActive"
                  AND tstzrange(p."SessionStart", p."SessionEnd", '[)') && tstzrange(q."SessionStart", q."SessionEnd", '[)');
                IF clashes IS NOT NULL THEN
                    RAISE EXCEPTION 'Some clients are booked into overlapping sessions. Cancel one session of each pair, then start OnTrack again: %', clashes;
                END IF;
            END $$;
            """,
            """
            ALTER TABLE "Participants" ADD CONSTRAINT "EX_Participants_ClientNoOverlap"
                EXCLUDE USING gist ("ClientId" WITH =, tstzrange("SessionStart", "SessionEnd", '[)') WITH &&)
                WHERE ("Status" = 0 AND "SessionActive");
            """,
        ];

        public static readonly string[] ClientNoOverlapDown =
        [
            """ALTER TABLE "Participants" DROP CONSTRAINT IF EXISTS "EX_Participants_ClientNoOverlap";""",
            """DROP TRIGGER IF EXISTS "TR_Appointments_Sessions" ON "Appointments";""",
            "DROP FUNCTION IF EXISTS ontrack_appointment_sessions();",
            """DROP TRIGGER IF EXISTS "TR_Participants_Session" ON "Participants";""",
            "DROP FUNCTION IF EXISTS ontrack_participant_session();",
            """ALTER TABLE "Participants" DROP COLUMN IF EXISTS "SessionStart", DROP COLUMN IF EXISTS "SessionEnd", DROP COLUMN IF EXISTS "SessionActive";""",
        ];

        public static readonly string[] Down =
        [
            """DROP TRIGGER IF EXISTS "TR_AuditEvents_AppendOnly" ON "AuditEvents";""",
            "DROP FUNCTION IF EXISTS ontrack_audit_is_append_only();",
            """ALTER TABLE "Appointments" DROP CONSTRAINT IF EXISTS "EX_Appointments_NoOverlap";""",
        ];
    }
}
