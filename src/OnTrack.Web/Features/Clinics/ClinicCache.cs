using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OnTrack.Web.Features.Clinics;

/// <summary>
/// The clinics' settings and opening hours, kept in memory by the node: nearly every request needs its
/// clinic (the time zone, the forms' window, the alert thresholds, the crisis lines) and they change a few
/// times a year. Correct across nodes (decision 018): every change forgets the whole cache — on this node
/// when the change commits (<see cref="ClinicCacheInvalidation"/>), on the others when PostgreSQL delivers
/// the change's NOTIFY, which a trigger sends inside the changing transaction (<see cref="ClinicChangeListener"/>).
/// On PostgreSQL the cache is off until the listener is listening, and again whenever it loses its
/// connection, so a node that may have missed a change reads the database instead. SQLite is one node.
/// </summary>
public sealed class ClinicCache
{
    private readonly ConcurrentDictionary<Guid, Clinic> byId = new();
    private readonly ConcurrentDictionary<string, Guid> bySlug = new(StringComparer.Ordinal);
    private long generation;
    private volatile bool enabled;

    public ClinicCache(bool enabled) => this.enabled = enabled;

    /// <summary>Whether the cache answers (false on PostgreSQL while the change listener is not listening).</summary>
    public bool Enabled => enabled;

    /// <summary>The clinic with this id: a copy of the kept one, or loaded (and kept unless a change came in meanwhile).</summary>
    public Task<Clinic?> GetAsync(Guid id, Func<CancellationToken, Task<Clinic?>> load, CancellationToken cancellationToken) =>
        enabled && byId.TryGetValue(id, out var kept) ? Task.FromResult<Clinic?>(kept.Copy()) : LoadAsync(load, cancellationToken);

    /// <summary>The clinic with this public slug, as <see cref="GetAsync(Guid, Func{CancellationToken, Task{Clinic?}}, CancellationToken)"/>.</summary>
    public Task<Clinic?> GetAsync(string slug, Func<CancellationToken, Task<Clinic?>> load, CancellationToken cancellationToken) =>
        enabled && bySlug.TryGetValue(slug, out var id) && byId.TryGetValue(id, out var kept) ? Task.FromResult<Clinic?>(kept.Copy()) : LoadAsync(load, cancellationToken);

    /// <summary>Something about a clinic changed (committed): forget them all; loads already under way are not kept.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref generation);
        byId.Clear();
        bySlug.Clear();
    }

    /// <summary>The listener is listening: answer from memory again, starting empty (changes may have been missed).</summary>
    public void Enable()
    {
        Forget();
        enabled = true;
    }

    /// <summary>The listener lost its connection: read the database until it listens again.</summary>
    public void Disable()
    {
        enabled = false;
        Forget();
    }

    private async Task<Clinic?> LoadAsync(Func<CancellationToken, Task<Clinic?>> load, CancellationToken cancellationToken)
    {
        var before = Interlocked.Read(ref generation);
        var clinic = await load(cancellationToken);
        if (clinic is not null && enabled && Interlocked.Read(ref generation) == before)
        {
            byId[clinic.Id] = clinic.Copy();
            bySlug[clinic.Slug] = clinic.Id;
            if (Interlocked.Read(ref generation) != before)
            {
                Forget(); // a change committed while storing: drop what may be stale
            }
        }

        return clinic;
    }
}

/// <summary>
/// Forgets the node's clinic cache when a write to the clinics or their opening hours commits — by
/// SaveChanges, ExecuteUpdate/ExecuteDelete or raw SQL through the context alike, since all of them are
/// commands. Inside a transaction it waits for the commit (forgetting earlier would let a concurrent
/// request keep the old settings it read just before the commit).
/// </summary>
public sealed class ClinicCacheInvalidation(ClinicCache cache) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private static readonly string[] Writes =
    [
        "UPDATE \"Clinics\"", "INSERT INTO \"Clinics\"", "DELETE FROM \"Clinics\"",
        "UPDATE \"OpeningHours\"", "INSERT INTO \"OpeningHours\"", "DELETE FROM \"OpeningHours\"",
    ];

    private readonly ConditionalWeakTable<DbTransaction, object> pending = [];

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Saw(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Saw(command);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Saw(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saw(command);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(transaction);
        return Task.CompletedTask;
    }

    private void Saw(DbCommand command)
    {
        var text = command.CommandText;
        if (!Writes.Any(w => text.Contains(w, StringComparison.Ordinal)))
        {
            return;
        }

        if (command.Transaction is { } transaction)
        {
            pending.AddOrUpdate(transaction, this);
        }
        else
        {
            cache.Forget(); // autocommit: already committed
        }
    }

    private void Committed(DbTransaction transaction)
    {
        if (pending.Remove(transaction))
        {
            cache.Forget();
        }
    }
}
