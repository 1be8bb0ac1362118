using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Web.Data;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Staff;
using OnTrack.Web.Security;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Security;

/// <summary>
/// Every API route and page, generated from the app's route table, against every kind of caller. Each
/// route declares what each caller gets; a route without a declaration fails the test, so a new route
/// cannot be added without saying who may use it.
/// </summary>
public abstract class AccessMatrixTests(OnTrackApp app)
{
    /// <summary>What a caller gets: refused (401/403/404, or sent to sign in), let through, let through and shown client A, or let through without a trace of client A.</summary>
    public enum Outcome
    {
        Denied,
        Allowed,
        SeesA,
        BlindToA,
    }

    public enum Who
    {
        Anonymous,
        ClientA,
        ClientB,
        TherapistOnTeam,
        TherapistOffTeam,
        FormerTherapist,
        Reception,
        Admin,
        OtherAdmin,
        OtherTherapist,
        OtherClient,
    }

    private const string NameOfA = "Matrix Client-A";

    private static readonly Who[] Everyone = Enum.GetValues<Who>();
    private static readonly Who[] SignedIn = Everyone.Where(w => w != Who.Anonymous).ToArray();
    private static readonly Who[] Staff = [Who.TherapistOnTeam, Who.TherapistOffTeam, Who.FormerTherapist, Who.Reception, Who.Admin, Who.OtherAdmin, Who.OtherTherapist];
    private static readonly Who[] Therapists = [Who.TherapistOnTeam, Who.TherapistOffTeam, Who.FormerTherapist, Who.OtherTherapist];
    private static readonly Who[] Clients = [Who.ClientA, Who.ClientB, Who.OtherClient];
    private static readonly Who[] Admins = [Who.Admin, Who.OtherAdmin];

    /// <summary>
    /// The declarations: method and route pattern → each caller's outcome. Writes are sent only as the
    /// callers who must be refused (with an empty body), so the matrix changes nothing; reads are sent as everyone.
    /// </summary>
    private static readonly Dictionary<string, Func<Who, Outcome>> Declared = new()
    {
        // Public: the clinic's booking pages and what they read, sign-in and the account pages.
        ["GET /"] = _ => Outcome.Allowed,
        ["GET /contact"] = _ => Outcome.Allowed,
        ["GET /help"] = _ => Outcome.Allowed,
        ["GET /book"] = _ => Outcome.Allowed,
        ["GET /book/check-email"] = _ => Outcome.Allowed,
        ["GET /not-found"] = _ => Outcome.Allowed,
        ["GET /Error"] = _ => Outcome.Allowed,
        ["GET /api/services"] = _ => Outcome.Allowed,
        ["GET /api/services/{serviceId:guid}/therapists"] = w => w is Who.OtherAdmin or Who.OtherTherapist or Who.OtherClient ? Outcome.Denied : Outcome.Allowed, // the service is the demo clinic's
        ["GET /api/slots"] = _ => Outcome.Allowed,
        ["GET /api/clinic"] = _ => Outcome.Allowed,
        ["GET /calendar/{token}.ics"] = _ => Outcome.Allowed, // the secret token is the key: tested with it and without in SchedulingTests
        ["POST /api/auth/login"] = _ => Outcome.Allowed,
        ["POST /api/appointments"] = _ => Outcome.Allowed, // a new client books anonymously
        ["POST /api/appointments/preview"] = _ => Outcome.Allowed,
        ["GET /reminders/stop"] = _ => Outcome.Allowed, // the reminder's stop link: the secret is the key, and the page says the same without it (LifestyleRemindersTests)
        ["POST /api/lifestyle/reminders/stop"] = _ => Outcome.Allowed, // RFC 8058 one-click from mail apps: 204 whatever the secret (LifestyleRemindersTests)

        // Signed in, any role: the instruments, one's own sessions and forms.
        ["GET /api/instruments"] = w => w == Who.Anonymous ? Outcome.Denied : Outcome.Allowed,
        ["GET /api/instruments/{id}"] = w => w == Who.Anonymous ? Outcome.Denied : Outcome.Allowed,
        ["GET /api/fhir/Questionnaire/{id}"] = w => w == Who.Anonymous ? Outcome.Denied : Outcome.Allowed,
        ["GET /api/appointments"] = w => w switch
        {
            Who.Anonymous => Outcome.Denied,
            Who.ClientA or Who.TherapistOnTeam or Who.Reception or Who.Admin => Outcome.SeesA,
            _ => Outcome.BlindToA,
        },
        ["GET /api/appointments/{id:guid}"] = w => w is Who.ClientA or Who.TherapistOnTeam or Who.Reception or Who.Admin ? Outcome.SeesA : Outcome.Denied,
        ["POST /api/appointments/{id:guid}/cancel"] = w => w is Who.ClientA or Who.TherapistOnTeam or Who.Reception or Who.Admin ? Outcome.Allowed : Outcome.Denied,
        ["POST /api/appointments/{id:guid}/reschedule"] = w => w is Who.ClientA or Who.TherapistOnTeam or Who.Reception or Who.Admin ? Outcome.Allowed : Outcome.Denied,
        ["POST /api/appointments/{id:guid}/status"] = w => w is Who.TherapistOnTeam or Who.Reception or Who.Admin ? Outcome.Allowed : Outcome.Denied,
        ["POST /api/group-sessions"] = w => w is Who.Anonymous || Clients.Contains(w) ? Outcome.Denied : Outcome.Allowed,
        ["POST /api/group-sessions/{id:guid}/join"] = w => w == Who.Anonymous ? Outcome.Denied : Outcome.Allowed,
        ["GET /api/due-forms"] = w => w is Who.ClientA or Who.TherapistOnTeam or Who.Reception or Who.Admin ? Outcome.SeesA : Outcome.Denied,
        ["POST /api/responses"] = w => w == Who.Anonymous ? Outcome.Denied : Outcome.Allowed,

        // One client's record: the per-client route group and ClientAccess.
        ["GET /api/clients/{clientId:guid}/responses"] = ClinicalRead,
        ["GET /api/clients/{clientId:guid}/progress"] = ClinicalRead,
        ["GET /api/clients/{clientId:guid}/measure-plan"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.Allowed : Outcome.Denied, // staff's view of the plan
        ["PUT /api/clients/{clientId:guid}/measure-plan"] = ClinicalRead,
        ["GET /api/fhir/QuestionnaireResponse/{id:guid}"] = ClinicalRead,
        ["GET /api/clients/{clientId:guid}/care-team"] = w => w is Who.ClientA or Who.TherapistOnTeam or Who.Reception or Who.Admin ? Outcome.Allowed : Outcome.Denied,
        ["POST /api/clients/{clientId:guid}/transfer"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.Allowed : Outcome.Denied,
        ["GET /api/clients/{clientId:guid}/access-log"] = w => w is Who.ClientA or Who.Admin ? Outcome.Allowed : Outcome.Denied,
        ["GET /api/clients/{clientId:guid}/plan"] = ClinicalRead,
        ["GET /api/clients/{clientId:guid}/plan/history"] = ClinicalRead,
        ["PUT /api/clients/{clientId:guid}/plan"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.Allowed : Outcome.Denied, // ManagePlan: never the client
        ["POST /api/clients/{clientId:guid}/plan/agreement"] = w => w == Who.ClientA ? Outcome.Allowed : Outcome.Denied, // the care team is answered 403
        ["GET /api/clients/{clientId:guid}/goals"] = ClinicalRead,
        ["POST /api/clients/{clientId:guid}/goals"] = ClinicalRead,
        ["PUT /api/clients/{clientId:guid}/goals/{goalId:guid}"] = ClinicalRead,
        ["POST /api/clients/{clientId:guid}/goals/{goalId:guid}/status"] = ClinicalRead,
        ["POST /api/clients/{clientId:guid}/goals/{goalId:guid}/attainment"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.Allowed : Outcome.Denied, // ManagePlan: rated by the therapist with the client
        ["GET /api/clients/{clientId:guid}/preferences"] = ClinicalRead,
        ["PUT /api/clients/{clientId:guid}/preferences"] = ClinicalRead,
        ["GET /api/clients/{clientId:guid}/expectations"] = ClinicalRead,
        ["GET /api/clients/{clientId:guid}/expectations/ask-again"] = ClinicalRead,
        ["POST /api/clients/{clientId:guid}/expectations"] = ClinicalRead,
        ["GET /api/clients/{clientId:guid}/concerns"] = ClinicalRead,
        ["POST /api/clients/{clientId:guid}/concerns"] = ClinicalRead,
        ["GET /api/clients/{clientId:guid}/reviews"] = ClinicalRead,
        ["GET /api/clients/{clientId:guid}/reviews/{reviewId:guid}"] = ClinicalRead,
        ["POST /api/clients/{clientId:guid}/reviews"] = ManagePlan,
        ["PUT /api/clients/{clientId:guid}/reviews/{reviewId:guid}/findings"] = ManagePlan,
        ["POST /api/clients/{clientId:guid}/reviews/{reviewId:guid}/actions"] = ManagePlan,
        ["POST /api/clients/{clientId:guid}/reviews/{reviewId:guid}/complete"] = ManagePlan,
        ["POST /api/clients/{clientId:guid}/reviews/{reviewId:guid}/actions/{actionId:guid}/follow-up"] = ManagePlan,
        ["GET /api/clients/{clientId:guid}/notes"] = CareTeamNotes, // the client only where the clinic shares notes (not the demo clinic)
        ["GET /api/clients/{clientId:guid}/notes/{noteId:guid}"] = _ => Outcome.Denied, // no note in this world: NotesTests reads real ones
        ["POST /api/clients/{clientId:guid}/notes"] = CareTeamNotes,
        ["PUT /api/clients/{clientId:guid}/notes/{noteId:guid}"] = CareTeamNotes,
        ["POST /api/clients/{clientId:guid}/notes/{noteId:guid}/sign"] = CareTeamNotes,
        ["POST /api/clients/{clientId:guid}/notes/{noteId:guid}/addenda"] = CareTeamNotes,
        ["POST /api/clients/{clientId:guid}/notes/{noteId:guid}/withhold"] = CareTeamNotes,
        ["GET /api/clients/{clientId:guid}/match-suggestions"] = ClinicalRead, // client A sees only those offered to them (none here)
        ["POST /api/clients/{clientId:guid}/match-suggestions"] = Matching, // the service then refuses client A where the clinic does not let clients choose (MatchingTests)
        ["POST /api/clients/{clientId:guid}/match-suggestions/{suggestionId:guid}/choose"] = Matching,
        ["GET /api/clients/{clientId:guid}/lifestyle/check-ins"] = ClinicalRead,
        ["PUT /api/clients/{clientId:guid}/lifestyle/check-ins/{date}"] = OwnLog,
        ["GET /api/clients/{clientId:guid}/lifestyle/sleep-diary"] = ClinicalRead,
        ["PUT /api/clients/{clientId:guid}/lifestyle/sleep-diary/{date}"] = OwnLog,
        ["POST /api/clients/{clientId:guid}/lifestyle/breathing"] = OwnLog,
        ["GET /api/clients/{clientId:guid}/lifestyle/weeks"] = ClinicalRead,
        ["GET /api/clients/{clientId:guid}/lifestyle/associations"] = ClinicalRead,
        ["GET /api/clients/{clientId:guid}/lifestyle/export.csv"] = ClinicalRead,
        ["GET /api/clients/{clientId:guid}/lifestyle/settings"] = OwnLog,
        ["PUT /api/clients/{clientId:guid}/lifestyle/settings"] = OwnLog,
        ["GET /api/clients/{clientId:guid}/lifestyle/steps"] = ClinicalRead,
        ["POST /api/clients/{clientId:guid}/lifestyle/steps"] = ManagePlan,
        ["POST /api/clients/{clientId:guid}/lifestyle/steps/{stepId:guid}/end"] = ManagePlan,
        ["POST /clients/{clientId:guid}/kiosk"] = w => w is Who.TherapistOnTeam or Who.Reception or Who.Admin ? Outcome.Allowed : Outcome.Denied,

        // Staff lists: each sees its own clinic, a therapist their care team.
        ["GET /api/clients"] = ClientList,
        ["POST /api/clients"] = w => Staff.Contains(w) ? Outcome.Allowed : Outcome.Denied,
        ["GET /api/caseload"] = CareTeamList,
        ["GET /api/alerts"] = CareTeamList,
        ["GET /api/alerts/{id:guid}"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.SeesA : Outcome.Denied,
        ["POST /api/alerts/{id:guid}/acknowledge"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.Allowed : Outcome.Denied,
        ["POST /api/alerts/{id:guid}/resolve"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.Allowed : Outcome.Denied,
        ["GET /api/outcomes"] = w => Therapists.Contains(w) || Admins.Contains(w) ? Outcome.BlindToA : Outcome.Denied,
        ["GET /api/audit"] = w => w switch
        {
            Who.Admin => Outcome.SeesA,
            Who.OtherAdmin => Outcome.BlindToA,
            _ => Outcome.Denied,
        },
        ["GET /api/lifestyle/clients"] = w => Therapists.Contains(w) || Admins.Contains(w) ? Outcome.BlindToA : Outcome.Denied, // client A keeps no log here
        ["GET /api/course-models"] = w => Admins.Contains(w) || Therapists.Contains(w) ? Outcome.Allowed : Outcome.Denied,
        ["GET /api/plan-reviews/due"] = w => Therapists.Contains(w) || Admins.Contains(w) ? Outcome.BlindToA : Outcome.Denied, // client A's plan has no review date
        ["GET /api/therapists/me/style"] = w => Therapists.Contains(w) ? Outcome.Allowed : Outcome.Denied,
        ["PUT /api/therapists/me/style"] = w => Therapists.Contains(w) ? Outcome.Allowed : Outcome.Denied,
        ["GET /api/therapists/{therapistId:guid}/style"] = w => w is Who.TherapistOnTeam or Who.TherapistOffTeam or Who.FormerTherapist or Who.Reception or Who.Admin ? Outcome.Allowed : Outcome.Denied, // Elena's, the demo clinic's staff
        ["PUT /api/therapists/{therapistId:guid}/style"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.Allowed : Outcome.Denied, // Elena herself, or an admin
        ["GET /api/therapist-profiles"] = w => w == Who.Anonymous ? Outcome.Denied : Outcome.Allowed, // each caller's own clinic's therapists
        ["GET /api/therapists/{therapistId:guid}/profile"] = w => w is Who.Anonymous or Who.OtherAdmin or Who.OtherTherapist or Who.OtherClient ? Outcome.Denied : Outcome.Allowed, // Elena's, the demo clinic's
        ["PUT /api/therapists/{therapistId:guid}/profile"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.Allowed : Outcome.Denied, // Elena herself, or an admin
        ["GET /api/outcome-profiles"] = w => Therapists.Contains(w) || Admins.Contains(w) ? Outcome.BlindToA : Outcome.Denied, // never clients; a therapist their own rows (MatchingTests)
        ["GET /api/matching/settings"] = w => w == Who.Anonymous ? Outcome.Denied : Outcome.Allowed,
        ["PUT /api/matching/settings"] = AdminOnly,
        ["GET /api/matching/outcomes"] = w => Admins.Contains(w) ? Outcome.BlindToA : Outcome.Denied,
        ["GET /api/concerns/for-admins"] = AdminOnly,
        ["GET /api/review-actions/summary"] = AdminOnly,
        ["POST /api/concerns/for-admins/{concernId:guid}/handled"] = AdminOnly,
        ["POST /api/course-models/refit"] = w => Admins.Contains(w) ? Outcome.Allowed : Outcome.Denied,

        // Pages for clients.
        ["GET /my"] = OwnPortal,
        ["GET /my/appointments"] = OwnPortal,
        ["GET /my/forms"] = OwnPortal,
        ["GET /my/progress"] = OwnPortal,
        ["GET /my/record-access"] = OwnPortal,
        ["GET /my/plan"] = OwnPortal,
        ["GET /my/preferences"] = OwnPortal,
        ["GET /my/expectations"] = OwnPortal,
        ["GET /my/notes"] = OwnPortal, // a plain message where the clinic does not share notes
        ["GET /my/start"] = OwnPortal, // a 302 on to the first step not done is allowed too
        ["GET /my/not-working"] = OwnPortal,
        ["GET /my/today"] = OwnPortal,
        ["GET /my/sleep"] = OwnPortal,
        ["GET /my/breathing"] = OwnPortal,
        ["GET /my/lifestyle"] = OwnPortal,
        ["GET /my/therapist"] = OwnPortal,
        ["GET /my/forms/{InstrumentId}"] = OwnPortal,
        ["GET /my/forms/thanks/{Id:guid}"] = w => w == Who.ClientA ? Outcome.Allowed : Outcome.Denied,
        ["GET /my/appointments/{Id:guid}/move"] = w => w is Who.ClientA or Who.TherapistOnTeam or Who.Reception or Who.Admin ? Outcome.Allowed : Outcome.Denied, // whoever may move the session
        ["GET /book/done"] = _ => Outcome.Denied, // shows a booking only right after it was made, from its own reference
        ["GET /appointments/{Id:guid}"] = w => w switch
        {
            Who.ClientA => Outcome.Allowed, // "your session"
            Who.TherapistOnTeam or Who.Reception or Who.Admin => Outcome.SeesA,
            _ => Outcome.Denied,
        },

        // Pages for staff.
        ["GET /schedule"] = w => Staff.Contains(w) ? Outcome.Allowed : Outcome.Denied,
        ["GET /availability"] = w => Admins.Contains(w) || Therapists.Contains(w) ? Outcome.Allowed : Outcome.Denied,
        ["GET /style"] = w => Therapists.Contains(w) ? Outcome.Allowed : Outcome.Denied,
        ["GET /clients"] = ClientList,
        ["GET /clients/{Id:guid}/chart"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.SeesA : Outcome.Denied,
        ["GET /clients/{Id:guid}/plan"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.SeesA : Outcome.Denied,
        ["GET /clients/{Id:guid}/reviews"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.SeesA : Outcome.Denied,
        ["GET /clients/{Id:guid}/reviews/{ReviewId:guid}"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.SeesA : Outcome.Denied,
        ["GET /clients/{Id:guid}/notes"] = w => w == Who.TherapistOnTeam ? Outcome.SeesA : Outcome.Denied, // never the clinic's admin as such
        ["GET /clients/{Id:guid}/lifestyle"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.SeesA : Outcome.Denied,
        ["GET /clients/{Id:guid}/match"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.SeesA : Outcome.Denied,
        ["GET /outcomes/therapists"] = w => Therapists.Contains(w) || Admins.Contains(w) ? Outcome.BlindToA : Outcome.Denied,
        ["GET /profile"] = w => Therapists.Contains(w) ? Outcome.Allowed : Outcome.Denied, // the therapist's own; an admin has none
        ["GET /therapists/{Id:guid}/profile"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.Allowed : Outcome.Denied, // Elena's: herself or an admin
        ["GET /lifestyle"] = w => Therapists.Contains(w) || Admins.Contains(w) ? Outcome.BlindToA : Outcome.Denied, // client A keeps no log here
        ["GET /clients/{Id:guid}/timeline"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.SeesA : Outcome.Denied,
        ["GET /clients/{Id:guid}/measures"] = w => w is Who.TherapistOnTeam or Who.Reception or Who.Admin ? Outcome.SeesA : Outcome.Denied,
        ["GET /clients/{Id:guid}/care-team"] = w => w is Who.TherapistOnTeam or Who.Reception or Who.Admin ? Outcome.SeesA : Outcome.Denied,
        ["GET /caseload"] = CareTeamList,
        ["GET /alerts"] = CareTeamList,
        ["GET /alerts/{Id:guid}"] = w => w is Who.TherapistOnTeam or Who.Admin ? Outcome.SeesA : Outcome.Denied,
        ["GET /outcomes"] = w => Therapists.Contains(w) || Admins.Contains(w) ? Outcome.BlindToA : Outcome.Denied,

        // Pages for admins.
        ["GET /admin"] = AdminOnly,
        ["GET /admin/clinic"] = AdminOnly,
        ["GET /admin/staff"] = AdminOnly,
        ["GET /admin/services"] = AdminOnly,
        ["GET /admin/course"] = AdminOnly,
        ["GET /admin/audit"] = AdminOnly,
        ["GET /admin/concerns"] = AdminOnly,
        ["GET /admin/reviews"] = AdminOnly,

        // The kiosk: only a kiosk sign-in (none of these callers) gets past its first page.
        ["GET /kiosk"] = _ => Outcome.Denied, // without a kiosk sign-in it shows the locked page
        ["GET /kiosk/locked"] = _ => Outcome.Allowed,
        ["GET /kiosk/forms/{InstrumentId}"] = w => Outcome.Denied,
    };

    /// <summary>Routes that are not about the clinic's data at all, and why they are not in the matrix.</summary>
    private static readonly Dictionary<string, string> OutOfScope = new()
    {
        ["/Account"] = "ASP.NET Core Identity's account pages: the signed-in user's own account only (tested in SignInTests and SecurityTests)",
        ["/openapi"] = "the API's description, public by design",
        ["/api/docs"] = "the API's reference page, public by design",
        ["/{**path:file}"] = "static files (styles, scripts), public by design",
    };

    /// <summary>Changing the plan and reviewing it: the care team with full access and admins, never the client.</summary>
    private static Outcome ManagePlan(Who w) => w is Who.TherapistOnTeam or Who.Admin ? Outcome.Allowed : Outcome.Denied;

    /// <summary>Session notes: the care team only, not the clinic's admins as such (the former therapist's read-only days are 0 here).</summary>
    private static Outcome CareTeamNotes(Who w) => w == Who.TherapistOnTeam ? Outcome.Allowed : Outcome.Denied;

    /// <summary>Suggesting and choosing a therapist: whoever may move the client (the primary therapist, admins), and the client, whom the service answers itself.</summary>
    private static Outcome Matching(Who w) => w is Who.ClientA or Who.TherapistOnTeam or Who.Admin ? Outcome.Allowed : Outcome.Denied;

    /// <summary>The daily lifestyle log: kept by the client alone.</summary>
    private static Outcome OwnLog(Who w) => w == Who.ClientA ? Outcome.Allowed : Outcome.Denied;

    private static Outcome ClinicalRead(Who w) => w is Who.ClientA or Who.TherapistOnTeam or Who.Admin ? Outcome.Allowed : Outcome.Denied;

    /// <summary>A list of the caller's clients: the care team and admins see client A, other staff lists come without them.</summary>
    private static Outcome CareTeamList(Who w) => w switch
    {
        Who.TherapistOnTeam or Who.Admin => Outcome.SeesA,
        Who.TherapistOffTeam or Who.FormerTherapist or Who.OtherAdmin or Who.OtherTherapist => Outcome.BlindToA,
        _ => Outcome.Denied,
    };

    /// <summary>As <see cref="CareTeamList"/>, and reception knows who the clinic's clients are.</summary>
    private static Outcome ClientList(Who w) => w == Who.Reception ? Outcome.SeesA : CareTeamList(w);

    private static Outcome OwnPortal(Who w) => Clients.Contains(w) ? Outcome.Allowed : Outcome.Denied;

    private static Outcome AdminOnly(Who w) => Admins.Contains(w) ? Outcome.Allowed : Outcome.Denied;

    [Fact]
    public async Task EveryRouteAndPage_GivesEachCallerWhatItDeclares()
    {
        var routes = Routes();
        var undeclared = routes.Where(r => !Declared.ContainsKey(r)).ToList();
        Assert.True(undeclared.Count == 0, $"Declare who may use these routes in AccessMatrixTests.Declared: {string.Join(", ", undeclared)}");
        var world = await World.CreateAsync(app);

        var wrong = new StringBuilder();
        var checkedCount = 0;
        foreach (var route in routes)
        {
            var (method, pattern) = (route[..route.IndexOf(' ', StringComparison.Ordinal)], route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            var url = world.Url(pattern);
            var isApi = pattern.StartsWith("/api", StringComparison.Ordinal);
            foreach (var who in Everyone)
            {
                var expected = Declared[route](who);
                if (method != "GET" && expected != Outcome.Denied)
                {
                    continue; // writes are sent only where they must be refused
                }

                var client = isApi ? world.Api[who] : world.Browser[who];
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method != "GET")
                {
                    request.Content = pattern.EndsWith("/measure-plan", StringComparison.Ordinal) ? JsonContent.Create(Array.Empty<object>()) : JsonContent.Create(new { });
                }

                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.OriginalString ?? "";
                var denied = status is 401 or 403 or 404
                    || (status is 302 && (location.Contains("/Account/", StringComparison.Ordinal) || location.Contains("/kiosk/locked", StringComparison.Ordinal)))
                    || (status is 400 && !isApi); // a page form: antiforgery refuses before anything else
                var allowed = status is >= 200 and < 300 || (!denied && status is 302 or 400 or 409 or 422);

                // A problem answer names the requested path, which the caller wrote: look past it.
                var shown = body.Replace(url, "", StringComparison.OrdinalIgnoreCase);
                var seesA = shown.Contains(world.ClientA.ToString(), StringComparison.OrdinalIgnoreCase) || shown.Contains(NameOfA, StringComparison.Ordinal);
                var ok = expected switch
                {
                    Outcome.Denied => denied && !seesA,
                    Outcome.Allowed => allowed,
                    Outcome.SeesA => allowed && seesA,
                    _ => allowed && !seesA,
                };
                checkedCount++;
                if (!ok)
                {
                    wrong.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{route} as {who}: expected {expected}, got {status}{(seesA ? " showing client A" : "")}");
                }
            }
        }

        Assert.True(wrong.Length == 0, $"Of {checkedCount} requests, these did not get what their route declares:\n{wrong}");
        Assert.True(checkedCount > 400, $"Only {checkedCount} requests were checked.");
    }

    /// <summary>The app's routes ("METHOD pattern"), from its own route table: every API route and every page.</summary>
    private List<string> Routes()
    {
        var sources = app.Services.GetServices<EndpointDataSource>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.StartsWith("_", StringComparison.Ordinal) && !raw.StartsWith("/_", StringComparison.Ordinal)
                        && e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null
                        && !OutOfScope.Keys.Any(k => ("/" + raw.TrimStart('/')).StartsWith(k, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null ? ["GET"] : e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Where(m => m != "HEAD")
                .Select(m => $"{m} {Normal(e.RoutePattern.RawText!)}"))
            .Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static string Normal(string raw)
    {
        var path = "/" + raw.TrimStart('/');
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    /// <summary>Client A with a session, a form and a risk alert, moved from Maya to Elena; the callers, each signed in twice (bearer token for the API, cookies for pages).</summary>
    private sealed class World
    {
        public Guid ClientA { get; private set; }

        public Dictionary<Who, HttpClient> Api { get; } = [];

        public Dictionary<Who, HttpClient> Browser { get; } = [];

        private Dictionary<string, string> _values = [];

        public string Url(string pattern)
        {
            var url = pattern;
            foreach (var (name, value) in _values)
            {
                url = url.Replace(name, value, StringComparison.Ordinal);
            }

            url = System.Text.RegularExpressions.Regex.Replace(url, @"^/clients/\{Id:guid\}", $"/clients/{ClientA}");
            url = System.Text.RegularExpressions.Regex.Replace(url, @"\{Id(:guid)?\}", _values["{Id}"]);
            return url switch
            {
                "/api/due-forms" => $"/api/due-forms?clientId={ClientA}",
                "/api/appointments" => "/api/appointments?from=2026-03-01T00:00:00Z&to=2026-06-01T00:00:00Z",
                "/api/audit" => $"/api/audit?clientId={ClientA}",
                "/api/slots" => $"/api/slots?serviceId={_values["{serviceId:guid}"]}",
                _ => url,
            };
        }

        public static async Task<World> CreateAsync(OnTrackApp app)
        {
            var world = new World();
            var email = $"matrix.a.{Guid.NewGuid():N}@example.test";
            var other = await OtherPeopleAsync(app);
            (Guid clientId, Guid service) = await app.WithDbAsync(async db => (Guid.Empty, await db.Services.Where(s => s.Name == "Individual therapy").Select(s => s.Id).SingleAsync()));
            clientId = await NewClientAccountAsync(app, email);
            world.ClientA = clientId;

            // A session with Maya (her primary therapist), a paper form with item 9 endorsed (a risk alert), then a move to Elena.
            var admin = await app.SignInAsync(DemoClinic.AdminEmail);
            var maya = await app.TherapistIdAsync("Dr. Maya Chen");
            var booked = await admin.BookAsync(new { serviceId = service, therapistId = maya, start = Phoenix.At("2026-05-04T13:00"), clientId });
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
            var appointment = Assert.Single((await booked.ReadAsync<Web.Features.Scheduling.BookingResponse>()).Appointments).Id;
            var mayaApi = await app.SignInAsync("maya.chen@demo.ontrack.test");
            var answers = Enumerable.Range(1, 9).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => (string?)"1");
            var submitted = await mayaApi.PostAsJsonAsync("/api/responses", new { clientId, instrumentId = "phq-9", answers, completedAt = app.Clock.GetCurrentInstant().ToDateTimeOffset() }, OnTrackApp.Json);
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            var response = await app.WithDbAsync(db => db.Responses.Where(r => r.ClientId == clientId).Select(r => r.Id).SingleAsync());
            var alert = await app.WithDbAsync(db => db.Alerts.Where(a => a.ClientId == clientId).Select(a => a.Id).FirstAsync());
            var elena = await app.TherapistIdAsync("Elena Ruiz");
            var moved = await admin.PostAsJsonAsync($"/api/clients/{clientId}/transfer", new { toTherapistId = elena, reason = "poorFit", clientConsented = true }, OnTrackApp.Json);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            var token = await app.WithDbAsync(db => db.Therapists.Where(t => t.Id == elena).Select(t => t.CalendarFeedToken).SingleAsync());

            // A plan and a goal, so the plan and goal routes have something of client A's to show or refuse.
            var elenaApi = await app.SignInAsync("elena.ruiz@demo.ontrack.test");
            var planned = await elenaApi.PutAsJsonAsync($"/api/clients/{clientId}/plan", new { problemAreas = new[] { "Anxiety" }, approach = "Cbt", format = "Individual", frequency = "Weekly", plannedSessions = 12 }, OnTrackApp.Json);
            Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
            var goalAdded = await elenaApi.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text = "Feel calmer at work" }, OnTrackApp.Json);
            Assert.Equal(HttpStatusCode.Created, goalAdded.StatusCode);
            var goal = (await goalAdded.ReadAsync<Web.Features.Plans.GoalDto>()).Id;

            // An open review with one decision, so the review routes have something of client A's.
            var reviewOpened = await elenaApi.PostAsJsonAsync($"/api/clients/{clientId}/reviews", new { reason = "Other" }, OnTrackApp.Json);
            Assert.Equal(HttpStatusCode.Created, reviewOpened.StatusCode);
            var review = (await reviewOpened.ReadAsync<Web.Features.Reviews.ReviewDto>()).Id;
            var decided = await elenaApi.PostAsJsonAsync($"/api/clients/{clientId}/reviews/{review}/actions", new { kind = "ContinueUnchanged" }, OnTrackApp.Json);
            Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
            var action = (await decided.ReadAsync<Web.Features.Reviews.ReviewDto>()).Actions[0].Id;

            // Therapists suggested for client A, so the matching routes have something of client A's.
            var suggested = await admin.PostAsJsonAsync($"/api/clients/{clientId}/match-suggestions", new { offerToClient = false }, OnTrackApp.Json);
            Assert.Equal(HttpStatusCode.Created, suggested.StatusCode);
            var suggestion = (await suggested.ReadAsync<Web.Features.Matching.MatchSuggestionDto>()).Id;

            world._values = new()
            {
                ["/therapists/{Id:guid}/profile"] = $"/therapists/{elena}/profile",
                ["{suggestionId:guid}"] = suggestion.ToString(),
                ["{clientId:guid}"] = clientId.ToString(),
                ["{serviceId:guid}"] = service.ToString(),
                ["{therapistId:guid}"] = elena.ToString(),
                ["{goalId:guid}"] = goal.ToString(),
                ["{reviewId:guid}"] = review.ToString(),
                ["{ReviewId:guid}"] = review.ToString(),
                ["{actionId:guid}"] = action.ToString(),
                ["{concernId:guid}"] = Guid.NewGuid().ToString(), // sent only as the callers refused, who never get as far as the id
                ["{noteId:guid}"] = Guid.NewGuid().ToString(),
                ["{stepId:guid}"] = Guid.NewGuid().ToString(), // sent only as the callers refused
                ["{date}"] = "2026-03-02",
                ["{token}"] = token,
                ["{InstrumentId}"] = "phq-9",
                ["/api/instruments/{id}"] = "/api/instruments/phq-9",
                ["/api/fhir/Questionnaire/{id}"] = "/api/fhir/Questionnaire/phq-9",
                ["/api/fhir/QuestionnaireResponse/{id:guid}"] = $"/api/fhir/QuestionnaireResponse/{response}",
                ["/api/alerts/{id:guid}"] = $"/api/alerts/{alert}",
                ["/api/group-sessions/{id:guid}"] = $"/api/group-sessions/{appointment}",
                ["{id:guid}"] = appointment.ToString(),
                ["/alerts/{Id:guid}"] = $"/alerts/{alert}",
                ["/my/forms/thanks/{Id:guid}"] = $"/my/forms/thanks/{response}",
                ["{Id}"] = appointment.ToString(),
            };

            // Pages name client A by id in links, and by name.
            var people = new Dictionary<Who, string?>
            {
                [Who.Anonymous] = null,
                [Who.ClientA] = email,
                [Who.ClientB] = "priya.patel@example.test",
                [Who.TherapistOnTeam] = "elena.ruiz@demo.ontrack.test",
                [Who.TherapistOffTeam] = "samuel.okafor@demo.ontrack.test",
                [Who.FormerTherapist] = "maya.chen@demo.ontrack.test",
                [Who.Reception] = await StaffMembers.NewReceptionAsync(app),
                [Who.Admin] = DemoClinic.AdminEmail,
                [Who.OtherAdmin] = other.Admin,
                [Who.OtherTherapist] = other.Therapist,
                [Who.OtherClient] = other.Client,
            };
            foreach (var (who, person) in people)
            {
                world.Api[who] = person is null ? app.CreateClient(new() { AllowAutoRedirect = false }) : await OnTrackApp.SignInAsync(app.CreateClient(new() { AllowAutoRedirect = false }), person, Password(who));
                var browser = app.Browser(address: $"198.51.100.{20 + (int)who}");
                if (person is not null)
                {
                    var signedIn = await browser.LogInAsync(person, Password(who));
                    Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
                }

                world.Browser[who] = browser;
            }

            return world;
        }

        private static string Password(Who who) => who is Who.OtherAdmin or Who.OtherTherapist or Who.OtherClient ? OtherClinic.AdminPassword : DemoClinic.Password;

        private static async Task<Guid> NewClientAccountAsync(OnTrackApp app, string email)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
            var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
            var clinic = await db.Clinics.Where(c => c.Slug == DemoClinic.Slug).Select(c => c.Id).SingleAsync();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, ClinicId = clinic, FullName = NameOfA };
            Assert.True((await users.CreateAsync(user, DemoClinic.Password)).Succeeded);
            await scope.ServiceProvider.GetRequiredService<OnTrack.Web.Features.Clinics.Memberships>().GrantAsync(user, user.ClinicId, Roles.Client);
            await db.SaveChangesAsync();
            var client = new Client { ClinicId = clinic, UserId = user.Id, FullName = NameOfA, Email = email, CreatedAt = app.Clock.GetCurrentInstant() };
            db.ClientRecords.Add(client);
            await db.SaveChangesAsync();
            return client.Id;
        }

        /// <summary>A second clinic with its own admin, therapist and client.</summary>
        private static async Task<(string Admin, string Therapist, string Client)> OtherPeopleAsync(OnTrackApp app)
        {
            var admin = await OtherClinic.CreateWithAdminAsync(app);
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
            var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var clinic = (await users.FindByEmailAsync(admin))!.ClinicId;
            var therapistEmail = $"therapist.{Guid.NewGuid():N}@other.test";
            var clientEmail = $"client.{Guid.NewGuid():N}@other.test";
            var therapistUser = new ApplicationUser { UserName = therapistEmail, Email = therapistEmail, EmailConfirmed = true, ClinicId = clinic, FullName = "Other Therapist" };
            var clientUser = new ApplicationUser { UserName = clientEmail, Email = clientEmail, EmailConfirmed = true, ClinicId = clinic, FullName = "Other Client" };
            Assert.True((await users.CreateAsync(therapistUser, OtherClinic.AdminPassword)).Succeeded);
            await scope.ServiceProvider.GetRequiredService<OnTrack.Web.Features.Clinics.Memberships>().GrantAsync(therapistUser, therapistUser.ClinicId, Roles.Therapist);
            await db.SaveChangesAsync();
            Assert.True((await users.CreateAsync(clientUser, OtherClinic.AdminPassword)).Succeeded);
            await scope.ServiceProvider.GetRequiredService<OnTrack.Web.Features.Clinics.Memberships>().GrantAsync(clientUser, clientUser.ClinicId, Roles.Client);
            await db.SaveChangesAsync();
            var therapist = new Therapist { ClinicId = clinic, UserId = therapistUser.Id, DisplayName = "Other Therapist" };
            db.Therapists.Add(therapist);
            db.ClientRecords.Add(new Client { ClinicId = clinic, UserId = clientUser.Id, FullName = "Other Client", Email = clientEmail, CreatedAt = app.Clock.GetCurrentInstant(), PrimaryTherapistId = therapist.Id });
            await db.SaveChangesAsync();
            return (admin, therapistEmail, clientEmail);
        }
    }
}

public sealed class AccessMatrixTestsOnSqlite(SqliteApp app) : AccessMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class AccessMatrixTestsOnPostgres(PostgresApp app) : AccessMatrixTests(app), IClassFixture<PostgresApp>;
