using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Sqlite;

/// <summary>Per-client sums of the expected course, kept by triggers on "Responses" (see Features/Course/CourseSums.cs) and filled from the stored responses.</summary>
public partial class ClientCourseSums : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ClientCourseSums",
            columns: table => new
            {
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                InstrumentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                N = table.Column<int>(type: "INTEGER", nullable: false),
                SumF = table.Column<double>(type: "REAL", nullable: false),
                SumF2 = table.Column<double>(type: "REAL", nullable: false),
                SumY = table.Column<double>(type: "REAL", nullable: false),
                SumFY = table.Column<double>(type: "REAL", nullable: false),
                SumY2 = table.Column<double>(type: "REAL", nullable: false),
                Intake = table.Column<double>(type: "REAL", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClientCourseSums", x => new { x.ClientId, x.InstrumentId });
                table.ForeignKey(
                    name: "FK_ClientCourseSums_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_ClientCourseSums_ClinicId",
            table: "ClientCourseSums",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_ClientCourseSums_ClinicId_InstrumentId",
            table: "ClientCourseSums",
            columns: new[] { "ClinicId", "InstrumentId" });

        foreach (var sql in OnTrack.Web.Features.Course.CourseSumsSql.SqliteUp)
        {
            migrationBuilder.Sql(sql);
        }
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in OnTrack.Web.Features.Course.CourseSumsSql.SqliteDown)
        {
            migrationBuilder.Sql(sql);
        }

        migrationBuilder.DropTable(
            name: "ClientCourseSums");
    }
}
