using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnTrack.Web.Data;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Clinics;

/// <summary>Settings under "OnTrack".</summary>
public sealed class ClinicOptions
{
    public const string Section = "OnTrack";

    /// <summary>The clinic whose public pages a visitor sees when no clinic is named in the URL.</summary>
    public string DefaultClinic { get; set; } = "demo";

    /// <summary>Create the demo clinic on first start. Turn off for real use.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>The address clients use to reach OnTrack, for links in emails and calendar feeds.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";
}

/// <summary>The clinic of the current request: the signed-in user's, or for visitors the one named by ?clinic= or the default.</summary>
public sealed class CurrentClinic(OnTrackDbContext db, Caller caller, IOptions<ClinicOptions> options, ClinicCache cache)
{
    private Task<Clinic?>? _clinic;

    /// <summary>
    /// Loads the clinic once per request (from the node's <see cref="ClinicCache"/> when it has it); later and concurrent callers share the one query, so the
    /// layout and the page never use the request's database context at the same time.
    /// </summary>
    public Task<Clinic?> GetAsync(string? publicSlug = null, CancellationToken cancellationToken = default) =>
        _clinic ??= LoadAsync(publicSlug, cancellationToken);

    private async Task<Clinic?> LoadAsync(string? publicSlug, CancellationToken cancellationToken)
    {
        if (caller.ClinicId is { } id)
        {
            return await cache.GetAsync(id, ct => db.Clinics.Include(c => c.OpeningHours).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct), cancellationToken);
        }

        var slug = string.IsNullOrWhiteSpace(publicSlug) ? options.Value.DefaultClinic : publicSlug;
        if (slug.Contains('\0', StringComparison.Ordinal))
        {
            return null; // names no clinic, and PostgreSQL refuses a NUL in text (a 500 before)
        }

        var clinic = await cache.GetAsync(slug, ct => db.Clinics.AcrossClinics(Bypass.Identity).Include(c => c.OpeningHours).AsNoTracking()
            .SingleOrDefaultAsync(c => c.Slug == slug, ct), cancellationToken);
        if (clinic is not null)
        {
            caller.UsePublicClinic(clinic.Id);
        }

        return clinic;
    }
}

internal static class CurrentClinicMiddleware
{
    /// <summary>
    /// Pages render their layout and body concurrently; loading the clinic before rendering keeps the
    /// layout off the database while the page uses it.
    /// </summary>
    public static IApplicationBuilder UseCurrentClinic(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null)
        {
            await context.RequestServices.GetRequiredService<CurrentClinic>().GetAsync(context.Request.Query["clinic"], context.RequestAborted);
        }

        await next();
    });
}
