using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Matching;
using OnTrack.Domain.Measures;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Matching;

/// <summary>One suggested therapist as stored with the suggestion: their place, score and reasons at the time.</summary>
public sealed record MatchCandidate(Guid TherapistId, string Name, int Rank, int Score, bool Suggested, IReadOnlyList<MatchReason> Reasons, IReadOnlyList<DateTimeOffset> NextFree, int CapacityLeft);

/// <summary>
/// A suggestion as the caller sees it. Reasons resting on past clients' outcomes go to admins, and to a therapist only about
/// themself (as their outcome profile does); a client sees the suggested therapists only, without those reasons or any
/// reason that would tell them what a therapist shares only with staff. <c>Open</c>: a choice can still be made from it.
/// </summary>
public sealed record MatchSuggestionDto(
    Guid Id, Guid ClientId, string Purpose, IReadOnlyList<string> Areas, bool OfferedToClient, DateTimeOffset CreatedAt, string CreatedBy,
    IReadOnlyList<MatchCandidateDto> Candidates, Guid? ChosenTherapistId, int? ChosenRank, string? ChosenBy, DateTimeOffset? ChosenAt, bool Open);

public sealed record MatchCandidateDto(Guid TherapistId, string Name, int Rank, bool Suggested, IReadOnlyList<string> For, IReadOnlyList<string> Against, IReadOnlyList<string> NextFree, int CapacityLeft);

public sealed record MatchRequest(SessionFormat? Format, bool OfferToClient);

/// <param name="ClientConsented">Staff record that the client agrees to the change (required of anyone but an admin, as in any transfer).</param>
public sealed record ChooseRequest(Guid TherapistId, bool ClientConsented = false);

/// <summary>
/// Suggesting therapists for a client and recording the choice (issue 14): the client's areas (elevated at intake, or named
/// in the plan), each active therapist's measured outcomes there (<see cref="OutcomeProfiles"/>), the areas they treat, the
/// client's preferences on style and in practice, format, capacity and free times, ranked by <see cref="MatchRanking"/>.
/// </summary>
public sealed class MatchSuggestions(
    OnTrackDbContext db, Caller caller, ClientAccess access, OutcomeProfiles outcomes, MatchingSettingsStore settings,
    FindSlots slots, CareTeamService careTeams, PlanActor actor, InstrumentCatalog catalog, IClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Free times looked for this far ahead.</summary>
    public const int DaysAhead = 21;

    public async Task<Result<IReadOnlyList<MatchSuggestionDto>>> ListAsync(Guid clientId, CancellationToken cancellationToken)
    {
        if (await access.CheckAsync(clientId, ClientOperation.ReadClinical, cancellationToken) is not { } decision)
        {
            return Problem.NotFound("The client");
        }

        var self = caller.ClientId == clientId;
        var rows = await db.Set<MatchSuggestion>().AsNoTracking().Where(s => s.ClientId == clientId && (!self || s.OfferedToClient))
            .OrderByDescending(s => s.CreatedAt).Take(20).ToListAsync(cancellationToken);
        var zone = await actor.ZoneAsync(cancellationToken);
        return rows.Select(r => ToDto(r, decision.Client.PrimaryTherapistId, decision.Client.DischargedAt, zone)).ToList();
    }

    /// <summary>
    /// Ranks the clinic's therapists for the client and keeps the suggestion. Staff who may move the client (admins, the
    /// primary therapist); or the client themself, when the clinic lets clients choose and they have no therapist yet.
    /// </summary>
    public async Task<Result<MatchSuggestionDto>> SuggestAsync(Guid clientId, MatchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var decision = await access.CheckAsync(clientId, ClientOperation.ReadClinical, cancellationToken);
        if (decision is null)
        {
            return Problem.NotFound("The client");
        }

        var self = caller.ClientId == clientId;
        if (self)
        {
            if (!(await settings.GetAsync(cancellationToken)).ClientsMayChoose || decision.Client.PrimaryTherapistId is not null)
            {
                return Problem.Invalid("Your clinic chooses your therapist with you. Ask the clinic, or tell them on the “Something isn't right” page.");
            }
        }
        else if (!decision.Allows(ClientOperation.Transfer))
        {
            return Problem.NotFound("The client");
        }

        if (request.Format is { } f && !Enum.IsDefined(f))
        {
            return Problem.BadRequest("Choose the format from individual, couple, family or group.");
        }

        var client = decision.Client;
        var plan = await db.TreatmentPlans.AsNoTracking().Where(p => p.ClientId == clientId).OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        var format = request.Format ?? plan?.Format ?? SessionFormat.Individual;
        var areas = await AreasAsync(clientId, plan, cancellationToken);
        var candidates = await RankAsync(client, areas, format, cancellationToken);
        var suggestion = new MatchSuggestion
        {
            ClinicId = client.ClinicId,
            ClientId = clientId,
            Purpose = client.PrimaryTherapistId is null ? MatchPurpose.NewClient : MatchPurpose.ChangeOfTherapist,
            FromTherapistId = client.PrimaryTherapistId,
            Areas = areas.Select(a => a.Id).ToList(),
            CandidatesJson = JsonSerializer.Serialize(candidates, Json),
            OfferedToClient = self || request.OfferToClient,
            CreatedAt = clock.GetCurrentInstant(),
            CreatedByName = await actor.NameAsync(cancellationToken),
        };
        db.Add(suggestion);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(suggestion, client.PrimaryTherapistId, client.DischargedAt, await actor.ZoneAsync(cancellationToken));
    }

    /// <summary>
    /// Records the choice and moves the client's care to the chosen therapist (a change of therapist: the care team,
    /// alerts and future sessions move as in any transfer). Staff who may move the client choose from any suggestion;
    /// the client from one offered to them, and only once.
    /// </summary>
    public async Task<Result<MatchSuggestionDto>> ChooseAsync(Guid clientId, Guid suggestionId, ChooseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var decision = await access.CheckAsync(clientId, ClientOperation.ReadClinical, cancellationToken);
        var self = caller.ClientId == clientId;
        if (decision is null || (!self && !decision.Allows(ClientOperation.Transfer)))
        {
            return Problem.NotFound("The client");
        }

        var suggestion = await db.Set<MatchSuggestion>().SingleOrDefaultAsync(s => s.Id == suggestionId && s.ClientId == clientId && (!self || s.OfferedToClient), cancellationToken);
        if (suggestion is null)
        {
            return Problem.NotFound("The suggestion");
        }

        if (suggestion.ChosenAt is not null)
        {
            return Problem.Invalid("A therapist has already been chosen from these suggestions. Make new suggestions for another change.");
        }

        // Suggestions made for another therapist's client (care has moved since, by a choice or a transfer), or before the course ended, are closed.
        if (!IsOpen(suggestion, decision.Client.PrimaryTherapistId, decision.Client.DischargedAt))
        {
            return Problem.Invalid("These suggestions were made before the client's care last changed, so they no longer apply. Make new suggestions.");
        }

        var candidates = Candidates(suggestion);
        var chosen = candidates.FirstOrDefault(c => c.TherapistId == request.TherapistId);
        if (self && chosen is not { Suggested: true })
        {
            return Problem.Invalid("Choose one of the therapists suggested to you.");
        }

        // The choice is saved with the change of care, in one SaveChanges: ChosenAt is the row's concurrency token, so of
        // two choices at once the second finds the row already chosen and changes nothing (409).
        suggestion.ChosenTherapistId = request.TherapistId;
        suggestion.ChosenRank = chosen?.Rank ?? 0;
        suggestion.ChosenBy = self ? MatchChooser.Client : MatchChooser.Staff;
        suggestion.ChosenByName = await actor.NameAsync(cancellationToken);
        suggestion.ChosenAt = clock.GetCurrentInstant();
        Result<TransferResult> transfer;
        try
        {
            transfer = self
                ? await careTeams.ClientChoosesAsync(clientId, request.TherapistId, cancellationToken)
                : await careTeams.TransferAsync(clientId, new TransferRequest(request.TherapistId, suggestion.Purpose == MatchPurpose.NewClient ? TransferReason.Other : TransferReason.PoorFit,
                    $"Chosen from matching suggestions{(chosen is null ? "" : $" (ranked {chosen.Rank})")}", request.ClientConsented), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem.Conflict("A therapist was chosen from these suggestions at the same moment. Open the page again to see who.");
        }

        if (transfer.Problem is { } problem)
        {
            await db.Entry(suggestion).ReloadAsync(cancellationToken);
            return problem;
        }

        return ToDto(suggestion, request.TherapistId, decision.Client.DischargedAt, await actor.ZoneAsync(cancellationToken));
    }

    /// <summary>The client's areas: outcome measures whose first valid score was in the clinical range, and the plan's presenting problems that a measure covers.</summary>
    private async Task<IReadOnlyList<Instrument>> AreasAsync(Guid clientId, TreatmentPlanVersion? plan, CancellationToken cancellationToken)
    {
        var measures = catalog.All.Values.Where(i => i.Role == InstrumentRole.Outcome).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var ids = measures.Keys.ToList();
        var firsts = await db.Responses.AsNoTracking().Where(r => r.ClientId == clientId && r.Valid && r.Total != null && ids.Contains(r.InstrumentId))
            .GroupBy(r => r.InstrumentId).Select(g => g.OrderBy(r => r.CompletedAt).Select(r => new { r.InstrumentId, Total = r.Total!.Value }).First())
            .ToListAsync(cancellationToken);
        db.AuditRead("MeasureResponse", "first scores", clientId, "the areas to match a therapist on");
        var chosen = firsts.Where(f => Scorer.IsCase(measures[f.InstrumentId], f.Total) == true).Select(f => f.InstrumentId).ToHashSet(StringComparer.Ordinal);
        foreach (var problem in plan?.ProblemAreas ?? [])
        {
            if (Areas.InstrumentOf(problem) is { } id && measures.ContainsKey(id))
            {
                chosen.Add(id);
            }
        }

        return chosen.Order(StringComparer.Ordinal).Select(id => measures[id]).ToList();
    }

    private async Task<List<MatchCandidate>> RankAsync(Clients.Client client, IReadOnlyList<Instrument> areas, SessionFormat format, CancellationToken cancellationToken)
    {
        var (_, fitted) = await outcomes.FitAsync(cancellationToken);
        var therapists = await db.Therapists.AsNoTracking().Where(t => t.Active).Select(t => new { t.Id, t.DisplayName }).ToListAsync(cancellationToken);
        var ids = therapists.Select(t => t.Id).ToList();
        var profiles = await db.Set<TherapistProfile>().AsNoTracking().ToDictionaryAsync(p => p.TherapistId, cancellationToken);
        var styles = await db.TherapistStyles.AsNoTracking().ToDictionaryAsync(s => s.TherapistId, cancellationToken);
        var services = await db.ServiceTherapists.AsNoTracking()
            .Join(db.Services.Where(s => s.Active), st => st.ServiceId, s => s.Id, (st, s) => new { st.TherapistId, ServiceId = s.Id, s.Format, s.Modality, s.Name })
            .ToListAsync(cancellationToken);
        var hours = await db.WorkingHours.AsNoTracking().Select(h => new { h.TherapistId, h.Start, h.End }).ToListAsync(cancellationToken);
        var preferences = await db.ClientPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.ClientId == client.Id, cancellationToken);
        var weekAgo = clock.GetCurrentInstant() - Duration.FromDays(7);
        // How many new clients each therapist took on in the last 7 days (new to the clinic, or moved to them): counts only, naming no client.
        var joined = await db.ClientRecords.Unfiltered(Bypass.ClinicStatistics).AsNoTracking()
            .Where(c => c.CreatedAt >= weekAgo && c.PrimaryTherapistId != null && c.Id != client.Id)
            .Select(c => new { Therapist = c.PrimaryTherapistId!.Value, Client = c.Id }).ToListAsync(cancellationToken);
        var moved = await db.CareTeamMembers.Unfiltered(Bypass.ClinicStatistics).AsNoTracking()
            .Where(m => m.Role == CareTeamRole.Primary && m.Source == CareTeamSource.Transfer && m.From >= weekAgo && m.ClientId != client.Id)
            .Select(m => new { Therapist = m.TherapistId, Client = m.ClientId }).ToListAsync(cancellationToken);
        // A client new this week and then moved (or matched) counts once, with each therapist they joined.
        var taken = joined.Concat(moved).Distinct().GroupBy(x => x.Therapist).ToDictionary(g => g.Key, g => g.Count());

        var clientStyle = preferences is null ? new PreferenceRatings()
            : new PreferenceRatings(preferences.Direction, preferences.EmotionalIntensity, preferences.TimeFocus, preferences.SupportOrChallenge);
        var wants = preferences is null ? new PracticalPreferences() : new PracticalPreferences(
            preferences.TherapistGender, preferences.Language,
            preferences.Modality switch { PreferredModality.InPerson => SessionModes.InPerson, PreferredModality.Video => SessionModes.Video, _ => SessionModes.None },
            (preferences.Mornings ? TimesOfDay.Morning : TimesOfDay.None) | (preferences.Afternoons ? TimesOfDay.Afternoon : TimesOfDay.None) | (preferences.Evenings ? TimesOfDay.Evening : TimesOfDay.None));

        var facts = new List<CandidateFacts>();
        var nextFree = new Dictionary<Guid, IReadOnlyList<DateTimeOffset>>();
        var capacity = new Dictionary<Guid, int>();
        foreach (var therapist in therapists.Where(t => t.Id != client.PrimaryTherapistId))
        {
            var profile = profiles.GetValueOrDefault(therapist.Id);
            var style = styles.GetValueOrDefault(therapist.Id);
            var offered = services.Where(s => s.TherapistId == therapist.Id).ToList();
            var standing = areas.Select(area =>
            {
                var fit = fitted.FirstOrDefault(a => a.Instrument.Id == area.Id)?.Fit;
                var effect = fit?.Therapists.FirstOrDefault(e => e.Therapist == therapist.Id.ToString());
                bool? treats = Areas.ProblemOf(area.Id) is { } problem ? profile?.ProblemAreas.Contains(problem) == true : null;
                return new AreaStanding(Areas.Name(area), fit is null ? null : effect?.Rating ?? EffectRating.NotEnoughCases, effect?.Cases ?? 0, treats);
            }).ToList();

            var theirStyle = style is null ? new PreferenceRatings() : new PreferenceRatings(style.Direction, style.EmotionalIntensity, style.TimeFocus, style.SupportOrChallenge);
            var mismatches = PreferenceMatch.Style(client.FullName, clientStyle, theirStyle);
            var styleFits = Enum.GetValues<PreferenceDimension>()
                .Where(d => clientStyle[d] is { } c && Math.Abs(c) >= PreferenceMatch.ClearPreference && theirStyle[d] is not null && mismatches.All(m => m.Dimension != d))
                .Select(d => PreferenceWords.MoreOf(d, clientStyle[d] < 0 ? PreferencePole.Negative : PreferencePole.Positive)).ToList();
            var modes = (offered.Any(s => s.Modality == Modality.InPerson) ? SessionModes.InPerson : SessionModes.None) | (offered.Any(s => s.Modality == Modality.Video) ? SessionModes.Video : SessionModes.None);
            var times = hours.Where(h => h.TherapistId == therapist.Id).Aggregate(TimesOfDay.None, (t, h) => t | PreferenceFit.Covered(h.Start, h.End));
            var practice = new TherapistPractice(style?.Gender, style?.Languages ?? [], modes, times);
            var unmet = PreferenceMatch.Practical(client.FullName, wants, practice).Select(m => m.Matter).ToList();
            var gaps = unmet.Select(m => Gap(m, wants)).ToList();
            var fits = PracticalFits(wants, unmet);

            var left = Math.Max(0, (profile?.NewClientsPerWeek ?? new TherapistProfile().NewClientsPerWeek) - taken.GetValueOrDefault(therapist.Id));
            var service = offered.Where(s => s.Format == format).OrderBy(s => wants.Modes == SessionModes.Video ? s.Modality != Modality.Video : s.Modality != Modality.InPerson).FirstOrDefault();
            var free = service is null ? [] : (await slots.HandleAsync(service.ServiceId, therapist.Id, null, DaysAhead, cancellationToken)).Value?.Take(3).Select(s => s.Start).ToList() ?? [];
            nextFree[therapist.Id] = free;
            capacity[therapist.Id] = left;
            facts.Add(new CandidateFacts(therapist.Id.ToString(), therapist.DisplayName, service is not null, left, standing,
                mismatches.Select(m => PreferenceWords.MoreOf(m.Dimension, m.WantsMoreOf)).ToList(), styleFits, gaps, fits, free.Count > 0));
        }

        var names = therapists.ToDictionary(t => t.Id, t => t.DisplayName);
        return MatchRanking.Rank(facts).Select(r =>
        {
            var id = Guid.Parse(r.TherapistId);
            return new MatchCandidate(id, names[id], r.Rank, r.Score, r.Suggested, r.Reasons, nextFree[id], capacity[id]);
        }).ToList();
    }

    private static PracticalGap Gap(PracticalMatter matter, PracticalPreferences wants) => matter switch
    {
        PracticalMatter.Language => new($"Does not work in {wants.Language?.Trim()}.", 3),
        PracticalMatter.Gender => new("Their gender is not the one asked for.", 2, StaffOnly: true),
        PracticalMatter.Mode => new($"Does not offer sessions {PreferenceWords.Of(wants.Modes)}.", 2),
        _ => new($"Has no hours in the {PreferenceWords.Of(wants.Times)}.", 1),
    };

    private static List<string> PracticalFits(PracticalPreferences wants, IReadOnlyCollection<PracticalMatter> unmet)
    {
        var fits = new List<string>();
        if (!string.IsNullOrWhiteSpace(wants.Language) && !unmet.Contains(PracticalMatter.Language))
        {
            fits.Add($"Works in {wants.Language.Trim()}.");
        }

        if (wants.Modes != SessionModes.None && !unmet.Contains(PracticalMatter.Mode))
        {
            fits.Add($"Offers sessions {PreferenceWords.Of(wants.Modes)}.");
        }

        return fits;
    }

    internal static IReadOnlyList<MatchCandidate> Candidates(MatchSuggestion suggestion) =>
        JsonSerializer.Deserialize<List<MatchCandidate>>(suggestion.CandidatesJson, Json) ?? [];

    /// <summary>Whether a choice can still be made: none made yet, the client's care unchanged since, the course not ended.</summary>
    private static bool IsOpen(MatchSuggestion s, Guid? primary, Instant? discharged) =>
        s.ChosenAt is null && s.FromTherapistId == primary && discharged is null;

    private bool Shows(MatchReason reason, Guid therapist, bool self) =>
        self ? !reason.FromOutcomes && !reason.StaffOnly : !reason.FromOutcomes || caller.IsAdmin || caller.TherapistId == therapist;

    private MatchSuggestionDto ToDto(MatchSuggestion s, Guid? primary, Instant? discharged, DateTimeZone zone)
    {
        var self = caller.ClientId == s.ClientId;
        var names = s.Areas.Select(id => catalog.All.TryGetValue(id, out var i) ? Areas.Name(i) : id).ToList();
        var candidates = Candidates(s)
            .Where(c => !self || c.Suggested)
            .Select(c => new MatchCandidateDto(c.TherapistId, c.Name, c.Rank, c.Suggested,
                c.Reasons.Where(r => r.For && Shows(r, c.TherapistId, self)).Select(r => r.Text).ToList(),
                c.Reasons.Where(r => !r.For && Shows(r, c.TherapistId, self)).Select(r => r.Text).ToList(),
                c.NextFree.Select(t => Instant.FromDateTimeOffset(t).InZone(zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)).ToList(),
                c.CapacityLeft))
            .ToList();
        return new MatchSuggestionDto(s.Id, s.ClientId, s.Purpose == MatchPurpose.NewClient ? "newClient" : "changeOfTherapist", names, s.OfferedToClient,
            s.CreatedAt.ToDateTimeOffset(), s.CreatedByName, candidates, s.ChosenTherapistId, s.ChosenRank,
            s.ChosenBy switch { MatchChooser.Client => "client", MatchChooser.Staff => "staff", _ => null }, s.ChosenAt?.ToDateTimeOffset(), IsOpen(s, primary, discharged));
    }
}
