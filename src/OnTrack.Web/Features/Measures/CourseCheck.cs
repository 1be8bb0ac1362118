using OnTrack.Domain.Course;
using OnTrack.Domain.Measures;
using OnTrack.Web.Features.Clinics;

namespace OnTrack.Web.Features.Measures;

/// <summary>
/// Where a new score lies on the course expected for the client: what scoring a response needs from the
/// expected course (the Course feature fits it, from these same responses, and provides it).
/// </summary>
public interface IExpectedCourseRules
{
    /// <summary>The rule for this instrument at this clinic, or null when it has no expected course.</summary>
    Task<IExpectedCourseRule?> RuleAsync(Clinic clinic, Instrument instrument, CancellationToken cancellationToken);
}

public interface IExpectedCourseRule
{
    /// <summary>True when the clinic's fitted model decides (alerts are raised); false for the rational fallback rule.</summary>
    bool FromModel { get; }

    CourseStatus Classify(double session, double intake, double score);
}
