using NodaTime;
using OnTrack.Domain.Scheduling;

namespace OnTrack.Domain.Tests.Scheduling;

public sealed class SeriesPlannerTests
{
    private static readonly Duration FiftyMinutes = Duration.FromMinutes(50);

    private static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    [Fact]
    public void Weekly_AcrossNewYorkFallBack_KeepsLocalTimeAndShiftsUtcByOneHour()
    {
        // US daylight saving ends on Sunday 1 November 2026.
        var zone = Zone("America/New_York");
        var plan = SeriesPlanner.Plan(new LocalDateTime(2026, 10, 20, 17, 0), zone, FiftyMinutes, RepeatPattern.Weekly, 4);

        Assert.All(plan, o => Assert.Equal(new LocalTime(17, 0), o.Start.InZone(zone).TimeOfDay));
        Assert.Equal(Instant.FromUtc(2026, 10, 20, 21, 0), plan[0].Start); // EDT, UTC-4
        Assert.Equal(Instant.FromUtc(2026, 10, 27, 21, 0), plan[1].Start);
        Assert.Equal(Instant.FromUtc(2026, 11, 3, 22, 0), plan[2].Start);  // EST, UTC-5
        Assert.Equal(Duration.FromHours(7 * 24 + 1), plan[2].Start - plan[1].Start);
    }

    [Fact]
    public void Weekly_AcrossNewYorkSpringForward_KeepsLocalTime()
    {
        // US daylight saving starts on Sunday 8 March 2026.
        var zone = Zone("America/New_York");
        var plan = SeriesPlanner.Plan(new LocalDateTime(2026, 3, 2, 9, 30), zone, FiftyMinutes, RepeatPattern.Weekly, 2);

        Assert.Equal(Instant.FromUtc(2026, 3, 2, 14, 30), plan[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 3, 9, 13, 30), plan[1].Start);
        Assert.Equal(Duration.FromHours(7 * 24 - 1), plan[1].Start - plan[0].Start);
    }

    [Fact]
    public void Weekly_AcrossLondonChanges_KeepsLocalTime()
    {
        // UK clocks go forward on 29 March 2026 and back on 25 October 2026.
        var zone = Zone("Europe/London");
        var spring = SeriesPlanner.Plan(new LocalDateTime(2026, 3, 24, 18, 0), zone, FiftyMinutes, RepeatPattern.Weekly, 2);
        var autumn = SeriesPlanner.Plan(new LocalDateTime(2026, 10, 20, 18, 0), zone, FiftyMinutes, RepeatPattern.Weekly, 2);

        Assert.Equal(Instant.FromUtc(2026, 3, 24, 18, 0), spring[0].Start); // GMT
        Assert.Equal(Instant.FromUtc(2026, 3, 31, 17, 0), spring[1].Start); // BST
        Assert.Equal(Instant.FromUtc(2026, 10, 20, 17, 0), autumn[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 10, 27, 18, 0), autumn[1].Start);
        Assert.All(spring.Concat(autumn), o => Assert.Equal(new LocalTime(18, 0), o.Start.InZone(zone).TimeOfDay));
    }

    [Fact]
    public void Weekly_InPhoenix_IsExactlySevenDaysApartAllYear()
    {
        // Arizona does not observe daylight saving time.
        var zone = Zone("America/Phoenix");
        var plan = SeriesPlanner.Plan(new LocalDateTime(2026, 2, 23, 10, 0), zone, FiftyMinutes, RepeatPattern.Weekly, 40);

        for (var i = 1; i < plan.Count; i++)
        {
            Assert.Equal(Duration.FromDays(7), plan[i].Start - plan[i - 1].Start);
        }

        Assert.All(plan, o => Assert.Equal(Offset.FromHours(-7), zone.GetUtcOffset(o.Start)));
    }

    [Fact]
    public void Weekly_InsideSpringForwardGap_MovesForwardByTheGap()
    {
        // 02:30 on 8 March 2026 does not exist in New York; the session moves to 03:30, not lost.
        var zone = Zone("America/New_York");
        var plan = SeriesPlanner.Plan(new LocalDateTime(2026, 3, 1, 2, 30), zone, FiftyMinutes, RepeatPattern.Weekly, 2);

        Assert.Equal(new LocalTime(3, 30), plan[1].Start.InZone(zone).TimeOfDay);
    }

    [Fact]
    public void Weekly_InsideFallBackOverlap_UsesTheEarlierInstant()
    {
        var zone = Zone("America/New_York");
        var plan = SeriesPlanner.Plan(new LocalDateTime(2026, 10, 25, 1, 30), zone, FiftyMinutes, RepeatPattern.Weekly, 2);

        Assert.Equal(Instant.FromUtc(2026, 11, 1, 5, 30), plan[1].Start); // 01:30 EDT, the first of the two
    }

    [Fact]
    public void TwiceWeekly_AlternatesTheTwoDaysInOrder()
    {
        var zone = Zone("Europe/London");
        var plan = SeriesPlanner.Plan(new LocalDateTime(2026, 1, 8, 10, 0), zone, FiftyMinutes, RepeatPattern.TwiceWeekly, 5, IsoDayOfWeek.Monday);

        Assert.Equal(
            [new LocalDate(2026, 1, 8), new LocalDate(2026, 1, 12), new LocalDate(2026, 1, 15), new LocalDate(2026, 1, 19), new LocalDate(2026, 1, 22)],
            plan.Select(o => o.Local.Date).ToArray());
        Assert.Equal(Enumerable.Range(0, 5), plan.Select(o => o.Index));
    }

    [Fact]
    public void TwiceWeekly_WithoutADifferentSecondDay_IsRejected()
    {
        var zone = Zone("Europe/London");
        Assert.Throws<ArgumentException>(() => SeriesPlanner.Plan(new LocalDateTime(2026, 1, 8, 10, 0), zone, FiftyMinutes, RepeatPattern.TwiceWeekly, 4, IsoDayOfWeek.Thursday));
        Assert.Throws<ArgumentException>(() => SeriesPlanner.Plan(new LocalDateTime(2026, 1, 8, 10, 0), zone, FiftyMinutes, RepeatPattern.TwiceWeekly, 4));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SeriesPlanner.MaxSessions + 1)]
    public void Plan_SessionCountOutOfRange_IsRejected(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SeriesPlanner.Plan(new LocalDateTime(2026, 1, 8, 10, 0), Zone("UTC"), FiftyMinutes, RepeatPattern.Weekly, count));
    }

    [Fact]
    public void Plan_EachOccurrenceEndsOneSessionLengthAfterItsStart()
    {
        var plan = SeriesPlanner.Plan(new LocalDateTime(2026, 10, 20, 17, 0), Zone("America/New_York"), FiftyMinutes, RepeatPattern.Weekly, 4);
        Assert.All(plan, o => Assert.Equal(FiftyMinutes, o.End - o.Start));
    }
}
