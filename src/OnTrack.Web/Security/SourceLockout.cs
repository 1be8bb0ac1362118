using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NodaTime;

namespace OnTrack.Web.Security;

/// <summary>
/// Wrong passwords lock one account for one source address, not the account for everyone: someone
/// guessing from one place cannot lock the real user (or the only admin) out from elsewhere. Counted the
/// same way for emails that have no account, so the answers do not tell them apart. Kept in memory on
/// each node (see docs/decisions/007-sign-in-lockout-per-source.md).
/// </summary>
public sealed class SourceLockout(IOptions<RateLimitOptions> options, IClock clock) : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public int MaxFailures => options.Value.LockoutAfterFailures;

    public TimeSpan Duration => options.Value.LockoutDuration;

    /// <summary>How much longer this source is locked out of this account, or null.</summary>
    public NodaTime.Duration? LockedFor(string email, string source)
    {
        if (!_entries.TryGetValue(Key(email, source), out Entry? entry) || entry!.LockedUntil is not { } until)
        {
            return null;
        }

        var left = until - clock.GetCurrentInstant();
        return left > NodaTime.Duration.Zero ? left : null;
    }

    /// <summary>Counts a wrong password; true when this failure locks the source out.</summary>
    public bool Fail(string email, string source)
    {
        var key = Key(email, source);
        var now = clock.GetCurrentInstant();
        var window = NodaTime.Duration.FromTimeSpan(Duration);
        lock (_entries)
        {
            var entry = _entries.TryGetValue(key, out Entry? found) && found!.Since + window > now && (found.LockedUntil is null || found.LockedUntil > now)
                ? found
                : new Entry(now);
            entry.Failures++;
            if (entry.Failures >= MaxFailures)
            {
                entry.LockedUntil = now + window;
            }

            _entries.Set(key, entry, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Duration * 2 });
            return entry.LockedUntil is not null;
        }
    }

    public void Succeed(string email, string source) => _entries.Remove(Key(email, source));

    public void Dispose() => _entries.Dispose();

    private static string Key(string email, string source) => $"{email.Trim().ToUpperInvariant()}|{source}";

    private sealed class Entry(Instant since)
    {
        public Instant Since { get; } = since;

        public int Failures { get; set; }

        public Instant? LockedUntil { get; set; }
    }
}
