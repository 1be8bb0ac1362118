using Microsoft.EntityFrameworkCore;
using OnTrack.Domain.Measures;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Matching;

public sealed record MatchOutcomeRow(string Area, string Group, int Clients, double? MeanChange);

public sealed record MatchOutcomesDto(int Suggestions, int Chosen, int ChoseTopSuggestion, int ChoseOther, IReadOnlyList<MatchOutcomeRow> Rows, string Warning);

/// <summary>
/// Whether matched clients do better: for each choice made from suggestions, the change in the suggestion's areas from the
/// last score before the choice to the latest since, grouped by whether the top suggestion was chosen. Admins only; counts
/// and means over clients, naming none.
/// </summary>
public sealed class MatchOutcomes(OnTrackDbContext db, Caller caller, InstrumentCatalog catalog)
{
    public const string Warning =
        "Not a trial: who was matched to their top suggestion was not decided by chance, so a difference here can come from the clients as much as from the match. " +
        "Change is the latest score minus the last one before the choice (a fall is better on PHQ-9, GAD-7 and PCL-5; a rise on WHO-5).";

    public async Task<MatchOutcomesDto?> GetAsync(CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin)
        {
            return null;
        }

        // Counts and means over the clinic's suggestions: no client's record is returned.
        var suggestions = await db.Set<MatchSuggestion>().Unfiltered(Bypass.ClinicStatistics).AsNoTracking()
            .Select(s => new { s.ClientId, s.Areas, s.ChosenAt, s.ChosenRank }).ToListAsync(cancellationToken);
        var chosen = suggestions.Where(s => s.ChosenAt is not null).ToList();
        var clients = chosen.Select(s => s.ClientId).Distinct().ToList();
        var scores = await db.Responses.Unfiltered(Bypass.ClinicStatistics).AsNoTracking()
            .Where(r => clients.Contains(r.ClientId) && r.Valid && r.Total != null)
            .Select(r => new { r.ClientId, r.InstrumentId, r.CompletedAt, Total = r.Total!.Value })
            .ToListAsync(cancellationToken);
        var byClient = scores.ToLookup(s => (s.ClientId, s.InstrumentId));
        var changes = new List<(string Area, string Group, double Change)>();
        foreach (var s in chosen)
        {
            foreach (var area in s.Areas.Where(catalog.All.ContainsKey))
            {
                var series = byClient[(s.ClientId, area)].OrderBy(x => x.CompletedAt).ToList();
                var before = series.LastOrDefault(x => x.CompletedAt <= s.ChosenAt);
                var latest = series.LastOrDefault(x => x.CompletedAt > s.ChosenAt);
                if (before is not null && latest is not null)
                {
                    changes.Add((Areas.Name(catalog.All[area]), s.ChosenRank == 1 ? "Chose the top suggestion" : "Chose another therapist", (double)(latest.Total - before.Total)));
                }
            }
        }

        var rows = changes.GroupBy(c => (c.Area, c.Group)).OrderBy(g => g.Key.Area, StringComparer.Ordinal).ThenBy(g => g.Key.Group, StringComparer.Ordinal)
            .Select(g => new MatchOutcomeRow(g.Key.Area, g.Key.Group, g.Count(), Math.Round(g.Average(c => c.Change), 2))).ToList();
        db.AuditRead("MatchOutcomes", "clinic", null, $"{chosen.Count} choices");
        return new MatchOutcomesDto(suggestions.Count, chosen.Count, chosen.Count(s => s.ChosenRank == 1), chosen.Count(s => s.ChosenRank != 1), rows, Warning);
    }
}
