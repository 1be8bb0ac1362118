using NodaTime;
using OnTrack.Domain.Scheduling;

namespace OnTrack.Domain.Tests.Scheduling;

public sealed class RemindersAndPolicyTests
{
    [Fact]
    public void Reminder_DayBeforeAcrossFallBack_IsAtTheSameLocalTime()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var session = new LocalDateTime(2026, 11, 2, 17, 0).InZoneStrictly(zone).ToInstant(); // Monday after the change
        var at = Reminders.SendAt(session, zone, 24, Instant.FromUtc(2026, 10, 1, 0, 0));

        Assert.Equal(new LocalDateTime(2026, 11, 1, 17, 0), at!.Value.InZone(zone).LocalDateTime);
        Assert.Equal(Duration.FromHours(24), session - at.Value); // 17:00 EST on both days
    }

    [Fact]
    public void Reminder_DayBeforeAcrossSpringForward_IsAtTheSameLocalTimeAndTwentyThreeHoursBefore()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/London"];
        var session = new LocalDateTime(2026, 3, 29, 18, 0).InZoneStrictly(zone).ToInstant();
        var at = Reminders.SendAt(session, zone, 24, Instant.FromUtc(2026, 3, 1, 0, 0))!.Value;

        Assert.Equal(new LocalDateTime(2026, 3, 28, 18, 0), at.InZone(zone).LocalDateTime);
        Assert.Equal(Duration.FromHours(23), session - at);
    }

    [Fact]
    public void Reminder_AlreadyPast_IsNotScheduled()
    {
        var zone = DateTimeZoneProviders.Tzdb["UTC"];
        var session = Instant.FromUtc(2026, 1, 2, 10, 0);
        Assert.Null(Reminders.SendAt(session, zone, 24, Instant.FromUtc(2026, 1, 1, 12, 0)));
    }

    [Theory]
    [InlineData(25, false)]
    [InlineData(24, false)]
    [InlineData(23, true)]
    [InlineData(1, true)]
    public void CancellationPolicy_InsideWindow_IsLate(int hoursBefore, bool late)
    {
        var start = Instant.FromUtc(2026, 1, 10, 12, 0);
        var policy = new CancellationPolicy(Duration.FromHours(24));
        Assert.Equal(late, policy.IsLate(start - Duration.FromHours(hoursBefore), start));
    }

    [Fact]
    public void WorkingDay_OverlappingWeeklyWindows_AreMerged()
    {
        var date = new LocalDate(2026, 1, 12);
        var windows = WorkingDay.Windows(date,
            [new WeeklyWindow(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(12, 0)), new WeeklyWindow(IsoDayOfWeek.Monday, new LocalTime(11, 0), new LocalTime(14, 0))],
            [new WeeklyWindow(IsoDayOfWeek.Monday, new LocalTime(0, 0), new LocalTime(23, 0))],
            []);

        var window = Assert.Single(windows);
        Assert.Equal(date.At(new LocalTime(9, 0)), window.Start);
        Assert.Equal(date.At(new LocalTime(14, 0)), window.End);
    }
}
