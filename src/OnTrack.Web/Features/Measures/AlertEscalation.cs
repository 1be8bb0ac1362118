using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Data;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Measures;

/// <summary>
/// Sends risk alerts nobody has acknowledged within the clinic's time to the clinic's admins, once. Safe
/// with several web nodes: an alert is claimed by a conditional update inside the transaction that
/// queues the emails, so only one node's claim succeeds.
/// </summary>
public sealed class AlertEscalation(OnTrackDbContext db, Caller caller, AlertRaiser raiser, ILogger<AlertEscalation> logger, IClock clock)
{
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        caller.BecomeSystem();
        var now = clock.GetCurrentInstant();
        var candidates = await db.Alerts.AsNoTracking()
            .Where(a => a.Kind == AlertKind.Risk && a.State == AlertState.New && a.EscalatedAt == null)
            .Select(a => new { a.Id, a.ClinicId, a.RaisedAt })
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        var clinics = await db.Clinics.AsNoTracking().Where(c => candidates.Select(a => a.ClinicId).Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var escalated = 0;
        foreach (var candidate in candidates)
        {
            var clinic = clinics[candidate.ClinicId];
            if (candidate.RaisedAt + Duration.FromMinutes(clinic.RiskEscalationMinutes) > now)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Alerts.Where(a => a.Id == candidate.Id && a.State == AlertState.New && a.EscalatedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.EscalatedAt, now), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var alert = await db.Alerts.AsNoTracking().Include(a => a.Client).SingleAsync(a => a.Id == candidate.Id, cancellationToken);
            foreach (var admin in await raiser.AdminEmailsAsync(clinic.Id, cancellationToken))
            {
                db.Outbox.Add(raiser.RiskEmail(clinic, alert.Client!, alert, admin, escalated: true));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            escalated++;
            logger.LogWarning("Risk alert {AlertId} escalated to the admins of clinic {ClinicId}", alert.Id, clinic.Id);
        }

        return escalated;
    }
}

/// <summary>Checks for risk alerts to escalate every minute, on one node at a time.</summary>
internal sealed class AlertEscalationWorker(IServiceScopeFactory scopes, Jobs.JobSchedule schedule, Microsoft.Extensions.Options.IOptions<MeasuresOptions> options, ILogger<AlertEscalationWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.RunEscalationWorker
        ? Jobs.PeriodicJob.LoopAsync(Interval, ct => schedule.RunIfDueAsync("risk-escalation", Interval, firstRunAfterInterval: false, RunOnceAsync, ct), logger, stoppingToken)
        : Task.CompletedTask;

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AlertEscalation>().RunOnceAsync(cancellationToken);
    }
}
