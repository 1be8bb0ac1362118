using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Sqlite;

/// <inheritdoc />
public partial class ReviewsAndSessionNotes : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(
            name: "ClientsReadSignedNotes",
            table: "Clinics",
            type: "INTEGER",
            nullable: false,
            defaultValue: false);

        migrationBuilder.CreateTable(
            name: "ClientConcerns",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                AlertId = table.Column<Guid>(type: "TEXT", nullable: true),
                ReviewId = table.Column<Guid>(type: "TEXT", nullable: true),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                Topics = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                Wishes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                State = table.Column<int>(type: "INTEGER", nullable: false),
                HandledAt = table.Column<long>(type: "INTEGER", nullable: true),
                HandledBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Outcome = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                AnswerBy = table.Column<string>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClientConcerns", x => x.Id);
                table.ForeignKey(
                    name: "FK_ClientConcerns_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ConcernsForAdmins",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                Topics = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                Wishes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                State = table.Column<int>(type: "INTEGER", nullable: false),
                HandledAt = table.Column<long>(type: "INTEGER", nullable: true),
                HandledBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Outcome = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                AnswerBy = table.Column<string>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConcernsForAdmins", x => x.Id);
                table.ForeignKey(
                    name: "FK_ConcernsForAdmins_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Review",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                Reason = table.Column<int>(type: "INTEGER", nullable: false),
                AlertId = table.Column<Guid>(type: "TEXT", nullable: true),
                ConcernId = table.Column<Guid>(type: "TEXT", nullable: true),
                State = table.Column<int>(type: "INTEGER", nullable: false),
                OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                OpenedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                OpenedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                AppointmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                CompletedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Review", x => x.Id);
                table.ForeignKey(
                    name: "FK_Review_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SessionNotes",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                SessionStart = table.Column<long>(type: "INTEGER", nullable: false),
                AuthorTherapistId = table.Column<Guid>(type: "TEXT", nullable: false),
                AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                Data = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                Assessment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                Plan = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                SignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                SignedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                WithheldFromClient = table.Column<bool>(type: "INTEGER", nullable: false)
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
            name: "ReviewAction",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                Kind = table.Column<int>(type: "INTEGER", nullable: false),
                Details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                TakenAt = table.Column<long>(type: "INTEGER", nullable: false),
                ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                NewApproach = table.Column<int>(type: "INTEGER", nullable: true),
                NewFrequency = table.Column<int>(type: "INTEGER", nullable: true),
                PlanVersion = table.Column<int>(type: "INTEGER", nullable: true),
                FollowUp = table.Column<int>(type: "INTEGER", nullable: false),
                FollowUpAt = table.Column<long>(type: "INTEGER", nullable: true),
                FollowUpNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReviewAction", x => x.Id);
                table.ForeignKey(
                    name: "FK_ReviewAction_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ReviewAction_Review_ReviewId",
                    column: x => x.ReviewId,
                    principalTable: "Review",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ReviewFinding",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                Area = table.Column<int>(type: "INTEGER", nullable: false),
                Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                IsProblem = table.Column<bool>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReviewFinding", x => x.Id);
                table.ForeignKey(
                    name: "FK_ReviewFinding_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ReviewFinding_Review_ReviewId",
                    column: x => x.ReviewId,
                    principalTable: "Review",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "NoteAddenda",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                NoteId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                At = table.Column<long>(type: "INTEGER", nullable: false),
                ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
            name: "IX_ClientConcerns_ClientId_RaisedAt",
            table: "ClientConcerns",
            columns: new[] { "ClientId", "RaisedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_ClientConcerns_ClinicId",
            table: "ClientConcerns",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_ClientConcerns_ClinicId_State",
            table: "ClientConcerns",
            columns: new[] { "ClinicId", "State" });

        migrationBuilder.CreateIndex(
            name: "IX_ConcernsForAdmins_ClientId_RaisedAt",
            table: "ConcernsForAdmins",
            columns: new[] { "ClientId", "RaisedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_ConcernsForAdmins_ClinicId",
            table: "ConcernsForAdmins",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_ConcernsForAdmins_ClinicId_State",
            table: "ConcernsForAdmins",
            columns: new[] { "ClinicId", "State" });

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
            name: "IX_Review_ClientId_State",
            table: "Review",
            columns: new[] { "ClientId", "State" });

        migrationBuilder.CreateIndex(
            name: "IX_Review_ClinicId",
            table: "Review",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_Review_ClinicId_State",
            table: "Review",
            columns: new[] { "ClinicId", "State" });

        migrationBuilder.CreateIndex(
            name: "IX_ReviewAction_ClientId_TakenAt",
            table: "ReviewAction",
            columns: new[] { "ClientId", "TakenAt" });

        migrationBuilder.CreateIndex(
            name: "IX_ReviewAction_ClinicId",
            table: "ReviewAction",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_ReviewAction_ReviewId",
            table: "ReviewAction",
            column: "ReviewId");

        migrationBuilder.CreateIndex(
            name: "IX_ReviewFinding_ClientId",
            table: "ReviewFinding",
            column: "ClientId");

        migrationBuilder.CreateIndex(
            name: "IX_ReviewFinding_ClinicId",
            table: "ReviewFinding",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_ReviewFinding_ReviewId_Area",
            table: "ReviewFinding",
            columns: new[] { "ReviewId", "Area" },
            unique: true);

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
            name: "ClientConcerns");

        migrationBuilder.DropTable(
            name: "ConcernsForAdmins");

        migrationBuilder.DropTable(
            name: "NoteAddenda");

        migrationBuilder.DropTable(
            name: "ReviewAction");

        migrationBuilder.DropTable(
            name: "ReviewFinding");

        migrationBuilder.DropTable(
            name: "SessionNotes");

        migrationBuilder.DropTable(
            name: "Review");

        migrationBuilder.DropColumn(
            name: "ClientsReadSignedNotes",
            table: "Clinics");
    }
}
