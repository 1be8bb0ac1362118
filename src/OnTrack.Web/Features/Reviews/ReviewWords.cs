namespace OnTrack.Web.Features.Reviews;

/// <summary>The words people read for reviews: reasons, areas and decisions.</summary>
public static class ReviewWords
{
    public static string Reason(ReviewReason reason) => reason switch
    {
        ReviewReason.NotOnTrack => "not on track against the expected course",
        ReviewReason.Deterioration => "a reliable deterioration",
        ReviewReason.NoReliableImprovement => "no reliable improvement by the planned review",
        ReviewReason.LowOrFallingAlliance => "a low or falling rating of the relationship",
        ReviewReason.ClientConcern => "the client said therapy isn't working for them",
        ReviewReason.PlanReviewDate => "the plan's review date",
        _ => "another reason",
    };

    public static string Area(ReviewArea area) => area switch
    {
        ReviewArea.Course => "Symptom course",
        ReviewArea.Alliance => "The relationship (alliance)",
        ReviewArea.Motivation => "Motivation and readiness",
        ReviewArea.Goals => "Goals",
        ReviewArea.ApproachAndPreferences => "Approach and preferences",
        ReviewArea.PaceAndExpectations => "Pace and expectations",
        ReviewArea.SupportAndLifeEvents => "Support and life events",
        ReviewArea.Lifestyle => "Lifestyle",
        _ => "Sessions attended and missed",
    };

    public static string Action(ReviewActionKind kind) => kind switch
    {
        ReviewActionKind.ChangeApproach => "change of approach",
        ReviewActionKind.ChangeFrequency => "change of frequency",
        ReviewActionKind.ReviseGoals => "revised goals",
        ReviewActionKind.MoreStructure => "more structure and practical tasks",
        ReviewActionKind.MoreReflection => "more room to reflect",
        ReviewActionKind.LifestyleStep => "a lifestyle step",
        ReviewActionKind.Referral => "a referral",
        ReviewActionKind.ChangeTherapist => "a change of therapist",
        _ => "continue unchanged",
    };
}
