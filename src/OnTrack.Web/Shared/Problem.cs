namespace OnTrack.Web.Shared;

/// <summary>A session time that cannot be booked, and why.</summary>
public sealed record Conflict(DateTimeOffset Start, string LocalTime, string Reason);

/// <summary>Why a request failed, in words a client can act on. Becomes RFC 9457 problem details in the API.</summary>
public sealed partial record Problem(int Status, string Title, string Detail, IReadOnlyList<Conflict>? Conflicts = null)
{
    public static Problem NotFound(string what) => new(StatusCodes.Status404NotFound, "Not found", $"{what} was not found.");

    public static Problem Invalid(string detail) => new(StatusCodes.Status422UnprocessableEntity, "The request cannot be carried out", detail);

    public static Problem BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "The request is not valid", detail);

    public static Problem Conflict(string detail, IReadOnlyList<Conflict>? conflicts = null) => new(StatusCodes.Status409Conflict, "That time is not available", detail, conflicts);

    /// <summary>
    /// The same problem for a page: services name the API's fields in brackets ("… (weeksToFeelBetter)",
    /// "(goals: 6)"); a person reads the words without them.
    /// </summary>
    public Problem ForPerson() => this with { Detail = FieldNames().Replace(Detail, "") };

    [System.Text.RegularExpressions.GeneratedRegex(@" \([a-zA-Z]+(: [^)]*)?\)")]
    private static partial System.Text.RegularExpressions.Regex FieldNames();

    public IResult ToResult()
    {
        var extensions = new Dictionary<string, object?>();
        if (Conflicts is { Count: > 0 })
        {
            extensions["conflicts"] = Conflicts;
        }

        return TypedResults.Problem(Detail, statusCode: Status, title: Title, extensions: extensions);
    }
}

/// <summary>A value or a <see cref="Problem"/>.</summary>
public sealed class Result<T>
{
    private Result(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }

    public Problem? Problem { get; }

    public bool Succeeded => Problem is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Problem problem) => new(default, problem);

    /// <summary>The value as 200 (or 201), or the problem as problem details.</summary>
    public IResult ToHttp(bool created = false) =>
        !Succeeded ? Problem!.ToResult()
        : created ? TypedResults.Json(Value, statusCode: StatusCodes.Status201Created)
        : TypedResults.Ok(Value);
}
