using NodaTime;
using OnTrack.Domain.Lifestyle;

namespace OnTrack.Domain.Tests.Lifestyle;

public sealed class SleepDiaryTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static SleepDiaryAnswers Answers(
        LocalDate date,
        string bed,
        string tried,
        string wake,
        string outOfBed,
        int sol = 0,
        int awakenings = 0,
        int waso = 0,
        int quality = 3,
        int? naps = null) =>
        new(date, Time(bed), Time(tried), sol, awakenings, waso, Time(wake), Time(outOfBed), quality, naps);

    private static LocalTime Time(string hhmm) =>
        new(int.Parse(hhmm[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(hhmm[3..], System.Globalization.CultureInfo.InvariantCulture));

    private static SleepDiaryAnswers Ordinary(int? naps = null) =>
        Answers(new LocalDate(2026, 6, 10), "22:45", "23:00", "06:30", "06:50", sol: 20, awakenings: 2, waso: 25, quality: 4, naps: naps);

    private static SleepDiaryNight Night(SleepDiaryAnswers answers, DateTimeZone zone)
    {
        var result = SleepDiary.Derive(answers, zone);
        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.Null(result.Problem);
        return result.Night!;
    }

    private static SleepDiaryProblem Problem(SleepDiaryAnswers answers)
    {
        var result = SleepDiary.Derive(answers, London);
        Assert.False(result.Succeeded);
        Assert.Null(result.Night);
        return result.Problem!;
    }

    [Fact]
    public void Derive_OrdinaryNightAcrossMidnight_HandComputed()
    {
        // 22:45 (9 June, BST = UTC+1) → 06:50 (10 June): TIB = 1:15 + 6:50 = 8:05 = 485 min.
        // 23:00 → 06:30 = 7:30 = 450 min; TST = 450 − 20 − 25 = 405. SE = 405 / 485 × 100 = 83.505… → 83.5.
        var night = Night(Ordinary(), London);

        Assert.Equal(new LocalDate(2026, 6, 10), night.Date);
        Assert.Equal(Instant.FromUtc(2026, 6, 9, 21, 45), night.InBed);
        Assert.Equal(Instant.FromUtc(2026, 6, 9, 22, 0), night.TriedToSleep);
        Assert.Equal(Instant.FromUtc(2026, 6, 10, 5, 30), night.FinalWake);
        Assert.Equal(Instant.FromUtc(2026, 6, 10, 5, 50), night.OutOfBed);
        Assert.Equal(485, night.TimeInBedMinutes);
        Assert.Equal(405, night.TotalSleepMinutes);
        Assert.Equal(20, night.SleepOnsetLatencyMinutes);
        Assert.Equal(25, night.WakeAfterSleepOnsetMinutes);
        Assert.Equal(2, night.Awakenings);
        Assert.Equal(4, night.Quality);
        Assert.Equal(83.5m, night.SleepEfficiency);
        Assert.Null(night.NapMinutes);
    }

    [Fact]
    public void Derive_BedAfterMidnight_BelongsToTheDiaryDate()
    {
        // 00:30 is before 12:00, so it is on 10 June itself. TIB 00:30 → 07:15 = 405.
        // 00:40 → 07:00 = 380; TST = 380 − 15 − 10 = 355. SE = 355 / 405 × 100 = 87.654… → 87.7.
        var night = Night(Answers(new LocalDate(2026, 6, 10), "00:30", "00:40", "07:00", "07:15", sol: 15, awakenings: 1, waso: 10), London);

        Assert.Equal(Instant.FromUtc(2026, 6, 9, 23, 30), night.InBed);
        Assert.Equal(405, night.TimeInBedMinutes);
        Assert.Equal(355, night.TotalSleepMinutes);
        Assert.Equal(87.7m, night.SleepEfficiency);
    }

    [Fact]
    public void Derive_BedAtNoon_BelongsToTheEveningBefore()
    {
        // 12:00 counts as the day before: 12:00 → 06:00 next morning = 18 h, each step under 16 h.
        var night = Night(Answers(new LocalDate(2026, 6, 10), "12:00", "22:00", "06:00", "06:00"), London);

        Assert.Equal(Instant.FromUtc(2026, 6, 9, 11, 0), night.InBed);
        Assert.Equal(18 * 60, night.TimeInBedMinutes);
    }

    [Fact]
    public void Derive_NewYorkFallBackNight_IsAnHourLonger()
    {
        // 1 Nov 2026 02:00 EDT → 01:00 EST. 22:00 EDT (31 Oct) = 02:00Z; 06:30 EST = 11:30Z: TIB = 9:30 = 570
        // (the wall clock says 8:30). 22:30 EDT = 02:30Z → 06:00 EST = 11:00Z: 510; TST = 510 − 30 − 30 = 450.
        // SE = 450 / 570 × 100 = 78.947… → 78.9.
        var night = Night(Answers(new LocalDate(2026, 11, 1), "22:00", "22:30", "06:00", "06:30", sol: 30, awakenings: 1, waso: 30), NewYork);

        Assert.Equal(Instant.FromUtc(2026, 11, 1, 2, 0), night.InBed);
        Assert.Equal(Instant.FromUtc(2026, 11, 1, 11, 30), night.OutOfBed);
        Assert.Equal(570, night.TimeInBedMinutes);
        Assert.Equal(450, night.TotalSleepMinutes);
        Assert.Equal(78.9m, night.SleepEfficiency);
    }

    [Fact]
    public void Derive_AmbiguousTimeInFallBackOverlap_TakesTheEarlierInstant()
    {
        // 01:30 on 1 Nov 2026 happens twice in New York; the earlier is 01:30 EDT = 05:30Z.
        // 08:10 EST = 13:10Z: TIB = 7:40 = 460 (wall clock 6:40).
        var night = Night(Answers(new LocalDate(2026, 11, 1), "01:30", "01:40", "08:00", "08:10"), NewYork);

        Assert.Equal(Instant.FromUtc(2026, 11, 1, 5, 30), night.InBed);
        Assert.Equal(Instant.FromUtc(2026, 11, 1, 5, 40), night.TriedToSleep);
        Assert.Equal(460, night.TimeInBedMinutes);
    }

    [Fact]
    public void Derive_NewYorkSpringForwardNight_IsAnHourShorter()
    {
        // 8 Mar 2026 02:00 EST → 03:00 EDT. 23:00 EST (7 Mar) = 04:00Z; 07:30 EDT = 11:30Z: TIB = 7:30 = 450
        // (the wall clock says 8:30). 23:15 EST = 04:15Z → 07:00 EDT = 11:00Z: 405; TST = 405 − 15 = 390.
        // SE = 390 / 450 × 100 = 86.666… → 86.7.
        var night = Night(Answers(new LocalDate(2026, 3, 8), "23:00", "23:15", "07:00", "07:30", sol: 15), NewYork);

        Assert.Equal(450, night.TimeInBedMinutes);
        Assert.Equal(390, night.TotalSleepMinutes);
        Assert.Equal(86.7m, night.SleepEfficiency);
    }

    [Fact]
    public void Derive_SkippedTimeInSpringForwardGap_MovesForwardByTheGap()
    {
        // 02:30 does not exist on 8 Mar 2026 in New York; it becomes 03:30 EDT = 07:30Z.
        // 01:50 EST = 06:50Z → 08:10 EDT = 12:10Z: TIB 320. 07:30Z → 08:00 EDT = 12:00Z: 270; TST = 270 − 10 = 260.
        // SE = 260 / 320 × 100 = 81.25 → 81.3 (midpoint away from zero).
        var night = Night(Answers(new LocalDate(2026, 3, 8), "01:50", "02:30", "08:00", "08:10", sol: 10), NewYork);

        Assert.Equal(Instant.FromUtc(2026, 3, 8, 7, 30), night.TriedToSleep);
        Assert.Equal(320, night.TimeInBedMinutes);
        Assert.Equal(260, night.TotalSleepMinutes);
        Assert.Equal(81.3m, night.SleepEfficiency);
    }

    [Fact]
    public void Derive_SkippedTimeMovedPastTheNextTime_NeverGivesANegativeStep()
    {
        // 02:30 → 03:30 EDT, after the 03:10 typed next: 03:10 is taken as the same moment, 07:30Z.
        var night = Night(Answers(new LocalDate(2026, 3, 8), "02:30", "03:10", "07:30", "07:30"), NewYork);

        Assert.Equal(night.InBed, night.TriedToSleep);
        Assert.Equal(240, night.TimeInBedMinutes);
    }

    [Fact]
    public void Derive_LondonSpringForwardNight_IsAnHourShorter()
    {
        // 29 Mar 2026 01:00 GMT → 02:00 BST. 23:30 GMT (28 Mar) = 23:30Z; 07:45 BST = 06:45Z: TIB = 7:15 = 435.
        // 23:45Z → 07:15 BST = 06:15Z: 390; TST = 390 − 15 − 15 = 360. SE = 360 / 435 × 100 = 82.758… → 82.8.
        var night = Night(Answers(new LocalDate(2026, 3, 29), "23:30", "23:45", "07:15", "07:45", sol: 15, awakenings: 1, waso: 15), London);

        Assert.Equal(Instant.FromUtc(2026, 3, 28, 23, 30), night.InBed);
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 6, 45), night.OutOfBed);
        Assert.Equal(435, night.TimeInBedMinutes);
        Assert.Equal(360, night.TotalSleepMinutes);
        Assert.Equal(82.8m, night.SleepEfficiency);
    }

    [Fact]
    public void Derive_LondonFallBackNight_IsAnHourLonger()
    {
        // 25 Oct 2026 02:00 BST → 01:00 GMT. 23:00 BST (24 Oct) = 22:00Z → 07:00 GMT = 07:00Z: 9 h = 540
        // (the wall clock says 8 h). No time awake: TST = 540, SE = 100.0.
        var night = Night(Answers(new LocalDate(2026, 10, 25), "23:00", "23:00", "07:00", "07:00"), London);

        Assert.Equal(540, night.TimeInBedMinutes);
        Assert.Equal(540, night.TotalSleepMinutes);
        Assert.Equal(100.0m, night.SleepEfficiency);
    }

    [Fact]
    public void Derive_Naps_AreRecordedButNotCounted()
    {
        var night = Night(Ordinary(naps: 60), London);

        Assert.Equal(60, night.NapMinutes);
        Assert.Equal(405, night.TotalSleepMinutes);
        Assert.Equal(485, night.TimeInBedMinutes);
        Assert.Equal(83.5m, night.SleepEfficiency);
    }

    [Fact]
    public void Derive_TwelveHoursOfNaps_IsAccepted() =>
        Assert.Equal(720, Night(Ordinary(naps: 720), London).NapMinutes);

    [Fact]
    public void Derive_StepOfExactly16Hours_IsAccepted() =>
        // 13:00 (9 June) → 05:00 = 16 h exactly; then 05:00 → 06:00 → 06:00.
        Assert.Equal(17 * 60, Night(Answers(new LocalDate(2026, 6, 10), "13:00", "05:00", "06:00", "06:00"), London).TimeInBedMinutes);

    [Fact]
    public void Derive_TriedToSleepBeforeBed_Refused()
    {
        // 22:00 then 21:00 is read as 21:00 the next day, 23 h later.
        var problem = Problem(Answers(new LocalDate(2026, 6, 10), "22:00", "21:00", "06:00", "06:30"));

        Assert.Equal(nameof(SleepDiaryAnswers.TriedToSleepAt), problem.Field);
        Assert.Equal("You tried to go to sleep at 21:00, before you got into bed at 22:00 (or more than 16 hours after it). Please check both times.", problem.Message);
    }

    [Fact]
    public void Derive_FinalWakeBeforeTryingToSleep_Refused()
    {
        var problem = Problem(Answers(new LocalDate(2026, 6, 10), "22:00", "23:00", "22:30", "22:45"));

        Assert.Equal(nameof(SleepDiaryAnswers.FinalWakeTime), problem.Field);
        Assert.Equal("You woke up for the last time at 22:30, before you tried to go to sleep at 23:00 (or more than 16 hours after it). Please check both times.", problem.Message);
    }

    [Fact]
    public void Derive_OutOfBedBeforeFinalWake_Refused()
    {
        var problem = Problem(Answers(new LocalDate(2026, 6, 10), "22:00", "23:00", "07:00", "06:50"));

        Assert.Equal(nameof(SleepDiaryAnswers.OutOfBedTime), problem.Field);
        Assert.Equal("You got out of bed at 06:50, before you woke up for the last time at 07:00 (or more than 16 hours after it). Please check both times.", problem.Message);
    }

    [Fact]
    public void Derive_NightLongerThan20Hours_Refused()
    {
        // 12:00 → 20:00 (8 h) → 06:00 (10 h) → 09:00 (3 h): each step ≤ 16 h, but 21 h in bed.
        var problem = Problem(Answers(new LocalDate(2026, 6, 10), "12:00", "20:00", "06:00", "09:00"));

        Assert.Equal(nameof(SleepDiaryAnswers.OutOfBedTime), problem.Field);
        Assert.Equal("From getting into bed at 12:00 to getting out of bed at 09:00 is more than 20 hours. Please check the times.", problem.Message);
    }

    [Fact]
    public void Derive_NoTimeInBed_Refused()
    {
        var problem = Problem(Answers(new LocalDate(2026, 6, 10), "22:00", "22:00", "22:00", "22:00"));

        Assert.Equal(nameof(SleepDiaryAnswers.OutOfBedTime), problem.Field);
        Assert.Equal("You got into bed and out of bed at the same time (22:00), so there is no time in bed to record. Please check the times.", problem.Message);
    }

    [Fact]
    public void Derive_MoreTimeAwakeThanInTheNight_Refused()
    {
        // 23:00 → 23:50 = 50 min, but 40 + 30 = 70 min awake.
        var problem = Problem(Answers(new LocalDate(2026, 6, 10), "22:45", "23:00", "23:50", "07:00", sol: 40, awakenings: 1, waso: 30));

        Assert.Equal(nameof(SleepDiaryAnswers.MinutesAwakeInNight), problem.Field);
        Assert.Equal("You took 40 minutes to fall asleep and were awake 30 minutes in the night, 70 minutes in all, but from trying to sleep at 23:00 to waking up at 23:50 is only 50 minutes. Please check these.", problem.Message);
    }

    [Fact]
    public void Derive_AllTheSleepPeriodAwake_GivesNoSleep()
    {
        // 23:00 → 23:50 = 50 = 20 + 30: TST 0, SE 0.
        var night = Night(Answers(new LocalDate(2026, 6, 10), "23:00", "23:00", "23:50", "23:50", sol: 20, awakenings: 1, waso: 30), London);

        Assert.Equal(0, night.TotalSleepMinutes);
        Assert.Equal(0m, night.SleepEfficiency);
    }

    [Fact]
    public void Derive_NegativeMinutesToFallAsleep_Refused()
    {
        var problem = Problem(Answers(new LocalDate(2026, 6, 10), "22:00", "22:00", "06:00", "06:00", sol: -1));

        Assert.Equal(nameof(SleepDiaryAnswers.MinutesToFallAsleep), problem.Field);
        Assert.Equal("The minutes it took you to fall asleep can't be less than 0.", problem.Message);
    }

    [Fact]
    public void Derive_NegativeMinutesAwake_Refused()
    {
        var problem = Problem(Answers(new LocalDate(2026, 6, 10), "22:00", "22:00", "06:00", "06:00", awakenings: 1, waso: -5));

        Assert.Equal(nameof(SleepDiaryAnswers.MinutesAwakeInNight), problem.Field);
        Assert.Equal("The minutes you were awake in the night can't be less than 0.", problem.Message);
    }

    [Fact]
    public void Derive_NegativeAwakenings_Refused()
    {
        var problem = Problem(Answers(new LocalDate(2026, 6, 10), "22:00", "22:00", "06:00", "06:00", awakenings: -1));

        Assert.Equal(nameof(SleepDiaryAnswers.Awakenings), problem.Field);
        Assert.Equal("The number of times you woke up can't be less than 0.", problem.Message);
    }

    [Fact]
    public void Derive_NoAwakeningsButMinutesAwake_Refused()
    {
        var problem = Problem(Answers(new LocalDate(2026, 6, 10), "22:00", "22:00", "06:00", "06:00", awakenings: 0, waso: 25));

        Assert.Equal(nameof(SleepDiaryAnswers.Awakenings), problem.Field);
        Assert.Equal("You wrote that you did not wake up in the night, but also that you were awake 25 minutes. If you woke up, please give the number of times.", problem.Message);
    }

    [Fact]
    public void Derive_MoreThan30Awakenings_Refused()
    {
        var problem = Problem(Answers(new LocalDate(2026, 6, 10), "22:00", "22:00", "06:00", "06:00", awakenings: 31, waso: 60));

        Assert.Equal(nameof(SleepDiaryAnswers.Awakenings), problem.Field);
        Assert.Equal("You wrote 31 awakenings; the diary takes up to 30 in a night. Please check the number.", problem.Message);
    }

    [Fact]
    public void Derive_30Awakenings_IsAccepted() =>
        Assert.Equal(30, Night(Answers(new LocalDate(2026, 6, 10), "22:00", "22:00", "06:00", "06:00", awakenings: 30, waso: 60), London).Awakenings);

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Derive_QualityOutside1To5_Refused(int quality)
    {
        var problem = Problem(Answers(new LocalDate(2026, 6, 10), "22:00", "22:00", "06:00", "06:00", quality: quality));

        Assert.Equal(nameof(SleepDiaryAnswers.Quality), problem.Field);
        Assert.Equal("Please rate the quality of your sleep from 1 (very poor) to 5 (very good).", problem.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(721)]
    public void Derive_NapsOutside0To720_Refused(int naps)
    {
        var problem = Problem(Answers(new LocalDate(2026, 6, 10), "22:00", "22:00", "06:00", "06:00", naps: naps));

        Assert.Equal(nameof(SleepDiaryAnswers.NapMinutes), problem.Field);
        Assert.Equal("Naps can be from 0 to 720 minutes (12 hours) in a day. Please check the number.", problem.Message);
    }

    [Fact]
    public void Derive_AnyOrdinaryNight_KeepsTheDiaryIdentities()
    {
        // Property-style sweep: for every bed time on the quarter hour and several lengths, TST + SOL + WASO is
        // the sleep period, TIB is out − in, and SE = TST / TIB × 100 to one decimal.
        for (var bedQuarter = 0; bedQuarter < 96; bedQuarter++)
        {
            foreach (var hours in new[] { 4, 7, 9, 12 })
            {
                var bed = new LocalTime(0, 0).PlusMinutes(bedQuarter * 15);
                var tried = bed.PlusMinutes(10);
                var wake = tried.PlusHours(hours);
                var outOfBed = wake.PlusMinutes(25);
                var answers = new SleepDiaryAnswers(new LocalDate(2026, 3, 29), bed, tried, 15, 2, 20, wake, outOfBed, 3);

                var night = Night(answers, London);

                Assert.Equal((int)(night.OutOfBed - night.InBed).TotalMinutes, night.TimeInBedMinutes);
                Assert.Equal((int)(night.FinalWake - night.TriedToSleep).TotalMinutes, night.TotalSleepMinutes + 15 + 20);
                Assert.Equal(Math.Round(night.TotalSleepMinutes * 100m / night.TimeInBedMinutes, 1, MidpointRounding.AwayFromZero), night.SleepEfficiency);
                Assert.True(night.InBed <= night.TriedToSleep && night.TriedToSleep <= night.FinalWake && night.FinalWake <= night.OutOfBed);
            }
        }
    }
}
