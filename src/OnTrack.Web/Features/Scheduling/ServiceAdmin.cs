using Microsoft.EntityFrameworkCore;
using OnTrack.Web.Data;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Scheduling;

public sealed class ServiceForm
{
    public Guid? Id { get; set; }

    [Validation.Text("The service's name", 200)]
    public string Name { get; set; } = "";

    [Validation.Text("The description", 2000, Multiline = true)]
    public string Description { get; set; } = "";

    public SessionFormat Format { get; set; }

    public int Capacity { get; set; } = 1;

    public int DurationMinutes { get; set; } = 50;

    public Modality Modality { get; set; }

    public bool Active { get; set; } = true;

    public List<Guid> TherapistIds { get; set; } = [];
}

/// <summary>Admins define what clients can book.</summary>
public sealed class ServiceAdmin(OnTrackDbContext db, Caller caller)
{
    public async Task<Result<Service>> SaveAsync(ServiceForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!caller.IsAdmin)
        {
            return Problem.NotFound("The page");
        }

        var capacity = form.Format switch
        {
            SessionFormat.Individual => 1,
            SessionFormat.Couple => 2,
            _ => form.Capacity,
        };
        var errors = new List<string>();
        if (Validation.InputRules.Check(form) is { } invalid)
        {
            errors.Add(invalid.Detail);
        }

        if (string.IsNullOrWhiteSpace(form.Name))
        {
            errors.Add("A service needs a name.");
        }

        if (form.DurationMinutes is < Service.MinMinutes or > Service.MaxMinutes)
        {
            errors.Add($"Sessions last {Service.MinMinutes} to {Service.MaxMinutes} minutes.");
        }

        if (capacity is < 1 or > 50)
        {
            errors.Add("A family or group session holds 1 to 50 people.");
        }

        // A form posted with no box ticked binds no list at all.
        form.TherapistIds ??= [];
        if (form.Active && form.TherapistIds.Count == 0)
        {
            errors.Add("Tick at least one therapist who offers this service, or untick \"Clients can book it\" to save it for later.");
        }

        var therapists = await db.Therapists.Where(t => form.TherapistIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        if (therapists.Count != form.TherapistIds.Distinct().Count())
        {
            errors.Add("Choose therapists of this clinic.");
        }

        if (errors.Count > 0)
        {
            return Problem.BadRequest(string.Join(" ", errors));
        }

        var service = form.Id is { } id
            ? await db.Services.Include(s => s.Therapists).SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            : null;
        if (form.Id is not null && service is null)
        {
            return Problem.NotFound("The service");
        }

        if (service is null)
        {
            service = new Service { ClinicId = caller.ClinicId!.Value };
            db.Services.Add(service);
        }

        service.Name = form.Name.Trim();
        service.Description = form.Description.Trim();
        service.Format = form.Format;
        service.Capacity = capacity;
        service.DurationMinutes = form.DurationMinutes;
        service.Modality = form.Modality;
        service.Active = form.Active;
        db.ServiceTherapists.RemoveRange(service.Therapists.Where(st => !therapists.Contains(st.TherapistId)));
        foreach (var t in therapists.Where(t => service.Therapists.All(st => st.TherapistId != t)))
        {
            db.ServiceTherapists.Add(new ServiceTherapist { ClinicId = service.ClinicId, ServiceId = service.Id, TherapistId = t });
        }

        await db.SaveChangesAsync(cancellationToken);
        return service;
    }
}
