using NodaTime;
using NodaTime.Text;

namespace OnTrack.Web.Tests.Infrastructure;

/// <summary>Times in the demo clinic's zone.</summary>
public static class Phoenix
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/Phoenix"];

    /// <summary>"2026-03-03T10:00" in Phoenix as an offset date-time for the API.</summary>
    public static DateTimeOffset At(string local) =>
        LocalDateTimePattern.GeneralIso.Parse(local + ":00").Value.InZoneStrictly(Zone).ToDateTimeOffset();
}
