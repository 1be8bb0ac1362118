using NodaTime;
using OnTrack.Domain.Scheduling;

namespace OnTrack.Domain.Tests.Scheduling;

public sealed class SlotFinderTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly LocalDate Monday = new(2026, 1, 12);

    private static SlotQuery Query(
        IReadOnlyList<TimeRange>? busy = null,
        IReadOnlyList<AvailabilityException>? exceptions = null,
        IReadOnlyList<WeeklyWindow>? opening = null,
        Instant? notBefore = null,
        int bufferMinutes = 10,
        LocalDate? from = null,
        LocalDate? to = null,
        DateTimeZone? zone = null) => new(
        zone ?? London,
        from ?? Monday,
        to ?? Monday,
        Duration.FromMinutes(50),
        Duration.FromMinutes(bufferMinutes),
        Duration.FromMinutes(30),
        notBefore ?? Instant.MinValue,
        [new WeeklyWindow(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(12, 0)), new WeeklyWindow(IsoDayOfWeek.Sunday, new LocalTime(1, 0), new LocalTime(4, 0))],
        opening ?? [new WeeklyWindow(IsoDayOfWeek.Monday, new LocalTime(8, 0), new LocalTime(18, 0)), new WeeklyWindow(IsoDayOfWeek.Sunday, new LocalTime(0, 0), new LocalTime(23, 0))],
        exceptions ?? [],
        busy ?? []);

    private static LocalTime[] Times(IEnumerable<Slot> slots, DateTimeZone? zone = null) =>
        slots.Select(s => s.Start.InZone(zone ?? London).TimeOfDay).ToArray();

    private static Instant At(int hour, int minute = 0) => Monday.At(new LocalTime(hour, minute)).InZoneStrictly(London).ToInstant();

    [Fact]
    public void Find_EmptyDay_OffersEveryStepThatFitsInTheWindow()
    {
        var slots = SlotFinder.Find(Query());

        // 09:00–12:00 with 50-minute sessions every 30 minutes: the last one starts at 11:00.
        Assert.Equal([new(9, 0), new(9, 30), new(10, 0), new(10, 30), new(11, 0)], Times(slots));
        Assert.All(slots, s => Assert.Equal(Duration.FromMinutes(50), s.End - s.Start));
    }

    [Fact]
    public void Find_BusyTimeWithBuffer_BlocksOverlappingStarts()
    {
        // A session 10:00–10:50 holding the therapist until 11:00 (buffer).
        var slots = SlotFinder.Find(Query(busy: [new TimeRange(At(10), At(11))]));

        // 09:00 would run to 09:50 + 10 min buffer = 10:00: allowed. 09:30 would overlap.
        Assert.Equal([new(9, 0), new(11, 0)], Times(slots));
    }

    [Fact]
    public void Find_OurOwnBuffer_MustNotRunIntoTheNextSession()
    {
        var slots = SlotFinder.Find(Query(busy: [new TimeRange(At(10, 5), At(11))], bufferMinutes: 10));

        // 09:00–09:50 plus 10 minutes reaches 10:00 < 10:05: fine; 09:30 is not.
        Assert.Contains(new LocalTime(9, 0), Times(slots));
        Assert.DoesNotContain(new LocalTime(9, 30), Times(slots));
    }

    [Fact]
    public void Find_BeforeNotBefore_OffersNothingEarlier()
    {
        var slots = SlotFinder.Find(Query(notBefore: At(10, 15)));
        Assert.Equal([new(10, 30), new(11, 0)], Times(slots));
    }

    [Fact]
    public void Find_WholeDayOff_OffersNothing()
    {
        var slots = SlotFinder.Find(Query(exceptions: [new AvailabilityException(Monday, ExceptionKind.TimeOff)]));
        Assert.Empty(slots);
    }

    [Fact]
    public void Find_PartTimeOff_CutsTheWindow()
    {
        var slots = SlotFinder.Find(Query(exceptions: [new AvailabilityException(Monday, ExceptionKind.TimeOff, new LocalTime(10, 0), new LocalTime(11, 0))]));
        Assert.Equal([new(9, 0), new(11, 0)], Times(slots));
    }

    [Fact]
    public void Find_ExtraHours_AddSlotsEvenOutsideOpeningHours()
    {
        var slots = SlotFinder.Find(Query(exceptions: [new AvailabilityException(Monday, ExceptionKind.ExtraHours, new LocalTime(7, 0), new LocalTime(8, 0))]));
        Assert.Equal(new LocalTime(7, 0), Times(slots)[0]);
    }

    [Fact]
    public void Find_ClinicClosed_OffersNothingEvenInTherapistHours()
    {
        var slots = SlotFinder.Find(Query(opening: [new WeeklyWindow(IsoDayOfWeek.Monday, new LocalTime(10, 0), new LocalTime(11, 0))]));

        // Only 10:00–11:00 is both open and worked: no 50-minute session starting after 10:00 fits.
        Assert.Equal([new(10, 0)], Times(slots));
    }

    [Fact]
    public void Find_OnSpringForwardSunday_SkipsTimesThatDoNotExist()
    {
        // 29 March 2026: London clocks jump from 01:00 to 02:00.
        var sunday = new LocalDate(2026, 3, 29);
        var slots = SlotFinder.Find(Query(from: sunday, to: sunday));
        var local = Times(slots);

        Assert.DoesNotContain(new LocalTime(1, 0), local);
        Assert.DoesNotContain(new LocalTime(1, 30), local);
        Assert.Contains(new LocalTime(2, 0), local);
        Assert.Equal(slots.Count, slots.Select(s => s.Start).Distinct().Count());
    }

    [Fact]
    public void IsBookable_MatchesWhatFindOffers()
    {
        var query = Query(busy: [new TimeRange(At(10), At(11))]);
        Assert.True(SlotFinder.IsBookable(query, At(9)));
        Assert.False(SlotFinder.IsBookable(query, At(9, 30)));
        Assert.False(SlotFinder.IsBookable(query, At(9, 10)));   // not on the 30-minute grid
        Assert.False(SlotFinder.IsBookable(query, At(13)));      // outside hours
    }

    [Fact]
    public void TimeRange_TouchingRanges_DoNotOverlap()
    {
        Assert.False(new TimeRange(At(9), At(10)).Overlaps(new TimeRange(At(10), At(11))));
        Assert.True(new TimeRange(At(9), At(10, 1)).Overlaps(new TimeRange(At(10), At(11))));
    }
}
