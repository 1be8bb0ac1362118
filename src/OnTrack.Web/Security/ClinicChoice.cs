using Microsoft.AspNetCore.WebUtilities;

namespace OnTrack.Web.Security;

/// <summary>
/// Which of a person's clinics a sign-in made in this request is for (decision 011): one chosen in code (a
/// switch, or the clinic of a sign-in being refreshed), else the clinic named by <c>?clinic=</c> on the
/// request or on its return URL, else the one they used last. The claims factory accepts a choice only
/// where the person has a membership, and says here which clinic it signed in.
/// </summary>
public sealed class ClinicChoice(IHttpContextAccessor http)
{
    private Guid? _chosen;
    private string? _slug;

    /// <summary>The clinic the sign-in was made for, once it has been.</summary>
    public Guid? SignedIn { get; internal set; }

    /// <summary>The clinic of a cookie whose sign-in is being refreshed: it beats every other choice, and only while refreshing.</summary>
    internal Guid? Refreshing { get; set; }

    public Guid? Chosen => Refreshing ?? _chosen;

    public void Choose(Guid clinicId) => _chosen = clinicId;

    public void ChooseSlug(string? slug) => _slug = string.IsNullOrWhiteSpace(slug) ? null : slug.Trim();

    /// <summary>The clinic named in the request: an explicit slug, <c>?clinic=</c>, or the <c>clinic</c> of a local return URL.</summary>
    public string? RequestedSlug()
    {
        if (Refreshing is not null)
        {
            return null;
        }

        if (_slug is not null)
        {
            return _slug;
        }

        var query = http.HttpContext?.Request.Query;
        if (query is null)
        {
            return null;
        }

        if (query["clinic"].ToString() is { Length: > 0 } direct)
        {
            return direct;
        }

        var returnUrl = query["ReturnUrl"].ToString();
        if (!AccountLinks.IsLocal(returnUrl) || returnUrl.IndexOf('?', StringComparison.Ordinal) is var at && at < 0)
        {
            return null;
        }

        return QueryHelpers.ParseQuery(returnUrl[at..]).TryGetValue("clinic", out var slug) && slug.ToString() is { Length: > 0 } named ? named : null;
    }
}
