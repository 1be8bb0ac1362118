using OnTrack.Domain.Plans;

namespace OnTrack.Domain.Tests.Plans;

public sealed class GoalAttainmentTests
{
    [Fact]
    public void TScore_OneGoalAtPlusOne_Is60() =>
        // Σwx = 1; (1 − 0.3)·1 + 0.3·1² = 1; 50 + 10·1/1 = 60.
        Assert.Equal(60, GoalAttainment.TScore([1]), 12);

    [Fact]
    public void TScore_ThreeGoalsAtExpectedLevel_Is50() =>
        Assert.Equal(50, GoalAttainment.TScore([0, 0, 0]), 12);

    [Fact]
    public void TScore_ThreeGoalsAtPlusOne_Is63_693()
    {
        // Σwx = 3; 0.7·3 + 0.3·3² = 4.8; 50 + 30/√4.8 = 63.6931…
        Assert.Equal(63.693, GoalAttainment.TScore([1, 1, 1]), 3);
        Assert.Equal(50 + (30 / Math.Sqrt(4.8)), GoalAttainment.TScore([1, 1, 1]), 12);
    }

    [Fact]
    public void TScore_WeightedGoals_HandComputed()
    {
        // +2 weight 3, −1 weight 1, 0 weight 2:
        // Σwx = 6 − 1 + 0 = 5; Σw² = 9 + 1 + 4 = 14; Σw = 6, (Σw)² = 36;
        // 0.7·14 + 0.3·36 = 9.8 + 10.8 = 20.6; √20.6 = 4.53872…; 50 + 50/4.53872 = 61.0163…
        var t = GoalAttainment.TScore([new GoalAttainmentLevel(2, 3), new GoalAttainmentLevel(-1, 1), new GoalAttainmentLevel(0, 2)]);

        Assert.Equal(61.016, t, 3);
        Assert.Equal(50 + (50 / Math.Sqrt(20.6)), t, 12);
    }

    [Fact]
    public void TScore_RhoZero_IsTheUncorrelatedFormula() =>
        // −1, −1: Σwx = −2; 1·2 + 0 = 2; 50 − 20/√2 = 35.858…
        Assert.Equal(50 - (20 / Math.Sqrt(2)), GoalAttainment.TScore([-1, -1], rho: 0), 12);

    [Fact]
    public void TScore_EqualWeightsOtherThanOne_SameAsUnweighted() =>
        Assert.Equal(
            GoalAttainment.TScore([2, -1, 1]),
            GoalAttainment.TScore([new GoalAttainmentLevel(2, 2.5), new GoalAttainmentLevel(-1, 2.5), new GoalAttainmentLevel(1, 2.5)]),
            12);

    [Theory]
    [InlineData(3)]
    [InlineData(-3)]
    public void TScore_LevelOutOfRange_Throws(int bad) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GoalAttainment.TScore([0, bad]));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void TScore_WeightNotPositive_Throws(double weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GoalAttainment.TScore([new GoalAttainmentLevel(1, weight)]));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void TScore_RhoOutOfRange_Throws(double rho) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GoalAttainment.TScore([1], rho));

    [Fact]
    public void TScore_NoGoals_Throws() =>
        Assert.Throws<ArgumentException>(() => GoalAttainment.TScore(Array.Empty<int>()));
}
