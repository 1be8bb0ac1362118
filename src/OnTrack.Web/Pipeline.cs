using OnTrack.Web.Api;
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
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
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
        app.UseCurrentClinic();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
