using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
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

    public static IServiceCollection AddOnTrackSecurity(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<Caller>();
        services.AddScoped<AccountLinks>();

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
            .AddPolicy(ApiPolicy, p => p.RequireAuthenticatedUser());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, NotFoundWhenForbidden>();

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
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OnTrackDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<OnTrackClaimsFactory>()
            .AddDefaultTokenProviders();

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
    /// antiforgery tokens instead.
    /// </summary>
    public static IApplicationBuilder UseSameOriginApi(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !HttpMethods.IsOptions(request.Method) && request.Headers.Authorization.Count == 0)
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

    /// <summary>Sets <see cref="Caller"/> from the signed-in user and sends staff who must enrol in two-factor sign-in to do so.</summary>
    public static IApplicationBuilder UseCaller(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var caller = context.RequestServices.GetRequiredService<Caller>();
        caller.SetFromPrincipal(context.User);
        caller.IpAddress = context.Connection.RemoteIpAddress?.ToString();

        if (caller.IsStaff
            && context.User.HasClaim(OnTrackClaimsFactory.ClinicRequiresStaffTwoFactor, "true")
            && context.User.HasClaim(OnTrackClaimsFactory.TwoFactorEnabled, "false")
            && !IsEnrolmentPath(context.Request.Path))
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
