using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Sqlite;

/// <inheritdoc />
public partial class Initial : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoles", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                FullName = table.Column<string>(type: "TEXT", nullable: false),
                UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                PhoneNumber = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUsers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AuditEvents",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                At = table.Column<long>(type: "INTEGER", nullable: false),
                UserId = table.Column<string>(type: "TEXT", nullable: true),
                UserName = table.Column<string>(type: "TEXT", nullable: true),
                Action = table.Column<int>(type: "INTEGER", nullable: false),
                EntityType = table.Column<string>(type: "TEXT", nullable: false),
                EntityId = table.Column<string>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: true),
                IpAddress = table.Column<string>(type: "TEXT", nullable: true),
                Details = table.Column<string>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditEvents", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Clients",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                UserId = table.Column<string>(type: "TEXT", nullable: true),
                FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                Phone = table.Column<string>(type: "TEXT", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Clients", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Clinics",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                Slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Name = table.Column<string>(type: "TEXT", nullable: false),
                Address = table.Column<string>(type: "TEXT", nullable: false),
                Phones = table.Column<string>(type: "TEXT", nullable: false),
                Email = table.Column<string>(type: "TEXT", nullable: false),
                TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                CancellationWindowHours = table.Column<int>(type: "INTEGER", nullable: false),
                CrisisResources = table.Column<string>(type: "TEXT", nullable: false),
                RequireStaffTwoFactor = table.Column<bool>(type: "INTEGER", nullable: false),
                VideoRoomBaseUrl = table.Column<string>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Clinics", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Outbox",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                NotBefore = table.Column<long>(type: "INTEGER", nullable: false),
                To = table.Column<string>(type: "TEXT", nullable: false),
                Subject = table.Column<string>(type: "TEXT", nullable: false),
                TextBody = table.Column<string>(type: "TEXT", nullable: false),
                CalendarAttachment = table.Column<string>(type: "TEXT", nullable: true),
                AppointmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                Kind = table.Column<string>(type: "TEXT", nullable: false),
                LockedBy = table.Column<string>(type: "TEXT", nullable: true),
                LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                Withdrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                LastError = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Outbox", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Series",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                Pattern = table.Column<int>(type: "INTEGER", nullable: false),
                Count = table.Column<int>(type: "INTEGER", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Series", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Services",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                Format = table.Column<int>(type: "INTEGER", nullable: false),
                Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                Modality = table.Column<int>(type: "INTEGER", nullable: false),
                Active = table.Column<bool>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Services", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Therapists",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                UserId = table.Column<string>(type: "TEXT", nullable: false),
                DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Credentials = table.Column<string>(type: "TEXT", nullable: false),
                Bio = table.Column<string>(type: "TEXT", nullable: false),
                BufferMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                CalendarFeedToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Active = table.Column<bool>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Therapists", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                RoleId = table.Column<string>(type: "TEXT", nullable: false),
                ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: "AspNetRoles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                UserId = table.Column<string>(type: "TEXT", nullable: false),
                ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                ProviderKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                UserId = table.Column<string>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey(
                    name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserPasskeys",
            columns: table => new
            {
                CredentialId = table.Column<byte[]>(type: "BLOB", maxLength: 1024, nullable: false),
                UserId = table.Column<string>(type: "TEXT", nullable: false),
                Data = table.Column<string>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserPasskeys", x => x.CredentialId);
                table.ForeignKey(
                    name: "FK_AspNetUserPasskeys_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<string>(type: "TEXT", nullable: false),
                RoleId = table.Column<string>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey(
                    name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: "AspNetRoles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<string>(type: "TEXT", nullable: false),
                LoginProvider = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                Value = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey(
                    name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "OpeningHours",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                Day = table.Column<int>(type: "INTEGER", nullable: false),
                Start = table.Column<long>(type: "INTEGER", nullable: false),
                End = table.Column<long>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OpeningHours", x => x.Id);
                table.ForeignKey(
                    name: "FK_OpeningHours_Clinics_ClinicId",
                    column: x => x.ClinicId,
                    principalTable: "Clinics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Appointments",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                TherapistId = table.Column<Guid>(type: "TEXT", nullable: false),
                SeriesId = table.Column<Guid>(type: "TEXT", nullable: true),
                Start = table.Column<long>(type: "INTEGER", nullable: false),
                End = table.Column<long>(type: "INTEGER", nullable: false),
                BlockedUntil = table.Column<long>(type: "INTEGER", nullable: false),
                TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Status = table.Column<int>(type: "INTEGER", nullable: false),
                Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                VideoLink = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                CancelledAt = table.Column<long>(type: "INTEGER", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Appointments", x => x.Id);
                table.CheckConstraint("CK_Appointments_Capacity", "\"Capacity\" >= 1");
                table.CheckConstraint("CK_Appointments_EndAfterStart", "\"End\" > \"Start\" AND \"BlockedUntil\" >= \"End\"");
                table.ForeignKey(
                    name: "FK_Appointments_Series_SeriesId",
                    column: x => x.SeriesId,
                    principalTable: "Series",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Appointments_Services_ServiceId",
                    column: x => x.ServiceId,
                    principalTable: "Services",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Appointments_Therapists_TherapistId",
                    column: x => x.TherapistId,
                    principalTable: "Therapists",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ServiceTherapists",
            columns: table => new
            {
                ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                TherapistId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ServiceTherapists", x => new { x.ServiceId, x.TherapistId });
                table.ForeignKey(
                    name: "FK_ServiceTherapists_Services_ServiceId",
                    column: x => x.ServiceId,
                    principalTable: "Services",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ServiceTherapists_Therapists_TherapistId",
                    column: x => x.TherapistId,
                    principalTable: "Therapists",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TimeExceptions",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                TherapistId = table.Column<Guid>(type: "TEXT", nullable: false),
                Date = table.Column<string>(type: "TEXT", nullable: false),
                Kind = table.Column<int>(type: "INTEGER", nullable: false),
                Start = table.Column<long>(type: "INTEGER", nullable: true),
                End = table.Column<long>(type: "INTEGER", nullable: true),
                Note = table.Column<string>(type: "TEXT", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TimeExceptions", x => x.Id);
                table.ForeignKey(
                    name: "FK_TimeExceptions_Therapists_TherapistId",
                    column: x => x.TherapistId,
                    principalTable: "Therapists",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "WorkingHours",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                TherapistId = table.Column<Guid>(type: "TEXT", nullable: false),
                Day = table.Column<int>(type: "INTEGER", nullable: false),
                Start = table.Column<long>(type: "INTEGER", nullable: false),
                End = table.Column<long>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WorkingHours", x => x.Id);
                table.ForeignKey(
                    name: "FK_WorkingHours_Therapists_TherapistId",
                    column: x => x.TherapistId,
                    principalTable: "Therapists",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Participants",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                Seat = table.Column<int>(type: "INTEGER", nullable: false),
                Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                Status = table.Column<int>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Participants", x => x.Id);
                table.CheckConstraint("CK_Participants_SeatWithinCapacity", "\"Seat\" >= 1 AND \"Seat\" <= \"Capacity\"");
                table.ForeignKey(
                    name: "FK_Participants_Appointments_AppointmentId",
                    column: x => x.AppointmentId,
                    principalTable: "Appointments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Participants_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_Appointments_ClinicId",
            table: "Appointments",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_Appointments_SeriesId",
            table: "Appointments",
            column: "SeriesId");

        migrationBuilder.CreateIndex(
            name: "IX_Appointments_ServiceId",
            table: "Appointments",
            column: "ServiceId");

        migrationBuilder.CreateIndex(
            name: "IX_Appointments_TherapistId_Start",
            table: "Appointments",
            columns: new[] { "TherapistId", "Start" });

        migrationBuilder.CreateIndex(
            name: "IX_AspNetRoleClaims_RoleId",
            table: "AspNetRoleClaims",
            column: "RoleId");

        migrationBuilder.CreateIndex(
            name: "RoleNameIndex",
            table: "AspNetRoles",
            column: "NormalizedName",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserClaims_UserId",
            table: "AspNetUserClaims",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserLogins_UserId",
            table: "AspNetUserLogins",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserPasskeys_UserId",
            table: "AspNetUserPasskeys",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserRoles_RoleId",
            table: "AspNetUserRoles",
            column: "RoleId");

        migrationBuilder.CreateIndex(
            name: "EmailIndex",
            table: "AspNetUsers",
            column: "NormalizedEmail");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUsers_ClinicId",
            table: "AspNetUsers",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "UserNameIndex",
            table: "AspNetUsers",
            column: "NormalizedUserName",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_AuditEvents_ClientId",
            table: "AuditEvents",
            column: "ClientId");

        migrationBuilder.CreateIndex(
            name: "IX_AuditEvents_ClinicId",
            table: "AuditEvents",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_AuditEvents_ClinicId_At",
            table: "AuditEvents",
            columns: new[] { "ClinicId", "At" });

        migrationBuilder.CreateIndex(
            name: "IX_Clients_ClinicId",
            table: "Clients",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_Clients_ClinicId_Email",
            table: "Clients",
            columns: new[] { "ClinicId", "Email" });

        migrationBuilder.CreateIndex(
            name: "IX_Clients_UserId",
            table: "Clients",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_Clinics_Slug",
            table: "Clinics",
            column: "Slug",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_OpeningHours_ClinicId",
            table: "OpeningHours",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_Outbox_AppointmentId",
            table: "Outbox",
            column: "AppointmentId");

        migrationBuilder.CreateIndex(
            name: "IX_Outbox_ClinicId",
            table: "Outbox",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_Outbox_SentAt_NotBefore",
            table: "Outbox",
            columns: new[] { "SentAt", "NotBefore" });

        migrationBuilder.CreateIndex(
            name: "IX_Participants_AppointmentId_ClientId",
            table: "Participants",
            columns: new[] { "AppointmentId", "ClientId" },
            unique: true,
            filter: "\"Status\" = 0");

        migrationBuilder.CreateIndex(
            name: "IX_Participants_AppointmentId_Seat",
            table: "Participants",
            columns: new[] { "AppointmentId", "Seat" },
            unique: true,
            filter: "\"Status\" = 0");

        migrationBuilder.CreateIndex(
            name: "IX_Participants_ClientId",
            table: "Participants",
            column: "ClientId");

        migrationBuilder.CreateIndex(
            name: "IX_Participants_ClinicId",
            table: "Participants",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_Series_ClinicId",
            table: "Series",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_Services_ClinicId",
            table: "Services",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_ServiceTherapists_ClinicId",
            table: "ServiceTherapists",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_ServiceTherapists_TherapistId",
            table: "ServiceTherapists",
            column: "TherapistId");

        migrationBuilder.CreateIndex(
            name: "IX_Therapists_CalendarFeedToken",
            table: "Therapists",
            column: "CalendarFeedToken",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Therapists_ClinicId",
            table: "Therapists",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_Therapists_UserId",
            table: "Therapists",
            column: "UserId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_TimeExceptions_ClinicId",
            table: "TimeExceptions",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_TimeExceptions_TherapistId",
            table: "TimeExceptions",
            column: "TherapistId");

        migrationBuilder.CreateIndex(
            name: "IX_WorkingHours_ClinicId",
            table: "WorkingHours",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_WorkingHours_TherapistId",
            table: "WorkingHours",
            column: "TherapistId");

        foreach (var sql in OnTrack.Web.Data.ProviderSql.Sqlite.Up)
        {
            migrationBuilder.Sql(sql);
        }
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in OnTrack.Web.Data.ProviderSql.Sqlite.Down)
        {
            migrationBuilder.Sql(sql);
        }

        migrationBuilder.DropTable(
            name: "AspNetRoleClaims");

        migrationBuilder.DropTable(
            name: "AspNetUserClaims");

        migrationBuilder.DropTable(
            name: "AspNetUserLogins");

        migrationBuilder.DropTable(
            name: "AspNetUserPasskeys");

        migrationBuilder.DropTable(
            name: "AspNetUserRoles");

        migrationBuilder.DropTable(
            name: "AspNetUserTokens");

        migrationBuilder.DropTable(
            name: "AuditEvents");

        migrationBuilder.DropTable(
            name: "OpeningHours");

        migrationBuilder.DropTable(
            name: "Outbox");

        migrationBuilder.DropTable(
            name: "Participants");

        migrationBuilder.DropTable(
            name: "ServiceTherapists");

        migrationBuilder.DropTable(
            name: "TimeExceptions");

        migrationBuilder.DropTable(
            name: "WorkingHours");

        migrationBuilder.DropTable(
            name: "AspNetRoles");

        migrationBuilder.DropTable(
            name: "AspNetUsers");

        migrationBuilder.DropTable(
            name: "Clinics");

        migrationBuilder.DropTable(
            name: "Appointments");

        migrationBuilder.DropTable(
            name: "Clients");

        migrationBuilder.DropTable(
            name: "Series");

        migrationBuilder.DropTable(
            name: "Services");

        migrationBuilder.DropTable(
            name: "Therapists");
    }
}
