using OnTrack.Domain.Measures;
using OnTrack.Domain.Reviews;

namespace OnTrack.Domain.Tests.Reviews;

public sealed class ReviewAreasTests
{
    private static AreaResult AreaOf(string?[] answers, string areaId) => ReviewAreas.Score(answers).Single(a => a.AreaId == areaId);

    [Fact]
    public void Score_AllAtTheGoodEnd_NoAreaFlagged_OneResultPerAreaInFormOrder()
    {
        var results = ReviewAreas.Score(ReviewAnswers.Fine());

        Assert.Equal(ReviewQuestionnaire.Areas.Select(a => a.Id), results.Select(r => r.AreaId));
        Assert.All(results, r =>
        {
            Assert.Equal(AreaStatus.NoSign, r.Status);
            Assert.Equal(0m, r.Score);
            Assert.Equal(r.Items, r.Answered);
            Assert.Equal(ApproachWish.None, r.Wish);
        });
    }

    [Theory]
    [InlineData(1, 2, 1.5, true)] // (1 + 2) / 2 = 1.5, at the alliance cut-off
    [InlineData(1, 1, 1.0, false)]
    [InlineData(0, 2, 1.0, false)]
    [InlineData(0, 3, 1.5, true)] // one item "mostly" a problem flags a two-item alliance area on its own
    [InlineData(4, 4, 4.0, true)]
    public void Score_AllianceGoals_FlaggedFromOnePointFive(int agree, int off, double mean, bool flagged)
    {
        var result = AreaOf(ReviewAnswers.Fine().Area("alliance-goals", agree, off), "alliance-goals");

        Assert.Equal((decimal)mean, result.Score);
        Assert.Equal(flagged ? AreaStatus.Flagged : AreaStatus.NoSign, result.Status);
    }

    [Fact]
    public void Score_AllianceGoalsFlagged_SaysSoInOneSentenceForTheTherapist()
    {
        // goals-agree answered "a little true" (1, reverse-scored 3) and goals-off "somewhat true" (2): (3 + 2) / 2 = 2.5.
        var result = AreaOf(ReviewAnswers.Fine().With("goals-agree", "1").With("goals-off", "2"), "alliance-goals");

        Assert.Equal(2.5m, result.Score);
        Assert.True(result.Flagged);
        Assert.Equal("Alliance (goals): the client does not feel you agree on what to work on (2.5 of 4).", result.Summary);
    }

    [Theory]
    [InlineData(2, 2, 2, 2.0, true)] // 6 / 3 = 2, at the cut-off
    [InlineData(2, 2, 1, 1.67, false)] // 5 / 3 = 1.666… → 1.67
    [InlineData(3, 3, 1, 2.33, true)] // 7 / 3
    [InlineData(4, 1, 0, 1.67, false)]
    public void Score_Motivation_FlaggedFromTwo(int ready, int tries, int doubt, double mean, bool flagged)
    {
        var result = AreaOf(ReviewAnswers.Fine().Area("motivation", ready, tries, doubt), "motivation");

        Assert.Equal((decimal)mean, result.Score);
        Assert.Equal(flagged, result.Flagged);
    }

    [Theory]
    [InlineData("support", 3, 3, 0, true)] // 6 / 3 = 2
    [InlineData("support", 3, 2, 0, false)] // 5 / 3 = 1.67
    [InlineData("pace", 2, 2, 2, true)]
    [InlineData("pace", 0, 4, 1, false)] // 5 / 3: "I expected to feel better by now" alone does not flag pace
    public void Score_ThreeItemAreas_FlaggedAtAMeanOfTwo(string area, int a, int b, int c, bool flagged) =>
        Assert.Equal(flagged, AreaOf(ReviewAnswers.Fine().Area(area, a, b, c), area).Flagged);

    [Theory]
    [InlineData(2, 2, 2, 2, 2.0, true)]
    [InlineData(2, 2, 2, 1, 1.75, false)]
    [InlineData(4, 4, 0, 0, 2.0, true)] // poor sleep and no activity
    [InlineData(4, 3, 0, 0, 1.75, false)]
    public void Score_Lifestyle_FlaggedAtAMeanOfTwo(int sleep, int active, int eating, int relax, double mean, bool flagged)
    {
        var result = AreaOf(ReviewAnswers.Fine().Area("lifestyle", sleep, active, eating, relax), "lifestyle");

        Assert.Equal((decimal)mean, result.Score);
        Assert.Equal(flagged, result.Flagged);
    }

    [Theory]
    [InlineData(2, 2, 2.0, true)]
    [InlineData(3, 0, 1.5, false)] // a stressful event that is not taking the client's energy
    [InlineData(4, 0, 2.0, true)]
    public void Score_LifeEvents_FlaggedAtAMeanOfTwo(int stress, int energy, double mean, bool flagged)
    {
        var result = AreaOf(ReviewAnswers.Fine().Area("life-events", stress, energy), "life-events");

        Assert.Equal((decimal)mean, result.Score);
        Assert.Equal(flagged, result.Flagged);
    }

    [Fact]
    public void Score_FewerThanHalfAnswered_IsNotEnoughAnswers_NeverFlagged()
    {
        // Motivation: 1 of 3 answered, at the worst; lifestyle: 1 of 4; bond: none of 2.
        var answers = ReviewAnswers.Fine().Area("motivation", 4, null, null).Area("lifestyle", 4, null, null, null).Area("alliance-bond", null, null);
        var results = ReviewAreas.Score(answers);

        foreach (var id in new[] { "motivation", "lifestyle", "alliance-bond" })
        {
            var result = results.Single(r => r.AreaId == id);
            Assert.Equal(AreaStatus.NotEnoughAnswers, result.Status);
            Assert.False(result.Flagged);
            Assert.Null(result.Score);
            Assert.Contains("not enough answers", result.Summary, StringComparison.Ordinal);
        }

        Assert.Equal(1, results.Single(r => r.AreaId == "motivation").Answered);
    }

    [Fact]
    public void Score_NothingAnswered_EveryAreaIsNotEnoughAnswers()
    {
        var results = ReviewAreas.Score(new string?[ReviewQuestionnaire.Instrument.Items.Count]);

        Assert.All(results, r => Assert.Equal(AreaStatus.NotEnoughAnswers, r.Status));
    }

    [Fact]
    public void Score_HalfAnswered_IsScoredOnTheAnsweredItems()
    {
        // Lifestyle 2 of 4 answered at 4 and 2: mean (4 + 2) / 2 = 3; bond 1 of 2 answered at 3; motivation 2 of 3 at 2 and 1: 1.5.
        var answers = ReviewAnswers.Fine().Area("lifestyle", 4, 2, null, null).Area("alliance-bond", 3, null).Area("motivation", 2, 1, null);
        var results = ReviewAreas.Score(answers);

        Assert.Equal(3m, results.Single(r => r.AreaId == "lifestyle").Score);
        Assert.True(results.Single(r => r.AreaId == "lifestyle").Flagged);
        Assert.Equal(3m, results.Single(r => r.AreaId == "alliance-bond").Score);
        Assert.True(results.Single(r => r.AreaId == "alliance-bond").Flagged);
        Assert.Equal(1.5m, results.Single(r => r.AreaId == "motivation").Score);
        Assert.False(results.Single(r => r.AreaId == "motivation").Flagged);
    }

    [Theory]
    [InlineData(4, 0, ApproachWish.MoreStructure)]
    [InlineData(3, 1, ApproachWish.MoreStructure)] // "mostly true", two points above the other wish
    [InlineData(3, 2, ApproachWish.None)] // only one point apart
    [InlineData(2, 0, ApproachWish.None)] // only "somewhat"
    [InlineData(0, 4, ApproachWish.MoreReflection)]
    [InlineData(1, 3, ApproachWish.MoreReflection)]
    [InlineData(4, 4, ApproachWish.None)] // more of both: no direction
    public void Score_Approach_ReportsTheDirectionWanted(int structure, int reflection, ApproachWish expected)
    {
        var answers = ReviewAnswers.Fine().Problem(ReviewQuestionnaire.MoreStructureItem, structure).Problem(ReviewQuestionnaire.MoreReflectionItem, reflection);

        Assert.Equal(expected, AreaOf(answers, "approach").Wish);
    }

    [Fact]
    public void Score_Approach_AClearWishIsFlagged_EvenWhenTheWayOfWorkingMostlySuits()
    {
        // approach-suits "mostly true" (3, scores 1), more structure 4, more reflection 0: mean 5 / 3 = 1.67, under 2.
        var answers = ReviewAnswers.Fine().With("approach-suits", "3").Problem(ReviewQuestionnaire.MoreStructureItem, 4);
        var result = AreaOf(answers, "approach");

        Assert.Equal(1.67m, result.Score);
        Assert.True(result.Flagged);
        Assert.Equal(ApproachWish.MoreStructure, result.Wish);
        Assert.Equal("Approach: the way of working may not fit what the client wants from sessions: they would like more structure and practical tasks (1.67 of 4).", result.Summary);
    }

    [Fact]
    public void Score_Approach_MoreOfBoth_IsFlaggedByItsMean_WithoutADirection()
    {
        // suits "not at all" (scores 4), more structure 4, more reflection 4: 12 / 3 = 4.
        var answers = ReviewAnswers.Fine().Area("approach", 4, 4, 4);
        var result = AreaOf(answers, "approach");

        Assert.True(result.Flagged);
        Assert.Equal(ApproachWish.None, result.Wish);
    }

    [Fact]
    public void Score_Approach_OneWishUnanswered_HasNoDirection()
    {
        var answers = ReviewAnswers.Fine().Problem(ReviewQuestionnaire.MoreStructureItem, 4).With(ReviewQuestionnaire.MoreReflectionItem, null);

        Assert.Equal(ApproachWish.None, AreaOf(answers, "approach").Wish);
    }

    [Fact]
    public void Score_OnlyApproachHasADirection()
    {
        var answers = ReviewAnswers.Fine().Area("alliance-tasks", 4, 4).Area("pace", 4, 4, 4);

        Assert.All(ReviewAreas.Score(answers).Where(r => r.AreaId != "approach"), r => Assert.Equal(ApproachWish.None, r.Wish));
    }

    [Fact]
    public void Score_WrongNumberOfAnswers_Throws() =>
        Assert.Throws<AnswerException>(() => ReviewAreas.Score(["0", "1"]));

    [Fact]
    public void Score_AnAnswerOffTheScale_Throws() =>
        Assert.Throws<AnswerException>(() => ReviewAreas.Score(ReviewAnswers.Fine().With("pace-suits", "5")));
}
