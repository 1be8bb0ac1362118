using OnTrack.Web.Features.CareTeams;

namespace OnTrack.Web.Features.Notes;

/// <summary>Session notes (issue 12, item 5): storage and API under the client's record.</summary>
public static class NotesSetup
{
    public static IServiceCollection AddNotes(this IServiceCollection services)
    {
        services.AddScoped<SessionNotes>();
        return services;
    }

    public static IEndpointRouteBuilder MapNotes(this IEndpointRouteBuilder app)
    {
        var client = app.MapClientRoutes("Notes");
        client.MapGet("/notes", async (Guid clientId, SessionNotes notes, CancellationToken ct) => ToHttp(await notes.ListAsync(clientId, ct)))
            .Requires(ClientOperation.ReadNotes)
            .WithSummary("The client's session notes, newest session first: the care team's all; the client's own signed notes only where the clinic shares them (404 otherwise)");
        client.MapGet("/notes/{noteId:guid}", async (Guid clientId, Guid noteId, SessionNotes notes, CancellationToken ct) => ToHttp(await notes.GetAsync(clientId, noteId, ct)))
            .Requires(ClientOperation.ReadNotes)
            .WithSummary("One session note with its addenda");
        client.MapPost("/notes", async (Guid clientId, NewNoteRequest request, SessionNotes notes, CancellationToken ct) => ToHttp(await notes.CreateAsync(clientId, request, ct), created: true))
            .Requires(ClientOperation.WriteNotes)
            .WithSummary("A new draft note for one of your sessions with the client (appointmentId), on its day or later: text and/or data, assessment, plan; a second note for the same session is refused (409)");
        client.MapPut("/notes/{noteId:guid}", async (Guid clientId, Guid noteId, NoteTextRequest request, SessionNotes notes, CancellationToken ct) => ToHttp(await notes.UpdateAsync(clientId, noteId, request, ct)))
            .Requires(ClientOperation.WriteNotes)
            .WithSummary("Replace a draft's text (its author only); a signed note is locked (409)");
        client.MapPost("/notes/{noteId:guid}/sign", async (Guid clientId, Guid noteId, SessionNotes notes, CancellationToken ct) => ToHttp(await notes.SignAsync(clientId, noteId, ct)))
            .Requires(ClientOperation.WriteNotes)
            .WithSummary("Sign and lock a draft (its author only); signing twice is refused (409)");
        client.MapPost("/notes/{noteId:guid}/addenda", async (Guid clientId, Guid noteId, AddendumRequest request, SessionNotes notes, CancellationToken ct) => ToHttp(await notes.AddAddendumAsync(clientId, noteId, request, ct), created: true))
            .Requires(ClientOperation.WriteNotes)
            .WithSummary("Add an addendum to a signed note; a draft is refused (409)");
        client.MapPost("/notes/{noteId:guid}/withhold", async (Guid clientId, Guid noteId, WithholdRequest request, SessionNotes notes, CancellationToken ct) => ToHttp(await notes.WithholdAsync(clientId, noteId, request, ct)))
            .Requires(ClientOperation.WriteNotes)
            .WithSummary("Keep this note from the client (withheld: true), or show it again (false): its author only");
        return app;
    }

    private static IResult ToHttp<T>(Result<T> result, bool created = false) =>
        !result.Succeeded ? result.Problem!.ToResult()
        : created ? TypedResults.Json(result.Value, statusCode: StatusCodes.Status201Created)
        : TypedResults.Ok(result.Value);
}
