using NodaTime;
using OnTrack.Web.Data;

namespace OnTrack.Web.Data;

public enum AuditAction
{
    Read = 0,
    Create = 1,
    Update = 2,
    Delete = 3,

    /// <summary>Asked for a record the caller may not see (answered as if it did not exist).</summary>
    Denied = 4,
    SignIn = 5,
    SignInFailed = 6,
}

/// <summary>Who read or changed which record, when and from where. Append-only: the database refuses updates and deletes.</summary>
public sealed class AuditEvent : IClinicOwned
{
    public long Id { get; set; }

    public Guid ClinicId { get; set; }

    public Instant At { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    public AuditAction Action { get; set; }

    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    public Guid? ClientId { get; set; }

    public string? IpAddress { get; set; }

    public string Details { get; set; } = "";
}
