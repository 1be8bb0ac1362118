using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

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
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                InstrumentId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                N = table.Column<int>(type: "integer", nullable: false),
                SumF = table.Column<double>(type: "double precision", nullable: false),
                SumF2 = table.Column<double>(type: "double precision", nullable: false),
                SumY = table.Column<double>(type: "double precision", nullable: false),
                SumFY = table.Column<double>(type: "double precision", nullable: false),
                SumY2 = table.Column<double>(type: "double precision", nullable: false),
                Intake = table.Column<double>(type: "double precision", nullable: false)
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

        foreach (var sql in OnTrack.Web.Features.Course.CourseSumsSql.PostgresUp)
        {
            migrationBuilder.Sql(sql);
        }
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in OnTrack.Web.Features.Course.CourseSumsSql.PostgresDown)
        {
            migrationBuilder.Sql(sql);
        }

        migrationBuilder.DropTable(
            name: "ClientCourseSums");
    }
}
