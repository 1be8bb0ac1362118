using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Web.Data;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Security;

public abstract class SecurityTests(OnTrackApp app)
{
    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        var response = await app.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task SignInForm_SetsASecureHttpOnlyAntiforgeryCookie()
    {
        var response = await app.CreateClient(new() { BaseAddress = new Uri("https://localhost") }).GetAsync("/Account/Login");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ontrack.af=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PlainHttpFromAnotherMachine_IsSentToHttps()
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Scheme = "http";
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/contact";
            c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        });

        Assert.Equal(StatusCodes.Status301MovedPermanently, context.Response.StatusCode);
        Assert.StartsWith("https://", context.Response.Headers.Location.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccount()
    {
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await (await client.PostAsJsonAsync("/api/auth/login", new { email = "casey.nguyen@example.test", password = "wrong-password" })).ProblemAsync(i < 4 ? HttpStatusCode.Unauthorized : HttpStatusCode.Locked);
        }

        // Even the right password is refused while locked.
        await (await client.PostAsJsonAsync("/api/auth/login", new { email = "casey.nguyen@example.test", password = DemoClinic.Password })).ProblemAsync(HttpStatusCode.Locked);
    }

    [Fact]
    public async Task StaffWithoutTwoFactor_AreStoppedWhenTheClinicRequiresIt()
    {
        await app.WithDbAsync(async db =>
        {
            await db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.RequireStaffTwoFactor, true));
            return 0;
        });
        try
        {
            var maya = await app.SignInAsync("maya.chen@demo.ontrack.test");
            var problem = await (await maya.GetAsync("/api/appointments")).ProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("authenticator", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

            // Clients are not staff: the rule does not stop them.
            var alex = await app.SignInAsync("alex.morgan@example.test");
            Assert.Equal(HttpStatusCode.OK, (await alex.GetAsync("/api/appointments")).StatusCode);
        }
        finally
        {
            await app.WithDbAsync(async db => await db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.RequireStaffTwoFactor, false)));
        }
    }

    [Fact]
    public async Task SignedInOnOneNode_IsSignedInOnAnother()
    {
        await using var second = new SecondNode(app);
        var alex = await app.SignInAsync("alex.morgan@example.test");
        var other = second.CreateClient();
        other.DefaultRequestHeaders.Authorization = alex.DefaultRequestHeaders.Authorization;

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/appointments")).StatusCode);
    }

    [Fact]
    public void EveryEndpoint_RequiresSignInOrIsDeliberatelyPublic()
    {
        // Public by design: the booking funnel for new clients, the contact details, sign-in, the API
        // reference, the calendar feed and the one-tap stop of lifestyle reminders (their secret tokens are the
        // credential) and the static assets.
        string[] publicRoutes =
        [
            "/api/services", "/api/services/{serviceId:guid}/therapists", "/api/slots", "/api/appointments", "/api/appointments/preview", "/api/clinic", "/api/auth/login",
            "/calendar/{token}.ics", "/openapi/{documentName}.json", "/api/lifestyle/reminders/stop",
        ];
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && (route.StartsWith("/api", StringComparison.Ordinal) || route.StartsWith("api", StringComparison.Ordinal) || route.StartsWith("/calendar", StringComparison.Ordinal) || route.StartsWith("/openapi", StringComparison.Ordinal) || route.StartsWith("/Account", StringComparison.Ordinal)))
            .ToList();
        Assert.NotEmpty(endpoints);

        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText!;
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var authorized = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any() || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null;
            var methods = string.Join(",", endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []);
            if (anonymous)
            {
                Assert.True(publicRoutes.Contains(route) || route.StartsWith("/api/docs", StringComparison.Ordinal) || route.StartsWith("/Account/", StringComparison.Ordinal),
                    $"{methods} {route} is public but not on the list of deliberately public routes");
            }
            else if (!route.StartsWith("/Account/", StringComparison.Ordinal) || route.StartsWith("/Account/Manage", StringComparison.Ordinal))
            {
                Assert.True(authorized, $"{methods} {route} neither requires sign-in nor is marked public");
            }
        }
    }

    [Fact]
    public void EveryPage_RequiresSignInOrIsDeliberatelyPublic()
    {
        string[] publicPages = ["/", "/book", "/book/check-email", "/contact", "/help", "/not-found", "/Error", "/kiosk/locked", "/reminders/stop"];
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null)
            .ToList();
        Assert.Contains(pages, p => p.RoutePattern.RawText == "/schedule");

        foreach (var page in pages)
        {
            var route = page.RoutePattern.RawText!;
            var authorized = page.Metadata.GetOrderedMetadata<IAuthorizeData>().Any();
            if (!authorized)
            {
                Assert.True(publicPages.Contains(route) || (route.StartsWith("/Account/", StringComparison.Ordinal) && !route.StartsWith("/Account/Manage", StringComparison.Ordinal)),
                    $"The page {route} is public but not on the list of deliberately public pages");
            }
        }
    }

    [Fact]
    public async Task ApiReference_IsPublishedAtAStableUrl()
    {
        var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");

        Assert.Equal("OnTrack API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/appointments", "/api/appointments/{id}", "/api/slots", "/api/services", "/api/appointments/{id}/cancel", "/api/appointments/{id}/reschedule", "/api/auth/login", "/api/clinic",
                     "/api/instruments", "/api/due-forms", "/api/responses", "/api/clients/{clientId}/responses", "/api/clients/{clientId}/progress",
                     "/api/clients/{clientId}/measure-plan", "/api/alerts", "/api/alerts/{id}/acknowledge", "/api/caseload", "/api/outcomes",
                     "/api/course-models", "/api/course-models/refit", "/api/fhir/QuestionnaireResponse/{id}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }

        var page = await client.GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SecurityTestsOnSqlite(SqliteApp app) : SecurityTests(app), IClassFixture<SqliteApp>;

public sealed class SecurityTestsOnPostgres(PostgresApp app) : SecurityTests(app), IClassFixture<PostgresApp>;
