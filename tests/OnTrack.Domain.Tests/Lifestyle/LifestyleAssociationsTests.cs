using NodaTime;
using OnTrack.Domain.Lifestyle;

namespace OnTrack.Domain.Tests.Lifestyle;

/// <summary>Reference values from R 4.2.2, <c>t.test(a, b)</c>: see welch-reference.R next to this file.</summary>
public sealed class LifestyleAssociationsTests
{
    private static readonly double[] LongNightMoods = [7, 6, 8, 7, 5, 7, 8, 6, 7, 9, 6, 7, 8, 7];
    private static readonly double[] ShortNightMoods = [5, 6, 4, 5, 7, 5, 6, 4, 5, 6, 3, 5, 6, 5, 4, 6];

    [Fact]
    public void Welch_Moods_MatchesR()
    {
        var w = LifestyleAssociations.Welch(LongNightMoods, ShortNightMoods);

        Assert.Equal(7.0, w.MeanA, 1e-9);
        Assert.Equal(5.125, w.MeanB, 1e-9);
        Assert.Equal(1.875, w.Difference, 1e-9);
        Assert.Equal(27.375218423899, w.DegreesOfFreedom, 1e-6);
        Assert.Equal(1.100816847226, w.Lower, 1e-6);
        Assert.Equal(2.649183152774, w.Upper, 1e-6);
    }

    [Fact]
    public void Welch_UnequalSpreadAndSizes_MatchesR()
    {
        double[] a = [2.5, 3.1, 9.4, 0.2, 5.5, 7.7, 1.9, 6.6, 4.0, 8.8, 3.3, 0.9, 5.0, 7.1, 2.2];
        double[] b = [4.1, 4.3, 3.9, 4.0, 4.2, 4.4, 3.8, 4.1, 4.0, 4.2, 3.9, 4.1, 4.0, 4.3, 3.9, 4.2, 4.0, 4.1, 4.2, 3.8];

        var w = LifestyleAssociations.Welch(a, b);

        Assert.Equal(0.471666666667, w.Difference, 1e-6);
        Assert.Equal(14.071551872025, w.DegreesOfFreedom, 1e-6);
        Assert.Equal(-1.125568511360, w.Lower, 1e-6);
        Assert.Equal(2.068901844693, w.Upper, 1e-6);
    }

    [Fact]
    public void Welch_NoSpreadOnEitherSide_IntervalIsTheDifference()
    {
        var w = LifestyleAssociations.Welch([6, 6, 6], [4, 4]);

        Assert.Equal(2, w.Difference);
        Assert.Equal(2, w.Lower);
        Assert.Equal(2, w.Upper);
    }

    [Fact]
    public void Welch_OneValueOnASide_Throws() =>
        Assert.Throws<ArgumentException>(() => LifestyleAssociations.Welch([1], [1, 2]));

    [Fact]
    public void Compare_NotANumber_Throws() =>
        Assert.Throws<ArgumentException>(() => LifestyleAssociations.Compare("x", "q", "a", "b", [double.NaN], [1]));

    [Fact]
    public void Compare_EnoughDays_RoundsTheRFiguresToTwoDecimals()
    {
        var c = LifestyleAssociations.Compare("sleep", "Q", "A", "B", LongNightMoods, ShortNightMoods);

        Assert.True(c.Shown);
        Assert.Equal(14, c.DaysA);
        Assert.Equal(16, c.DaysB);
        Assert.Equal(7.00m, c.MeanA);
        Assert.Equal(5.13m, c.MeanB); // 5.125 → 5.13, midpoint away from zero
        Assert.Equal(1.88m, c.Difference); // 1.875 → 1.88
        Assert.Equal(1.10m, c.Lower); // 1.1008…
        Assert.Equal(2.65m, c.Upper); // 2.6491…
    }

    [Fact]
    public void Compare_13DaysOnOneSide_NotShown()
    {
        var c = LifestyleAssociations.Compare("sleep", "Q", "A", "B", LongNightMoods[..13], ShortNightMoods);

        Assert.False(c.Shown);
        Assert.Equal(13, c.DaysA);
        Assert.Equal(16, c.DaysB);
        Assert.Null(c.MeanA);
        Assert.Null(c.MeanB);
        Assert.Null(c.Difference);
        Assert.Null(c.Lower);
        Assert.Null(c.Upper);
    }

    [Fact]
    public void Compare_Exactly14DaysEachSide_Shown()
    {
        var c = LifestyleAssociations.Compare("sleep", "Q", "A", "B", LongNightMoods, ShortNightMoods[..14]);

        Assert.True(c.Shown);
        Assert.Equal(14, c.DaysB);
        Assert.NotNull(c.Lower);
    }

    [Fact]
    public void Of_Logs_GroupsDaysAndLeavesOutTheMiddle()
    {
        var date = new LocalDate(2026, 1, 1);
        var days = new List<DayLog>();
        void Add(int? mood, int? sleep, int? activity, int? relaxation, Meals? meals)
        {
            days.Add(new DayLog(date, mood, sleep, null, activity, meals, null, relaxation));
            date = date.PlusDays(1);
        }

        // 14 long nights, 16 short nights; relaxation on the long-night days and the last 3 short-night days.
        foreach (var mood in LongNightMoods)
        {
            Add((int)mood, 420, 10, 5, Meals.Regular);
        }

        for (var i = 0; i < ShortNightMoods.Length; i++)
        {
            Add((int)ShortNightMoods[i], 359, 10, i < 13 ? 0 : 5, i % 2 == 0 ? Meals.No : Meals.Partly);
        }

        Add(10, 380, 10, 5, null); // 6 h 20 min: in neither sleep group
        Add(null, 480, 10, 5, Meals.Regular); // no mood: in no group

        var all = LifestyleAssociations.Of(days);

        Assert.Equal(["sleep", "activity", "relaxation", "meals"], all.Select(a => a.Id));
        var sleep = all[0];
        Assert.Equal((14, 16, true, 1.88m, 1.10m, 2.65m), (sleep.DaysA, sleep.DaysB, sleep.Shown, sleep.Difference, sleep.Lower, sleep.Upper));
        Assert.Equal("Mood after a night of 7 hours or more", sleep.GroupA);
        Assert.Equal("Mood after a night of less than 6 hours", sleep.GroupB);

        var activity = all[1]; // 10 minutes every day: neither 20 or more nor none
        Assert.Equal((0, 0, false), (activity.DaysA, activity.DaysB, activity.Shown));

        var relaxation = all[2]; // 14 + 3 + the 6 h 20 min day with relaxation; 13 without
        Assert.Equal((18, 13, false), (relaxation.DaysA, relaxation.DaysB, relaxation.Shown));

        var meals = all[3]; // the same days as the sleep groups
        Assert.Equal((14, 16, true, 1.88m), (meals.DaysA, meals.DaysB, meals.Shown, meals.Difference));
    }

    [Fact]
    public void Of_Wording_IsAnAssociationNotACause()
    {
        foreach (var a in LifestyleAssociations.Of([]))
        {
            foreach (var text in new[] { a.Question, a.GroupA, a.GroupB })
            {
                Assert.DoesNotContain("because", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("cause", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("improve", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("effect", text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
