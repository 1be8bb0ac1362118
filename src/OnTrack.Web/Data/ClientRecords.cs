using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnTrack.Web.Features.CareTeams;

namespace OnTrack.Web.Data;

/// <summary>How much of a client's record a row reveals, which decides who besides the client may see it.</summary>
public enum ClientRecordSensitivity
{
    /// <summary>Who the client is and when they come (name, contact details, sessions): reception and the whole care team see it.</summary>
    Contact = 0,

    /// <summary>Clinical detail (scores, alerts, plans, notes): the client, the care team with clinical access, and the clinic's admins.</summary>
    Clinical = 1,

    /// <summary>
    /// What the care team writes in therapy (session notes): the care team with clinical access, and the client
    /// where the feature lets them; not the clinic's admins unless they are on the care team themselves.
    /// </summary>
    CareTeam = 2,

    /// <summary>
    /// Between the client and the clinic's admins only, never the care team: what a client chose to tell the
    /// clinic rather than their therapist (a request for another therapist).
    /// </summary>
    ClientAndAdmins = 3,
}

/// <summary>
/// The client-record compartment. A feature declares in its own EF configuration that an entity is a
/// record about one client (<see cref="ClientRecordBuilderExtensions.IsClientRecord{T}"/>); from those
/// declarations alone <see cref="OnTrackDbContext"/> builds the one visibility filter, the write audit
/// and the read audit. Nothing else names the clinical types.
/// </summary>
public sealed record ClientRecordDeclaration(string ClientProperty, ClientRecordSensitivity Sensitivity, string AuditName, string? AuditIdProperty)
{
    private const string Annotation = "OnTrack:ClientRecord";

    /// <summary>Entities that are not client records although they name a client, and why. The convention test holds every other entity to a declaration.</summary>
    public static readonly IReadOnlyDictionary<Type, string> NotClientRecords = new Dictionary<Type, string>
    {
        [typeof(OnTrack.Web.Features.CareTeams.CareTeamMember)] = "The compartment's own key: who may see a client. Read through ClientAccess and CareTeams, never listed to callers directly.",
        [typeof(AuditEvent)] = "The audit trail itself, filtered by clinic and shown to admins (and to the client, their own accesses) by the audit feature.",
        [typeof(IdempotencyRecord)] = "A stored answer to a retried request, bound to the caller who made it.",
        [typeof(Features.Course.ClientCourseSums)] = "Sums over a client's scores kept by database triggers for the clinic-wide course fit; read only by the fit (admins, the daily job), never shown per client.",
    };

    // Read for every saved row and every query's materializer: parsed once per distinct declaration.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ClientRecordDeclaration> Parsed = new(StringComparer.Ordinal);

    public static ClientRecordDeclaration? Of(IReadOnlyEntityType entityType) =>
        entityType?.FindAnnotation(Annotation)?.Value is string value ? Parsed.GetOrAdd(value, Parse) : null;

    internal static void Declare(IMutableEntityType entityType, ClientRecordDeclaration declaration) =>
        entityType.SetAnnotation(Annotation, $"{declaration.ClientProperty}|{(int)declaration.Sensitivity}|{declaration.AuditName}|{declaration.AuditIdProperty}");

    private static ClientRecordDeclaration Parse(string value)
    {
        var parts = value.Split('|');
        return new(parts[0], (ClientRecordSensitivity)int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2], parts[3].Length == 0 ? null : parts[3]);
    }
}

public static class ClientRecordBuilderExtensions
{
    /// <summary>
    /// Declares the entity a record about the client named by <paramref name="client"/>: it is then visible
    /// only to those who may see that client at this <paramref name="sensitivity"/>, and every read and
    /// write of it is audited against the client.
    /// </summary>
    /// <param name="auditName">The record's name in the audit trail (the type's name by default).</param>
    /// <param name="auditId">The id the audit trail knows the record by (its key by default).</param>
    public static EntityTypeBuilder<T> IsClientRecord<T>(this EntityTypeBuilder<T> builder, Expression<Func<T, Guid>> client, ClientRecordSensitivity sensitivity,
        string? auditName = null, Expression<Func<T, Guid>>? auditId = null)
        where T : class, IClinicOwned
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(client);
        ClientRecordDeclaration.Declare(builder.Metadata, new(PropertyName(client), sensitivity, auditName ?? typeof(T).Name, auditId is null ? null : PropertyName(auditId)));
        return builder;
    }

    /// <summary>As above, for a table whose rows with no client are the clinic's own (a default plan): those rows are visible to the clinic's staff.</summary>
    public static EntityTypeBuilder<T> IsClientRecord<T>(this EntityTypeBuilder<T> builder, Expression<Func<T, Guid?>> client, ClientRecordSensitivity sensitivity, string? auditName = null)
        where T : class, IClinicOwned
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(client);
        var name = client.Body is MemberExpression { Member: var member } ? member.Name : throw new ArgumentException("Name one property of the entity, like r => r.ClientId.", nameof(client));
        ClientRecordDeclaration.Declare(builder.Metadata, new(name, sensitivity, auditName ?? typeof(T).Name, null));
        return builder;
    }

    /// <summary>
    /// Declares a record whose changes are audited although it is not a client record (an appointment, a
    /// clinic's settings, a care team): with <paramref name="client"/>, each change is audited against that client.
    /// </summary>
    public static EntityTypeBuilder<T> IsAudited<T>(this EntityTypeBuilder<T> builder, Expression<Func<T, Guid>>? client = null)
        where T : class, IClinicOwned
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.SetAnnotation(AuditedAnnotation, client is null ? "" : PropertyName(client));
        return builder;
    }

    /// <summary>The client property of an audited record ("" when it names none), or null when its changes are not audited.</summary>
    public static string? AuditedClientProperty(IReadOnlyEntityType entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        return entityType.FindAnnotation(AuditedAnnotation)?.Value as string;
    }

    internal const string AuditedAnnotation = "OnTrack:Audited";

    private static string PropertyName<T>(Expression<Func<T, Guid>> selector) =>
        selector.Body is MemberExpression { Member: var member } ? member.Name : throw new ArgumentException("Name one property of the entity, like r => r.ClientId.", nameof(selector));
}
