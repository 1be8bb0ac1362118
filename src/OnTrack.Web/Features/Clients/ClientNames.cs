namespace OnTrack.Web.Features.Clients;

public static class ClientNames
{
    /// <summary>"Alex Morgan" → "A.M.": enough for a therapist to recognise, too little to identify a client in a calendar or mailbox.</summary>
    public static string Initials(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + "."));
    }
}
