using OnTrack.Web.Api;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Security;

namespace OnTrack.Web;

internal static class Pipeline
{
    /// <summary>The middleware every request passes, in order.</summary>
    public static WebApplication UseOnTrackPipeline(this WebApplication app)
    {
        // First, so that everything after sees the client's address and scheme as the trusted proxy
        // reports them (HSTS is only sent on HTTPS; rate limits count by the client's address).
        app.UseForwardedHeaders();
        app.UseHeadAsGet();
        // A malformed form post (a bad antiforgery token, a missing field) is the caller's 400, not our 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            CreateScopeForErrors = true,
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseHttpsOutsideLoopback();
        app.UseSecurityHeaders();
        app.UseApiProblemDetails();
        app.UseSameOriginApi();

        // API callers get problem details for bare status codes; people get the "not found" page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/calendar"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));

        // Routing after the status-code pages, so that a re-executed request ("/not-found") finds its page.
        app.UseRouting();

        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseCaller();
        app.UseReadAudit();
        app.UseCurrentClinic();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>
    /// HEAD is GET without the body (RFC 9110 §9.3.2): uptime monitors and link checkers use it, and the page
    /// and API endpoints map GET only.
    /// </summary>
    private static void UseHeadAsGet(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next();
            return;
        }

        var body = context.Response.Body;
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = Stream.Null;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    });
}
