namespace OnTrack.Web.Features.Instruments;

/// <summary>Reads the instrument catalog before the server takes requests, so a broken definition stops start-up.</summary>
internal sealed class InstrumentCatalogCheck(InstrumentCatalog catalog, ILogger<InstrumentCatalogCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("{Count} instruments loaded from {Folder}", catalog.All.Count, catalog.Folder);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
