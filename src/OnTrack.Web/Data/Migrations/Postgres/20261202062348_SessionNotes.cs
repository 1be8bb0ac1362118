using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

/// <inheritdoc />
public partial class SessionNotes : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(
            name: "ClientsReadSignedNotes",
            table: "Clinics",
            type: "boolean",
            nullable: false,
            defaultValue: false);

        migrationBuilder.CreateTable(
            name: "SessionNotes",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                AppointmentId = table.Column<Guid>(type: "uuid", nullable: false),
                SessionStart = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                AuthorTherapistId = table.Column<Guid>(type: "uuid", nullable: false),
                AuthorUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                AuthorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                Data = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                Assessment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                Plan = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                UpdatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                SignedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                SignedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                WithheldFromClient = table.Column<bool>(type: "boolean", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SessionNotes", x => x.Id);
                table.ForeignKey(
                    name: "FK_SessionNotes_Appointments_AppointmentId",
                    column: x => x.AppointmentId,
                    principalTable: "Appointments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_SessionNotes_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_SessionNotes_Therapists_AuthorTherapistId",
                    column: x => x.AuthorTherapistId,
                    principalTable: "Therapists",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "NoteAddenda",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                NoteId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                ByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_NoteAddenda", x => x.Id);
                table.ForeignKey(
                    name: "FK_NoteAddenda_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_NoteAddenda_SessionNotes_NoteId",
                    column: x => x.NoteId,
                    principalTable: "SessionNotes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_NoteAddenda_ClientId",
            table: "NoteAddenda",
            column: "ClientId");

        migrationBuilder.CreateIndex(
            name: "IX_NoteAddenda_ClinicId",
            table: "NoteAddenda",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_NoteAddenda_NoteId_At",
            table: "NoteAddenda",
            columns: new[] { "NoteId", "At" });

        migrationBuilder.CreateIndex(
            name: "IX_SessionNotes_AppointmentId_ClientId",
            table: "SessionNotes",
            columns: new[] { "AppointmentId", "ClientId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_SessionNotes_AuthorTherapistId",
            table: "SessionNotes",
            column: "AuthorTherapistId");

        migrationBuilder.CreateIndex(
            name: "IX_SessionNotes_ClientId_SessionStart",
            table: "SessionNotes",
            columns: new[] { "ClientId", "SessionStart" });

        migrationBuilder.CreateIndex(
            name: "IX_SessionNotes_ClinicId",
            table: "SessionNotes",
            column: "ClinicId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "NoteAddenda");

        migrationBuilder.DropTable(
            name: "SessionNotes");

        migrationBuilder.DropColumn(
            name: "ClientsReadSignedNotes",
            table: "Clinics");
    }
}
