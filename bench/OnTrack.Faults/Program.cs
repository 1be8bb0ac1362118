// Load for bench/faults/run.sh: clients submit forms (POST /api/responses) and book sessions
// (POST /api/appointments) across the nodes, each with an Idempotency-Key, retrying a failed attempt
// with the same key on another node as a careful client would. Every answer is written to the log;
// the script then checks the database against the acknowledged (2xx) writes.
//   OnTrack.Faults NODES SECONDS LOG [WORKERS]   NODES: comma-separated base URLs; stops early when LOG.stop exists
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

var nodes = args[0].Split(',');
var seconds = int.Parse(args[1], CultureInfo.InvariantCulture);
var logPath = args[2];
var workers = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4;
var clients = new[] { "alex.morgan@example.test", "jordan.lee@example.test", "priya.patel@example.test", "sam.rivera@example.test" };
const string password = "OnTrack-Demo-2026";

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
var log = new BlockingCollection<string>();
var writer = Task.Run(async () =>
{
    await using var file = new StreamWriter(logPath, append: false) { AutoFlush = true };
    foreach (var line in log.GetConsumingEnumerable())
    {
        await file.WriteLineAsync(line);
    }
});

async Task<T> OnAnyNodeAsync<T>(Func<string, Task<T>> action)
{
    for (var attempt = 0; ; attempt++)
    {
        try
        {
            return await action(nodes[attempt % nodes.Length]);
        }
        catch (Exception) when (attempt < 600)
        {
            await Task.Delay(500);
        }
    }
}

// Bearer tokens (valid on every node: the data-protection keys are in the database).
var tokens = new string[clients.Length];
for (var i = 0; i < clients.Length; i++)
{
    var email = clients[i];
    tokens[i] = await OnAnyNodeAsync(async node =>
    {
        using var response = await http.PostAsJsonAsync($"{node}/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    });
}

// A therapist records paper forms for the clients they see (clients may only submit what is due).
var therapist = await OnAnyNodeAsync(async node =>
{
    using var response = await http.PostAsJsonAsync($"{node}/api/auth/login", new { email = "maya.chen@demo.ontrack.test", password });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
});
var seen = await OnAnyNodeAsync(async node =>
{
    using var request = new HttpRequestMessage(HttpMethod.Get, $"{node}/api/clients");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", therapist);
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray();
});

var services = await OnAnyNodeAsync(async node => await http.GetFromJsonAsync<JsonElement>($"{node}/api/services"));
var individual = services.EnumerateArray().Where(s => s.GetProperty("capacity").GetInt32() == 1).Select(s => s.GetProperty("id").GetString()!).ToArray();

var stop = Stopwatch.StartNew();
var counts = new ConcurrentDictionary<string, int>();
async Task WorkAsync(int worker)
{
    var random = new Random(1000 + worker);
    var slots = new List<(string Service, string Therapist, string Start)>();
    while (stop.Elapsed.TotalSeconds < seconds && !File.Exists(logPath + ".stop"))
    {
        var who = random.Next(clients.Length);
        var key = Guid.NewGuid().ToString();
        string kind, url, body;
        if (random.Next(2) == 0)
        {
            kind = "response";
            url = "/api/responses";
            var instrument = random.Next(2) == 0 ? "gad-7" : "phq-9";
            var answers = Enumerable.Range(1, instrument == "gad-7" ? 7 : 9)
                .ToDictionary(i => i.ToString(CultureInfo.InvariantCulture), i => (i == 9 && random.Next(10) > 0 ? 0 : random.Next(4)).ToString(CultureInfo.InvariantCulture));
            if (seen.Length > 0 && random.Next(2) == 0)
            {
                kind = "paper-response";
                body = JsonSerializer.Serialize(new { clientId = seen[random.Next(seen.Length)], instrumentId = instrument, answers, completedAt = DateTimeOffset.UtcNow.AddMinutes(-5) });
            }
            else
            {
                body = JsonSerializer.Serialize(new { instrumentId = instrument, answers });
            }
        }
        else
        {
            if (slots.Count == 0)
            {
                var service = individual[random.Next(individual.Length)];
                try
                {
                    var found = await http.GetFromJsonAsync<JsonElement>($"{nodes[random.Next(nodes.Length)]}/api/slots?serviceId={service}&days=28&from={DateTime.UtcNow.AddDays(1 + random.Next(60)):yyyy-MM-dd}");
                    slots = [.. found.EnumerateArray().Select(s => (service, s.GetProperty("therapistId").GetString()!, s.GetProperty("start").GetString()!)).OrderBy(_ => random.Next())];
                }
                catch (Exception)
                {
                    await Task.Delay(300);
                    continue;
                }

                if (slots.Count == 0)
                {
                    continue;
                }
            }

            var slot = slots[^1];
            slots.RemoveAt(slots.Count - 1);
            kind = "booking";
            url = "/api/appointments";
            body = JsonSerializer.Serialize(new { serviceId = slot.Service, therapistId = slot.Therapist, start = slot.Start });
        }

        // The same key on every attempt: an ambiguous failure (a dropped connection, a 5xx) is retried.
        var outcome = "gave-up,";
        var node = 0;
        var attempts = 0;
        for (; attempts < 20 && outcome == "gave-up,"; attempts++)
        {
            node = random.Next(nodes.Length);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, nodes[node] + url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", kind == "paper-response" ? therapist : tokens[who]);
                request.Headers.Add("Idempotency-Key", key);
                using var response = await http.SendAsync(request);
                var status = (int)response.StatusCode;
                if (status >= 500 || status == 429)
                {
                    counts.AddOrUpdate($"retried after {status}", 1, (_, n) => n + 1);
                    await Task.Delay(300 + random.Next(700));
                    continue;
                }

                var text = await response.Content.ReadAsStringAsync();
                var ids = "";
                if (status is >= 200 and < 300)
                {
                    var json = JsonDocument.Parse(text).RootElement;
                    ids = kind != "booking"
                        ? json.GetProperty("response").GetProperty("id").GetString()!
                        : string.Join(";", json.GetProperty("appointments").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
                }

                outcome = $"{status},{ids}";
            }
            catch (Exception e)
            {
                counts.AddOrUpdate($"retried after {e.GetType().Name}", 1, (_, n) => n + 1);
                await Task.Delay(300 + random.Next(700));
            }
        }

        counts.AddOrUpdate($"{kind} {outcome.Split(',')[0]}", 1, (_, n) => n + 1);
        log.Add($"{kind},{key},{attempts},{node + 1},{outcome}");
    }
}

await Task.WhenAll(Enumerable.Range(0, workers).Select(WorkAsync));
log.CompleteAdding();
await writer;
foreach (var (what, n) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  {what}: {n}");
}
