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

    /// <summary>Opens the confirmation link from the new client's email, as they would, then signs in.</summary>
    public static async Task<HttpClient> ConfirmAndSignInAsync(this OnTrackApp app, object newClient)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(newClient);
        var email = (string)newClient.GetType().GetProperty("email")!.GetValue(newClient)!;
        var body = await app.WithDbAsync(db => db.Outbox.Where(m => m.To == email && m.Kind == "account").Select(m => m.TextBody).SingleAsync());
        var link = new Uri(body.Split('\n').Single(l => l.Contains("/Account/ConfirmEmail", StringComparison.Ordinal)).Trim());
        var page = await app.CreateClient().GetStringAsync(link.PathAndQuery);
        Assert.Contains("Thank you for confirming your email", page, StringComparison.Ordinal);
        return await app.SignInAsync(email, "Test-password-2026");
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
