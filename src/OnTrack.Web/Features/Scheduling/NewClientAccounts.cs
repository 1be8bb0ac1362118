using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Notifications;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Scheduling;

/// <summary>What an anonymous visitor asked to book, for the email: its words and the Book page that books it once signed in.</summary>
public sealed record FirstBooking(string What, string BookPath);

/// <summary>
/// An anonymous first booking's account and email. Whether the address is known decides only what the
/// email to it says, never the answer or (roughly) its time: both ways check the password and hash it
/// once, write one email and the idempotency record in one transaction, and answer
/// <see cref="BookingRequested.CheckEmail"/> (decision 010).
/// </summary>
public sealed class NewClientAccounts(
    OnTrackDbContext db,
    UserManager<ApplicationUser> users,
    Caller caller,
    AccountLinks links,
    AccountThrottle throttle,
    Memberships memberships,
    IOptions<ClinicOptions> options, IClock clock)
{
    public async Task<Result<BookingRequested>> RequestFirstBookingAsync(
        Clinic clinic, NewClientDetails details, FirstBooking booking, (string Scope, string Key)? idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(booking);
        if (idempotency is { } retried && await db.IdempotencyRecords.AsNoTracking().AnyAsync(r => r.Scope == retried.Scope && r.Key == retried.Key, cancellationToken))
        {
            return BookingRequested.CheckEmail;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var answer = await AnswerAsync(clinic, details, booking, idempotency, cancellationToken);
        if (answer.Succeeded)
        {
            // Both ways hash the password once, but a new account's rows take more queries than one email (tens
            // of milliseconds): every answer waits out the same floor, so its time says nothing about the address.
            var left = MinimumAnswerTime - System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, cancellationToken);
            }
        }

        return answer;
    }

    /// <summary>Longer than either way takes on a busy two-core server (about 100 to 400 ms in the tests).</summary>
    internal static readonly TimeSpan MinimumAnswerTime = TimeSpan.FromMilliseconds(500);

    private async Task<Result<BookingRequested>> AnswerAsync(
        Clinic clinic, NewClientDetails details, FirstBooking booking, (string Scope, string Key)? idempotency, CancellationToken cancellationToken)
    {
        // The password rules are checked for every address, so a weak password is refused whether or not it is known.
        var email = details.Email.Trim();
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, new ApplicationUser { UserName = email, Email = email }, details.Password);
            if (!checkedPassword.Succeeded)
            {
                return Problem.BadRequest(string.Join(" ", checkedPassword.Errors.Select(e => e.Description)));
            }
        }

        // An email the installation already knows (an account at any clinic, or a record staff made here) is
        // never taken over by someone booking anonymously, and its owner books after signing in.
        var user = await users.FindByEmailAsync(email);
        var known = user is not null
                    || await db.ClientRecords.Unfiltered(Bypass.DuplicateEmail).AnyAsync(c => c.Email.ToUpper() == email.ToUpperInvariant(), cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        string? subject = null, body = null;
        if (!known)
        {
            user = new ApplicationUser { UserName = email, Email = email, ClinicId = clinic.Id, FullName = details.FullName.Trim(), PhoneNumber = details.Phone?.Trim() };
            var created = await users.CreateAsync(user, details.Password);
            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return Problem.BadRequest(string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await memberships.GrantAsync(user, clinic.Id, Roles.Client, cancellationToken);
            var client = new Client { ClinicId = clinic.Id, Email = email, CreatedAt = now, UserId = user.Id, FullName = user.FullName, Phone = user.PhoneNumber ?? "" };
            db.ClientRecords.Add(client);
            caller.BecomeClient(clinic.Id, user.Id, email, client.Id);
            (subject, body) = ConfirmToBook(clinic, booking, await links.ConfirmEmailAsync(user, booking.BookPath));
        }
        else
        {
            // The hash a new account costs, so a known address answers in about the same time.
            users.PasswordHasher.HashPassword(user ?? new ApplicationUser(), details.Password);
            if (throttle.Emails(email) is null)
            {
                (subject, body) = user is { EmailConfirmed: false }
                    ? ConfirmToBook(clinic, booking, await links.ConfirmEmailAsync(user, booking.BookPath))
                    : SignInToBook(clinic, booking);
            }
        }

        if (subject is not null)
        {
            db.Outbox.Add(OutboxMessage.Email(clinic.Id, now, email, "booking-request", subject, body!));
        }

        if (idempotency is { } idem)
        {
            db.IdempotencyRecords.Add(IdempotencyRecord.Answer(clinic.Id, idem, StatusCodes.Status202Accepted, now, BookingRequested.CheckEmail));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException) when (idempotency is not null)
        {
            // The same request, sent twice at once, lost on the key's unique index: the first copy answered the same.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return BookingRequested.CheckEmail;
    }

    private static (string Subject, string Body) ConfirmToBook(Clinic clinic, FirstBooking booking, string confirmLink) =>
        ($"Confirm your booking at {clinic.Name}",
            $"You asked to book {booking.What} at {clinic.Name}.\n\n" +
            $"To confirm it, open this link, then sign in with this email and the password you chose:\n{confirmLink}\n\n" +
            "Nothing is booked until you do: if that time has gone by then, you can choose another.\n\n" +
            "If you did not ask for this, ignore this email: nothing is booked and no one can sign in with this address until the link is opened." +
            Footer(clinic));

    private (string Subject, string Body) SignInToBook(Clinic clinic, FirstBooking booking)
    {
        var site = options.Value.PublicUrl.TrimEnd('/');
        return ($"Your booking request at {clinic.Name}",
            $"Someone asked to book {booking.What} at {clinic.Name} with this email address. It already has an account, so nothing has been booked.\n\n" +
            $"If it was you, sign in to book that time:\n{site}/Account/Login?ReturnUrl={Uri.EscapeDataString(booking.BookPath)}\n\n" +
            $"Forgotten your password? Choose a new one here:\n{site}/Account/ForgotPassword\n\n" +
            "Never set a password with us, or the clinic added you? Call the office and we will book it with you.\n\n" +
            "If it was not you, you can ignore this email: no one can book in your name without signing in." +
            Footer(clinic));
    }

    private static string Footer(Clinic clinic) =>
        $"\n\n{clinic.Name}\n{clinic.Phones.Replace("\n", " / ", StringComparison.Ordinal)}\n" +
        (string.IsNullOrWhiteSpace(clinic.CrisisResources) ? "" : $"\nIf you are in crisis: {clinic.CrisisResources}\n");
}
