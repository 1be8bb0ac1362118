using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Fuzz;

/// <summary>One fuzz run: a fixed seed (ONTRACK_FUZZ_SEED to replay another), a bounded number of cases, and what went wrong.</summary>
internal sealed class FuzzRun(OnTrackApp app, string kind, int defaultCases)
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    private readonly List<Finding> _findings = [];

    public int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("ONTRACK_FUZZ_SEED"), out var seed) ? seed : 20260309;

    public int Cases { get; } = int.TryParse(Environment.GetEnvironmentVariable("ONTRACK_FUZZ_CASES"), out var cases) ? cases : defaultCases;

    /// <summary>ONTRACK_FUZZ_TARGET narrows a replay to the endpoints or forms whose name contains it; each case keeps its input.</summary>
    public bool Selected(string target) =>
        Environment.GetEnvironmentVariable("ONTRACK_FUZZ_TARGET") is not { Length: > 0 } only || target.Contains(only, StringComparison.OrdinalIgnoreCase);

    /// <summary>Each case draws from its own generator, so one case's input does not depend on how many values earlier cases drew.</summary>
    public Random RandomFor(int index) => new(HashCode.Combine(Seed, index, kind));

    public static async Task<Answer> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? string.Join("; ", values) : "";
            return new Answer((int)response.StatusCode, body, cookies, response.Headers.Location?.ToString());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new Answer(null, $"no answer within {RequestTimeout.TotalSeconds:0} s", "", null);
        }
        catch (BadHttpRequestException e)
        {
            // The test server hands the client what Kestrel answers with the exception's status code.
            return new Answer(e.StatusCode, "(Kestrel's answer to) " + e.Message, "", null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Answer(-1, e.GetType().Name + ": " + e.Message, "", null);
        }
    }

    /// <summary>Records a 5xx, a hang, a thrown exception, or rows stored by a rejected request.</summary>
    public void Check(int index, string role, string target, string input, Answer answer, long[] before, long[] after)
    {
        string? problem = answer.Status switch
        {
            null => "hang: " + answer.Body,
            -1 => "exception: " + answer.Body,
            >= 500 => $"{answer.Status}: {Hostile.Describe(answer.Body)}",
            >= 400 when !before.SequenceEqual(after) => $"{answer.Status} but stored rows: {StoredRows.Difference(before, after)}",
            _ => null,
        };
        if (problem is null)
        {
            return;
        }

        _findings.Add(new Finding(index, role, target, input, problem));
    }

    public void AssertNoFindings()
    {
        Console.WriteLine($"[fuzz {app.Provider} {kind}] seed {Seed}, {Cases} cases, {_findings.Count} findings");
        if (_findings.Count == 0)
        {
            return;
        }

        var report = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{_findings.Count} fuzz findings on {app.Provider} (seed {Seed}; replay with ONTRACK_FUZZ_SEED={Seed} ONTRACK_FUZZ_CASES={Cases}):\n");
        foreach (var group in _findings.GroupBy(f => (f.Target, Outcome: f.Problem.Length > 60 ? f.Problem[..60] : f.Problem)).Take(40))
        {
            var first = group.First();
            report.Append(CultureInfo.InvariantCulture, $"- {first.Target} as {first.Role}, case {first.Index} ({group.Count()}×): {first.Input}\n    -> {first.Problem[..Math.Min(first.Problem.Length, 500)]}\n");
        }

        Console.WriteLine(report);
        Console.Out.Flush();
        Assert.Fail(report.ToString());
    }
}

internal sealed record Answer(int? Status, string Body, string SetCookie, string? Location);

internal sealed record Finding(int Index, string Role, string Target, string Input, string Problem);

/// <summary>Row counts of the main tables: a rejected request must leave them as they were.</summary>
internal static class StoredRows
{
    private static readonly string[] Tables =
    [
        "clinics", "opening hours", "therapists", "working hours", "time exceptions", "clients", "services", "service therapists", "appointments",
        "participants", "series", "responses", "measure plans", "alerts", "course models", "outbox", "users", "user roles", "clinic memberships",
    ];

    public static Task<long[]> CountAsync(OnTrackApp app) => app.WithDbAsync(async db => new long[]
    {
        await db.Clinics.IgnoreQueryFilters().CountAsync(), await db.OpeningHours.IgnoreQueryFilters().CountAsync(),
        await db.Therapists.IgnoreQueryFilters().CountAsync(), await db.WorkingHours.IgnoreQueryFilters().CountAsync(),
        await db.TimeExceptions.IgnoreQueryFilters().CountAsync(), await db.ClientRecords.IgnoreQueryFilters().CountAsync(),
        await db.Services.IgnoreQueryFilters().CountAsync(), await db.ServiceTherapists.IgnoreQueryFilters().CountAsync(),
        await db.Appointments.IgnoreQueryFilters().CountAsync(), await db.Participants.IgnoreQueryFilters().CountAsync(),
        await db.Series.IgnoreQueryFilters().CountAsync(), await db.Responses.IgnoreQueryFilters().CountAsync(),
        await db.MeasurePlans.IgnoreQueryFilters().CountAsync(), await db.Alerts.IgnoreQueryFilters().CountAsync(),
        await db.CourseModels.IgnoreQueryFilters().CountAsync(), await db.Outbox.IgnoreQueryFilters().CountAsync(),
        await db.Users.CountAsync(), await db.UserRoles.CountAsync(), await db.ClinicMemberships.IgnoreQueryFilters().CountAsync(),
    });

    public static string Difference(long[] before, long[] after) =>
        string.Join(", ", Tables.Select((t, i) => (t, i)).Where(x => before[x.i] != after[x.i]).Select(x => $"{x.t} {before[x.i]}→{after[x.i]}"));

    public static async Task<IdPools> PoolsAsync(OnTrackApp app)
    {
        var catalog = app.Services.GetRequiredService<InstrumentCatalog>();
        var items = catalog.All.OrderBy(i => i.Key, StringComparer.Ordinal)
            .ToDictionary(i => i.Key, i => (IReadOnlyList<string>)[.. i.Value.Items.Select(item => item.LinkId)]);
        return await app.WithDbAsync(async db => new IdPools(
            await db.Services.OrderBy(s => s.Name).Select(s => s.Id).ToListAsync(),
            await db.Therapists.OrderBy(t => t.DisplayName).Select(t => t.Id).ToListAsync(),
            await db.ClientRecords.OrderBy(c => c.Email).Select(c => c.Id).Take(40).ToListAsync(),
            await db.Appointments.OrderBy(a => a.Id).Select(a => a.Id).Take(60).ToListAsync(),
            await db.Alerts.OrderBy(a => a.Id).Select(a => a.Id).Take(20).ToListAsync(),
            await db.Responses.OrderBy(r => r.Id).Select(r => r.Id).Take(20).ToListAsync(),
            items));
    }

    /// <summary>A signed-in client's own appointments, for the pages that show one of them.</summary>
    public static Task<List<Guid>> AppointmentsOfAsync(OnTrackApp app, string email) =>
        app.WithDbAsync(db => db.Participants.Where(p => p.Client!.Email == email).OrderBy(p => p.AppointmentId).Select(p => p.AppointmentId).Take(5).ToListAsync());
}
