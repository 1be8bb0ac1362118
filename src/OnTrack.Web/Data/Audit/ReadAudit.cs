using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
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
    private readonly List<(object Entity, ReadAuditFactory Factory)> _materialized = [];
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

    /// <summary>A declared client record came back from a query (see <see cref="ReadAuditBinding"/>); described when the reads are written.</summary>
    internal void Materialized(object entity, ReadAuditFactory factory)
    {
        if (caller.IsSystem || caller.ClinicId is null)
        {
            return;
        }

        lock (_lock)
        {
            _materialized.Add((entity, factory));
        }
    }

    internal bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count == 0 && _materialized.Count == 0;
            }
        }
    }

    /// <summary>The events collected since the last call, ready to store.</summary>
    internal List<AuditEvent> Take()
    {
        lock (_lock)
        {
            foreach (var (entity, factory) in _materialized)
            {
                if (factory.Describe(entity) is ({ } client, var id))
                {
                    AddLocked(AuditAction.Read, factory.AuditName, id, client, "");
                }
            }

            _materialized.Clear();
            var events = _seen.Values.Select(e => e.Event).ToList();
            _seen.Clear();
            return events;
        }
    }

    private void Add(AuditAction action, string type, string id, Guid? clientId, string details)
    {
        lock (_lock)
        {
            AddLocked(action, type, id, clientId, details);
        }
    }

    private void AddLocked(AuditAction action, string type, string id, Guid? clientId, string details)
    {
        if (caller.IsSystem || caller.ClinicId is not { } clinic)
        {
            return;
        }

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

    private sealed class Entry(AuditEvent e)
    {
        public AuditEvent Event { get; } = e;

        public int Count { get; set; } = 1;
    }
}

/// <summary>
/// Every declared client record that a query brings back is a read of that client's record. Instead of a
/// materialization interceptor (which makes EF build a dictionary of per-property delegates for every row of
/// every entity type), declared records alone are created through <see cref="ReadAuditFactory"/>: one plain
/// call per row, which hands the new instance to the context's <see cref="ReadAudit"/>; its client and id are
/// read when the reads are written, after EF has filled the instance in.
/// </summary>
internal sealed class ReadAuditBinding : IInstantiationBindingInterceptor
{
    public static readonly ReadAuditBinding Instance = new();

    public InstantiationBinding ModifyBinding(InstantiationBindingInterceptionData interceptionData, InstantiationBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (interceptionData.TypeBase is not IEntityType entityType || ClientRecordDeclaration.Of(entityType) is not { } declaration)
        {
            return binding;
        }

        if (binding is not ConstructorBinding constructor)
        {
            throw new InvalidOperationException($"{entityType.DisplayName()} is a client record created other than by a constructor; its reads could not be audited.");
        }

        return new FactoryMethodBinding(new ReadAuditFactory(entityType, declaration, constructor.Constructor), ReadAuditFactory.CreateMethod,
            [new ContextParameterBinding(typeof(DbContext)), new ObjectArrayParameterBinding(binding.ParameterBindings)], binding.RuntimeType);
    }
}

/// <summary>Creates one declared client record type for EF, noting each instance as read.</summary>
internal sealed class ReadAuditFactory
{
    internal static readonly MethodInfo CreateMethod = typeof(ReadAuditFactory).GetMethod(nameof(Create))!;

    private readonly Func<object?[], object> _construct;
    private readonly Func<object, Guid?> _client;
    private readonly Func<object, string> _id;

    public ReadAuditFactory(IEntityType entityType, ClientRecordDeclaration declaration, ConstructorInfo constructor)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(constructor);
        AuditName = declaration.AuditName;
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        _construct = Expression.Lambda<Func<object?[], object>>(
            Expression.Convert(Expression.New(constructor, constructor.GetParameters().Select((p, i) =>
                (Expression)Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType))), typeof(object)),
            arguments).Compile();
        _client = Getter<Guid?>(entityType, declaration.ClientProperty);
        var idProperty = declaration.AuditIdProperty ?? entityType.FindPrimaryKey()?.Properties.SingleOrDefault()?.Name;
        var id = idProperty is null ? null : Getter<object>(entityType, idProperty);
        _id = id is null ? _ => "" : entity => id(entity)?.ToString() ?? "";
    }

    public string AuditName { get; }

    /// <summary>Called by EF's materializer for each row: creates the instance and notes it as read.</summary>
    public object Create(DbContext context, object?[] arguments)
    {
        var entity = _construct(arguments);
        (context as OnTrackDbContext)?.ReadAudit.Materialized(entity, this);
        return entity;
    }

    /// <summary>The client and id of a materialized instance, now that EF has set its properties.</summary>
    public (Guid? Client, string Id) Describe(object entity) => (_client(entity), _id(entity));

    private static Func<object, T?> Getter<T>(IEntityType entityType, string propertyName)
    {
        var property = entityType.FindProperty(propertyName)?.PropertyInfo
            ?? throw new InvalidOperationException($"{entityType.DisplayName()}.{propertyName} is not a property the read audit can read.");
        var entity = Expression.Parameter(typeof(object), "entity");
        return Expression.Lambda<Func<object, T?>>(Expression.Convert(Expression.Property(Expression.Convert(entity, entityType.ClrType), property), typeof(T)), entity).Compile();
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
