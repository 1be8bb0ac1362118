using OnTrack.Domain.Matching;

namespace OnTrack.Domain.Tests.Matching;

public sealed class TherapistEffectSimulatorTests
{
    [Fact]
    public void Generate_SameSeed_SameClinic()
    {
        var a = TherapistEffectSimulator.Generate(20, 500, 7);
        var b = TherapistEffectSimulator.Generate(20, 500, 7);

        Assert.Equal(a.Courses, b.Courses);
        Assert.Equal(a.Truth, b.Truth);
    }

    [Fact]
    public void Generate_OtherSeed_OtherClinic() =>
        Assert.NotEqual(TherapistEffectSimulator.Generate(20, 500, 7).Courses, TherapistEffectSimulator.Generate(20, 500, 8).Courses);

    [Fact]
    public void Generate_CaseloadsAreUneven()
    {
        var clinic = TherapistEffectSimulator.Generate(40, 2000, 1);

        var caseloads = clinic.Courses.GroupBy(c => c.Therapist).Select(g => g.Count()).ToList();

        Assert.True(caseloads.Max() > 5 * caseloads.Min(), $"caseloads {caseloads.Min()}…{caseloads.Max()}");
        Assert.Equal(2000, clinic.Courses.Count);
        Assert.Equal(40 * TherapistEffectSimulator.DefaultAreas.Count, clinic.Truth.Count);
    }

    [Fact]
    public void Generate_TrueEffects_HaveTheAreasSd()
    {
        var clinic = TherapistEffectSimulator.Generate(2000, 0, 1);

        foreach (var area in clinic.Areas)
        {
            var effects = clinic.Truth.Where(t => t.Area == area.Name).Select(t => t.Effect).ToList();
            var sd = Math.Sqrt(effects.Sum(e => e * e) / effects.Count);
            Assert.Equal(area.TherapistSd, sd, area.TherapistSd * 0.1);
        }

        Assert.Contains(clinic.Areas, a => a.TherapistSd == 0);
    }

    [Fact]
    public void Generate_FittedTherapistSd_RecoversTheTruthInABigClinic()
    {
        var clinic = TherapistEffectSimulator.Generate(100, 40_000, 5);
        var area = clinic.Areas.Single(a => a.Name == "depression");

        var profile = TherapistEffects.Fit(area.Name, clinic.Courses.Where(c => c.Area == area.Name).Select(c => new CourseChange(c.Therapist, c.Intake, c.Change)).ToList(), false)!;

        Assert.Equal(area.TherapistSd, profile.TherapistSd, area.TherapistSd * 0.3);
        Assert.Equal(area.IntakeSlope, profile.IntakeSlope, 0.05);
    }
}
