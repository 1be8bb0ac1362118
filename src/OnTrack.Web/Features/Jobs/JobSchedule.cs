using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Jobs;

/// <summary>
/// Runs each periodic job once per interval across all nodes sharing the database, with no leader to
/// elect or lose: every node polls, and the one whose conditional update moves the job's next turn
/// forward runs it. The same on SQLite and PostgreSQL (see docs/decisions/009).
/// </summary>
public sealed class JobSchedule(IServiceScopeFactory scopes, IClock clock, ILogger<JobSchedule> logger)
{
    /// <summary>Identifies this node in <see cref="ScheduledJob.LastRunBy"/>.</summary>
    public string NodeId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// Runs <paramref name="run"/> if this node wins the job's turn; false when the turn is not due or
    /// another node took it. A job seen for the first time is due at once, or after one interval when
    /// <paramref name="firstRunAfterInterval"/>.
    /// </summary>
    public async Task<bool> RunIfDueAsync(string job, TimeSpan interval, bool firstRunAfterInterval, Func<CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!await TryTakeTurnAsync(job, Duration.FromTimeSpan(interval), firstRunAfterInterval, cancellationToken))
        {
            return false;
        }

        await run(cancellationToken);
        return true;
    }

    private async Task<bool> TryTakeTurnAsync(string job, Duration interval, bool firstRunAfterInterval, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        var now = clock.GetCurrentInstant();
        if (!await db.ScheduledJobs.AnyAsync(j => j.Name == job, cancellationToken))
        {
            db.ScheduledJobs.Add(new ScheduledJob { Name = job, NextRunAt = firstRunAfterInterval ? now + interval : now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node wrote the row first; the update below decides between us.
                db.ChangeTracker.Clear();
            }
        }

        var next = now + interval;
        var won = await db.ScheduledJobs.Where(j => j.Name == job && j.NextRunAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.NextRunAt, next).SetProperty(j => j.LastRunBy, NodeId).SetProperty(j => j.LastRunAt, now), cancellationToken) == 1;
        if (won)
        {
            logger.LogDebug("Node {Node} runs {Job}; next turn at {Next}", NodeId, job, next);
        }

        return won;
    }
}

/// <summary>The loop of a background worker: <paramref name="tick"/> every <paramref name="poll"/>; failures are logged and the loop goes on.</summary>
public static class PeriodicJob
{
    public static async Task LoopAsync(TimeSpan poll, Func<CancellationToken, Task> tick, ILogger logger, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(tick);
        ArgumentNullException.ThrowIfNull(logger);
        using var timer = new PeriodicTimer(poll);
        do
        {
            try
            {
                await tick(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A periodic job failed; it will run again at its next turn");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
