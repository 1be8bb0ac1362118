using Microsoft.AspNetCore.Http.HttpResults;
using OnTrack.Domain.Measures;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Measures;

public sealed record InstrumentSummary(string Id, string Version, string Title, int Items, ScoreDirection Direction, decimal Min, decimal Max, decimal? Cutoff, decimal? ReliableChange, string Source, string Licence);

public static class MeasuresEndpoints
{
    public static IServiceCollection AddMeasures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MeasuresOptions>().Bind(configuration.GetSection(MeasuresOptions.Section));
        services.AddSingleton<InstrumentCatalog>();
        services.AddHostedService<InstrumentCatalogCheck>();
        return services;
    }

    public static IEndpointRouteBuilder MapMeasures(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/instruments").WithTags("Measures").RequireAuthorization(SecuritySetup.ApiPolicy);
        api.MapGet("", (InstrumentCatalog catalog) => TypedResults.Ok(catalog.All.Values.OrderBy(i => i.Id, StringComparer.Ordinal).Select(Summary).ToList()))
            .WithSummary("The instruments this clinic can use, with their range, cutoff, reliable change, source and licence");
        api.MapGet("/{id}", Results<Ok<InstrumentSummary>, ProblemHttpResult> (string id, InstrumentCatalog catalog) =>
                catalog.All.TryGetValue(id, out var instrument) ? TypedResults.Ok(Summary(instrument)) : (ProblemHttpResult)Problem.NotFound($"The instrument '{id}'").ToResult())
            .WithSummary("One instrument");
        return app;
    }

    private static InstrumentSummary Summary(Instrument i) =>
        new(i.Id, i.Version, i.Title, i.Items.Count, i.Direction, i.TotalMin, i.TotalMax, i.Cutoff?.Value, i.ReliableChange?.Threshold, i.Source, i.Licence);
}
