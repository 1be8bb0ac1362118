namespace OnTrack.Web.Features.Instruments;

/// <summary>Settings under "OnTrack:Measures" (the key predates this feature's own folder; kept so set-ups keep working).</summary>
public sealed class InstrumentOptions
{
    public const string Section = "OnTrack:Measures";

    /// <summary>The folder of instrument definitions; by default the ones shipped with OnTrack. A clinic adds its licensed instruments here.</summary>
    public string? InstrumentsFolder { get; set; }
}

public static class InstrumentsSetup
{
    /// <summary>The instrument definitions, read and checked once at start-up, for every feature that scores or shows a form.</summary>
    public static IServiceCollection AddInstruments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InstrumentOptions>().Bind(configuration.GetSection(InstrumentOptions.Section));
        services.AddSingleton<InstrumentCatalog>();
        services.AddHostedService<InstrumentCatalogCheck>();
        return services;
    }
}
