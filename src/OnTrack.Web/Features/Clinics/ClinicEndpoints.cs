using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OnTrack.Web.Features.Scheduling;

namespace OnTrack.Web.Features.Clinics;

public sealed record OpeningHoursDto(string Day, string Opens, string Closes);

public sealed record ClinicDto(string Slug, string Name, string Address, IReadOnlyList<string> Phones, string Email, string TimeZone, int CancellationWindowHours, string CrisisResources, IReadOnlyList<OpeningHoursDto> OpeningHours);

public static class ClinicEndpoints
{
    public static IServiceCollection AddClinics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClinicOptions>().Bind(configuration.GetSection(ClinicOptions.Section))
            .Validate(o => Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out _), "OnTrack:PublicUrl must be an absolute URL, e.g. https://clinic.example.org.")
            .ValidateOnStart();
        services.AddScoped<CurrentClinic>();
        services.AddScoped<ClinicSettings>();
        return services;
    }

    public static IEndpointRouteBuilder MapClinics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/clinic", GetAsync).AllowAnonymous().WithTags("Clinic").WithSummary("The clinic's contact details, opening hours and crisis resources");
        return app;
    }

    public static ClinicDto ToDto(Clinic c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ClinicDto(c.Slug, c.Name, c.Address, c.Phones.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), c.Email,
            c.TimeZoneId, c.CancellationWindowHours, c.CrisisResources,
            c.OpeningHours.OrderBy(o => o.Day).ThenBy(o => o.Start).Select(o => new OpeningHoursDto(o.Day.ToString(), o.Start.ToString("HH:mm", null), o.End.ToString("HH:mm", null))).ToList());
    }

    private static async Task<Results<Ok<ClinicDto>, ProblemHttpResult>> GetAsync(CurrentClinic current, [FromQuery(Name = "clinic")] string? slug, CancellationToken ct)
    {
        var clinic = await current.GetAsync(slug, ct);
        return clinic is null ? (ProblemHttpResult)Problem.NotFound("The clinic").ToResult() : TypedResults.Ok(ToDto(clinic));
    }
}
