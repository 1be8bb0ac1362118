using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

/// <inheritdoc />
public partial class GoalAttainmentRatings : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "GoalAttainmentRatings",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                GoalId = table.Column<Guid>(type: "uuid", nullable: false),
                Level = table.Column<int>(type: "integer", nullable: false),
                RatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                ByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GoalAttainmentRatings", x => x.Id);
                table.CheckConstraint("CK_GoalAttainmentRatings_Level", "\"Level\" BETWEEN -2 AND 2");
                table.ForeignKey(
                    name: "FK_GoalAttainmentRatings_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_GoalAttainmentRatings_Goals_GoalId",
                    column: x => x.GoalId,
                    principalTable: "Goals",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_GoalAttainmentRatings_ClientId_GoalId_RatedAt",
            table: "GoalAttainmentRatings",
            columns: new[] { "ClientId", "GoalId", "RatedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_GoalAttainmentRatings_ClinicId",
            table: "GoalAttainmentRatings",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_GoalAttainmentRatings_GoalId",
            table: "GoalAttainmentRatings",
            column: "GoalId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "GoalAttainmentRatings");
    }
}
