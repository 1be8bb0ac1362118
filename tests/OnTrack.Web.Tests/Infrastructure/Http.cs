using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Features.Scheduling;

namespace OnTrack.Web.Tests.Infrastructure;

/// <summary>Small helpers over the public API, so tests read as what a user does.</summary>
public static class Http
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (await response.Content.ReadFromJsonAsync<T>(OnTrackApp.Json))!;
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public static async Task<ServiceDto> ServiceAsync(this HttpClient client, string name)
    {
        ArgumentNullException.ThrowIfNull(client);
        var services = await client.GetFromJsonAsync<List<ServiceDto>>("/api/services", OnTrackApp.Json);
        return services!.Single(s => s.Name == name);
    }

    public static async Task<List<SlotDto>> SlotsAsync(this HttpClient client, Guid serviceId, Guid? therapistId = null, string? from = null, int days = 7)
    {
        ArgumentNullException.ThrowIfNull(client);
        var url = $"/api/slots?serviceId={serviceId}&days={days}" + (therapistId is null ? "" : $"&therapistId={therapistId}") + (from is null ? "" : $"&from={from}");
        return (await client.GetFromJsonAsync<List<SlotDto>>(url, OnTrackApp.Json))!;
    }

    public static object NewClient(string name) => new
    {
        fullName = name,
        email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.test",
        phone = "555-0100",
        password = "Test-password-2026",
    };

    /// <summary>
    /// Opens the link in the new client's "confirm your booking" email, as they would, then signs in; the
    /// link's return address is the Book page with what they chose.
    /// </summary>
    public static async Task<(HttpClient Client, Uri BookPage)> ConfirmAndSignInWithLinkAsync(this OnTrackApp app, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        var body = await app.WithDbAsync(db => db.Outbox.Where(m => m.To == email && m.Kind == "booking-request").Select(m => m.TextBody).SingleAsync());
        var link = new Uri(body.Split('\n').Single(l => l.Contains("/Account/ConfirmEmail", StringComparison.Ordinal)).Trim());
        var page = await app.CreateClient().GetStringAsync(link.PathAndQuery);
        Assert.Contains("Thank you for confirming your email", page, StringComparison.Ordinal);
        var returnUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)["returnUrl"].Single()!;
        return (await app.SignInAsync(email, "Test-password-2026"), new Uri(new Uri("https://localhost"), returnUrl));
    }

    public static async Task<HttpClient> ConfirmAndSignInAsync(this OnTrackApp app, object newClient)
    {
        ArgumentNullException.ThrowIfNull(newClient);
        return (await app.ConfirmAndSignInWithLinkAsync(EmailOf(newClient))).Client;
    }

    public static string EmailOf(object newClient)
    {
        ArgumentNullException.ThrowIfNull(newClient);
        return (string)newClient.GetType().GetProperty("email")!.GetValue(newClient)!;
    }

    /// <summary>
    /// A first booking as a new client makes it: the anonymous request (202, nothing booked), the email's
    /// link, sign-in, then the booking of what the link's Book page shows (with the people from the request,
    /// whom the page asks for again). Answers the signed-in client and the booking's answer.
    /// </summary>
    public static async Task<(HttpClient Client, HttpResponseMessage Booked)> BookAsNewClientAsync(this OnTrackApp app, object request)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(request);
        var requested = await app.CreateClient().BookAsync(request);
        Assert.True(requested.StatusCode == HttpStatusCode.Accepted, $"Expected 202 but got {(int)requested.StatusCode}: {await requested.Content.ReadAsStringAsync()}");
        var json = JsonSerializer.SerializeToNode(request, OnTrackApp.Json)!.AsObject();
        return await app.BookFromEmailLinkAsync(json["newClient"]!["email"]!.GetValue<string>(), json["otherClients"]);
    }

    /// <summary>The second half of <see cref="BookAsNewClientAsync"/>: the email's link, sign-in, the booking its Book page shows.</summary>
    public static async Task<(HttpClient Client, HttpResponseMessage Booked)> BookFromEmailLinkAsync(this OnTrackApp app, string email, System.Text.Json.Nodes.JsonNode? otherClients = null)
    {
        var (client, bookPage) = await app.ConfirmAndSignInWithLinkAsync(email);

        var chosen = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(bookPage.Query);
        string? Read(string name) => chosen.TryGetValue(name, out var v) ? v.Single() : null;
        var booking = new System.Text.Json.Nodes.JsonObject
        {
            ["serviceId"] = Read("service"),
            ["therapistId"] = Read("therapist") is { } t and not "any" ? t : null,
            ["start"] = Read("start"),
            ["repeat"] = Read("repeat") ?? "None",
            ["sessions"] = Read("sessions") is { } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 1,
            ["secondDay"] = Read("second"),
            ["otherClients"] = otherClients?.DeepClone(),
        };
        return (client, await client.PostAsJsonAsync("/api/appointments", booking, OnTrackApp.Json));
    }

    /// <summary>A new client who asked for <paramref name="booking"/> (the anonymous request, 202), opened the email's link and signed in; nothing booked yet.</summary>
    public static async Task<HttpClient> NewClientSignedInAsync(this OnTrackApp app, string name, object booking)
    {
        ArgumentNullException.ThrowIfNull(app);
        var json = JsonSerializer.SerializeToNode(booking, OnTrackApp.Json)!.AsObject();
        var newClient = NewClient(name);
        json["newClient"] = JsonSerializer.SerializeToNode(newClient, OnTrackApp.Json);
        var requested = await app.CreateClient().PostAsJsonAsync("/api/appointments", json, OnTrackApp.Json);
        Assert.True(requested.StatusCode == HttpStatusCode.Accepted, $"Expected 202 but got {(int)requested.StatusCode}: {await requested.Content.ReadAsStringAsync()}");
        return await app.ConfirmAndSignInAsync(newClient);
    }

    /// <summary><see cref="BookAsNewClientAsync"/>, asserting 201, with the booking.</summary>
    public static async Task<(HttpClient Client, BookingResponse Booking)> BookedAsNewClientAsync(this OnTrackApp app, object request)
    {
        var (client, booked) = await app.BookAsNewClientAsync(request);
        Assert.True(booked.StatusCode == HttpStatusCode.Created, $"Expected 201 but got {(int)booked.StatusCode}: {await booked.Content.ReadAsStringAsync()}");
        return (client, await booked.ReadAsync<BookingResponse>());
    }

    public static Task<HttpResponseMessage> BookAsync(this HttpClient client, object request)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PostAsJsonAsync("/api/appointments", request, OnTrackApp.Json);
    }

    public static Task<int> CountAppointmentsAsync(this OnTrackApp app) =>
        app.WithDbAsync(db => db.Appointments.CountAsync());

    public static Task<Guid> TherapistIdAsync(this OnTrackApp app, string name) =>
        app.WithDbAsync(db => db.Therapists.Where(t => t.DisplayName == name).Select(t => t.Id).SingleAsync());

    /// <summary>The next date (from the app's clock) that falls on <paramref name="day"/>, as yyyy-MM-dd.</summary>
    public static string Next(this OnTrackApp app, IsoDayOfWeek day, int weeksLater = 0)
    {
        ArgumentNullException.ThrowIfNull(app);
        var zone = DateTimeZoneProviders.Tzdb["America/Phoenix"];
        return app.Clock.GetCurrentInstant().InZone(zone).Date.Next(day).PlusWeeks(weeksLater).ToString("yyyy-MM-dd", null);
    }
}
