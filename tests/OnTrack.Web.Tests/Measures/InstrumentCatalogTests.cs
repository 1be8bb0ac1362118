using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Measures;

public abstract class InstrumentCatalogTests(OnTrackApp app)
{
    [Fact]
    public async Task Instruments_AreListedWithTheirClinicalFigures()
    {
        var maya = await app.SignInAsync("maya.chen@demo.ontrack.test");

        var all = await maya.GetFromJsonAsync<List<InstrumentSummary>>("/api/instruments", OnTrackApp.Json);
        Assert.Equal(["gad-7", "ontrack-readiness", "ontrack-session-check", "pcl-5", "phq-9", "who-5"], all!.Select(i => i.Id));

        var phq = await maya.GetFromJsonAsync<InstrumentSummary>("/api/instruments/phq-9", OnTrackApp.Json);
        Assert.Equal((0m, 27m, 10m, 6m), (phq!.Min, phq.Max, phq.Cutoff!.Value, phq.ReliableChange!.Value));

        await (await maya.GetAsync("/api/instruments/phq-10")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/instruments")).StatusCode);
    }

    [Fact]
    public async Task ABrokenDefinition_StopsStartUp_NamingTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("ontrack-instruments-").FullName;
        File.WriteAllText(Path.Combine(folder, "broken.json"), """{"questionnaire": {"resourceType": "Questionnaire", "id": "broken", "item": []}, "scoring": {"direction": "sideways"}}""");
        try
        {
            // A factory of its own: a host that fails to start must not share (and dispose) the class's running app.
            await using var fresh = new SqliteApp();
            using var broken = fresh.WithWebHostBuilder(b => b.UseSetting("OnTrack:Measures:InstrumentsFolder", folder));
            var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
            var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
            Assert.Contains("broken.json", messages, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ADefinitionThatIsNotValidFhir_StopsStartUp_WithFirelysMessage()
    {
        var folder = Directory.CreateTempSubdirectory("ontrack-instruments-").FullName;
        var phq = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "instruments", "phq-9.json"));
        File.WriteAllText(Path.Combine(folder, "phq-9.json"), phq.Replace("\"status\": \"active\"", "\"status\": \"sort-of\"", StringComparison.Ordinal));
        try
        {
            // A factory of its own: a host that fails to start must not share (and dispose) the class's running app.
            await using var fresh = new SqliteApp();
            using var broken = fresh.WithWebHostBuilder(b => b.UseSetting("OnTrack:Measures:InstrumentsFolder", folder));
            var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
            var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
            Assert.Contains("phq-9.json", messages, StringComparison.Ordinal);
            Assert.Contains("sort-of", messages, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<Exception> Flatten(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}

public sealed class InstrumentCatalogTestsOnSqlite(SqliteApp app) : InstrumentCatalogTests(app), IClassFixture<SqliteApp>;

public sealed class InstrumentCatalogTestsOnPostgres(PostgresApp app) : InstrumentCatalogTests(app), IClassFixture<PostgresApp>;
