using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using NodaTime;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Fuzz;

/// <summary>Ids that exist in the fuzzed database, so generated requests reach past "not found".</summary>
internal sealed record IdPools(
    IReadOnlyList<Guid> Services,
    IReadOnlyList<Guid> Therapists,
    IReadOnlyList<Guid> Clients,
    IReadOnlyList<Guid> Appointments,
    IReadOnlyList<Guid> Alerts,
    IReadOnlyList<Guid> Responses,
    IReadOnlyDictionary<string, IReadOnlyList<string>> InstrumentItems)
{
    public IReadOnlyList<Guid> For(string name, string? segment = null)
    {
        var key = (segment ?? name).ToLowerInvariant();
        return key switch
        {
            _ when key.Contains("service", StringComparison.Ordinal) => Services,
            _ when key.Contains("therapist", StringComparison.Ordinal) => Therapists,
            _ when key.Contains("client", StringComparison.Ordinal) => Clients,
            _ when key.Contains("appointment", StringComparison.Ordinal) || key.Contains("group", StringComparison.Ordinal) => Appointments,
            _ when key.Contains("alert", StringComparison.Ordinal) => Alerts,
            _ when key.Contains("response", StringComparison.Ordinal) || key.Contains("thanks", StringComparison.Ordinal) => Responses,
            _ => [.. Services, .. Therapists, .. Clients, .. Appointments, .. Alerts],
        };
    }
}

/// <summary>
/// Writes JSON for any request type by reflection (records by their constructor, lists, dictionaries, enums,
/// scalars): plausible values most of the time, so a request reaches the use case, and a hostile one where
/// the dice say so. A new endpoint's body is fuzzed without teaching the generator its shape.
/// </summary>
internal sealed class JsonFuzzer(Random random, IdPools pools, int mutatePercent)
{
    private string? _instrument;

    public string Body(Type type) => Value(type, "body", 0);

    private bool Mutate => random.Next(100) < mutatePercent;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string Value(Type type, string name, int depth)
    {
        if (Mutate || depth > 4)
        {
            return Hostile.Json(random);
        }

        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return random.Next(10) == 0 ? "null" : Value(underlying, name, depth);
        }

        if (type == typeof(string))
        {
            return JsonSerializer.Serialize(Text(name));
        }

        if (type == typeof(Guid))
        {
            var pool = pools.For(name);
            return JsonSerializer.Serialize(pool.Count > 0 && random.Next(8) > 0 ? Pick(pool) : Guid.NewGuid());
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            return random.Next(1, 5).ToString(CultureInfo.InvariantCulture);
        }

        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
        {
            return (random.Next(0, 40) / 2m).ToString(CultureInfo.InvariantCulture);
        }

        if (type == typeof(bool))
        {
            return random.Next(2) == 0 ? "true" : "false";
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Instant))
        {
            return JsonSerializer.Serialize(Moment(name));
        }

        if (type == typeof(DateOnly) || type == typeof(LocalDate))
        {
            return JsonSerializer.Serialize(Moment(name)[..10]);
        }

        if (type == typeof(TimeOnly) || type == typeof(LocalTime))
        {
            return JsonSerializer.Serialize($"{random.Next(7, 19):00}:{random.Next(4) * 15:00}");
        }

        if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            return JsonSerializer.Serialize(names[random.Next(names.Length)]);
        }

        var dictionary = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>)));
        if (dictionary is not null)
        {
            return Dictionary(dictionary.GetGenericArguments()[1], depth);
        }

        var element = type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        if (element is not null && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var count = random.Next(4);
            return "[" + string.Join(",", Enumerable.Range(0, count).Select(_ => Value(element, name, depth + 1))) + "]";
        }

        return Object(type, depth);
    }

    private string Object(Type type, int depth)
    {
        var parameters = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()?.GetParameters() ?? [];
        var members = parameters.Length > 0
            ? parameters.Select(p => (Name: p.Name!, Type: p.ParameterType, Optional: p.HasDefaultValue)).ToList()
            : type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => (p.Name, Type: p.PropertyType, Optional: true)).ToList();

        // The instrument first, so the answers can be the instrument's items.
        members = [.. members.OrderBy(m => m.Name.Contains("instrument", StringComparison.OrdinalIgnoreCase) ? 0 : 1)];
        var properties = new List<string>();
        foreach (var (name, memberType, optional) in members)
        {
            if ((optional && random.Next(3) == 0) || random.Next(25) == 0)
            {
                continue; // left out: missing fields
            }

            properties.Add($"{JsonSerializer.Serialize(JsonNamingPolicy.CamelCase.ConvertName(name))}:{Value(memberType, name, depth + 1)}");
        }

        if (random.Next(12) == 0)
        {
            properties.Add($"\"{(random.Next(2) == 0 ? "unexpected" : "ClinicId")}\":{Hostile.Json(random)}"); // extra field
        }

        if (random.Next(20) == 0 && properties.Count > 0)
        {
            properties.Add(properties[random.Next(properties.Count)].Split(':')[0] + ":" + Hostile.Json(random)); // duplicate field
        }

        return "{" + string.Join(",", properties) + "}";
    }

    private string Dictionary(Type valueType, int depth)
    {
        var items = _instrument is not null && pools.InstrumentItems.TryGetValue(_instrument, out var known) ? known : ["1", "2", "3"];
        var entries = new List<string>();
        foreach (var item in items)
        {
            if (random.Next(10) == 0)
            {
                continue;
            }

            var value = valueType == typeof(string) && !Mutate ? JsonSerializer.Serialize(random.Next(0, 4).ToString(CultureInfo.InvariantCulture)) : Value(valueType, item, depth + 1);
            entries.Add($"{JsonSerializer.Serialize(item)}:{value}");
        }

        if (random.Next(8) == 0)
        {
            entries.Add($"{JsonSerializer.Serialize(Hostile.String(random))}:\"1\"");
        }

        return "{" + string.Join(",", entries) + "}";
    }

    private string Text(string name)
    {
        var key = name.ToLowerInvariant();
        if (key.Contains("instrument", StringComparison.Ordinal))
        {
            _instrument = Pick([.. pools.InstrumentItems.Keys]);
            return _instrument;
        }

        return key switch
        {
            _ when key.Contains("email", StringComparison.Ordinal) => $"fuzz.{Guid.NewGuid():N}@example.test",
            _ when key.Contains("password", StringComparison.Ordinal) => "Test-password-2026",
            _ when key.Contains("name", StringComparison.Ordinal) => "Fuzz Person " + random.Next(1000),
            _ when key.Contains("phone", StringComparison.Ordinal) => "555-0100",
            _ when key.Contains("code", StringComparison.Ordinal) => random.Next(1_000_000).ToString("000000", CultureInfo.InvariantCulture),
            _ => "Fuzz " + random.Next(1000),
        };
    }

    /// <summary>A weekday working hour in the next three weeks in Phoenix, or now for a completion time.</summary>
    private string Moment(string name)
    {
        if (name.Contains("completed", StringComparison.OrdinalIgnoreCase))
        {
            return OnTrackApp.Start.ToDateTimeOffset().AddMinutes(-random.Next(0, 600)).ToString("O", CultureInfo.InvariantCulture);
        }

        var date = OnTrackApp.Start.InZone(Phoenix.Zone).Date.PlusDays(random.Next(1, 21));
        var local = date.At(new LocalTime(random.Next(8, 17), random.Next(4) * 15));
        return local.InZoneLeniently(Phoenix.Zone).ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>A query-string value for a handler parameter: an id that exists, or something hostile.</summary>
    public string QueryValue(Type type, string name)
    {
        if (Mutate)
        {
            return Hostile.String(random);
        }

        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(Guid))
        {
            var pool = pools.For(name);
            return (pool.Count > 0 ? Pick(pool) : Guid.NewGuid()).ToString();
        }

        return name.Contains("clinic", StringComparison.OrdinalIgnoreCase) || name.Contains("slug", StringComparison.OrdinalIgnoreCase)
            ? (random.Next(4) > 0 ? Data.DemoClinic.Slug : "no-such-clinic")
            : t == typeof(int) ? random.Next(0, 30).ToString(CultureInfo.InvariantCulture) : Text(name);
    }

    public static string Escape(string value) => Uri.EscapeDataString(value.Length > 0 && char.IsSurrogate(value[^1]) ? value[..^1] : value);

    public static string Compact(string json) => json.Length <= 600 ? json : Encoding.UTF8.GetByteCount(json) + " bytes: " + json[..600];
}
