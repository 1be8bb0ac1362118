using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace OnTrack.Web.Data;

/// <summary>
/// The stored answer to a command sent with an Idempotency-Key header, written in the command's own
/// transaction: a client that retries after a lost response gets the same answer, and nothing twice.
/// </summary>
public sealed class IdempotencyRecord : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    /// <summary>Who sent it ("anonymous" before an account exists) and what operation, so keys cannot collide across callers.</summary>
    public string Scope { get; set; } = "";

    public string Key { get; set; } = "";

    public int StatusCode { get; set; }

    public string ResponseJson { get; set; } = "";

    public Instant CreatedAt { get; set; }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The answer <paramref name="response"/> (with <paramref name="statusCode"/>) to the key <paramref name="key"/> of <paramref name="scope"/>.</summary>
    public static IdempotencyRecord Answer<T>(Guid clinicId, (string Scope, string Key) key, int statusCode, Instant now, T response) => new()
    {
        ClinicId = clinicId,
        Scope = key.Scope,
        Key = key.Key,
        StatusCode = statusCode,
        CreatedAt = now,
        ResponseJson = System.Text.Json.JsonSerializer.Serialize(response, Json),
    };
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.Property(r => r.Key).HasMaxLength(100);
        builder.Property(r => r.Scope).HasMaxLength(200);
        builder.HasIndex(r => new { r.ClinicId, r.Scope, r.Key }).IsUnique();
    }
}
