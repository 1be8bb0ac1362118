using Microsoft.AspNetCore.Identity;

namespace OnTrack.Web.Data;

/// <summary>A person who signs in: staff or client. Clinical data lives in Client and Therapist rows, not here.</summary>
public sealed class ApplicationUser : IdentityUser
{
    /// <summary>
    /// The clinic the login was made at: its account emails (password reset) come from there. What the person
    /// is at each clinic, this one included, is in their clinic memberships (decision 011).
    /// </summary>
    public Guid ClinicId { get; set; }

    /// <summary>The clinic the person last signed in to, where their next sign-in goes unless they name another.</summary>
    public Guid? LastClinicId { get; set; }

    public string FullName { get; set; } = "";
}
