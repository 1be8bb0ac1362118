using Microsoft.AspNetCore.Identity;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Notifications;

public static class NotificationsSetup
{
    public static IServiceCollection AddOnTrackNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(o => o.PollInterval > TimeSpan.Zero, "OnTrack:Email:PollInterval must be positive.")
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(15) && o.Lease <= TimeSpan.FromMinutes(10), "OnTrack:Email:Lease must be between 00:00:15 and 00:10:00 (it is renewed while a message is sent).")
            .Validate(o => o.Delivery != EmailDelivery.Smtp || !string.IsNullOrWhiteSpace(o.SmtpHost), "OnTrack:Email:SmtpHost is required when OnTrack:Email:Delivery is Smtp.")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "OnTrack:Email:From must be an email address, e.g. \"Clinic <office@example.org>\".")
            .ValidateOnStart();
        services.AddSingleton<MailDelivery>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxWorker>();
        services.AddScoped<IEmailSender<ApplicationUser>, OutboxEmailSender>();
        return services;
    }
}
