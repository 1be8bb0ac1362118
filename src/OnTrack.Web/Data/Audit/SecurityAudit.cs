using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OnTrack.Web.Security;

namespace OnTrack.Web.Data;

/// <summary>Sign-ins and failed sign-ins, each in a write of its own (so that a failed request does not take it with it).</summary>
public sealed class SecurityAudit(IServiceScopeFactory scopes, IClock clock)
{
    /// <summary>The clinic id of events that belong to no clinic (a failed sign-in with an unknown email).</summary>
    public static readonly Guid Installation = Guid.Empty;

    public async Task RecordAsync(AuditAction action, Guid? clinicId, string? userId, string userName, string? ipAddress, string details)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        db.AuditEvents.Add(new AuditEvent
        {
            ClinicId = clinicId ?? Installation,
            At = clock.GetCurrentInstant(),
            UserId = userId,
            UserName = userName.Length > 256 ? userName[..256] : userName,
            Action = action,
            EntityType = "SignIn",
            EntityId = userId ?? "",
            IpAddress = ipAddress,
            Details = details,
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
