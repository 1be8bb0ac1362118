using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnTrack.Web.Components.Account;
using OnTrack.Web.Data;

namespace OnTrack.Web.Security;

public static class SecuritySetup
{
    /// <summary>Cookie sign-in for the pages, bearer tokens for integrators; requests with an Authorization header use the token.</summary>
    public const string SmartScheme = "OnTrack";

    public const string ApiPolicy = "Api";

    /// <summary>A clinic tablet handed to one client: its own cookie, honoured only under /kiosk.</summary>
    public const string KioskScheme = "Kiosk";

    public static IServiceCollection AddOnTrackSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<Caller>();
        services.AddScoped<AccountLinks>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<Data.SecurityAudit>();
        services.AddScoped<Landing>();
        services.AddScoped<ClinicChoice>();
        services.AddScoped<Features.Clinics.Memberships>();
        services.AddSingleton<SourceLockout>();
        services.AddSingleton<KnownDevices>();
        services.AddOnTrackRateLimits(configuration);
        services.AddTrustedProxies(configuration);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? IdentityConstants.BearerScheme
                : context.Request.Path.StartsWithSegments("/kiosk") ? KioskScheme
                : IdentityConstants.ApplicationScheme)
            .AddCookie(KioskScheme, o =>
            {
                // Short-lived and not sliding: a tablet left lying about locks itself.
                o.Cookie.Name = "ontrack.kiosk";
                o.Cookie.Path = "/kiosk";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                o.SlidingExpiration = false;
                o.LoginPath = "/kiosk/locked";
                o.AccessDeniedPath = "/kiosk/locked";
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.RequireAuthenticatedUser())
            .AddOnTrackPolicies();
        services.AddHttpContextAccessor();
        services.AddScoped<PagePolicies>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, NotFoundWhenForbidden>();

        services.AddScoped<ILookupNormalizer, SafeLookupNormalizer>();
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = true;
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                o.User.RequireUniqueEmail = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireNonAlphanumeric = false;
                o.Tokens.AuthenticatorTokenProvider = OneTimeCodes.Name;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OnTrackDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<OnTrackClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeCodes>(OneTimeCodes.Name);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ontrack.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
            // A sign-in refreshed after its security stamp is re-checked stays at the clinic it was for, or ends.
            var validate = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                if (!Guid.TryParse(context.Principal?.FindFirstValue(OnTrackClaims.Clinic), out var clinic))
                {
                    await validate(context);
                    return;
                }

                var choice = context.HttpContext.RequestServices.GetRequiredService<ClinicChoice>();
                choice.Refreshing = clinic;
                try
                {
                    await validate(context);
                }
                finally
                {
                    choice.Refreshing = null;
                }

                if (context.Principal is { } refreshed && refreshed.FindFirstValue(OnTrackClaims.Clinic) != clinic.ToString())
                {
                    context.RejectPrincipal(); // no longer a member there: signed out, not moved to another of their clinics
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            };
            o.Events.OnRedirectToLogin = context => ApiAware(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAware(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ontrack.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return services;
    }

    /// <summary>
    /// Plain HTTP is served only to this machine (the demo on localhost, a reverse proxy on the same host
    /// that forwards the original scheme); everyone else is sent to HTTPS. Cookies are marked Secure on
    /// every HTTPS request, so outside loopback they are always Secure.
    /// </summary>
    public static IApplicationBuilder UseHttpsOutsideLoopback(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var remote = context.Connection.RemoteIpAddress;
        if (context.Request.IsHttps || remote is null || System.Net.IPAddress.IsLoopback(remote))
        {
            await next();
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Redirect($"https://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}", permanent: true);
            return;
        }

        await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "HTTPS required", detail: "OnTrack accepts plain HTTP only from this machine. Use https://.").ExecuteAsync(context);
    });

    /// <summary>
    /// The API's answer to cross-site request forgery: a state-changing API call that relies on the
    /// sign-in cookie (no Authorization header) must come from this site. Browsers say where a request
    /// comes from (Sec-Fetch-Site, Origin); bearer-token callers are not affected. Forms are protected by
    /// antiforgery tokens instead. The few anonymous paths a feature names in <see cref="CrossSiteApiOptions"/>
    /// are exempt: they rely on no cookie.
    /// </summary>
    public static IApplicationBuilder UseSameOriginApi(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !HttpMethods.IsOptions(request.Method) && request.Headers.Authorization.Count == 0
            && !context.RequestServices.GetRequiredService<IOptions<CrossSiteApiOptions>>().Value.Paths.Contains(request.Path.Value ?? ""))
        {
            var site = request.Headers["Sec-Fetch-Site"].ToString();
            var origin = request.Headers.Origin.ToString();
            var crossSite = (site.Length > 0 && site is not ("same-origin" or "none"))
                || (origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || !string.Equals(o.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)));
            if (crossSite)
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused",
                    detail: "This API call must come from OnTrack's own pages, or carry a bearer token.").ExecuteAsync(context);
                return;
            }
        }

        await next();
    });

    /// <summary>
    /// Checks the sign-in against the account as it is now, on every request (one small query): a cookie
    /// or bearer token issued before the password was reset or two-factor sign-in was turned on (its
    /// security stamp no longer matches) counts as signed out; then sets <see cref="Caller"/> and sends
    /// staff who must enrol in two-factor sign-in — by the clinic's rule as it is now — to do so.
    /// </summary>
    public static IApplicationBuilder UseCaller(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var mustEnrol = await CheckSessionAsync(context);
        var caller = context.RequestServices.GetRequiredService<Caller>();
        caller.SetFromPrincipal(context.User);
        caller.IpAddress = context.Connection.RemoteIpAddress?.ToString();

        if (mustEnrol && caller.IsStaff && !IsEnrolmentPath(context.Request.Path))
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Two-factor sign-in required",
                    detail: "Your clinic requires staff to enrol an authenticator app. Enrol at /Account/Manage/EnableAuthenticator.").ExecuteAsync(context);
                return;
            }

            context.Response.Redirect("/Account/Manage/EnableAuthenticator?required=true");
            return;
        }

        await next();
    });

    /// <summary>Signs out a stale sign-in; true when the account must still enrol in two-factor sign-in.</summary>
    private static async Task<bool> CheckSessionAsync(HttpContext context)
    {
        var user = context.User;
        var stampClaim = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id || user.FindFirstValue(stampClaim) is not { } stamp)
        {
            return false; // anonymous, or a kiosk sign-in (short-lived, started by staff)
        }

        // The sign-in is for one clinic: the person must still hold there every role it carries, and that clinic's two-factor rule applies.
        var clinic = Guid.TryParse(user.FindFirstValue(OnTrackClaims.Clinic), out var claimed) ? claimed : Guid.Empty;
        var roles = user.FindAll(context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.RoleClaimType).Select(c => c.Value).Distinct().ToList();
        var db = context.RequestServices.GetRequiredService<OnTrackDbContext>();
        var live = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new
            {
                u.SecurityStamp,
                u.TwoFactorEnabled,
                Member = db.ClinicMemberships.AcrossClinics(Bypass.Identity).Any(m => m.UserId == u.Id && m.ClinicId == clinic),
                Held = db.ClinicMemberships.AcrossClinics(Bypass.Identity).Count(m => m.UserId == u.Id && m.ClinicId == clinic && roles.Contains(m.Role)),
                ClinicRequires = db.Clinics.AcrossClinics(Bypass.Identity).Where(c => c.Id == clinic).Select(c => c.RequireStaffTwoFactor).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(context.RequestAborted);
        if (live is null || live.SecurityStamp != stamp || !live.Member || live.Held != roles.Count)
        {
            if (context.Request.Headers.Authorization.Count == 0)
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            }

            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            return false;
        }

        return live.ClinicRequires && !live.TwoFactorEnabled;
    }

    /// <summary>Believe X-Forwarded-For/-Proto only from the proxies named in OnTrack:Proxies:Trusted.</summary>
    private static void AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyOptions>().Bind(configuration.GetSection(ProxyOptions.Section))
            .Validate(o => o.Trusted.All(ProxyOptions.IsNetwork), $"{ProxyOptions.Section}:Trusted must list IP addresses (10.0.0.5) or networks (10.0.0.0/8).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in proxies.Value.Networks())
            {
                o.KnownIPNetworks.Add(network);
            }
        });
    }

    // Enrolment needs the account pages and the static files they use, nothing else.
    private static bool IsEnrolmentPath(PathString path) =>
        path.StartsWithSegments("/Account") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/lib")
        || path.StartsWithSegments("/_content") || path.StartsWithSegments("/Components/Account")
        || (path.Value is { } value && value.LastIndexOf('/') == 0 && value.EndsWith(".css", StringComparison.Ordinal));

    private static Task ApiAware(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>
/// API paths any site may post to, exempt from <see cref="SecuritySetup.UseSameOriginApi"/>: anonymous endpoints
/// whose secret is in the request itself and that use no cookie, such as the RFC 8058 one-click stop that mail
/// apps post from their own servers or pages. Exact paths only; a feature adds its own.
/// </summary>
public sealed class CrossSiteApiOptions
{
    public ISet<string> Paths { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
