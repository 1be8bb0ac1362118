using OnTrack.Domain.Matching;

namespace OnTrack.Domain.Tests.Matching;

public sealed class MatchRankingTests
{
    private static CandidateFacts Candidate(string name, EffectRating? rating = EffectRating.Neutral, bool treats = true, bool format = true, int capacity = 2,
        string[]? styleWanted = null, PracticalGap[]? gaps = null, bool freeSoon = true) =>
        new(name, name, format, capacity, [new AreaStanding("depression", rating, 12, treats)], styleWanted ?? [], [], gaps ?? [], [], freeSoon);

    [Fact]
    public void AMeasuredStrength_OutweighsAnAreaNotListed_AndIsGivenAsTheFirstReason()
    {
        var ranked = MatchRanking.Rank([Candidate("Ann"), Candidate("Bo", EffectRating.Effective, treats: false)]);

        Assert.Equal(["Bo", "Ann"], ranked.Select(r => r.TherapistId));
        Assert.Equal((3 - 1, 1), (ranked[0].Score, ranked[1].Score));
        Assert.True(ranked[0].Reasons[0] is { For: true, FromOutcomes: true });
        Assert.StartsWith("Clients with depression improved more", ranked[0].Reasons[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ineffective")]
    [InlineData("format")]
    [InlineData("capacity")]
    public void AnIneffectiveTherapist_OneWithoutTheFormat_OrWithoutRoom_IsListedLast_AndNotSuggested(string why)
    {
        var blocked = why switch
        {
            "ineffective" => Candidate("Al", EffectRating.Ineffective, styleWanted: []),
            "format" => Candidate("Al", EffectRating.Effective, format: false),
            _ => Candidate("Al", EffectRating.Effective, capacity: 0),
        };

        var ranked = MatchRanking.Rank([blocked, Candidate("Zed", EffectRating.NotEnoughCases, treats: false, gaps: [new PracticalGap("Does not work in Polish.", 3)], freeSoon: false)]);

        Assert.Equal(["Zed", "Al"], ranked.Select(r => r.TherapistId));
        Assert.Equal([true, false], ranked.Select(r => r.Suggested));
        Assert.Equal([1, 2], ranked.Select(r => r.Rank));
        Assert.Equal(-1 - 3 - 1, ranked[0].Score);
        Assert.Contains(ranked[1].Reasons, r => !r.For);
    }

    [Fact]
    public void AStrongStyleMismatch_CanTipAStrength_ToATie_AndEqualsAreOrderedByName()
    {
        var tied = MatchRanking.Rank([Candidate("Cat"), Candidate("Bo", EffectRating.Effective, treats: false, styleWanted: ["structure"])]);
        Assert.Equal([(1, "Bo"), (1, "Cat")], tied.Select(r => (r.Score, r.TherapistId)));
    }

    [Fact]
    public void AnAreaThatCannotBeEstimated_GivesNoOutcomeReason()
    {
        var ranked = MatchRanking.Rank([Candidate("Cy", rating: null), Candidate("Ben", rating: null)]);

        Assert.Equal(["Ben", "Cy"], ranked.Select(r => r.TherapistId));
        Assert.All(ranked, r => Assert.DoesNotContain(r.Reasons, x => x.FromOutcomes));
    }
}
