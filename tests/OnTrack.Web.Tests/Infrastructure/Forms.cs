using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace OnTrack.Web.Tests.Infrastructure;

/// <summary>The account pages as a browser uses them: cookies, antiforgery tokens, form posts, no automatic redirects.</summary>
public static partial class Forms
{
    /// <summary>A browser on another machine (HTTPS, its own address and cookies).</summary>
    public static HttpClient Browser(this OnTrackApp app, string address = "198.51.100.10")
    {
        ArgumentNullException.ThrowIfNull(app);
        var handler = new CookieContainerHandler { InnerHandler = app.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(address)) };
        return new HttpClient(handler) { BaseAddress = new Uri("https://localhost") };
    }

    /// <summary>GET /contact as a proxy at <paramref name="from"/> forwards it: the browser used https://clinic.example.</summary>
    public static Task<Microsoft.AspNetCore.Http.HttpContext> ForwardedHttpsAsync(this OnTrackApp app, string from)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Scheme = "http";
            c.Request.Host = new Microsoft.AspNetCore.Http.HostString("clinic.example");
            c.Request.Path = "/contact";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "198.51.100.99";
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
        });
    }

    /// <summary>Opens the page, then sends its form <paramref name="formName"/> with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, string formName, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetStringAsync(url);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {url}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value), ["_handler"] = formName };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>Signs in on the sign-in page.</summary>
    public static Task<HttpResponseMessage> LogInAsync(this HttpClient client, string email, string password = Web.Data.DemoClinic.Password, string? returnUrl = null) =>
        client.PostFormAsync(returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "login",
            new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Asks for a first session as a new client: the account is made, its email not yet confirmed, nothing booked yet.</summary>
    public static async Task<string> BookAsNewClientAsync(this OnTrackApp app, string name, string start)
    {
        ArgumentNullException.ThrowIfNull(app);
        var anonymous = app.CreateClient();
        var service = await anonymous.ServiceAsync("Individual therapy");
        var newClient = Http.NewClient(name);
        var booked = await anonymous.BookAsync(new { serviceId = service.Id, start = Phoenix.At(start), newClient });
        Assert.Equal(HttpStatusCode.Accepted, booked.StatusCode);
        return Http.EmailOf(newClient);
    }

    /// <summary>A link containing <paramref name="text"/> in the emails to <paramref name="email"/>.</summary>
    public static async Task<Uri> LinkInEmailAsync(this OnTrackApp app, string email, string text)
    {
        ArgumentNullException.ThrowIfNull(app);
        var bodies = await app.WithDbAsync(db => db.Outbox.Where(m => m.To == email).Select(m => m.TextBody).ToListAsync());
        var line = bodies.SelectMany(b => b.Split('\n')).Last(l => l.Contains(text, StringComparison.Ordinal) && l.Contains("://", StringComparison.Ordinal));
        return new Uri(line.Trim());
    }

    public static Task<int> EmailsToAsync(this OnTrackApp app, string email, string subject) =>
        app.WithDbAsync(db => db.Outbox.CountAsync(m => m.To == email && m.Subject == subject));

    public static async Task<JsonElement> LoginApiAsync(this HttpClient client, string email, string password, HttpStatusCode expected, string? twoFactorCode = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password, twoFactorCode });
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        return await response.ProblemAsync(expected);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
