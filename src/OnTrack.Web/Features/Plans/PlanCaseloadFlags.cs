using OnTrack.Web.Features.Measures;

namespace OnTrack.Web.Features.Plans;

/// <summary>Plans due for review, on the caseload of the therapists who hold them (and the clinic's admins).</summary>
internal sealed class PlanCaseloadFlags(TreatmentPlans plans) : ICaseloadFlags
{
    public async Task<IReadOnlyList<CaseloadFlag>> ForCallerAsync(CancellationToken cancellationToken) =>
        (await plans.DueForReviewAsync(cancellationToken))
            .Select(d => new CaseloadFlag(d.ClientId, d.DaysOverdue == 0 ? "Plan review due today" : $"Plan review due ({d.DaysOverdue} days overdue)", $"clients/{d.ClientId}/plan"))
            .ToList();
}
