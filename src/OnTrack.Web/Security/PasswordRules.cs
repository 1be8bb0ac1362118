namespace OnTrack.Web.Security;

/// <summary>The password rules Identity enforces, in one place, and said to people before they type.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 10;

    /// <summary>Shown under every field where a new password is chosen.</summary>
    public const string Text = "At least 10 characters, with a capital letter, a small letter and a number.";
}
