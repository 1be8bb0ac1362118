using BenchmarkDotNet.Attributes;
using NodaTime;
using OnTrack.Domain.Scheduling;

namespace OnTrack.Benchmarks;

/// <summary>
/// The booking page's hot path: a month of free slots for one busy therapist, and the check of a
/// 24-session series, both against 80 booked sessions and a few exceptions.
/// </summary>
[MemoryDiagnoser]
public class SlotSearchBenchmarks
{
    private SlotQuery _query = default!;
    private IReadOnlyList<Occurrence> _series = default!;

    [GlobalSetup]
    public void Setup()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var from = new LocalDate(2026, 10, 1);
        var hours = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
            .Select(d => new WeeklyWindow(d, new LocalTime(9, 0), new LocalTime(18, 0))).ToList();
        var busy = Enumerable.Range(0, 80)
            .Select(i => from.PlusDays(i % 31).At(new LocalTime(9 + (i % 8), 0)).InZoneLeniently(zone).ToInstant())
            .Select(start => new TimeRange(start, start + Duration.FromMinutes(60))).ToList();
        _query = new SlotQuery(zone, from, from.PlusDays(30), Duration.FromMinutes(50), Duration.FromMinutes(10), Duration.FromMinutes(30), Instant.MinValue,
            hours, hours, [new AvailabilityException(from.PlusDays(10), ExceptionKind.TimeOff)], busy);
        _series = SeriesPlanner.Plan(new LocalDateTime(2026, 10, 6, 17, 0), zone, Duration.FromMinutes(50), RepeatPattern.Weekly, 24);
    }

    [Benchmark]
    public int MonthOfSlots() => SlotFinder.Find(_query).Count;

    [Benchmark]
    public int CheckSeriesOf24() => _series.Count(o => SlotFinder.IsBookable(_query, o.Start));
}
