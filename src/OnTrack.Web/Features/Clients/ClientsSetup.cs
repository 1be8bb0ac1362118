namespace OnTrack.Web.Features.Clients;

public static class ClientsSetup
{
    public static IServiceCollection AddClients(this IServiceCollection services)
    {
        services.AddScoped<ClientInvitations>();
        services.AddScoped<ClinicJoining>();
        services.AddSingleton<ClinicInvitationTokens>();
        return services;
    }
}
