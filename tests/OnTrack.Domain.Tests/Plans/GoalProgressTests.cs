using OnTrack.Domain.Plans;

namespace OnTrack.Domain.Tests.Plans;

public sealed class GoalProgressTests
{
    [Fact]
    public void Of_ThreeRatings_FirstLatestAndMovement()
    {
        var progress = GoalProgress.Of([2, 4, 5]);

        Assert.Equal(2, progress.First);
        Assert.Equal(5, progress.Latest);
        Assert.Equal(3, progress.Movement);
        Assert.Equal(3, progress.Ratings);
        Assert.Equal(GoalChange.Improved, progress.Change);
        Assert.Equal(GoalPrompt.None, progress.Prompt);
    }

    [Theory]
    [InlineData(new[] { 3, 5 }, GoalChange.None)] // 2 < 2.45
    [InlineData(new[] { 3, 6 }, GoalChange.Improved)] // 3 > 2.45
    [InlineData(new[] { 6, 4 }, GoalChange.None)]
    [InlineData(new[] { 6, 3 }, GoalChange.Worse)]
    [InlineData(new[] { 0, 10 }, GoalChange.Improved)]
    [InlineData(new[] { 7 }, GoalChange.None)]
    public void Of_Movement_ReliableFromThreePoints(int[] ratings, GoalChange expected) =>
        Assert.Equal(expected, GoalProgress.Of(ratings).Change);

    [Fact]
    public void ReliableMovement_IsTheFirstWholeNumberAboveTheCorcFigure()
    {
        Assert.True(GoalProgress.ReliableMovement > GoalProgress.CorcReliableChange);
        Assert.True(GoalProgress.ReliableMovement - 1 < GoalProgress.CorcReliableChange);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Of_RatingOutOfRange_Throws(int bad) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GoalProgress.Of([5, bad, 5]));

    [Fact]
    public void Of_NoRatings_Throws() =>
        Assert.Throws<ArgumentException>(() => GoalProgress.Of([]));

    [Theory]
    [InlineData(new[] { 4, 4, 5, 4 }, GoalPrompt.Stalled)] // last four span 1 point
    [InlineData(new[] { 1, 3, 5, 5, 5, 5 }, GoalPrompt.Stalled)] // earlier movement does not count
    [InlineData(new[] { 4, 4, 6, 4 }, GoalPrompt.None)] // spans 2 points
    [InlineData(new[] { 4, 4, 4 }, GoalPrompt.None)] // only three ratings
    [InlineData(new[] { 9, 9, 9, 9 }, GoalPrompt.LooksMet)] // at the top: met, not stalled
    [InlineData(new[] { 10, 10, 9, 10 }, GoalPrompt.LooksMet)]
    [InlineData(new[] { 2, 9 }, GoalPrompt.LooksMet)]
    [InlineData(new[] { 8, 8, 8, 8 }, GoalPrompt.Stalled)]
    [InlineData(new[] { 9, 9, 9, 8 }, GoalPrompt.Stalled)] // the latest rating decides
    public void PromptFor_Ratings_GivesThePrompt(int[] ratings, GoalPrompt expected)
    {
        Assert.Equal(expected, GoalProgress.PromptFor(ratings));
        Assert.Equal(expected, GoalProgress.Of(ratings).Prompt);
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(1, 0, false)]
    [InlineData(2, 0, true)]
    [InlineData(5, 0, true)]
    [InlineData(2, 1, false)]
    [InlineData(3, 3, false)]
    public void NoGoalsBySecondSession_SessionsAndGoals_PromptsFromTheSecond(int sessions, int goals, bool expected) =>
        Assert.Equal(expected, GoalProgress.NoGoalsBySecondSession(sessions, goals));

    [Fact]
    public void NoGoalsBySecondSession_NegativeCount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GoalProgress.NoGoalsBySecondSession(-1, 0));
}
