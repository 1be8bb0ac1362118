using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Notifications;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Lifestyle;

/// <summary>
/// The opt-in daily reminder to check in: one email a day at the time the client chose in their own zone,
/// and none on a day they have already checked in. Safe with several web nodes: a client's day is claimed by
/// a conditional update inside the transaction that queues the email, so only one node's claim succeeds.
/// The email says nothing clinical (no mood, no scores, no therapist, not what the clinic treats): anyone may
/// read a phone's lock screen.
/// </summary>
public sealed class LifestyleReminders(OnTrackDbContext db, Caller caller, IOptions<ClinicOptions> clinicOptions, ILogger<LifestyleReminders> logger, IClock clock)
{
    public const string Kind = "lifestyle-reminder";

    public const string Subject = "Your daily check-in";

    /// <summary>Queues today's reminders that are due; the number queued.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        caller.BecomeSystem();
        var now = clock.GetCurrentInstant();
        var candidates = await db.Set<LifestyleSettings>().AsNoTracking()
            .Where(s => s.RemindersOn && s.StopToken != "")
            .Join(db.ClientRecords.AsNoTracking().Where(c => c.DischargedAt == null && c.Email != ""), s => s.ClientId, c => c.Id,
                (s, c) => new { s.Id, s.ClinicId, s.ClientId, s.TimeZoneId, s.ReminderAt, s.LastReminderFor, s.StopToken, c.Email })
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        var clinics = await db.Clinics.AsNoTracking().Where(c => candidates.Select(s => s.ClinicId).Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var site = clinicOptions.Value.PublicUrl.TrimEnd('/');
        var queued = 0;
        foreach (var candidate in candidates)
        {
            // Only today's reminder, ever: after a day the server was down, yesterday's is not sent late.
            var local = now.InZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(candidate.TimeZoneId) ?? DateTimeZone.Utc).LocalDateTime;
            var today = local.Date;
            if (local.TimeOfDay < candidate.ReminderAt || candidate.LastReminderFor >= today)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var seen = candidate.LastReminderFor;
            var claimed = await db.Set<LifestyleSettings>()
                .Where(s => s.Id == candidate.Id && s.RemindersOn && s.StopToken == candidate.StopToken && s.LastReminderFor == seen)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastReminderFor, today), cancellationToken);
            if (claimed == 0)
            {
                continue; // another node took the day, or the client stopped or restarted reminders meanwhile
            }

            if (!await db.Set<DailyCheckIn>().AnyAsync(c => c.ClientId == candidate.ClientId && c.Date == today && c.Mood != null, cancellationToken))
            {
                var clinic = clinics.GetValueOrDefault(candidate.ClinicId, "Your clinic");
                db.Outbox.Add(Email(candidate.ClinicId, now, candidate.Email, clinic, site, candidate.StopToken));
                await db.SaveChangesAsync(cancellationToken);
                queued++;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (queued > 0)
        {
            logger.LogInformation("Queued {Count} daily check-in reminders", queued);
        }

        return queued;
    }

    /// <summary>The reminder: the clinic's name, a link to today's check-in and the one-tap stop; nothing else.</summary>
    internal static OutboxMessage Email(Guid clinicId, Instant now, string to, string clinicName, string site, string stopToken)
    {
        var token = Uri.EscapeDataString(stopToken);
        var body = new StringBuilder();
        body.AppendLine(CultureInfo.InvariantCulture, $"A reminder from {clinicName}, as you asked: your check-in for today takes about 30 seconds.");
        body.AppendLine(CultureInfo.InvariantCulture, $"{site}/my/today");
        body.AppendLine();
        body.AppendLine(CultureInfo.InvariantCulture, $"Stop these reminders: {site}{ReminderStop.PagePath}?token={token}");
        var message = OutboxMessage.Email(clinicId, now, to, Kind, Subject, body.ToString());
        message.UnsubscribeUrl = $"{site}{ReminderStop.OneClickPath}?token={token}";
        return message;
    }
}

/// <summary>
/// Stops a client's reminders from the link in one (RFC 8058 one-click, or the page the link opens): the link's
/// secret is the only key, so whoever holds the email may stop them, and nothing else. A used or unknown
/// secret changes nothing, and the caller is told the same either way.
/// </summary>
public sealed class ReminderStop(IServiceScopeFactory scopes, IClock clock, ILogger<ReminderStop> logger)
{
    /// <summary>The page the email's stop link opens.</summary>
    public const string PagePath = "/reminders/stop";

    /// <summary>Where mail apps post their one-tap stop (List-Unsubscribe-Post).</summary>
    public const string OneClickPath = "/api/lifestyle/reminders/stop";

    /// <summary>True when reminders were on for this secret and are now off.</summary>
    public async Task<bool> StopAsync(string? token, CancellationToken cancellationToken)
    {
        var given = (token ?? "").Trim().ToUpperInvariant();
        // A stop secret is hex: anything else (a NUL, which PostgreSQL refuses in text) is no secret of ours.
        if (given.Length is 0 or > 100 || !given.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        // In a scope of its own as the system, so the anonymous request never runs as the system.
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        var row = await db.Set<LifestyleSettings>().SingleOrDefaultAsync(s => s.StopToken == given && s.RemindersOn, cancellationToken);
        if (row is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.StopToken), Encoding.ASCII.GetBytes(given)))
        {
            return false;
        }

        row.RemindersOn = false;
        row.StopToken = "";
        row.UpdatedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Daily reminders stopped from the link for client {ClientId}", row.ClientId);
        return true;
    }
}

/// <summary>Queues due reminders every five minutes, on one node at a time; off with the outbox worker (OnTrack:Email:RunWorker).</summary>
internal sealed class LifestyleReminderWorker(IServiceScopeFactory scopes, Jobs.JobSchedule schedule, IOptions<EmailOptions> options, ILogger<LifestyleReminderWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    // Polled more often than the turn, so a turn is taken soon after it falls due on some node.
    private static readonly TimeSpan Poll = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.RunWorker
        ? Jobs.PeriodicJob.LoopAsync(Poll, ct => schedule.RunIfDueAsync("lifestyle-reminders", Interval, firstRunAfterInterval: false, RunOnceAsync, ct), logger, stoppingToken)
        : Task.CompletedTask;

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LifestyleReminders>().RunOnceAsync(cancellationToken);
    }
}

public static class LifestyleRemindersSetup
{
    public static IServiceCollection AddLifestyleReminders(this IServiceCollection services)
    {
        services.AddScoped<LifestyleReminders>();
        services.AddScoped<ReminderStop>();
        services.AddHostedService<LifestyleReminderWorker>();

        // Mail apps post the one-tap stop from their own servers or pages: it carries its secret, uses no cookie, and changes only that.
        services.Configure<CrossSiteApiOptions>(o => o.Paths.Add(ReminderStop.OneClickPath));
        return services;
    }

    public static IEndpointRouteBuilder MapLifestyleReminders(this IEndpointRouteBuilder app)
    {
        app.MapPost(ReminderStop.OneClickPath, async (string? token, ReminderStop stop, CancellationToken ct) =>
            {
                await stop.StopAsync(token, ct);
                return TypedResults.NoContent(); // the same for a secret that is unknown or used: it tells nothing
            })
            .AllowAnonymous().DisableAntiforgery().WithTags("Lifestyle")
            .WithSummary("Stop a client's daily reminders with the secret from a reminder (RFC 8058 one-click: mail apps post List-Unsubscribe=One-Click); 204 whatever the secret");
        return app;
    }
}
