using System.Security.Claims;

namespace OnTrack.Web.Security;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Therapist = "Therapist";
    public const string Reception = "Reception";
    public const string Client = "Client";

    public const string Staff = Admin + "," + Therapist + "," + Reception;
}

public static class OnTrackClaims
{
    public const string Clinic = "ontrack:clinic";
    public const string Therapist = "ontrack:therapist";
    public const string Client = "ontrack:client";

    /// <summary>How many clinics the person belongs to, when more than one: the page offers to switch.</summary>
    public const string SeveralClinics = "ontrack:clinics";

    /// <summary>Present on a kiosk sign-in (a clinic tablet handed to a client).</summary>
    public const string Kiosk = "ontrack:kiosk";
}

/// <summary>
/// Who is making the current request, as far as data access is concerned. One per scope; the database
/// context reads it to filter every query by clinic and by what the caller may see.
/// </summary>
public sealed class Caller
{
    public Guid? ClinicId { get; private set; }

    public string? UserId { get; private set; }

    public string? UserName { get; private set; }

    public Guid? TherapistId { get; private set; }

    public Guid? ClientId { get; private set; }

    public bool IsAdmin { get; private set; }

    public bool IsReception { get; private set; }

    /// <summary>Background work (outbox, seeding): sees every clinic. Never set from a request.</summary>
    public bool IsSystem { get; private set; }

    public string? IpAddress { get; set; }

    public bool IsStaff => IsAdmin || IsReception || TherapistId is not null;

    /// <summary>Admins and reception see every record of their clinic.</summary>
    public bool SeesWholeClinic => IsSystem || IsAdmin || IsReception;

    public void SetFromPrincipal(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return;
        }

        UserId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        UserName = user.Identity.Name;
        ClinicId = ParseGuid(user.FindFirstValue(OnTrackClaims.Clinic));
        TherapistId = ParseGuid(user.FindFirstValue(OnTrackClaims.Therapist));
        ClientId = ParseGuid(user.FindFirstValue(OnTrackClaims.Client));
        IsAdmin = user.IsInRole(Roles.Admin);
        IsReception = user.IsInRole(Roles.Reception);
    }

    /// <summary>An anonymous visitor of one clinic's public pages (booking as a new client).</summary>
    public void UsePublicClinic(Guid clinicId)
    {
        if (UserId is null)
        {
            ClinicId = clinicId;
        }
    }

    /// <summary>After a new client's account is created mid-request, or a person joins a clinic as its client: nothing else at that clinic.</summary>
    public void BecomeClient(Guid clinicId, string userId, string userName, Guid clientId)
    {
        ClinicId = clinicId;
        IsAdmin = false;
        IsReception = false;
        TherapistId = null;
        UserId = userId;
        UserName = userName;
        ClientId = clientId;
    }

    public void BecomeSystem(Guid? clinicId = null)
    {
        IsSystem = true;
        ClinicId = clinicId;
        UserName = "system";
    }

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
