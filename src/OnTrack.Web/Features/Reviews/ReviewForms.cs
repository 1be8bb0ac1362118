using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Measures;
using OnTrack.Domain.Reviews;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Measures;

namespace OnTrack.Web.Features.Reviews;

/// <summary>
/// The review questionnaire is due for a client while they have an open review and have not filled it in
/// since it was opened; it is then filled in on the phone like any form (Measures asks through
/// <see cref="IClientForms"/>). Worked out for whoever hands the client the form, hence the submission-check bypass.
/// </summary>
internal sealed class ReviewForms(OnTrackDbContext db) : IClientForms, IReviewAnswers
{
    public bool DueBetweenSessions => true;

    public async Task<IReadOnlyList<Instrument>> ForClientAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var opened = await db.Set<Review>().Unfiltered(Bypass.SubmissionChecks).AsNoTracking()
            .Where(r => r.ClientId == clientId && r.State == ReviewState.Open).Select(r => (Instant?)r.OpenedAt).FirstOrDefaultAsync(cancellationToken);
        if (opened is not { } since)
        {
            return [];
        }

        var answered = await db.Responses.Unfiltered(Bypass.SubmissionChecks).AsNoTracking()
            .AnyAsync(r => r.ClientId == clientId && r.InstrumentId == ReviewQuestionnaire.InstrumentId && r.CompletedAt >= since, cancellationToken);
        return answered ? [] : [ReviewQuestionnaire.Instrument];
    }

    public async Task<ReviewAnswerSummary?> LatestSinceAsync(Guid clientId, Instant since, CancellationToken cancellationToken)
    {
        var latest = await db.Responses.AsNoTracking()
            .Where(r => r.ClientId == clientId && r.InstrumentId == ReviewQuestionnaire.InstrumentId && r.CompletedAt >= since)
            .OrderByDescending(r => r.CompletedAt).Select(r => new { r.CompletedAt, r.Answers }).FirstOrDefaultAsync(cancellationToken);
        if (latest is null || JsonSerializer.Deserialize<List<string?>>(latest.Answers) is not { } answers || answers.Count != ReviewQuestionnaire.Instrument.Items.Count)
        {
            return null;
        }

        var areas = ReviewAreas.Score(answers);
        return new ReviewAnswerSummary(latest.CompletedAt, areas.Select(a => new ReviewAnswerArea(a.AreaId, a.Flagged, a.Summary)).ToList());
    }
}
