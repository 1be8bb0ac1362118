using Microsoft.EntityFrameworkCore;
using OnTrack.Domain.Measures;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Course;
using OnTrack.Web.Features.Instruments;
using DomainExpectations = OnTrack.Domain.Plans.ExpectationCheck;

namespace OnTrack.Web.Features.Plans;

/// <summary>
/// The client's latest expectations beside what the clinic's expected course says clients with the same
/// intake usually need: the sentence the client reads in the portal and the prompt the therapist sees.
/// </summary>
public sealed class ExpectationReadings(OnTrackDbContext db, ExpectedCourses courses, InstrumentCatalog catalog, CurrentClinic currentClinic)
{
    /// <summary>The outcome measure the comparison uses for a plan's main problem area (the first one named).</summary>
    public static string InstrumentFor(ProblemArea? main) => main switch
    {
        ProblemArea.Anxiety => "gad-7",
        ProblemArea.Trauma => "pcl-5",
        _ => "phq-9",
    };

    /// <summary>Null when the client has not said what they expect.</summary>
    public async Task<ExpectationCheckResult?> LatestAsync(Guid clientId, string clientName, CancellationToken cancellationToken)
    {
        var latest = await db.Set<ExpectationCheck>().AsNoTracking().Where(e => e.ClientId == clientId)
            .OrderByDescending(e => e.AskedAt).ThenByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        if (latest is null || await currentClinic.GetAsync(cancellationToken: cancellationToken) is not { } clinic)
        {
            return null;
        }

        var plan = await db.TreatmentPlans.AsNoTracking().Where(p => p.ClientId == clientId)
            .OrderByDescending(p => p.Version).Select(p => new { p.ProblemAreas, p.Frequency }).FirstOrDefaultAsync(cancellationToken);
        var instrumentId = InstrumentFor(plan?.ProblemAreas.Count > 0 ? plan.ProblemAreas[0] : null);
        var expectations = new ClientExpectations(latest.SessionsExpected, latest.WeeksToFeelBetter, latest.Confidence);
        var frequency = plan?.Frequency ?? SessionFrequency.Weekly;
        var intake = await db.Responses.AsNoTracking().Where(r => r.ClientId == clientId && r.InstrumentId == instrumentId && r.Valid && r.Total != null)
            .OrderBy(r => r.CompletedAt).Select(r => r.Total).FirstOrDefaultAsync(cancellationToken);
        if (!catalog.All.TryGetValue(instrumentId, out var instrument) || instrument.ReliableChange is not { } reliable || intake is not { } first)
        {
            return DomainExpectations.Check(clientName, expectations, frequency, 0, 1, higherIsBetter: false, model: null);
        }

        var rule = await courses.RuleAsync(clinic, instrument, cancellationToken);
        return DomainExpectations.Check(clientName, expectations, frequency, (double)first, (double)reliable.Threshold,
            instrument.Direction == ScoreDirection.HigherIsBetter, rule?.Model);
    }
}
