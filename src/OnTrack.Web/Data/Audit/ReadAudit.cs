using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Security;

namespace OnTrack.Web.Data;

/// <summary>
/// The reads (and denied accesses) of one request, collected as they happen and written together: one
/// audit event per record type and client, before the first byte of the answer leaves (and again at the
/// end for anything read later), in a context of their own so that a failed write of the request cannot
/// take them with it. See docs/decisions/012.
/// </summary>
public sealed class ReadAudit(Caller caller, IClock clock)
{
    private readonly Dictionary<(AuditAction Action, string Type, Guid? Client), Entry> _seen = [];
    private readonly Lock _lock = new();

    /// <summary>A record of <paramref name="type"/> (with id <paramref name="id"/>) about <paramref name="clientId"/> was read.</summary>
    public void Saw(string type, string id, Guid? clientId, string details = "") => Add(AuditAction.Read, type, id, clientId, details);

    /// <summary>Every client of a list was read (a caseload, an alert queue): one event per client.</summary>
    public void SawEach(string type, IEnumerable<Guid> clientIds, string details = "")
    {
        ArgumentNullException.ThrowIfNull(clientIds);
        foreach (var client in clientIds)
        {
            Add(AuditAction.Read, type, "list", client, details);
        }
    }

    /// <summary>The caller asked for a client's record and was refused (answered 404).</summary>
    public void Denied(string type, string id, Guid? clientId, string details = "") => Add(AuditAction.Denied, type, id, clientId, details);

    internal bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count == 0;
            }
        }
    }

    /// <summary>The events collected since the last call, ready to store.</summary>
    internal List<AuditEvent> Take()
    {
        lock (_lock)
        {
            var events = _seen.Values.Select(e => e.Event).ToList();
            _seen.Clear();
            return events;
        }
    }

    private void Add(AuditAction action, string type, string id, Guid? clientId, string details)
    {
        if (caller.IsSystem || caller.ClinicId is not { } clinic)
        {
            return;
        }

        lock (_lock)
        {
            if (_seen.TryGetValue((action, type, clientId), out var entry))
            {
                // Several records of one type and client in one request: one event, naming them as a list.
                entry.Count++;
                if (entry.Event.EntityId != id)
                {
                    entry.Event.EntityId = "list";
                }

                entry.Event.Details = details.Length > 0 ? details : $"{entry.Count} records";
                return;
            }

            _seen[(action, type, clientId)] = new Entry(new AuditEvent
            {
                ClinicId = clinic,
                At = clock.GetCurrentInstant(),
                UserId = caller.UserId,
                UserName = caller.UserName,
                Action = action,
                EntityType = type,
                EntityId = id,
                ClientId = clientId,
                IpAddress = caller.IpAddress,
                Details = details,
            });
        }
    }

    private sealed class Entry(AuditEvent e)
    {
        public AuditEvent Event { get; } = e;

        public int Count { get; set; } = 1;
    }
}

/// <summary>Every declared client record that a query brings back is a read of that client's record.</summary>
internal sealed class ReadAuditInterceptor : IMaterializationInterceptor
{
    public static readonly ReadAuditInterceptor Instance = new();

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (materializationData.Context is OnTrackDbContext db && ClientRecordDeclaration.Of(materializationData.EntityType) is { } declaration
            && materializationData.EntityType.FindProperty(declaration.ClientProperty)?.PropertyInfo?.GetValue(entity) is Guid client)
        {
            var id = (declaration.AuditIdProperty ?? materializationData.EntityType.FindPrimaryKey()?.Properties.SingleOrDefault()?.Name) is { } idProperty
                ? materializationData.EntityType.FindProperty(idProperty)?.PropertyInfo?.GetValue(entity)?.ToString() ?? ""
                : "";
            db.ReadAudit.Saw(declaration.AuditName, id, client);
        }

        return entity;
    }
}

internal static class ReadAuditMiddleware
{
    /// <summary>Writes the request's reads before its answer starts, and any later ones when it ends.</summary>
    public static IApplicationBuilder UseReadAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var reads = context.RequestServices.GetRequiredService<ReadAudit>();
        context.Response.OnStarting(() => FlushAsync(context, reads));
        await next();
        await FlushAsync(context, reads);
    });

    private static async Task FlushAsync(HttpContext context, ReadAudit reads)
    {
        if (reads.IsEmpty)
        {
            return;
        }

        await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        db.AuditEvents.AddRange(reads.Take());
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
