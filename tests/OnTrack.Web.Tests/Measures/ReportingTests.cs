using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Outcomes;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Measures;

public abstract class ReportingTests(OnTrackApp app)
{
    [Fact]
    public async Task Caseload_ShowsTheTherapistsClientsWithStatusScoresAndNextSession()
    {
        var maya = await app.SignInAsync("maya.chen@demo.ontrack.test");

        var rows = await maya.GetFromJsonAsync<List<CaseloadRow>>("/api/caseload", OnTrackApp.Json);

        var names = rows!.Select(r => r.Name).ToList();
        Assert.Contains("Alex Morgan", names);
        Assert.DoesNotContain("Taylor Brooks", names); // Elena's client
        Assert.DoesNotContain("Avery Hughes", names); // ended course
        var priya = rows!.Single(r => r.Name == "Priya Patel");
        Assert.Equal(CaseColour.Red, priya.Status);
        Assert.True(priya.OpenRisk);
        Assert.Equal(ChangeCategory.Deteriorated, priya.Scores.Single(s => s.InstrumentId == "phq-9").ReliableChange);
        Assert.NotNull(priya.NextSession);
        Assert.Equal(CaseColour.Red, rows![0].Status); // most urgent first

        var byName = await maya.GetFromJsonAsync<List<CaseloadRow>>("/api/caseload?sort=name", OnTrackApp.Json);
        Assert.Equal(byName!.Select(r => r.Name).Order(StringComparer.OrdinalIgnoreCase), byName!.Select(r => r.Name));
        var alex = await app.SignInAsync("alex.morgan@example.test");
        await (await alex.GetAsync("/api/caseload")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Outcomes_FollowTheNationalDefinitions_WithTheCountsBehindThem()
    {
        var admin = await app.SignInAsync("admin@demo.ontrack.test");

        var outcomes = await admin.GetFromJsonAsync<OutcomesDto>("/api/outcomes", OnTrackApp.Json);

        Assert.Equal(39, outcomes!.Clinic.FinishedCourses); // 15 former clients and 24 from two years back (DemoMatching)
        Assert.Equal(3, outcomes.Therapists.Count);
        Assert.Equal(39, outcomes.Therapists.Sum(t => t.FinishedCourses));
        Assert.Equal(outcomes.Clinic.Recovered, outcomes.Therapists.Sum(t => t.Recovered));
        Assert.InRange(outcomes.Clinic.CasesAtStart, 1, 39);
        Assert.Equal((double)outcomes.Clinic.Recovered / outcomes.Clinic.CasesAtStart, outcomes.Clinic.RecoveryRate);
        Assert.True(outcomes.Clinic.ReliablyDeteriorated >= 1);

        var maya = await app.SignInAsync("maya.chen@demo.ontrack.test");
        var hers = await maya.GetFromJsonAsync<OutcomesDto>("/api/outcomes", OnTrackApp.Json);
        Assert.Equal("Dr. Maya Chen", Assert.Single(hers!.Therapists).Name);

        // The clinic row a therapist sees is the whole clinic's, as it is labelled, not their own courses again.
        Assert.Equal(outcomes.Clinic, hers.Clinic);
    }

    [Fact]
    public async Task Fhir_QuestionnaireAndResponse_AreServedAsR4Json()
    {
        var maya = await app.SignInAsync("maya.chen@demo.ontrack.test");
        var questionnaire = await maya.GetAsync("/api/fhir/Questionnaire/phq-9");
        Assert.Equal("application/fhir+json", questionnaire.Content.Headers.ContentType!.MediaType);
        var q = JsonDocument.Parse(await questionnaire.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Questionnaire", q.GetProperty("resourceType").GetString());
        Assert.Equal(10, q.GetProperty("item").GetArrayLength());

        var alexId = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.FullName == "Alex Morgan").Select(c => c.Id).SingleAsync());
        var responseId = await app.WithDbAsync(db => db.Responses.Where(r => r.ClientId == alexId && r.InstrumentId == "phq-9").Select(r => r.Id).FirstAsync());
        var qr = JsonDocument.Parse(await maya.GetStringAsync($"/api/fhir/QuestionnaireResponse/{responseId}")).RootElement;
        Assert.Equal("QuestionnaireResponse", qr.GetProperty("resourceType").GetString());
        Assert.Equal($"Patient/{alexId}", qr.GetProperty("subject").GetProperty("reference").GetString());
        Assert.Equal(10, qr.GetProperty("item").GetArrayLength());

        var samuel = await app.SignInAsync("samuel.okafor@demo.ontrack.test");
        await (await samuel.GetAsync($"/api/fhir/QuestionnaireResponse/{responseId}")).ProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class ReportingTestsOnSqlite(SqliteApp app) : ReportingTests(app), IClassFixture<SqliteApp>;

public sealed class ReportingTestsOnPostgres(PostgresApp app) : ReportingTests(app), IClassFixture<PostgresApp>;
