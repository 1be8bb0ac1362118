using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

/// <inheritdoc />
public partial class IdempotencyRecords : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "IdempotencyRecords",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                Scope = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                StatusCode = table.Column<int>(type: "integer", nullable: false),
                ResponseJson = table.Column<string>(type: "text", nullable: false),
                CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IdempotencyRecords", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_IdempotencyRecords_ClinicId",
            table: "IdempotencyRecords",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_IdempotencyRecords_ClinicId_Scope_Key",
            table: "IdempotencyRecords",
            columns: new[] { "ClinicId", "Scope", "Key" },
            unique: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "IdempotencyRecords");
    }
}
