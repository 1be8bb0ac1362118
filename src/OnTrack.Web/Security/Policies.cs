using Microsoft.AspNetCore.Authorization;
using OnTrack.Web.Features.CareTeams;

namespace OnTrack.Web.Security;

/// <summary>
/// The named authorization policies every page and endpoint uses instead of listing roles. Which roles
/// make up a policy is decided here once; what a caller may do with one client's record is decided by
/// <c>ClientAccess</c> from the care team, not by a policy.
/// </summary>
public static class Policies
{
    /// <summary>The clinic's administrators: settings, staff, services, audit trail, course models.</summary>
    public const string ClinicAdmin = "ClinicAdmin";

    /// <summary>Those who work with clinical records: therapists and admins (caseload, alerts, charts, outcomes).</summary>
    public const string Clinician = "Clinician";

    /// <summary>Everyone who works at the clinic, reception included (schedule, client list, kiosk).</summary>
    public const string Staff = "Staff";

    /// <summary>Those who see every therapist's schedule: the front desk and the clinic's admins.</summary>
    public const string WholeSchedule = "WholeSchedule";

    /// <summary>A therapist's own things: their working hours.</summary>
    public const string Therapist = "Therapist";

    /// <summary>A client in the portal (their own sessions, forms and progress).</summary>
    public const string Client = "Client";

    public static AuthorizationBuilder AddOnTrackPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(ClinicAdmin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Clinician, p => p.RequireRole(Roles.Admin, Roles.Therapist))
            .AddPolicy(Staff, p => p.RequireRole(Roles.Admin, Roles.Therapist, Roles.Reception))
            .AddPolicy(WholeSchedule, p => p.RequireRole(Roles.Admin, Roles.Reception))
            .AddPolicy(Therapist, p => p.RequireRole(Roles.Therapist))
            .AddPolicy(Client, p => p.RequireRole(Roles.Client));
    }
}

public static class PolicyChecks
{
    private static readonly string[] All = [Policies.ClinicAdmin, Policies.Clinician, Policies.Staff, Policies.WholeSchedule, Policies.Therapist, Policies.Client];

    /// <summary>The named policies this user satisfies: what navigation and page variants show.</summary>
    public static async Task<IReadOnlySet<string>> AllowedPoliciesAsync(this IAuthorizationService authorization, System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var policy in All)
        {
            if ((await authorization.AuthorizeAsync(user, policy)).Succeeded)
            {
                allowed.Add(policy);
            }
        }

        return allowed;
    }
}

/// <summary>
/// The named policies the signed-in user satisfies, worked out once per request: what a page shows (a
/// therapist picker for admins, staff-only fields). Pages ask this instead of looking at roles.
/// </summary>
public sealed class PagePolicies(IAuthorizationService authorization, IHttpContextAccessor http)
{
    private Task<IReadOnlySet<string>>? _allowed;

    public async Task<bool> AllowsAsync(string policy) =>
        (await (_allowed ??= http.HttpContext is { } context ? authorization.AllowedPoliciesAsync(context.User) : Task.FromResult<IReadOnlySet<string>>(new HashSet<string>()))).Contains(policy);
}
