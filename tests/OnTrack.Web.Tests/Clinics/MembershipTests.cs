using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Security;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Clinics;

/// <summary>
/// One login, several clinics (issue 9, item 6; decision 011): a client of one clinic becomes a client of
/// another with the same login, each sign-in is for one clinic with only its roles, and no clinic learns
/// whether an address has a login elsewhere.
/// </summary>
public abstract class MembershipTests(OnTrackApp app)
{
    private const string Password = "Other-person-2026";

    /// <summary>A second clinic (no services) with a client who has a login there: the person who goes on to the demo clinic.</summary>
    private async Task<(Guid Clinic, string Slug, string AdminEmail, string Email, Guid ClientId)> ClientOfAnotherClinicAsync(string name)
    {
        var admin = await OtherClinic.CreateWithAdminAsync(app);
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.test";
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var clinic = (await users.FindByEmailAsync(admin))!.ClinicId;
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, ClinicId = clinic, FullName = name };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await scope.ServiceProvider.GetRequiredService<Memberships>().GrantAsync(user, clinic, Roles.Client);
        var client = new Client { ClinicId = clinic, UserId = user.Id, FullName = name, Email = email, Phone = "555-0111", CreatedAt = app.Clock.GetCurrentInstant() };
        db.ClientRecords.Add(client);
        await db.SaveChangesAsync();
        var slug = await db.Clinics.Where(c => c.Id == clinic).Select(c => c.Slug).SingleAsync();
        return (clinic, slug, admin, email, client.Id);
    }

    private static async Task<string> SlugAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/clinic")).GetProperty("slug").GetString()!;

    private static string PathOf(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } to ? to.PathAndQuery : response.Headers.Location?.OriginalString ?? "";

    private static async Task<HttpClient> TokenAsync(HttpClient client, string email, string password, string? clinic)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password, clinic });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    [Fact]
    public async Task AClientOfAnotherClinic_BooksHereWithTheSameLogin_AndEachClinicSeesOnlyItsOwnRecord()
    {
        var other = await ClientOfAnotherClinicAsync("Sam Other");
        var service = (await app.CreateClient().ServiceAsync("Individual therapy")).Id;
        var maya = await app.TherapistIdAsync("Dr. Maya Chen");

        // Asked anonymously here with the address of a login elsewhere: the usual answer, and the email asks them to sign in.
        var asked = await app.CreateClient().BookAsync(new { serviceId = service, therapistId = maya, start = Phoenix.At("2026-03-11T10:00"), newClient = new { fullName = "Sam Asking", email = other.Email, phone = "555-0100", password = "Test-password-2026" } });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var link = await app.LinkInEmailAsync(other.Email, "/Account/Login?ReturnUrl=");
        var bookPage = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)["ReturnUrl"].Single()!;
        Assert.Contains($"clinic={DemoClinic.Slug}", bookPage, StringComparison.Ordinal);

        // Signing in from it: not a member here yet, so the sign-in is for their own clinic, and the Book page sends them to join.
        var browser = app.Browser("198.51.100.61");
        Assert.Equal(bookPage, PathOf(await browser.LogInAsync(other.Email, Password, bookPage)));
        Assert.Equal(other.Slug, await SlugAsync(browser));
        var toJoin = await browser.GetAsync(bookPage);
        Assert.Equal(HttpStatusCode.Redirect, toJoin.StatusCode);
        var joinPage = PathOf(toJoin);
        Assert.StartsWith($"/Account/Clinics?clinic={DemoClinic.Slug}&ReturnUrl=", joinPage, StringComparison.Ordinal);
        var page = await browser.GetStringAsync(joinPage);
        Assert.Contains("Become a client of", page, StringComparison.Ordinal);
        Assert.DoesNotContain("555-0111", page, StringComparison.Ordinal); // nothing of the other clinic's record is offered

        // A wrong name is refused in words and joins nothing.
        var memberships = await app.WithDbAsync(db => db.ClinicMemberships.CountAsync());
        var refused = await browser.PostFormAsync(joinPage, "join", new() { ["JoinForm.FullName"] = "S", ["JoinForm.Phone"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Your full name", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(memberships, await app.WithDbAsync(db => db.ClinicMemberships.CountAsync()));

        var joined = await browser.PostFormAsync(joinPage, "join", new() { ["JoinForm.FullName"] = "Sam Joiner", ["JoinForm.Phone"] = "555-0199" });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal(bookPage, PathOf(joined));
        Assert.Equal(DemoClinic.Slug, await SlugAsync(browser));
        Assert.Contains("Confirm booking", await browser.GetStringAsync(bookPage), StringComparison.Ordinal);

        // Here they have a record of their own, with what they typed; the other clinic's record is as it was.
        var records = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.Email == other.Email).OrderBy(c => c.CreatedAt).Select(c => new { c.ClinicId, c.FullName, c.Phone, c.UserId }).ToListAsync());
        Assert.Equal(2, records.Count);
        Assert.Equal(("Sam Other", "555-0111", other.Clinic), (records[0].FullName, records[0].Phone, records[0].ClinicId));
        Assert.Equal(("Sam Joiner", "555-0199"), (records[1].FullName, records[1].Phone));
        Assert.Equal(records[0].UserId, records[1].UserId);

        // They book here as this clinic's client.
        var booked = await TokenAsync(app.CreateClient(), other.Email, Password, DemoClinic.Slug)
            .ContinueWith(t => t.Result.BookAsync(new { serviceId = service, therapistId = maya, start = Phoenix.At("2026-03-11T10:00") })).Unwrap();
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        // A token for each clinic reads that clinic only.
        var here = await TokenAsync(app.CreateClient(), other.Email, Password, DemoClinic.Slug);
        var there = await TokenAsync(app.CreateClient(), other.Email, Password, other.Slug);
        Assert.Single(await here.GetFromJsonAsync<List<JsonElement>>("/api/appointments", OnTrackApp.Json) ?? []);
        Assert.Empty(await there.GetFromJsonAsync<List<JsonElement>>("/api/appointments", OnTrackApp.Json) ?? []);
        Assert.Equal(other.Slug, await SlugAsync(there));

        // Each clinic's staff see their own record of the person, and nothing of the other's.
        var ourAdmin = await app.SignInAsync(DemoClinic.AdminEmail);
        var theirAdmin = await app.SignInAsync(other.AdminEmail, OtherClinic.AdminPassword);
        var ours = (await ourAdmin.GetFromJsonAsync<List<ClientDto>>("/api/clients", OnTrackApp.Json))!.Where(c => c.Email == other.Email).ToList();
        var theirs = (await theirAdmin.GetFromJsonAsync<List<ClientDto>>("/api/clients", OnTrackApp.Json))!.Where(c => c.Email == other.Email).ToList();
        Assert.Equal("Sam Joiner", Assert.Single(ours).FullName);
        Assert.Equal("Sam Other", Assert.Single(theirs).FullName);

        // Switching back from the clinics page; with no clinic named, the next sign-in goes to the one used last.
        var switched = await browser.PostFormAsync("/Account/Clinics", "switch", new() { ["Switch.Clinic"] = other.Clinic.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal(other.Slug, await SlugAsync(browser));
        Assert.Equal(other.Slug, await SlugAsync(await TokenAsync(app.CreateClient(), other.Email, Password, null)));
        Assert.Contains("Your clinics", await browser.GetStringAsync("/my"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffInvitingAnAddressWithALoginElsewhere_GetTheSameAnswer_AndThePersonAcceptsWhileSignedIn()
    {
        var other = await ClientOfAnotherClinicAsync("Kim Invited");
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var fresh = $"kim.new.{Guid.NewGuid():N}@example.test";

        var known = await admin.PostAsJsonAsync("/api/clients", new { fullName = "Kim Invited", email = other.Email, phone = "555-0122", invite = true });
        var unknown = await admin.PostAsJsonAsync("/api/clients", new { fullName = "Kim New", email = fresh, phone = "555-0123", invite = true });
        Assert.Equal(HttpStatusCode.Created, known.StatusCode);
        Assert.Equal(HttpStatusCode.Created, unknown.StatusCode);
        var knownDto = await known.ReadAsync<ClientDto>();
        var unknownDto = await unknown.ReadAsync<ClientDto>();
        Assert.Equal(unknownDto.HasAccount, knownDto.HasAccount); // the answer says nothing about a login elsewhere
        var ourName = await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).Select(c => c.Name).SingleAsync());
        Assert.Equal(1, await app.EmailsToAsync(other.Email, $"{ourName} has invited you to OnTrack"));

        // Adding the same person again is this clinic's own duplicate, whatever the case of the address.
        var again = await admin.PostAsJsonAsync("/api/clients", new { fullName = "Kim Again", email = other.Email.ToUpperInvariant(), invite = true });
        await again.ProblemAsync(HttpStatusCode.Conflict);

        // Until they accept, a sign-in never lands here, even when it asks to.
        Assert.Equal(other.Slug, await SlugAsync(await TokenAsync(app.CreateClient(), other.Email, Password, DemoClinic.Slug)));

        var link = await app.LinkInEmailAsync(other.Email, "/Account/Clinics?clinic=");
        Assert.Contains("&invitation=", link.Query, StringComparison.Ordinal);

        // The invitation is the link: without it, or in another person's hands, there is none.
        var stranger = await ClientOfAnotherClinicAsync("Kim Stranger");
        var theirBrowser = app.Browser("198.51.100.65");
        await theirBrowser.LogInAsync(stranger.Email, Password);
        Assert.Contains("This invitation cannot be used", await theirBrowser.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
        var forged = await theirBrowser.PostFormAsync(link.PathAndQuery, "switch", new() { ["Switch.Clinic"] = Guid.Empty.ToString() });
        Assert.True((int)forged.StatusCode < 500, $"{(int)forged.StatusCode}");
        Assert.Equal(stranger.Slug, await SlugAsync(theirBrowser));

        var browser = app.Browser("198.51.100.62");
        Assert.Equal(link.PathAndQuery, PathOf(await browser.LogInAsync(other.Email, Password, link.PathAndQuery)));
        Assert.DoesNotContain("has invited you", await browser.GetStringAsync($"/Account/Clinics?clinic={DemoClinic.Slug}"), StringComparison.Ordinal);
        var page = await browser.GetStringAsync(link.PathAndQuery);
        Assert.Contains("has invited you", page, StringComparison.Ordinal);
        var clinic = await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).Select(c => c.Id).SingleAsync());
        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)["invitation"].Single()!;
        var accepted = await browser.PostFormAsync(link.PathAndQuery, "choose", new() { ["Form.Invitation"] = token, ["Form.Action"] = "accept" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(DemoClinic.Slug, await SlugAsync(browser));

        // Signed in here, they are the record the staff made (and the staff's details in it stay).
        var signedIn = await TokenAsync(app.CreateClient(), other.Email, Password, DemoClinic.Slug);
        var forms = await signedIn.GetAsync("/api/due-forms");
        Assert.True(forms.IsSuccessStatusCode, $"{(int)forms.StatusCode}");
        Assert.Equal(knownDto.Id, await app.WithDbAsync(db => db.ClientRecords.Where(c => c.ClinicId == clinic && c.Email == other.Email).Select(c => c.Id).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.ClinicMemberships.AnyAsync(m => m.ClinicId == clinic && m.Role == Roles.Client && m.UserId == db.Users.Single(u => u.Email == other.Email).Id)));

        // Used once: the link is no invitation any more.
        Assert.DoesNotContain("has invited you", await browser.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignInForOneClinic_CarriesNoRoleOfAnother_AndEndsWhenItsMembershipDoes()
    {
        // The demo clinic's admin is also a client of another clinic.
        var other = await ClientOfAnotherClinicAsync("Pat Admin Elsewhere");
        var admin = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == DemoClinic.AdminEmail));
        await app.WithDbAsync(async db =>
        {
            db.ClinicMemberships.Add(new ClinicMembership { UserId = admin.Id, ClinicId = other.Clinic, Role = Roles.Client, CreatedAt = app.Clock.GetCurrentInstant() });
            db.ClientRecords.Add(new Client { ClinicId = other.Clinic, UserId = admin.Id, FullName = "Admin As Client", Email = DemoClinic.AdminEmail, CreatedAt = app.Clock.GetCurrentInstant() });
            return await db.SaveChangesAsync();
        });

        var asClient = await TokenAsync(app.CreateClient(), DemoClinic.AdminEmail, DemoClinic.Password, other.Slug);
        Assert.Equal(other.Slug, await SlugAsync(asClient));
        await (await asClient.GetAsync("/api/clients")).ProblemAsync(HttpStatusCode.NotFound); // no staff role there
        Assert.Equal(HttpStatusCode.OK, (await asClient.GetAsync("/api/due-forms")).StatusCode);

        var asAdmin = await TokenAsync(app.CreateClient(), DemoClinic.AdminEmail, DemoClinic.Password, DemoClinic.Slug);
        Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync("/api/clients")).StatusCode);
        Assert.DoesNotContain("Admin As Client", await asAdmin.GetStringAsync("/api/clients"), StringComparison.Ordinal);

        // The other clinic ends the membership: the sign-in for it stops at once, the one for here goes on.
        await app.WithDbAsync(db => db.ClinicMemberships.Where(m => m.UserId == admin.Id && m.ClinicId == other.Clinic).ExecuteDeleteAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await asClient.GetAsync("/api/due-forms")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync("/api/clients")).StatusCode);

        // A person of one clinic whose only membership ends is signed out too.
        var alone = await TokenAsync(app.CreateClient(), other.Email, Password, null);
        Assert.Equal(HttpStatusCode.OK, (await alone.GetAsync("/api/due-forms")).StatusCode);
        await app.WithDbAsync(db => db.ClinicMemberships.Where(m => m.ClinicId == other.Clinic && m.UserId == db.Users.Single(u => u.Email == other.Email).Id).ExecuteDeleteAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await alone.GetAsync("/api/due-forms")).StatusCode);
    }

    [Fact]
    public async Task ARoleTakenAway_EndsTheSignInsThatCarryIt_AndARowLeftFromAnEndedRoleGivesNothing()
    {
        var other = await ClientOfAnotherClinicAsync("Jo Former Therapist");
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == other.Email));

        // A therapist row left at that clinic from a role that ended: a client sign-in there carries no therapist id.
        await app.WithDbAsync(async db =>
        {
            db.Therapists.Add(new OnTrack.Web.Features.Staff.Therapist { ClinicId = other.Clinic, UserId = user.Id, DisplayName = "Jo Former" });
            return await db.SaveChangesAsync();
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ClinicChoice>().Choose(other.Clinic);
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
            var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByEmailAsync(other.Email))!);
            Assert.Null(principal.FindFirst(OnTrackClaims.Therapist));
            Assert.NotNull(principal.FindFirst(OnTrackClaims.Client));
            Assert.Equal([Roles.Client], principal.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value));
        }

        // Given the therapist role there, then losing it while keeping the client role: the sign-in with it ends.
        await app.WithDbAsync(async db =>
        {
            db.ClinicMemberships.Add(new ClinicMembership { UserId = user.Id, ClinicId = other.Clinic, Role = Roles.Therapist, CreatedAt = app.Clock.GetCurrentInstant() });
            return await db.SaveChangesAsync();
        });
        var asTherapist = await TokenAsync(app.CreateClient(), other.Email, Password, other.Slug);
        Assert.Equal(HttpStatusCode.OK, (await asTherapist.GetAsync("/api/clients")).StatusCode);
        await app.WithDbAsync(db => db.ClinicMemberships.Where(m => m.UserId == user.Id && m.Role == Roles.Therapist).ExecuteDeleteAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await asTherapist.GetAsync("/api/clients")).StatusCode);
        var asClient = await TokenAsync(app.CreateClient(), other.Email, Password, other.Slug);
        await (await asClient.GetAsync("/api/clients")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ACookieRefreshedAfterItsStampCheck_StaysAtItsClinic_OrEndsWithItsMembership()
    {
        var other = await ClientOfAnotherClinicAsync("Ari Refresh");
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == other.Email));
        var demo = await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).Select(c => c.Id).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            db.ClinicMemberships.Add(new ClinicMembership { UserId = user.Id, ClinicId = demo, Role = Roles.Client, CreatedAt = app.Clock.GetCurrentInstant() });
            db.ClientRecords.Add(new Client { ClinicId = demo, UserId = user.Id, FullName = "Ari Refresh", Email = other.Email, CreatedAt = app.Clock.GetCurrentInstant() });
            return await db.SaveChangesAsync();
        });

        // The same app and database, re-checking every cookie's security stamp on every request (instead of every 30 minutes).
        using var everyRequest = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        var browser = new HttpClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler { InnerHandler = everyRequest.Server.CreateHandler() }) { BaseAddress = new Uri("https://localhost") };
        await browser.LogInAsync(other.Email, Password, $"/book?clinic={DemoClinic.Slug}");
        Assert.Equal(DemoClinic.Slug, await SlugAsync(browser));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/due-forms?clinic={other.Slug}")).StatusCode);
        Assert.Equal(DemoClinic.Slug, await SlugAsync(browser)); // refreshed, still here: another clinic named in a link does not move it

        // The membership here ends: the refreshed cookie is signed out, not moved to their other clinic.
        await app.WithDbAsync(db => db.ClinicMemberships.Where(m => m.UserId == user.Id && m.ClinicId == demo).ExecuteDeleteAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/due-forms")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/due-forms")).StatusCode);
    }

    [Fact]
    public async Task TheJoinPage_RefusesWhatIsNotAnOffer_AndAnUnknownClinicIsSaidPlainly()
    {
        var other = await ClientOfAnotherClinicAsync("Lee Probing");
        var browser = app.Browser("198.51.100.63");
        await browser.LogInAsync(other.Email, Password);

        Assert.Contains("There is no clinic called", await browser.GetStringAsync("/Account/Clinics?clinic=no-such-clinic"), StringComparison.Ordinal);
        var before = await app.WithDbAsync(db => db.ClinicMemberships.CountAsync());

        // Switching to, or accepting, a clinic they do not belong to and were not invited by changes nothing.
        var demo = await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).Select(c => c.Id).SingleAsync());
        var switched = await browser.PostFormAsync("/Account/Clinics", "switch", new() { ["Switch.Clinic"] = demo.ToString() });
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Contains("was not found", await switched.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var accepted = await browser.PostFormAsync($"/Account/Clinics?clinic={DemoClinic.Slug}", "choose", new() { ["Form.Clinic"] = demo.ToString(), ["Form.Action"] = "accept" });
        Assert.True(accepted.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)accepted.StatusCode}"); // that form is not on their page
        var junk = await browser.PostFormAsync("/Account/Clinics", "choose", new() { ["Form.Clinic"] = "not-a-clinic\0", ["Form.Action"] = "accept" });
        Assert.True((int)junk.StatusCode < 500, $"{(int)junk.StatusCode}");
        Assert.Equal(before, await app.WithDbAsync(db => db.ClinicMemberships.CountAsync()));
        Assert.Equal(other.Slug, await SlugAsync(browser));

        // Signed in at their clinic, asking for a password reset for a login made at another one answers as for an unknown address.
        async Task<string> ForgotAsync(string email)
        {
            var answer = await browser.PostFormAsync("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = email });
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            return PathOf(answer);
        }

        Assert.Equal(await ForgotAsync($"nobody.{Guid.NewGuid():N}@example.test"), await ForgotAsync(DemoClinic.AdminEmail));

        // Anonymous visitors are sent to sign in.
        var anonymous = await app.Browser("198.51.100.64").GetAsync("/Account/Clinics");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", PathOf(anonymous), StringComparison.Ordinal);
    }
}

/// <summary>The migration that brought memberships fills them from Identity's roles: every login keeps what it was.</summary>
public abstract class MembershipMigrationTests(OnTrackApp app)
{
    [Fact]
    public async Task TheMigration_GivesEveryLoginItsRolesAtItsClinic_AsMemberships()
    {
        await app.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            var ours = applied.FindIndex(m => m.EndsWith("_ClinicMemberships", StringComparison.Ordinal));
            Assert.True(ours > 0, "The ClinicMemberships migration is applied");
            await migrator.MigrateAsync(applied[ours - 1]);
            await migrator.MigrateAsync();
            return 0;
        });

        var expected = await app.WithDbAsync(db => (from ur in db.UserRoles
                                                    join r in db.Roles on ur.RoleId equals r.Id
                                                    join u in db.Users on ur.UserId equals u.Id
                                                    select new { ur.UserId, u.ClinicId, Role = r.Name! }).ToListAsync());
        var memberships = await app.WithDbAsync(db => db.ClinicMemberships.Select(m => new { m.UserId, m.ClinicId, m.Role }).ToListAsync());
        Assert.True(expected.Count > 5, "the demo has logins with roles");
        Assert.Equal(expected.OrderBy(e => e.UserId, StringComparer.Ordinal).ThenBy(e => e.Role, StringComparer.Ordinal),
            memberships.OrderBy(e => e.UserId, StringComparer.Ordinal).ThenBy(e => e.Role, StringComparer.Ordinal));

        // And the logins work as before.
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/clients")).StatusCode);
    }
}

public sealed class MembershipTestsOnSqlite(SqliteApp app) : MembershipTests(app), IClassFixture<SqliteApp>;

public sealed class MembershipTestsOnPostgres(PostgresApp app) : MembershipTests(app), IClassFixture<PostgresApp>;

public sealed class MembershipMigrationTestsOnSqlite(SqliteApp app) : MembershipMigrationTests(app), IClassFixture<SqliteApp>;

public sealed class MembershipMigrationTestsOnPostgres(PostgresApp app) : MembershipMigrationTests(app), IClassFixture<PostgresApp>;
