using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace OnTrack.Web.Security;

/// <summary>
/// ASP.NET Core's rate limiter on everything an anonymous caller can repeat: by client address in the
/// middleware (policies named here, put on endpoints and pages), and by account inside the sign-in and
/// account-email handlers (<see cref="AccountThrottle"/>), which know the email only after reading the
/// body. The limiters keep their counts in memory on each node and use the machine's clock, not the
/// injected one: they measure the caller's pace, not clinic time.
/// </summary>
public static class RateLimits
{
    /// <summary>Password and two-factor sign-in posts (page and API).</summary>
    public const string SignIn = "sign-in";

    /// <summary>Forgot password, reset password, resend confirmation.</summary>
    public const string AccountEmails = "account-emails";

    /// <summary>Anonymous bookings (a new client's first booking creates an account).</summary>
    public const string Booking = "booking";

    public static IServiceCollection AddOnTrackRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.LockoutDuration > TimeSpan.Zero, $"{RateLimitOptions.Section}:LockoutDuration must be positive.")
            .Validate(o => o.LockoutAfterFailures > 0, $"{RateLimitOptions.Section}:LockoutAfterFailures must be at least 1.");
        foreach (var name in new RateLimitOptions().All().Select(l => l.Name))
        {
            builder.Validate(o => o.All().Single(l => l.Name == name).Limit is { PermitLimit: > 0 } limit && limit.Window > TimeSpan.Zero,
                $"{RateLimitOptions.Section}:{name} needs a PermitLimit of at least 1 and a positive Window.");
        }

        builder.ValidateOnStart();
        services.AddSingleton<AccountThrottle>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
        {
            var l = limits.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => new ValueTask(TooManyRequests.WriteAsync(context.HttpContext, RetryAfter(context.Lease)));
            o.AddPolicy(SignIn, context => ByAddress(context, SignIn, l.SignInPerAddress, onlyPosts: true));
            o.AddPolicy(AccountEmails, context => ByAddress(context, AccountEmails, l.AccountEmailsPerAddress, onlyPosts: true));
            o.AddPolicy(Booking, context => context.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetNoLimiter("")
                : ByAddress(context, Booking, l.BookingPerAddress, onlyPosts: true));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => context.User.Identity?.IsAuthenticated == true || IsAsset(context.Request)
                ? RateLimitPartition.GetNoLimiter("")
                : ByAddress(context, "anonymous", l.AnonymousPerAddress, onlyPosts: false));
        });
        return services;
    }

    /// <summary>The caller's address as a partition: IPv6 by /64, since one subscriber usually holds a whole /64.</summary>
    public static string Source(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? new IPNetwork(address, 64).BaseAddress + "/64"
            : address.ToString();
    }

    // A page's styles, scripts and images are not what anyone would repeat to guess something.
    private static readonly string[] AssetExtensions = [".css", ".js", ".mjs", ".map", ".png", ".svg", ".ico", ".woff", ".woff2", ".webp", ".json"];

    private static bool IsAsset(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/openapi")
        && AssetExtensions.Contains(Path.GetExtension(request.Path.Value ?? ""), StringComparer.OrdinalIgnoreCase);

    public static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease is not null && lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1);

    internal static FixedWindowRateLimiterOptions Window(Limit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = limit.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static RateLimitPartition<string> ByAddress(HttpContext context, string policy, Limit limit, bool onlyPosts) =>
        onlyPosts && !HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetFixedWindowLimiter($"{policy}:{Source(context)}", _ => Window(limit));
}

/// <summary>The 429 answer: problem details for the API, a plain page for people; both say when to try again.</summary>
public static class TooManyRequests
{
    public static async Task WriteAsync(HttpContext context, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var wait = Wait(seconds);
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"Too many attempts from here. Please wait {wait} and try again.").ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>Please wait a moment</title></head><body><main><h1>Please wait a moment</h1>"
            + $"<p>There have been too many attempts from here. Please wait {wait} and try again.</p>"
            + "<p>If you cannot sign in, use <a href=\"/Account/ForgotPassword\">Forgot your password</a> or call the clinic.</p>"
            + "<p><a href=\"/\">Back to the start page</a></p></main></body></html>");
    }

    /// <summary>For a page that shows its own message: sets 429 and Retry-After, and says how long to wait.</summary>
    public static string Refuse(HttpContext context, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Math.Max(1, (int)Math.Ceiling((retryAfter ?? TimeSpan.FromMinutes(1)).TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Wait(seconds);
    }

    /// <summary>"2 minutes", "45 seconds": how long to wait, in words.</summary>
    public static string Wait(int seconds) => seconds >= 90
        ? $"{(int)Math.Ceiling(seconds / 60.0)} minutes"
        : seconds == 1 ? "1 second" : $"{seconds} seconds";
}

/// <summary>Limits per account (an email, or the user id of a pending two-factor sign-in), wherever the attempts come from.</summary>
public sealed class AccountThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _signIn;
    private readonly PartitionedRateLimiter<string> _emails;

    public AccountThrottle(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var signIn = options.Value.SignInPerAccount;
        var emails = options.Value.AccountEmailsPerAccount;
        _signIn = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account, _ => RateLimits.Window(signIn)));
        _emails = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account, _ => RateLimits.Window(emails)));
    }

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? SignIn(string account) => Acquire(_signIn, account);

    /// <summary>Null when another account email may be sent to this address; otherwise how long to wait.</summary>
    public TimeSpan? Emails(string account) => Acquire(_emails, account);

    public void Dispose()
    {
        _signIn.Dispose();
        _emails.Dispose();
    }

    private static TimeSpan? Acquire(PartitionedRateLimiter<string> limiter, string account)
    {
        using var lease = limiter.AttemptAcquire(account.Trim().ToUpperInvariant());
        return lease.IsAcquired ? null : RateLimits.RetryAfter(lease);
    }
}
