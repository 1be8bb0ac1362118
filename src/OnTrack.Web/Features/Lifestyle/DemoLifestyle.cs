using NodaTime;
using OnTrack.Domain.Lifestyle;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Staff;

namespace OnTrack.Web.Features.Lifestyle;

/// <summary>
/// The demo clinic's daily log, the same on every seed: Alex (whose plan includes sleep) checked in on most of
/// the last 8 weeks, mood following the night's sleep, with a sleep diary for the last 3 weeks and a walking
/// step agreed with Maya 3 weeks ago. Today is left open, so the demo shows the check-in still to do.
/// </summary>
internal static class DemoLifestyle
{
    public const string Client = "Alex Morgan";

    public static void Add(OnTrackDbContext db, IReadOnlyList<Client> clients, IReadOnlyList<Therapist> therapists, Instant now, DateTimeZone zone)
    {
        if (clients.FirstOrDefault(c => c.FullName == Client) is not { } client || therapists.FirstOrDefault(t => t.Id == client.PrimaryTherapistId) is not { } therapist)
        {
            return;
        }

        var random = new Random(1309);
        var today = now.InZone(zone).Date;
        string[] tags = ["work", "family", "friends", "outdoors", "stress"];
        for (var back = 56; back >= 1; back--)
        {
            var date = today.PlusDays(-back);

            // Early waking eases over the weeks: later final waking, longer nights.
            var progress = (56 - back) / 56.0;
            var bed = new LocalTime(22, 30).PlusMinutes(random.Next(0, 60));
            var wakeMinutes = (int)(4 * 60 + 10 + progress * 240 + random.Next(-40, 70));
            var wake = new LocalTime(wakeMinutes / 60, wakeMinutes % 60);
            var solMinutes = random.Next(10, 40);
            var awake = random.Next(0, 3);
            var wasoMinutes = awake * random.Next(5, 20);
            var answers = new SleepDiaryAnswers(date, bed, bed.PlusMinutes(10), solMinutes, awake, wasoMinutes, wake, wake.PlusMinutes(random.Next(5, 40)), 0, null);
            var sleep = SleepDiary.Derive(answers with { Quality = 3 }, zone).Night!.TotalSleepMinutes;
            var hours = sleep / 60.0;
            var mood = Math.Clamp((int)Math.Round(1.2 + (hours - 4) * 0.75 + random.NextDouble() * 1.2 - 0.6), 1, 5);
            var quality = Math.Clamp((int)Math.Round((hours - 3.5) * 0.9), 1, 5);
            var instant = date.At(new LocalTime(21, 0)).InZoneLeniently(zone).ToInstant();

            // Most days, not all: a log with gaps is what people keep, and nothing here counts streaks.
            if (back % 9 != 4)
            {
                db.Add(new DailyCheckIn
                {
                    ClinicId = client.ClinicId,
                    ClientId = client.Id,
                    Date = date,
                    Mood = mood,
                    SleepMinutes = (int)Math.Round(hours * 2, MidpointRounding.AwayFromZero) * 30,
                    SleepQuality = quality,
                    ActivityMinutes = random.Next(0, 4) switch { 0 => 0, 1 => 10, 2 => 20, _ => 30 + random.Next(0, 3) * 15 },
                    Meals = random.Next(0, 5) == 0 ? Meals.Partly : Meals.Regular,
                    EatingQuality = Math.Clamp(mood + random.Next(-1, 2), 1, 5),
                    RelaxationMinutes = random.Next(0, 3) == 0 ? 0 : 5 * random.Next(1, 4),
                    Tags = random.Next(0, 3) == 0 ? tags[random.Next(tags.Length)] : "",
                    CreatedAt = instant,
                    UpdatedAt = instant,
                });
            }

            if (back <= 21)
            {
                var night = SleepDiary.Derive(answers with { Quality = quality }, zone).Night!;
                db.Add(new SleepDiaryRecord
                {
                    ClinicId = client.ClinicId,
                    ClientId = client.Id,
                    Date = date,
                    BedTime = answers.BedTime,
                    TriedToSleepAt = answers.TriedToSleepAt,
                    MinutesToFallAsleep = answers.MinutesToFallAsleep,
                    Awakenings = answers.Awakenings,
                    MinutesAwakeInNight = answers.MinutesAwakeInNight,
                    FinalWakeTime = answers.FinalWakeTime,
                    OutOfBedTime = answers.OutOfBedTime,
                    Quality = quality,
                    TimeZoneId = zone.Id,
                    InBed = night.InBed,
                    TriedToSleep = night.TriedToSleep,
                    FinalWake = night.FinalWake,
                    OutOfBed = night.OutOfBed,
                    TimeInBedMinutes = night.TimeInBedMinutes,
                    TotalSleepMinutes = night.TotalSleepMinutes,
                    SleepOnsetLatencyMinutes = night.SleepOnsetLatencyMinutes,
                    WakeAfterSleepOnsetMinutes = night.WakeAfterSleepOnsetMinutes,
                    SleepEfficiency = night.SleepEfficiency,
                    CreatedAt = night.OutOfBed,
                    UpdatedAt = night.OutOfBed,
                });
            }
        }

        var agreed = today.PlusDays(-21);
        db.Add(new LifestyleStep
        {
            ClinicId = client.ClinicId,
            ClientId = client.Id,
            Text = "A 20-minute walk in the morning, 3 times a week",
            Kind = StepKind.ActivityAtLeast,
            Minutes = 20,
            TimesPerWeek = 3,
            StartsOn = agreed,
            AgreedAt = agreed.At(new LocalTime(17, 0)).InZoneLeniently(zone).ToInstant(),
            AgreedByUserId = therapist.UserId,
            AgreedBy = therapist.DisplayName,
        });
    }
}
