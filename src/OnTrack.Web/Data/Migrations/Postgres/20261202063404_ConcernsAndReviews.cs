using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

/// <inheritdoc />
public partial class ConcernsAndReviews : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ClientConcerns",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                AlertId = table.Column<Guid>(type: "uuid", nullable: true),
                ReviewId = table.Column<Guid>(type: "uuid", nullable: true),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                RaisedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                ByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                Topics = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                Wishes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                State = table.Column<int>(type: "integer", nullable: false),
                HandledAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                HandledBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                Outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                AnswerBy = table.Column<LocalDate>(type: "date", nullable: false)
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
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                RaisedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                ByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                Topics = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                Wishes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                State = table.Column<int>(type: "integer", nullable: false),
                HandledAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                HandledBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                Outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                AnswerBy = table.Column<LocalDate>(type: "date", nullable: false)
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
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                Reason = table.Column<int>(type: "integer", nullable: false),
                AlertId = table.Column<Guid>(type: "uuid", nullable: true),
                ConcernId = table.Column<Guid>(type: "uuid", nullable: true),
                State = table.Column<int>(type: "integer", nullable: false),
                OpenedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                OpenedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                OpenedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                AppointmentId = table.Column<Guid>(type: "uuid", nullable: true),
                CompletedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                CompletedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
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
            name: "ReviewAction",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                Kind = table.Column<int>(type: "integer", nullable: false),
                Details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                TakenAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                NewApproach = table.Column<int>(type: "integer", nullable: true),
                NewFrequency = table.Column<int>(type: "integer", nullable: true),
                PlanVersion = table.Column<int>(type: "integer", nullable: true),
                FollowUp = table.Column<int>(type: "integer", nullable: false),
                FollowUpAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                FollowUpNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                Area = table.Column<int>(type: "integer", nullable: false),
                Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                IsProblem = table.Column<bool>(type: "boolean", nullable: false)
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
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "ClientConcerns");

        migrationBuilder.DropTable(
            name: "ConcernsForAdmins");

        migrationBuilder.DropTable(
            name: "ReviewAction");

        migrationBuilder.DropTable(
            name: "ReviewFinding");

        migrationBuilder.DropTable(
            name: "Review");
    }
}
