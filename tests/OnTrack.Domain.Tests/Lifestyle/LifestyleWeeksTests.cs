using NodaTime;
using OnTrack.Domain.Lifestyle;

namespace OnTrack.Domain.Tests.Lifestyle;

public sealed class LifestyleWeeksTests
{
    private static readonly LocalDate From = new(2026, 6, 3); // a Wednesday
    private static readonly LocalDate To = new(2026, 6, 16); // a Tuesday

    private static DayLog Day(int june, int? mood = null, int? sleep = null, int? sleepQuality = null, int? activity = null, Meals? meals = null, int? eating = null, int? relaxation = null) =>
        new(new LocalDate(2026, 6, june), mood, sleep, sleepQuality, activity, meals, eating, relaxation);

    private static SleepDiaryNight Night(int june, int tst, decimal se, int sol, int waso)
    {
        var at = Instant.FromUtc(2026, 6, june, 0, 0);
        return new SleepDiaryNight(new LocalDate(2026, 6, june), at, at, at, at, 480, tst, sol, waso, waso > 0 ? 1 : 0, 3, se, null);
    }

    private static readonly DayLog[] Days =
    [
        Day(2, mood: 1, sleep: 60, activity: 500), // Tuesday before the period: left out
        Day(3, mood: 5, sleep: 420, sleepQuality: 3, activity: 30, meals: Meals.Regular, eating: 4, relaxation: 10),
        Day(4, mood: 6, sleep: 390, activity: 0, meals: Meals.Partly),
        Day(6, sleep: 455, sleepQuality: 4, eating: 3, relaxation: 15),
        Day(16, mood: 7),
        Day(17, mood: 2), // after the period: left out
    ];

    private static readonly SleepDiaryNight[] Nights =
    [
        Night(2, 100, 20m, 100, 100), // before the period: left out
        Night(3, 405, 83.5m, 20, 25),
        Night(5, 360, 90.0m, 10, 5),
    ];

    [Fact]
    public void Summarize_Period_GivesEveryOverlappingMondayWeekInOrder()
    {
        var weeks = LifestyleWeeks.Summarize(Days, Nights, From, To);

        Assert.Equal([new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 8), new LocalDate(2026, 6, 15)], weeks.Select(w => w.WeekStart));
    }

    [Fact]
    public void Summarize_FirstWeek_HandComputed()
    {
        var week = LifestyleWeeks.Summarize(Days, Nights, From, To)[0];

        // 3, 4 and 6 June (2 June is before the period).
        Assert.Equal(3, week.DaysLogged);
        Assert.Equal(5.5m, week.MeanMood); // (5 + 6) / 2
        Assert.Equal(7.03m, week.MeanSleepHours); // (420 + 390 + 455) / 3 / 60 = 1265 / 180 = 7.0277…
        Assert.Equal(3.5m, week.MeanSleepQuality); // (3 + 4) / 2
        Assert.Equal(3.5m, week.MeanEatingQuality); // (4 + 3) / 2
        Assert.Equal(30, week.ActivityMinutes); // 30 + 0
        Assert.Equal(1, week.ActiveDays); // 0 minutes is not an active day
        Assert.Equal(1, week.RegularMealDays);
        Assert.Equal(25, week.RelaxationMinutes); // 10 + 15
        Assert.Equal(2, week.DiaryNights); // 3 and 5 June
        Assert.Equal(6.38m, week.MeanTotalSleepHours); // (405 + 360) / 2 / 60 = 6.375 → 6.38, midpoint away from zero
        Assert.Equal(86.75m, week.MeanSleepEfficiency); // (83.5 + 90.0) / 2
        Assert.Equal(15m, week.MeanSleepOnsetMinutes); // (20 + 10) / 2
        Assert.Equal(15m, week.MeanWakeAfterSleepOnsetMinutes); // (25 + 5) / 2
    }

    [Fact]
    public void Summarize_EmptyWeek_HasZeroCountsAndNullMeans()
    {
        var week = LifestyleWeeks.Summarize(Days, Nights, From, To)[1];

        Assert.Equal(new LifestyleWeek(new LocalDate(2026, 6, 8), 0, null, null, null, null, 0, 0, 0, 0, 0, null, null, null, null), week);
    }

    [Fact]
    public void Summarize_LastWeek_CountsOnlyDaysUpToTheEnd()
    {
        var week = LifestyleWeeks.Summarize(Days, Nights, From, To)[2];

        Assert.Equal(1, week.DaysLogged); // 16 June; 17 June is after the period
        Assert.Equal(7m, week.MeanMood);
        Assert.Null(week.MeanSleepHours);
        Assert.Equal(0, week.DiaryNights);
        Assert.Null(week.MeanSleepEfficiency);
    }

    [Fact]
    public void Summarize_Means_RoundToTwoDecimals()
    {
        // (1 + 2 + 2) / 3 = 1.666… → 1.67; (400 + 401) / 2 / 60 = 6.675 → 6.68.
        var week = LifestyleWeeks.Summarize([Day(8, mood: 1, sleep: 400), Day(9, mood: 2, sleep: 401), Day(10, mood: 2)], [], new LocalDate(2026, 6, 8), new LocalDate(2026, 6, 14)).Single();

        Assert.Equal(1.67m, week.MeanMood);
        Assert.Equal(6.68m, week.MeanSleepHours);
    }

    [Fact]
    public void Summarize_OneDayPeriod_GivesItsWeek() =>
        Assert.Equal(new LocalDate(2026, 6, 15), LifestyleWeeks.Summarize([], [], new LocalDate(2026, 6, 21), new LocalDate(2026, 6, 21)).Single().WeekStart);

    [Fact]
    public void Summarize_StartAfterEnd_Throws() =>
        Assert.Throws<ArgumentException>(() => LifestyleWeeks.Summarize([], [], To, From));
}
