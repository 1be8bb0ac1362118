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
public sealed class CurrentClinic(OnTrackDbContext db, Caller caller, IOptions<ClinicOptions> options)
{
    private Clinic? _clinic;

    public async Task<Clinic?> GetAsync(string? publicSlug = null, CancellationToken cancellationToken = default)
    {
        if (_clinic is not null)
        {
            return _clinic;
        }

        if (caller.ClinicId is { } id)
        {
            _clinic = await db.Clinics.Include(c => c.OpeningHours).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            return _clinic;
        }

        var slug = string.IsNullOrWhiteSpace(publicSlug) ? options.Value.DefaultClinic : publicSlug;
        _clinic = await db.Clinics.IgnoreQueryFilters().Include(c => c.OpeningHours).AsNoTracking()
            .SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        if (_clinic is not null)
        {
            caller.UsePublicClinic(_clinic.Id);
        }

        return _clinic;
    }
}
