using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Notifications;

/// <summary>
/// Delivers due outbox messages. Each message is first claimed with a conditional update that only one
/// worker can win (unsent, not withdrawn, lease free or expired), so several app instances on one
/// database deliver each message exactly once.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, MailDelivery delivery, IClock clock, IOptions<EmailOptions> options, ILogger<OutboxDispatcher> logger)
{
    private const int MaxAttempts = 10;

    // Urgent messages go first: a risk alert must not wait behind a batch of reminders.
    private const string RiskAlertKind = "risk-alert";
    private const string RiskEscalationKind = "risk-escalation";

    /// <summary>Identifies this instance's claims.</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Delivers what is due now; returns how many messages this worker delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();

        var now = clock.GetCurrentInstant();
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.SentAt == null && !m.Withdrawn && m.NotBefore <= now && m.Attempts < MaxAttempts
                        && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.Kind == RiskAlertKind || m.Kind == RiskEscalationKind ? 0 : 1).ThenBy(m => m.NotBefore)
            .Select(m => m.Id).Take(50).ToListAsync(cancellationToken);

        var delivered = 0;
        foreach (var id in due)
        {
            now = clock.GetCurrentInstant();
            var leaseEnd = now + Duration.FromTimeSpan(options.Value.Lease);
            var claimed = await db.Outbox
                .Where(m => m.Id == id && m.SentAt == null && !m.Withdrawn && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, WorkerId).SetProperty(m => m.LockedUntil, leaseEnd).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
            if (claimed != 1)
            {
                continue;
            }

            var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
            try
            {
                await using (new LeaseHeartbeat(ct => RenewLeaseAsync(id, ct), options.Value.Lease / 3, logger, id))
                {
                    await delivery.DeliverAsync(message, cancellationToken);
                }

                await db.Outbox.Where(m => m.Id == id && m.LockedBy == WorkerId)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, clock.GetCurrentInstant()).SetProperty(m => m.LastError, (string?)null), cancellationToken);
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Delivering outbox message {MessageId} failed", id);
                var retryAt = clock.GetCurrentInstant() + Duration.FromMinutes(Math.Min(60, 1 << Math.Min(message.Attempts, 6)));
                await db.Outbox.Where(m => m.Id == id && m.LockedBy == WorkerId)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, retryAt).SetProperty(m => m.LastError, ex.Message), cancellationToken);
            }
        }

        return delivered;
    }

    /// <summary>Extends this worker's lease on a message it is still sending; false when the claim is no longer ours.</summary>
    internal async Task<bool> RenewLeaseAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        var leaseEnd = clock.GetCurrentInstant() + Duration.FromTimeSpan(options.Value.Lease);
        return await db.Outbox.Where(m => m.Id == id && m.LockedBy == WorkerId && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leaseEnd), cancellationToken) == 1;
    }

    /// <summary>Renews the lease on one message every third of the lease until disposed, so the lease can be short.</summary>
    private sealed class LeaseHeartbeat : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public LeaseHeartbeat(Func<CancellationToken, Task<bool>> renew, TimeSpan every, ILogger logger, Guid id)
        {
            _loop = RunAsync(renew, every, logger, id, _stop.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }

        private static async Task RunAsync(Func<CancellationToken, Task<bool>> renew, TimeSpan every, ILogger logger, Guid id, CancellationToken stop)
        {
            try
            {
                using var timer = new PeriodicTimer(every);
                while (await timer.WaitForNextTickAsync(stop) && await renew(stop))
                {
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                // The send goes on; if the lease lapses meanwhile, the stable Message-ID and the
                // pickup file's name keep a second delivery from becoming a second email.
                logger.LogWarning(ex, "Renewing the lease on outbox message {MessageId} failed", id);
            }
        }
    }
}

/// <summary>Runs <see cref="OutboxDispatcher"/> every poll interval, on one node at a time.</summary>
public sealed class OutboxWorker(OutboxDispatcher dispatcher, MailDelivery delivery, Jobs.JobSchedule schedule, IOptions<EmailOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker)
        {
            return Task.CompletedTask;
        }

        // A node that crashed while writing a pickup file left it half-written in the partial folder.
        delivery.RemoveAbandonedPartialFiles(TimeSpan.FromHours(1));
        var interval = options.Value.PollInterval;
        return Jobs.PeriodicJob.LoopAsync(interval, ct => schedule.RunIfDueAsync("outbox", interval, firstRunAfterInterval: false, dispatcher.DispatchDueAsync, ct), logger, stoppingToken);
    }
}
