using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Audit;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.CareTeams;

/// <summary>What a caller wants to do with one client's record.</summary>
public enum ClientOperation
{
    /// <summary>Know who the client is and when they come (reception, the whole care team).</summary>
    ViewContact = 0,

    /// <summary>Read the clinical record: scores, alerts, plans.</summary>
    ReadClinical = 1,

    /// <summary>Change the clinical record (type in a paper form, set the measurement plan).</summary>
    WriteClinical = 2,

    /// <summary>Move the client to another therapist: the clinic's admins and the client's primary therapist.</summary>
    Transfer = 3,

    /// <summary>See who opened the record: the clinic's admins and the client.</summary>
    ViewAccessLog = 4,

    /// <summary>Change the treatment plan: the clinic's admins and therapists with full access on the care team, never the client.</summary>
    ManagePlan = 5,

    /// <summary>Read session notes: the care team with clinical access (a read-only former therapist too) and the client (the notes feature decides which); not admins as such.</summary>
    ReadNotes = 6,

    /// <summary>Write session notes: therapists with full access on the care team only.</summary>
    WriteNotes = 7,

    /// <summary>Keep the daily lifestyle log (check-ins, sleep diary, breathing, reminders): the client alone.</summary>
    KeepOwnLog = 8,
}

/// <summary>What the caller may do with one client, decided from the care team alone.</summary>
public sealed record ClientAccessDecision(Client Client, CareTeamMember? Membership, IReadOnlySet<ClientOperation> Operations)
{
    /// <summary>Whether the caller may also do this (what a page shows: a tab, a form, a button).</summary>
    public bool Allows(ClientOperation operation) => Operations.Contains(operation);
}

/// <summary>
/// Resource-based access to one client's record in one place: load the client (through the compartment's
/// filter), then decide the operation from the caller's role and their place on the care team. A refusal
/// looks exactly like a client that does not exist, and is audited.
/// </summary>
public sealed class ClientAccess
{
    private readonly OnTrackDbContext db;
    private readonly Caller caller;
    private readonly ReadAudit reads;
    private readonly IClock clock;

    // The request's lookups (client and care-team place) by client: a route group's check and the
    // feature's own ask the same; forgotten whenever the request saves, since a save may change either.
    private readonly Dictionary<Guid, (Client? Client, CareTeamMember? Membership)> seen = [];

    public ClientAccess(OnTrackDbContext db, Caller caller, ReadAudit reads, IClock clock)
    {
        (this.db, this.caller, this.reads, this.clock) = (db, caller, reads, clock);
        db.SavedChanges += (_, _) => seen.Clear();
    }

    /// <summary>What the caller may do with a client they can see at all; null (audited as denied) when they cannot.</summary>
    public Task<ClientAccessDecision?> DecideAsync(Guid clientId, CancellationToken cancellationToken) =>
        CheckAsync(clientId, ClientOperation.ViewContact, cancellationToken);

    public async Task<ClientAccessDecision?> CheckAsync(Guid clientId, ClientOperation operation, CancellationToken cancellationToken)
    {
        if (!seen.TryGetValue(clientId, out var found))
        {
            var loaded = await db.ClientRecords.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
            var now = clock.GetCurrentInstant();
            var member = loaded is null || caller.TherapistId is not { } therapist ? null
                : await db.CareTeamMembers.AsNoTracking()
                    .Where(m => m.ClientId == clientId && m.TherapistId == therapist && (m.Until == null || m.Until > now))
                    .OrderBy(m => m.Access).FirstOrDefaultAsync(cancellationToken);
            seen[clientId] = found = (loaded, member);
        }

        var (client, membership) = found;
        if (client is not null && May(operation, client, membership))
        {
            var operations = Enum.GetValues<ClientOperation>().Where(o => May(o, client, membership)).ToHashSet();
            return new ClientAccessDecision(client, membership, operations);
        }

        // Refused or unknown: audited against the client only when the id is one of this clinic's.
        var known = client is not null || await db.ClientRecords.Unfiltered(Bypass.Compartment).AnyAsync(c => c.Id == clientId, cancellationToken);
        reads.Denied("Client", clientId.ToString(), known ? clientId : null, operation.ToString());
        return null;
    }

    private bool May(ClientOperation operation, Client client, CareTeamMember? membership)
    {
        var self = caller.ClientId == client.Id;
        return operation switch
        {
            ClientOperation.ViewContact => true, // the compartment's filter has already let the caller see who the client is
            ClientOperation.ReadClinical => caller.IsAdmin || self || membership is { Access: CareTeamAccess.Full or CareTeamAccess.ReadOnly },
            ClientOperation.WriteClinical => caller.IsAdmin || self || membership is { Access: CareTeamAccess.Full },
            ClientOperation.Transfer => caller.IsAdmin || membership is { Role: CareTeamRole.Primary, Access: CareTeamAccess.Full },
            ClientOperation.ViewAccessLog => caller.IsAdmin || self,
            ClientOperation.ManagePlan => caller.IsAdmin || membership is { Access: CareTeamAccess.Full },
            ClientOperation.ReadNotes => self || membership is { Access: CareTeamAccess.Full or CareTeamAccess.ReadOnly },
            ClientOperation.WriteNotes => membership is { Access: CareTeamAccess.Full },
            ClientOperation.KeepOwnLog => self,
            _ => false,
        };
    }
}

/// <summary>
/// Every per-client API route lives under <c>/api/clients/{clientId}</c>, in this group: it checks the
/// operation each route declares (<see cref="ClientRouteExtensions.Requires"/>; clinical read by default)
/// and audits the access once, so a route cannot forget either.
/// </summary>
public static class ClientRouteExtensions
{
    public const string Prefix = "/api/clients/{clientId:guid}";

    public static RouteGroupBuilder MapClientRoutes(this IEndpointRouteBuilder app, string tag)
    {
        var group = app.MapGroup(Prefix).WithTags(tag).RequireAuthorization(SecuritySetup.ApiPolicy);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var operation = http.GetEndpoint()?.Metadata.GetMetadata<ClientOperationMetadata>()?.Operation ?? ClientOperation.ReadClinical;
            if (!Guid.TryParse(http.GetRouteValue("clientId")?.ToString(), out var clientId)
                || await http.RequestServices.GetRequiredService<ClientAccess>().CheckAsync(clientId, operation, http.RequestAborted) is not { } decision)
            {
                return Problem.NotFound("The client").ToResult();
            }

            http.Items[typeof(ClientAccessDecision)] = decision;
            http.RequestServices.GetRequiredService<ReadAudit>().Saw("ClientRecord", $"{http.Request.Method} {http.Request.Path}", clientId, operation.ToString());
            return await next(context);
        });
        return group;
    }

    /// <summary>Declares what a per-client route does with the record.</summary>
    public static TBuilder Requires<TBuilder>(this TBuilder builder, ClientOperation operation)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ClientOperationMetadata(operation));

    public sealed record ClientOperationMetadata(ClientOperation Operation);
}
