using Microsoft.EntityFrameworkCore;
using OnTrack.Domain.Matching;
using OnTrack.Domain.Measures;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Matching;

public sealed record TherapistAreaDto(Guid TherapistId, string Therapist, int Cases, double Effect, double ConditionalSd, double Lower, double Upper, string Rating, string RatingWords);

public sealed record AreaProfileDto(
    string InstrumentId, string Area, bool HigherIsBetter, int Cases, int Therapists, bool Estimated, string? Reason,
    double? Intercept, double? IntakeSlope, double? TherapistSd, double? ResidualSd, double? RemlCriterion, bool Singular,
    IReadOnlyList<TherapistAreaDto> Profiles);

public sealed record OutcomeProfilesDto(int MinCases, IReadOnlyList<AreaProfileDto> Areas, string Explanation);

/// <summary>
/// Each therapist's risk-adjusted outcomes per problem area, from the clinic's ended courses (issue 14): for every outcome
/// measure, change (last − first score) ~ intake (first score) + (1 | therapist) by REML, so that a therapist with few cases
/// is shrunk toward the clinic's mean. For admins (every therapist) and for a therapist (their own rows only); never for
/// clients, and never a league table.
/// </summary>
public sealed class OutcomeProfiles(OnTrackDbContext db, Caller caller, InstrumentCatalog catalog, MatchingSettingsStore settings)
{
    public const string Explanation =
        "Change is the last score of an ended course minus the first; each therapist's effect is their clients' change beyond what their first scores " +
        "predict, estimated with a mixed model (change ~ intake + (1 | therapist), REML), so a therapist with few clients is pulled toward the clinic's mean. " +
        "A therapist is rated effective or ineffective in an area only when the 95 % interval excludes the clinic's mean and they have enough ended courses there. " +
        "These are estimates with honest uncertainty, for supervision and matching — not a ranking of people.";

    /// <summary>The profiles the caller may see, or null: admins see every therapist (or one), a therapist only their own; anyone else nothing.</summary>
    public async Task<OutcomeProfilesDto?> GetAsync(Guid? therapistId, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin && (caller.TherapistId is null || (therapistId is { } asked && asked != caller.TherapistId)))
        {
            return null;
        }

        var only = caller.IsAdmin ? therapistId : caller.TherapistId;
        if (only is { } id && !await db.Therapists.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return null;
        }

        var (minCases, fitted) = await FitAsync(cancellationToken);
        var names = await db.Therapists.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.DisplayName, cancellationToken);
        var areas = fitted.Select(a => ToDto(a, names, only)).ToList();
        // Estimates over the clinic's ended courses, naming no client: one audited read of the profiles.
        db.AuditRead("OutcomeProfiles", only?.ToString() ?? "clinic", null, $"{areas.Sum(a => a.Cases)} ended courses in {areas.Count} areas");
        return new OutcomeProfilesDto(minCases, areas, Explanation);
    }

    /// <summary>Every area's fit over the clinic's ended courses, for matching (which decides itself who may see what).</summary>
    internal async Task<(int MinCases, IReadOnlyList<FittedArea> Areas)> FitAsync(CancellationToken cancellationToken)
    {
        var minCases = (await settings.GetAsync(cancellationToken)).MinCases;
        var outcomeMeasures = catalog.All.Values.Where(i => i.Role == InstrumentRole.Outcome).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var ids = outcomeMeasures.Keys.ToList();

        // Aggregates over the clinic's ended courses: no client is shown, so the caseload filter does not apply here.
        var ended = db.ClientRecords.Unfiltered(Bypass.ClinicStatistics).Where(c => c.DischargedAt != null && c.PrimaryTherapistId != null);
        var scores = await db.Responses.Unfiltered(Bypass.ClinicStatistics).AsNoTracking()
            .Where(r => r.Valid && r.Total != null && ids.Contains(r.InstrumentId))
            .Join(ended, r => r.ClientId, c => c.Id, (r, c) => new { r.ClientId, Therapist = c.PrimaryTherapistId!.Value, r.InstrumentId, r.CompletedAt, Total = r.Total!.Value })
            .ToListAsync(cancellationToken);

        var areas = new List<FittedArea>();
        foreach (var byInstrument in scores.GroupBy(s => s.InstrumentId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var instrument = outcomeMeasures[byInstrument.Key];
            var courses = byInstrument.GroupBy(s => s.ClientId).Where(g => g.Count() >= 2)
                .Select(g =>
                {
                    var ordered = g.OrderBy(s => s.CompletedAt).ThenBy(s => s.Total).ToList();
                    return new CourseChange(ordered[0].Therapist.ToString(), (double)ordered[0].Total, (double)(ordered[^1].Total - ordered[0].Total));
                })
                .OrderBy(c => c.Therapist, StringComparer.Ordinal).ThenBy(c => c.Intake).ThenBy(c => c.Change)
                .ToList();
            var higherIsBetter = instrument.Direction == ScoreDirection.HigherIsBetter;
            areas.Add(new FittedArea(instrument, courses, TherapistEffects.Fit(instrument.Id, courses, higherIsBetter, minCases)));
        }

        return (minCases, areas);
    }

    private static AreaProfileDto ToDto(FittedArea area, IReadOnlyDictionary<Guid, string> names, Guid? only)
    {
        var therapists = area.Courses.Select(c => c.Therapist).Distinct().Count();
        if (area.Fit is not { } fit)
        {
            var reason = area.Courses.Count < 3 ? $"{area.Courses.Count} ended courses with a first and a last score on this measure; at least 3 are needed."
                : therapists < 2 ? "The ended courses are all with one therapist; at least two are needed to compare."
                : "Every ended course started at the same score, so intake cannot be allowed for.";
            return new AreaProfileDto(area.Instrument.Id, Areas.Name(area.Instrument), area.Instrument.Direction == ScoreDirection.HigherIsBetter, area.Courses.Count, therapists,
                false, reason, null, null, null, null, null, false, []);
        }

        var profiles = fit.Therapists
            .Select(t => (Id: Guid.Parse(t.Therapist), Effect: t))
            .Where(t => only is null || t.Id == only)
            .Select(t => new TherapistAreaDto(t.Id, names.GetValueOrDefault(t.Id, "Former therapist"), t.Effect.Cases, t.Effect.Effect, t.Effect.ConditionalSd,
                t.Effect.Effect - (Z * t.Effect.ConditionalSd), t.Effect.Effect + (Z * t.Effect.ConditionalSd), RatingCode(t.Effect.Rating), RatingWords(t.Effect.Rating)))
            .OrderBy(t => t.Therapist, StringComparer.Ordinal).ToList();
        return new AreaProfileDto(area.Instrument.Id, Areas.Name(area.Instrument), fit.HigherIsBetter, fit.Cases, therapists, true, null,
            fit.Intercept, fit.IntakeSlope, fit.TherapistSd, fit.ResidualSd, fit.RemlCriterion, fit.Singular, profiles);
    }

    private const double Z = 1.959963984540054;

    public static string RatingCode(EffectRating rating) => rating switch
    {
        EffectRating.Effective => "effective",
        EffectRating.Ineffective => "ineffective",
        EffectRating.Neutral => "neutral",
        _ => "notEnoughCases",
    };

    public static string RatingWords(EffectRating rating) => rating switch
    {
        EffectRating.Effective => "Effective: clients improve more than the clinic's average",
        EffectRating.Ineffective => "Ineffective: clients improve less than the clinic's average",
        EffectRating.Neutral => "Within the clinic's usual range",
        _ => "Not enough ended courses yet",
    };
}

/// <summary>One area's ended courses and their fit (null when the area cannot be estimated).</summary>
internal sealed record FittedArea(Instrument Instrument, IReadOnlyList<CourseChange> Courses, AreaProfile? Fit);
