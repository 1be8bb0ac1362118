using System.ComponentModel.DataAnnotations;
using System.Net;

namespace OnTrack.Web.Security;

/// <summary>Settings under "OnTrack:Proxies": who may tell OnTrack the client's address and scheme.</summary>
public sealed class ProxyOptions
{
    public const string Section = "OnTrack:Proxies";

    /// <summary>
    /// Addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/8</c>) of the reverse proxies whose
    /// X-Forwarded-For and X-Forwarded-Proto headers are believed. Anyone else's are ignored. Empty
    /// means this machine only (127.0.0.0/8 and ::1): a proxy on the same host.
    /// </summary>
    /// <remarks>Empty by default rather than listing loopback, because configuration adds to a list's defaults instead of replacing them.</remarks>
    public List<string> Trusted { get; set; } = [];

    public static bool IsNetwork(string value) => IPNetwork.TryParse(value, out _) || IPAddress.TryParse(value, out _);

    public IEnumerable<IPNetwork> Networks() => (Trusted.Count == 0 ? ["127.0.0.0/8", "::1/128"] : Trusted).Select(t => IPAddress.TryParse(t, out var address)
        ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
        : IPNetwork.Parse(t));
}

/// <summary>How many requests one source may make in a window.</summary>
public sealed class Limit
{
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    public Limit()
    {
    }

    public Limit(int permitLimit, TimeSpan window)
    {
        PermitLimit = permitLimit;
        Window = window;
    }

    public override string ToString() => $"{PermitLimit} per {Window}";
}

/// <summary>Settings under "OnTrack:RateLimits": the brakes on everything an anonymous caller can repeat.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "OnTrack:RateLimits";

    /// <summary>Password sign-ins (page and API) and two-factor codes from one address.</summary>
    public Limit SignInPerAddress { get; set; } = new(30, TimeSpan.FromMinutes(1));

    /// <summary>Password sign-ins and two-factor codes for one account, from anywhere.</summary>
    public Limit SignInPerAccount { get; set; } = new(10, TimeSpan.FromMinutes(5));

    /// <summary>Password resets, "forgot password" and "resend confirmation" from one address.</summary>
    public Limit AccountEmailsPerAddress { get; set; } = new(10, TimeSpan.FromMinutes(15));

    /// <summary>Password-reset and confirmation emails to one address.</summary>
    public Limit AccountEmailsPerAccount { get; set; } = new(3, TimeSpan.FromMinutes(15));

    /// <summary>Anonymous bookings (new clients) from one address.</summary>
    public Limit BookingPerAddress { get; set; } = new(10, TimeSpan.FromHours(1));

    /// <summary>Every other anonymous request from one address (pages, slots, the calendar feed, …).</summary>
    public Limit AnonymousPerAddress { get; set; } = new(600, TimeSpan.FromMinutes(1));

    /// <summary>Wrong passwords for one account from one address before that address is locked out of it.</summary>
    [Range(1, int.MaxValue)]
    public int LockoutAfterFailures { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public IEnumerable<(string Name, Limit Limit)> All() =>
    [
        (nameof(SignInPerAddress), SignInPerAddress), (nameof(SignInPerAccount), SignInPerAccount),
        (nameof(AccountEmailsPerAddress), AccountEmailsPerAddress), (nameof(AccountEmailsPerAccount), AccountEmailsPerAccount),
        (nameof(BookingPerAddress), BookingPerAddress), (nameof(AnonymousPerAddress), AnonymousPerAddress),
    ];
}
