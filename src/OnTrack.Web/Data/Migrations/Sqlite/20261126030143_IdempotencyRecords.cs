using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Sqlite;

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
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                ResponseJson = table.Column<string>(type: "TEXT", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
