namespace OnTrack.Web.Features.Staff;

public static class StaffSetup
{
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddScoped<StaffAccounts>();
        services.AddScoped<Data.DemoClinic>();
        return services;
    }
}
