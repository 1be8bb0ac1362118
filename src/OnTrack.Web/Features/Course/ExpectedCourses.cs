using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Course;
using OnTrack.Domain.Measures;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Scheduling;

namespace OnTrack.Web.Features.Course;

/// <summary>The rule that gives a new score its status on one instrument: the fitted model, or the rational rule.</summary>
public sealed record CourseRule(Instrument Instrument, CourseModelRecord? Record, CourseModel? Model, CourseThresholds Thresholds, RationalRule Rational) : IExpectedCourseRule
{
    public bool FromModel => Model is not null;

    public CourseStatus Classify(double session, double intake, double score) =>
        Model is not null ? new CourseClassifier(Model, Thresholds).Classify(session, intake, score) : Rational.Classify(session, intake, score);
}

/// <summary>What an admin sees about one instrument's expected course.</summary>
public sealed record CourseModelSummary(
    string InstrumentId,
    string Title,
    string RuleInForce,
    int CompletedCourses,
    int MinimumCourses,
    DateTimeOffset? FittedAt,
    string? FittedBy,
    int? Clients,
    long? Rows,
    IReadOnlyDictionary<string, double>? FixedEffects,
    double? InterceptSd,
    double? SlopeSd,
    double? Correlation,
    double? ResidualSd,
    bool? Singular,
    string? Note,
    CourseAccuracyReport? HeldOut,
    int? TypicalSessionOfReliableImprovement);

/// <summary>
/// Fits each outcome instrument's expected course from the clinic's scores — the per-client sums the
/// database keeps as responses arrive, never the rows — and gives new scores their status.
/// </summary>
public sealed class ExpectedCourses(OnTrackDbContext db, InstrumentCatalog catalog, IClock clock) : IExpectedCourseRules
{
    /// <summary>One in five clients (by id) is held out of the fit to measure its accuracy.</summary>
    public const int HoldOutOneIn = 5;

    /// <summary>Held-out clients are flagged at this session (Hannan et al. 2005: most deteriorators by session 3).</summary>
    public const int FlagSession = 3;

    public static readonly FitOptions Options = new(TimeScale.Log1P, UseIntake: true, FitMethod.Reml, MinimumClients: 10, TimeTerm: "log1p(session)", IntakeTerm: "intake");

    public IEnumerable<Instrument> OutcomeInstruments =>
        catalog.All.Values.Where(i => i.Role == InstrumentRole.Outcome && i.ReliableChange is not null).OrderBy(i => i.Id, StringComparer.Ordinal);

    /// <summary>The rule in force for an instrument, or null when it has no status (alliance, readiness, no reliable-change figure).</summary>
    async Task<IExpectedCourseRule?> IExpectedCourseRules.RuleAsync(Clinic clinic, Instrument instrument, CancellationToken cancellationToken) =>
        await RuleAsync(clinic, instrument, cancellationToken);

    public async Task<CourseRule?> RuleAsync(Clinic clinic, Instrument instrument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.Role != InstrumentRole.Outcome || instrument.ReliableChange is null)
        {
            return null;
        }

        var record = await db.CourseModels.AsNoTracking().Where(m => m.ClinicId == clinic.Id && m.InstrumentId == instrument.Id)
            .OrderByDescending(m => m.FittedAt).FirstOrDefaultAsync(cancellationToken);
        var higherIsBetter = instrument.Direction == ScoreDirection.HigherIsBetter;
        var cutoff = (double?)instrument.Cutoff?.Value;
        return new CourseRule(instrument, record, record is null ? null : Parsed(record),
            new CourseThresholds(clinic.CourseAmberPercentile, clinic.CourseRedPercentile, higherIsBetter, cutoff),
            new RationalRule((double)instrument.ReliableChange.Threshold, clinic.CourseNoImprovementBySession, higherIsBetter, cutoff));
    }

    /// <summary>The fitted models in force, by instrument id (instruments under the rational rule are absent).</summary>
    public async Task<Dictionary<string, CourseModel>> ModelsAsync(Clinic clinic, CancellationToken cancellationToken)
    {
        var models = new Dictionary<string, CourseModel>(StringComparer.Ordinal);
        foreach (var instrument in OutcomeInstruments)
        {
            if (await RuleAsync(clinic, instrument, cancellationToken) is { Model: { } model })
            {
                models[instrument.Id] = model;
            }
        }

        return models;
    }

    /// <summary>
    /// Every client's sufficient statistics for one instrument, as the database keeps them while responses
    /// arrive (<see cref="ClientCourseSums"/>): one small row per client, sorted by client.
    /// </summary>
    public async Task<List<(Guid ClientId, ClientSums Sums)>> SumsAsync(string instrumentId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ClientCourseSums>().AsNoTracking().Where(s => s.InstrumentId == instrumentId && s.N > 0)
            .Select(s => new { s.ClientId, s.N, s.SumF, s.SumF2, s.SumY, s.SumFY, s.SumY2, s.Intake })
            .ToListAsync(cancellationToken);

        // Sorted by client so that the fit does not depend on the order the database returns rows in.
        return rows.OrderBy(g => g.ClientId).Select(g => (g.ClientId, new ClientSums(g.N, g.SumF, g.SumF2, g.SumY, g.SumFY, g.SumY2, g.Intake))).ToList();
    }

    /// <summary>
    /// The same statistics from the responses themselves, in one grouped query: the database adds up
    /// f = ln(t + 1), f², y, f·y and y² over each client's scores after their intake. What the kept sums
    /// must equal (tests, bench/pg-grouped-query.sh).
    /// </summary>
    public async Task<List<(Guid ClientId, ClientSums Sums)>> GroupedSumsAsync(string instrumentId, CancellationToken cancellationToken)
    {
        // On PostgreSQL the per-client hash aggregates of a large clinic spill to disk at the default
        // work_mem, and JIT adds seconds; for this one transaction give it memory and skip JIT
        // (1M clients: about 17 s → 9 s, bench/README.md).
        var postgres = db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
        await using var transaction = postgres && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (transaction is not null)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '256MB'; SET LOCAL jit = off", cancellationToken);
        }

        var groups = await db.Responses.Unfiltered(Bypass.ClinicStatistics).AsNoTracking()
            .Where(r => r.InstrumentId == instrumentId && r.Valid && r.CourseSession > 0 && r.Intake != null && r.Total != null)
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
            .ToListAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        // Sorted by client so that the fit does not depend on the order the database returns groups in.
        return groups.OrderBy(g => g.ClientId).Select(g => (g.ClientId, new ClientSums(g.N, g.SumF, g.SumF2, g.SumY, g.SumFY, g.SumY2, g.Intake))).ToList();
    }

    /// <summary>Ended courses with at least one score after intake: what the clinic's minimum counts (from the kept sums, one row per client).</summary>
    public Task<int> CompletedCoursesAsync(string instrumentId, CancellationToken cancellationToken) =>
        db.Set<ClientCourseSums>().Where(s => s.InstrumentId == instrumentId && s.N > 0)
            .Join(db.ClientRecords.Unfiltered(Bypass.ClinicStatistics).Where(c => c.DischargedAt != null), s => s.ClientId, c => c.Id, (s, c) => s.ClientId)
            .CountAsync(cancellationToken);

    /// <summary>Fits one instrument's expected course and stores it; a problem when there are too few courses or the fit fails.</summary>
    public async Task<Result<CourseModelRecord>> FitAsync(Clinic clinic, Instrument instrument, string fittedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(instrument);
        var completed = await CompletedCoursesAsync(instrument.Id, cancellationToken);
        if (completed < clinic.CourseMinimumCourses)
        {
            return Problem.Invalid($"{instrument.Title}: {completed} ended courses, fewer than the clinic's minimum of {clinic.CourseMinimumCourses}; the rational rule stays in force.");
        }

        var all = await SumsAsync(instrument.Id, cancellationToken);
        var training = all.Where(c => !IsHeldOut(c.ClientId)).Select(c => c.Sums).ToArray();
        CourseModel model;
        try
        {
            model = CourseFitter.Fit(training, Options);
        }
        catch (CourseFitException ex)
        {
            return Problem.Invalid($"{instrument.Title}: {ex.Message}");
        }

        var heldOut = await HeldOutAsync(instrument, all.Where(c => IsHeldOut(c.ClientId)).Select(c => c.ClientId).ToList(), cancellationToken);
        var higherIsBetter = instrument.Direction == ScoreDirection.HigherIsBetter;
        var accuracy = heldOut.Count == 0 ? null : CourseAccuracy.Evaluate(model,
            new CourseThresholds(clinic.CourseAmberPercentile, clinic.CourseRedPercentile, higherIsBetter, (double?)instrument.Cutoff?.Value),
            (double)instrument.ReliableChange!.Threshold, FlagSession, heldOut);
        var record = new CourseModelRecord
        {
            ClinicId = clinic.Id,
            InstrumentId = instrument.Id,
            FittedAt = clock.GetCurrentInstant(),
            Model = model.ToJson(),
            CompletedCourses = completed,
            Clients = model.Clients,
            Rows = model.Rows,
            Accuracy = accuracy is null ? null : JsonSerializer.Serialize(accuracy),
            FittedBy = fittedBy,
        };
        db.CourseModels.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    public async Task<IReadOnlyList<CourseModelSummary>> SummariesAsync(Clinic clinic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var list = new List<CourseModelSummary>();
        foreach (var instrument in OutcomeInstruments)
        {
            var rule = (await RuleAsync(clinic, instrument, cancellationToken))!;
            var completed = await CompletedCoursesAsync(instrument.Id, cancellationToken);
            var m = rule.Model;
            list.Add(new CourseModelSummary(
                instrument.Id, instrument.Title,
                m is null ? $"rational rule: reliable deterioration, or not reliably improved by session {clinic.CourseNoImprovementBySession}" : "expected course fitted from the clinic's data",
                completed, clinic.CourseMinimumCourses, rule.Record?.FittedAt.ToDateTimeOffset(), rule.Record?.FittedBy, m?.Clients, m?.Rows,
                m?.Terms.Zip(m.FixedEffects).ToDictionary(p => p.First, p => p.Second), m?.InterceptSd, m?.SlopeSd, m?.Correlation, m?.ResidualSd, m?.Singular, m?.Note,
                rule.Record?.Accuracy is { } json ? JsonSerializer.Deserialize<CourseAccuracyReport>(json) : null,
                m?.SessionOfReliableImprovement((double)(instrument.Cutoff?.Value ?? instrument.TotalMax / 2) + (double)instrument.ReliableChange!.Threshold, (double)instrument.ReliableChange.Threshold, instrument.Direction == ScoreDirection.HigherIsBetter)));
        }

        return list;
    }

    /// <summary>
    /// A fitted model, parsed once per process: a stored model never changes (a refit adds a new record,
    /// which the query above finds on every node), so the record's id is a safe key with nothing to invalidate.
    /// </summary>
    private static CourseModel Parsed(CourseModelRecord record)
    {
        if (ParsedModels.Count > 1000)
        {
            ParsedModels.Clear();
        }

        return ParsedModels.GetOrAdd(record.Id, _ => CourseModel.FromJson(record.Model));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, CourseModel> ParsedModels = new();

    /// <summary>A stable one-in-five choice by client id, so refits hold out the same clients.</summary>
    public static bool IsHeldOut(Guid clientId) => BitConverter.ToUInt32(clientId.ToByteArray(), 12) % HoldOutOneIn == 0;

    private async Task<List<HeldOutClient>> HeldOutAsync(Instrument instrument, List<Guid> clients, CancellationToken cancellationToken)
    {
        if (clients.Count == 0)
        {
            return [];
        }

        var rows = await db.Responses.Unfiltered(Bypass.ClinicStatistics).AsNoTracking()
            .Where(r => r.InstrumentId == instrument.Id && r.Valid && r.CourseSession > 0 && clients.Contains(r.ClientId))
            .Select(r => new { r.ClientId, Session = r.CourseSession!.Value, Score = (double)r.Total!.Value, Intake = (double)r.Intake!.Value })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ClientId)
            .Select(g => new HeldOutClient(g.First().Intake, g.Select(r => ((double)r.Session, r.Score)).ToList()))
            .ToList();
    }
}
