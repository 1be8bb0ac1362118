namespace OnTrack.Web.Tests.Infrastructure;

/// <summary>Clients made for a test, signed in to their portal.</summary>
public static class TestClients
{
    public const string Password = "Client-test-2026";

    /// <summary>A new client of the demo clinic with a sign-in, whose primary therapist is <paramref name="therapist"/>, signed in.</summary>
    public static async Task<(Guid Id, HttpClient Client)> NewSignedInClientAsync(this OnTrackApp app, string name, string? therapist = "Dr. Maya Chen")
    {
        ArgumentNullException.ThrowIfNull(app);
        var (id, email) = await app.NewClientOfAsync(name, therapist, Password);
        return (id, await app.SignInAsync(email, Password));
    }
}
