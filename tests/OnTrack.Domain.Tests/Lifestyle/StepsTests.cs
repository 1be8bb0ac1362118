using NodaTime;
using OnTrack.Domain.Lifestyle;

namespace OnTrack.Domain.Tests.Lifestyle;

public sealed class StepsTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly LocalDate From = new(2026, 6, 1); // a Monday
    private static readonly LocalDate To = new(2026, 6, 14); // a Sunday

    private static readonly HashSet<IsoDayOfWeek> SundayToThursday =
        [IsoDayOfWeek.Sunday, IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday];

    private static readonly HashSet<IsoDayOfWeek> MondayToFriday =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static readonly LocalTime HalfPastEleven = new(23, 30);

    /// <summary>A diary night dated <paramref name="june"/>, in bed at <paramref name="bed"/>, asleep at once, up at <paramref name="wake"/>.</summary>
    private static SleepDiaryNight Night(int june, LocalTime bed, LocalTime? wake = null)
    {
        var w = wake ?? new LocalTime(7, 0);
        return SleepDiary.Derive(new SleepDiaryAnswers(new LocalDate(2026, 6, june), bed, bed, 0, 0, 0, w, w, 3), London).Night!;
    }

    private static DayLog Day(int june, int? sleep = null, int? activity = null, int? relaxation = null, Meals? meals = null) =>
        new(new LocalDate(2026, 6, june), null, sleep, null, activity, meals, null, relaxation);

    // Diary nights for the bed-time rules; the evening is the day before the diary date.
    private static readonly SleepDiaryNight[] BedNights =
    [
        Night(1, new LocalTime(22, 0)), // evening Sun 31 May: before the period
        Night(2, new LocalTime(23, 15)), // evening Mon 1 June: met
        Night(3, new LocalTime(23, 30)), // evening Tue 2 June: met, exactly on time
        Night(4, new LocalTime(0, 10)), // evening Wed 3 June, in bed 00:10 on 4 June: not met
        Night(6, new LocalTime(22, 0)), // evening Fri 5 June: met, but Friday is not asked
        Night(8, new LocalTime(23, 0)), // evening Sun 7 June: met
    ];

    [Fact]
    public void Count_BedByOnSundayToThursday_HandComputed()
    {
        var rule = new StepRule(StepKind.BedBy, null, HalfPastEleven, SundayToThursday, null);

        var weeks = StepProgress.Count(rule, [], BedNights, London, From, To);

        // Week of 1 June: evenings Mon–Thu and Sun asked (5); Thu has no diary (4 with data); met Mon, Tue, Sun (3).
        // 3 ≠ 5, so not met. Week of 8 June: no diary at all.
        Assert.Equal(
            [new StepWeek(From, 3, 4, 5, false), new StepWeek(new LocalDate(2026, 6, 8), 0, 0, 5, null)],
            weeks);
    }

    [Fact]
    public void Count_BedAtTenPastMidnight_DoesNotMeetHalfPastEleven()
    {
        var rule = new StepRule(StepKind.BedBy, null, HalfPastEleven, null, 7);

        var week = StepProgress.Count(rule, [], [Night(4, new LocalTime(0, 10))], London, From, new LocalDate(2026, 6, 7)).Single();

        Assert.Equal(new StepWeek(From, 0, 1, 7, false), week);
    }

    [Fact]
    public void Count_BedByAfterMidnight_IsThatNightsEarlyMorning()
    {
        // "By 00:30": in bed 00:10 on 4 June is before 00:30 after the evening of 3 June; 23:50 is earlier still.
        var rule = new StepRule(StepKind.BedBy, null, new LocalTime(0, 30), null, 2);

        var week = StepProgress.Count(rule, [], [Night(4, new LocalTime(0, 10)), Night(5, new LocalTime(23, 50)), Night(6, new LocalTime(0, 45))], London, From, new LocalDate(2026, 6, 7)).Single();

        Assert.Equal(new StepWeek(From, 2, 3, 7, true), week);
    }

    [Fact]
    public void Count_BedByThreeTimesAWeek_MetWithThreeEvenings()
    {
        // Week of 1 June: evenings Mon, Tue, Fri, Sun met; Wed not: 4 ≥ 3.
        var rule = new StepRule(StepKind.BedBy, null, HalfPastEleven, null, 3);

        var week = StepProgress.Count(rule, [], BedNights, London, From, To)[0];

        Assert.Equal(new StepWeek(From, 4, 5, 7, true), week);
    }

    [Fact]
    public void Count_SleepAtLeast_PrefersTheDiary()
    {
        // 1 June: logged 400 min, but the diary says 23:00 → 06:10 = 430 ≥ 420: met. 2 June: 450 logged: met.
        // 3 June: 300: not met. 2 of 3 days with data, twice a week asked: met.
        var rule = new StepRule(StepKind.SleepAtLeast, 420, null, null, 2);
        DayLog[] days = [Day(1, sleep: 400), Day(2, sleep: 450), Day(3, sleep: 300)];

        var weeks = StepProgress.Count(rule, days, [Night(1, new LocalTime(23, 0), new LocalTime(6, 10))], London, From, To);

        Assert.Equal(430, Night(1, new LocalTime(23, 0), new LocalTime(6, 10)).TotalSleepMinutes);
        Assert.Equal([new StepWeek(From, 2, 3, 7, true), new StepWeek(new LocalDate(2026, 6, 8), 0, 0, 7, null)], weeks);
    }

    [Fact]
    public void Count_SleepAtLeast_ShortDiaryNightOverridesALongLog()
    {
        // The log says 480 but the diary says 22:00 → 03:00 = 300 < 420.
        var rule = new StepRule(StepKind.SleepAtLeast, 420, null, null, 1);

        var week = StepProgress.Count(rule, [Day(2, sleep: 480)], [Night(2, new LocalTime(22, 0), new LocalTime(3, 0))], London, From, new LocalDate(2026, 6, 7)).Single();

        Assert.Equal(new StepWeek(From, 0, 1, 7, false), week);
    }

    [Fact]
    public void Count_ActivityOnMondayWednesdayFriday_HandComputed()
    {
        // Mon 20 ≥ 20 met; Wed 19 not; Fri 30 met; Tue 60 not asked. 2 ≠ 3: not met.
        var rule = new StepRule(StepKind.ActivityAtLeast, 20, null, new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday }, null);
        DayLog[] days = [Day(1, activity: 20), Day(2, activity: 60), Day(3, activity: 19), Day(5, activity: 30)];

        var week = StepProgress.Count(rule, days, [], London, From, To)[0];

        Assert.Equal(new StepWeek(From, 2, 3, 3, false), week);
    }

    [Fact]
    public void Count_RelaxationOnceAWeek_HandComputed()
    {
        // Week 1: 5 < 10 on 1 June. Week 2: 10 ≥ 10 on 9 June; 12 June logged without relaxation: no data.
        var rule = new StepRule(StepKind.RelaxationAtLeast, 10, null, null, 1);
        DayLog[] days = [Day(1, relaxation: 5), Day(9, relaxation: 10), Day(12, activity: 30)];

        var weeks = StepProgress.Count(rule, days, [], London, From, To);

        Assert.Equal([new StepWeek(From, 0, 1, 7, false), new StepWeek(new LocalDate(2026, 6, 8), 1, 1, 7, true)], weeks);
    }

    [Fact]
    public void Count_RegularMealsMondayToFriday_HandComputed()
    {
        // Week 1: Mon–Fri regular (Sat partly, not asked): 5 = 5, met. Week 2: only Mon logged, regular: 1 ≠ 5.
        var rule = new StepRule(StepKind.RegularMeals, null, null, MondayToFriday, null);
        DayLog[] days = [.. Enumerable.Range(1, 5).Select(d => Day(d, meals: Meals.Regular)), Day(6, meals: Meals.Partly), Day(8, meals: Meals.Regular), Day(9, meals: Meals.No)];

        var weeks = StepProgress.Count(rule, days, [], London, From, To);

        Assert.Equal([new StepWeek(From, 5, 5, 5, true), new StepWeek(new LocalDate(2026, 6, 8), 1, 2, 5, false)], weeks);
    }

    [Fact]
    public void Count_PartialWeeks_AskOnlyTheDaysInThePeriod()
    {
        // Wed 3 – Tue 9 June: week 1 asks Wed, Thu, Fri; week 2 asks Mon, Tue. 2 June is before the period.
        var rule = new StepRule(StepKind.RegularMeals, null, null, MondayToFriday, null);
        DayLog[] days = [Day(2, meals: Meals.Regular), Day(3, meals: Meals.Regular), Day(4, meals: Meals.Regular), Day(5, meals: Meals.Regular), Day(10, meals: Meals.Regular)];

        var weeks = StepProgress.Count(rule, days, [], London, new LocalDate(2026, 6, 3), new LocalDate(2026, 6, 9));

        Assert.Equal([new StepWeek(From, 3, 3, 3, true), new StepWeek(new LocalDate(2026, 6, 8), 0, 0, 2, null)], weeks);
    }

    [Fact]
    public void Count_InvalidRule_Throws() =>
        Assert.Throws<ArgumentException>(() => StepProgress.Count(new StepRule(StepKind.BedBy, null, null, null, 3), [], [], London, From, To));

    [Theory]
    [MemberData(nameof(Descriptions))]
    public void Describe_Rule_InPlainWords(StepRule rule, string expected) =>
        Assert.Equal(expected, rule.Describe());

    public static TheoryData<StepRule, string> Descriptions() => new()
    {
        { new StepRule(StepKind.BedBy, null, HalfPastEleven, SundayToThursday, null), "In bed by 23:30 on Sunday to Thursday nights" },
        { new StepRule(StepKind.BedBy, null, HalfPastEleven, null, 5), "In bed by 23:30 on 5 nights a week" },
        { new StepRule(StepKind.BedBy, null, HalfPastEleven, null, 1), "In bed by 23:30 on 1 night a week" },
        { new StepRule(StepKind.BedBy, null, new LocalTime(0, 15), Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToHashSet(), null), "In bed by 00:15, every night" },
        { new StepRule(StepKind.BedBy, null, HalfPastEleven, new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Friday }, null), "In bed by 23:30 on Friday nights" },
        { new StepRule(StepKind.ActivityAtLeast, 20, null, null, 3), "At least 20 minutes of activity, 3 times a week" },
        { new StepRule(StepKind.ActivityAtLeast, 90, null, new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday }, null), "At least 1 hour 30 minutes of activity on Monday, Wednesday and Friday" },
        { new StepRule(StepKind.SleepAtLeast, 450, null, null, 7), "At least 7 hours 30 minutes of sleep, every day" },
        { new StepRule(StepKind.SleepAtLeast, 420, null, MondayToFriday, null), "At least 7 hours of sleep on the nights before Monday to Friday" },
        { new StepRule(StepKind.RelaxationAtLeast, 10, null, null, 1), "At least 10 minutes of relaxation, once a week" },
        { new StepRule(StepKind.RelaxationAtLeast, 1, null, null, 2), "At least 1 minute of relaxation, twice a week" },
        { new StepRule(StepKind.RegularMeals, null, null, new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday }, null), "Regular meals on Saturday and Sunday" },
        { new StepRule(StepKind.RegularMeals, null, null, new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday, IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday }, null), "Regular meals on Saturday to Monday and Wednesday" },
    };

    [Fact]
    public void Describe_InvalidRule_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new StepRule(StepKind.RegularMeals, null, null, null, null).Describe());

    [Theory]
    [MemberData(nameof(Problems))]
    public void Problem_InvalidRule_SaysWhatIsWrong(StepRule rule, string expected) =>
        Assert.Equal(expected, StepRule.Problem(rule));

    public static TheoryData<StepRule, string> Problems() => new()
    {
        { new StepRule(StepKind.BedBy, null, null, null, 3), "Please give the time to be in bed by." },
        { new StepRule(StepKind.BedBy, 30, HalfPastEleven, null, 3), "A bed-time step takes a time, not a number of minutes." },
        { new StepRule(StepKind.ActivityAtLeast, null, null, null, 3), "Please give the number of minutes." },
        { new StepRule(StepKind.SleepAtLeast, 0, null, null, 3), "The number of minutes must be from 1 to 1440 (a whole day)." },
        { new StepRule(StepKind.RelaxationAtLeast, 1441, null, null, 3), "The number of minutes must be from 1 to 1440 (a whole day)." },
        { new StepRule(StepKind.ActivityAtLeast, 20, HalfPastEleven, null, 3), "This step takes a number of minutes, not a time." },
        { new StepRule(StepKind.RegularMeals, 20, null, null, 3), "A regular-meals step takes neither a number of minutes nor a time." },
        { new StepRule(StepKind.RegularMeals, null, HalfPastEleven, null, 3), "A regular-meals step takes neither a number of minutes nor a time." },
        { new StepRule(StepKind.RegularMeals, null, null, null, null), "Please choose the days, or how many times a week." },
        { new StepRule(StepKind.RegularMeals, null, null, MondayToFriday, 3), "Please choose either particular days or a number of times a week, not both." },
        { new StepRule(StepKind.RegularMeals, null, null, new HashSet<IsoDayOfWeek>(), null), "Please choose at least one day." },
        { new StepRule(StepKind.RegularMeals, null, null, new HashSet<IsoDayOfWeek> { IsoDayOfWeek.None }, null), "Please choose days from Monday to Sunday." },
        { new StepRule(StepKind.RegularMeals, null, null, null, 0), "The number of times a week must be from 1 to 7." },
        { new StepRule(StepKind.RegularMeals, null, null, null, 8), "The number of times a week must be from 1 to 7." },
        { new StepRule((StepKind)99, null, null, null, 3), "Please choose what kind of step this is." },
    };

    [Theory]
    [InlineData(StepKind.ActivityAtLeast, 1, 1)]
    [InlineData(StepKind.SleepAtLeast, 1440, 7)]
    [InlineData(StepKind.RelaxationAtLeast, 15, 4)]
    public void Problem_ValidRule_IsNull(StepKind kind, int minutes, int times) =>
        Assert.Null(StepRule.Problem(new StepRule(kind, minutes, null, null, times)));
}
