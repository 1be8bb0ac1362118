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
        // same message after a crash cannot produce a second file. It is written in full (and flushed
        // to disk) under a temporary name in a subfolder that pickup readers do not scan, then renamed
        // within the same file system, so the pickup folder never holds a partial or empty file.
        Directory.CreateDirectory(PartialFolder);
        var final = Path.Combine(PickupFolder, $"{message.Id:N}.eml");
        if (File.Exists(final))
        {
            return;
        }

        var temp = Path.Combine(PartialFolder, $"{message.Id:N}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await mime.WriteToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, final, overwrite: false);
        }
        catch (IOException) when (File.Exists(final))
        {
            // Another delivery of the same message got there first.
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Where messages are written before they are moved into the pickup folder.</summary>
    public string PartialFolder => Path.Combine(PickupFolder, ".partial");

    /// <summary>Removes what a crashed node left half-written (older than <paramref name="age"/>, so never a file being written now).</summary>
    public void RemoveAbandonedPartialFiles(TimeSpan age)
    {
        if (!Directory.Exists(PartialFolder))
        {
            return;
        }

        foreach (var file in new DirectoryInfo(PartialFolder).EnumerateFiles("*.tmp").Where(f => f.LastWriteTimeUtc < DateTime.UtcNow - age))
        {
            try
            {
                file.Delete();
            }
            catch (IOException)
            {
            }
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
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        var body = new BodyBuilder { TextBody = message.TextBody };
        if (message.CalendarAttachment is not null)
        {
            body.Attachments.Add("session.ics", System.Text.Encoding.UTF8.GetBytes(message.CalendarAttachment), new ContentType("text", "calendar") { Parameters = { { "method", "PUBLISH" }, { "charset", "utf-8" } } });
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }
}
