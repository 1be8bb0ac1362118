using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Notifications;

/// <summary>Turns an outbox row into a MIME message and hands it to the pickup folder or an SMTP server.</summary>
public sealed class MailDelivery(IOptions<EmailOptions> options, IOptions<DatabaseOptions> database, IHostEnvironment environment)
{
    private readonly EmailOptions _options = options.Value;

    public string PickupFolder => Path.GetFullPath(_options.PickupFolder, Path.GetFullPath(database.Value.DataFolder, environment.ContentRootPath));

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var mime = ToMime(message);
        if (_options.Delivery == EmailDelivery.Smtp)
        {
            using var smtp = new SmtpClient { Timeout = (int)_options.SmtpTimeout.TotalMilliseconds };
            await smtp.ConnectAsync(_options.SmtpHost, _options.SmtpPort, _options.SmtpUseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            if (!string.IsNullOrEmpty(_options.SmtpUser))
            {
                await smtp.AuthenticateAsync(_options.SmtpUser, _options.SmtpPassword ?? "", cancellationToken);
            }

            await smtp.SendAsync(mime, cancellationToken);
            await smtp.DisconnectAsync(true, cancellationToken);
            return;
        }

        // Named by message id and moved into place without overwriting: even a second delivery of the
        // same message after a crash cannot produce a second file.
        Directory.CreateDirectory(PickupFolder);
        var final = Path.Combine(PickupFolder, $"{message.Id:N}.eml");
        if (File.Exists(final))
        {
            return;
        }

        var temp = Path.Combine(PickupFolder, $".{message.Id:N}.{Guid.NewGuid():N}.tmp");
        await mime.WriteToAsync(temp, cancellationToken);
        try
        {
            File.Move(temp, final, overwrite: false);
        }
        catch (IOException) when (File.Exists(final))
        {
            File.Delete(temp);
        }
    }

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(_options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.MessageId = $"{message.Id:N}@ontrack";
        mime.Date = message.CreatedAt.ToDateTimeOffset();

        var body = new BodyBuilder { TextBody = message.TextBody };
        if (message.CalendarAttachment is not null)
        {
            body.Attachments.Add("session.ics", System.Text.Encoding.UTF8.GetBytes(message.CalendarAttachment), new ContentType("text", "calendar") { Parameters = { { "method", "PUBLISH" }, { "charset", "utf-8" } } });
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }
}
