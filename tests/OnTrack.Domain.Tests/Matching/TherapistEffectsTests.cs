using OnTrack.Domain.Matching;

namespace OnTrack.Domain.Tests.Matching;

public sealed class TherapistEffectsTests
{
    /// <summary>Three therapists with 20 courses each; "up" changes 6 points more than the others.</summary>
    private static List<CourseChange> OneTherapistDiffers()
    {
        var courses = new List<CourseChange>();
        foreach (var (id, shift) in new[] { ("down", -3.0), ("mid", 0.0), ("up", 3.0), ("mid2", 0.0) })
        {
            for (var i = 0; i < 20; i++)
            {
                // A deterministic spread of ±1.5 around the therapist's mean, and intake 10…19.
                courses.Add(new CourseChange(id, 10 + (i % 10), shift + (((i * 7) % 11) - 5) * 0.3));
            }
        }

        return courses;
    }

    [Theory]
    [InlineData(true, EffectRating.Effective, EffectRating.Ineffective)]
    [InlineData(false, EffectRating.Ineffective, EffectRating.Effective)]
    public void Fit_LargerChange_IsEffectiveOnlyWhereHigherIsBetter(bool higherIsBetter, EffectRating up, EffectRating down)
    {
        var profile = TherapistEffects.Fit("area", OneTherapistDiffers(), higherIsBetter)!;

        var ratings = profile.Therapists.ToDictionary(t => t.Therapist, t => t.Rating);
        Assert.Equal(up, ratings["up"]);
        Assert.Equal(down, ratings["down"]);
        Assert.Equal(EffectRating.Neutral, ratings["mid"]);
        Assert.True(profile.Therapists.Single(t => t.Therapist == "up").Effect > 0, "the effect is on the change scale, not sign-flipped");
    }

    [Fact]
    public void Fit_FewerCasesThanTheMinimum_IsNotEnoughCasesHoweverLarge()
    {
        var profile = TherapistEffects.Fit("area", OneTherapistDiffers(), higherIsBetter: true, minCases: 21)!;

        Assert.All(profile.Therapists, t => Assert.Equal(EffectRating.NotEnoughCases, t.Rating));
    }

    [Fact]
    public void Fit_TherapistsSortedByOrdinalId()
    {
        var profile = TherapistEffects.Fit("area", OneTherapistDiffers(), higherIsBetter: true)!;

        Assert.Equal(["down", "mid", "mid2", "up"], profile.Therapists.Select(t => t.Therapist));
        Assert.Equal(80, profile.Cases);
    }

    [Theory]
    [InlineData(0.5, 0.2, true, EffectRating.Effective)]
    [InlineData(0.5, 0.3, true, EffectRating.Neutral)]
    [InlineData(-0.5, 0.2, true, EffectRating.Ineffective)]
    [InlineData(0.5, 0.2, false, EffectRating.Ineffective)]
    [InlineData(-0.5, 0.2, false, EffectRating.Effective)]
    [InlineData(0, 0, false, EffectRating.Neutral)]
    public void Rate_IntervalOnOneSideOfZero_RatesByDirection(double effect, double sd, bool higherIsBetter, EffectRating expected) =>
        Assert.Equal(expected, TherapistEffects.Rate(10, effect, sd, higherIsBetter));

    [Fact]
    public void Rate_BelowMinimumCases_IsNotEnoughCases() =>
        Assert.Equal(EffectRating.NotEnoughCases, TherapistEffects.Rate(9, 5, 0.1, true));

    public static TheoryData<List<CourseChange>> Unfittable() => new()
    {
        new List<CourseChange> { new("a", 1, 1), new("b", 2, 3) },
        new List<CourseChange> { new("a", 1, 1), new("a", 2, 3), new("a", 3, 2), new("a", 4, 5) },
        new List<CourseChange> { new("a", 1, 1), new("b", 2, 3), new("c", 3, 2) },
        new List<CourseChange> { new("a", 5, 1), new("a", 5, 3), new("b", 5, 2), new("b", 5, 5) },
        new List<CourseChange> { new("a", 1, 2), new("a", 2, 4), new("b", 3, 6), new("b", 4, 8) },
        new List<CourseChange>(),
    };

    [Theory]
    [MemberData(nameof(Unfittable))]
    public void Fit_TooFewCoursesOrTherapistsConstantIntakeOrExactFit_IsNull(List<CourseChange> courses) =>
        Assert.Null(TherapistEffects.Fit("area", courses, higherIsBetter: false));

    [Theory]
    [InlineData(double.NaN, 1, "Course #2")]
    [InlineData(1, double.PositiveInfinity, "Course #2")]
    public void Fit_NonFiniteValue_ThrowsNamingTheCourse(double intake, double change, string message)
    {
        List<CourseChange> courses = [new("a", 1, 1), new("a", intake, change), new("b", 3, 2), new("b", 4, 1)];

        var error = Assert.Throws<ArgumentException>(() => TherapistEffects.Fit("area", courses, false));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a finite number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_EmptyTherapistId_Throws()
    {
        List<CourseChange> courses = [new("a", 1, 1), new("", 2, 3), new("b", 3, 2)];

        var error = Assert.Throws<ArgumentException>(() => TherapistEffects.Fit("area", courses, false));

        Assert.Contains("no therapist id", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 1.96)]
    [InlineData(10, double.NaN)]
    [InlineData(10, 0)]
    public void Fit_BadMinCasesOrZ_Throws(int minCases, double z) =>
        Assert.ThrowsAny<ArgumentException>(() => TherapistEffects.Fit("area", OneTherapistDiffers(), false, minCases, z));

    [Fact]
    public void Fit_LargeClinic_IsFast()
    {
        var clinic = TherapistEffectSimulator.Generate(200, 200_000, 3);
        var depression = clinic.Courses.Where(c => c.Area == "depression").Select(c => new CourseChange(c.Therapist, c.Intake, c.Change)).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var profile = TherapistEffects.Fit("depression", depression, false);

        Assert.NotNull(profile);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"fit took {clock.Elapsed}");
    }
}
