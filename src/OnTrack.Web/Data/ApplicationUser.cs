using Microsoft.AspNetCore.Identity;

namespace OnTrack.Web.Data;

/// <summary>A person who signs in: staff or client. Clinical data lives in Client and Therapist rows, not here.</summary>
public sealed class ApplicationUser : IdentityUser
{
    /// <summary>The clinic the account belongs to; every account belongs to exactly one.</summary>
    public Guid ClinicId { get; set; }

    public string FullName { get; set; } = "";
}
