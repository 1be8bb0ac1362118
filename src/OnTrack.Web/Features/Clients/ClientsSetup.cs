namespace OnTrack.Web.Features.Clients;

public static class ClientsSetup
{
    public static IServiceCollection AddClients(this IServiceCollection services)
    {
        services.AddScoped<NewClientAccounts>();
        services.AddScoped<ClientInvitations>();
        services.AddScoped<ClientAccess>();
        services.AddScoped<CareTeams>();
        return services;
    }
}
