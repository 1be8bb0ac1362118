using OnTrack.Domain.Measures;
using OnTrack.Domain.Plans;

namespace OnTrack.Domain.Tests.Plans;

public sealed class GoalRatingFormTests
{
    private static readonly Instrument ThreeGoals = GoalRatingForm.For([new("goal-a", "Sleep through the night"), new("goal-b", "Go back to work"), new("goal-c", "Call my sister")]);

    [Fact]
    public void GoalRatings_AreScoredAsTheMeanRating_ToTwoDecimals()
    {
        var result = Scorer.Score(ThreeGoals, ["4", "5", "7"]);
        Assert.True(result.Valid);
        Assert.Equal(5.33m, result.Total);
        Assert.Equal([4m, 5m, 7m], result.Subscales.Select(s => s.Score!.Value));
        Assert.Equal(["goal-a", "goal-b", "goal-c"], result.Subscales.Select(s => s.Id));
    }

    [Fact]
    public void GoalRatings_KeepTheZeroToTenScale_WhateverTheNumberOfGoals()
    {
        Assert.Equal(0m, ThreeGoals.TotalMin);
        Assert.Equal(10m, ThreeGoals.TotalMax);
        var one = GoalRatingForm.For([new("goal-a", "Sleep through the night")]);
        Assert.Equal(10m, one.TotalMax);
        Assert.Equal(8m, Scorer.Score(one, ["8"]).Total);
    }

    [Fact]
    public void GoalRatings_AnUnratedGoal_LeavesTheFormUnscored()
    {
        Assert.False(Scorer.Score(ThreeGoals, ["4", null, "7"]).Valid);
    }

    [Fact]
    public void GoalRatingForm_WithoutGoals_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => GoalRatingForm.For([]));
    }

    [Fact]
    public void GoalRatingForm_IsHigherIsBetter_WithTheGoalsRole()
    {
        Assert.Equal(ScoreDirection.HigherIsBetter, ThreeGoals.Direction);
        Assert.Equal(InstrumentRole.Goals, ThreeGoals.Role);
        Assert.Equal(["goal-a", "goal-b", "goal-c"], ThreeGoals.Items.Select(i => i.LinkId));
    }
}
