// Drives the app's course sums against PostgreSQL for bench/pg-grouped-query.sh.
//   sql CONN      prints the SQL EF Core generates for GroupedSumsAsync("phq-9") (the grouped query over every response)
//   migrate CONN  applies the app's migrations (the real schema)
//   run CONN [N]  N times: GroupedSumsAsync (before: query + fetch + sort), then SumsAsync (now: the kept
//                 per-client sums, fetch + sort), each followed by CourseFitter.Fit on the training clients as FitAsync does
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OnTrack.Domain.Course;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Course;
using OnTrack.Web.Security;

var mode = args[0];
// The same Identity schema version as the app and its design-time factory, or the model differs from the migrations.
var services = new ServiceCollection()
    .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
    .BuildServiceProvider();
var options = new DbContextOptionsBuilder<PostgresOnTrackDbContext>()
    .UseNpgsql(args[1], n => n.UseNodaTime().CommandTimeout(600)).UseApplicationServiceProvider(services).Options;

// As for an admin of the bench clinic: the clinic filter applies, the caller filter is ignored by SumsAsync.
var caller = new Caller();
caller.UsePublicClinic(Guid.Parse("00000000-0000-4000-8000-000000000001"));
await using var db = new PostgresOnTrackDbContext(options, caller, SystemClock.Instance, new OnTrack.Web.Data.ReadAudit(caller, SystemClock.Instance));
const string instrument = "phq-9";

switch (mode)
{
    case "sql":
        Console.WriteLine(db.Responses.IgnoreQueryFilters([OnTrackDbContext.CallerFilter]).AsNoTracking()
            .Where(r => r.InstrumentId == instrument && r.Valid && r.CourseSession > 0 && r.Intake != null && r.Total != null)
            .Select(r => new { r.ClientId, F = Math.Log(r.CourseSession!.Value + 1.0), Y = (double)r.Total!.Value, Intake = (double)r.Intake!.Value })
            .GroupBy(r => r.ClientId)
            .Select(g => new
            {
                ClientId = g.Key,
                N = g.Count(),
                SumF = g.Sum(r => r.F),
                SumF2 = g.Sum(r => r.F * r.F),
                SumY = g.Sum(r => r.Y),
                SumFY = g.Sum(r => r.F * r.Y),
                SumY2 = g.Sum(r => r.Y * r.Y),
                Intake = g.Min(r => r.Intake),
            })
            .ToQueryString());
        break;
    case "migrate":
        var watch = Stopwatch.StartNew();
        await DataSetup.MigrateAsync(db);
        Console.WriteLine($"migrated in {watch.Elapsed.TotalSeconds:F1} s");
        break;
    case "run":
        // SumsAsync does not use the instrument catalog.
        var courses = new ExpectedCourses(db, null!, NodaTime.SystemClock.Instance);
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        foreach (var (name, sumsAsync) in new (string, Func<Task<List<(Guid ClientId, ClientSums Sums)>>>)[]
        {
            ("GroupedSumsAsync (every response)", () => courses.GroupedSumsAsync(instrument, CancellationToken.None)),
            ("SumsAsync (kept sums)", () => courses.SumsAsync(instrument, CancellationToken.None)),
        })
        {
            for (var i = 0; i < runs; i++)
            {
                var total = Stopwatch.StartNew();
                var all = await sumsAsync();
                var sums = total.Elapsed.TotalSeconds;
                var fitWatch = Stopwatch.StartNew();
                var training = all.Where(c => !ExpectedCourses.IsHeldOut(c.ClientId)).Select(c => c.Sums).ToArray();
                var model = CourseFitter.Fit(training, ExpectedCourses.Options);
                var fit = fitWatch.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {i + 1}: {name} {sums:F2} s ({all.Count} clients, {all.Sum(c => (long)c.Sums.Count)} rows); fit {fit:F3} s ({training.Length} training clients, {model.Rows} rows); total {total.Elapsed.TotalSeconds:F2} s"));
            }
        }

        break;
    default:
        throw new ArgumentException($"unknown mode {mode}");
}
