using System.Text.Json;
using OnTrack.Domain.Matching;

namespace OnTrack.Domain.Tests.Matching;

/// <summary>
/// <see cref="TherapistEffects.Fit"/> against lme4 1.1-31's <c>lmer(change ~ intake + (1 | therapist), REML = TRUE)</c>
/// with tight nloptwrap tolerances and <c>ranef(m, condVar = TRUE)</c> on the same simulated clinics
/// (Matching/Data/, made by bench/lme4/therapist-effects.R): every estimate within 1e-5 relative, or
/// 1e-5 absolute for values below 1e-3 (lme4 stops a singular fit at θ ≈ 1e-9 where we take θ = 0), and
/// the REML criterion never worse than lme4's. The largest differences seen are about 6e-7 relative
/// (therapist SDs), where lme4's optimiser stops.
/// The clinics include therapists with one case, areas estimated singular (θ = 0) and uneven caseloads.
/// </summary>
public sealed class TherapistEffectsLme4Tests
{
    public static TheoryData<string, string> Areas()
    {
        var data = new TheoryData<string, string>();
        foreach (var clinic in MatchingData.Clinics)
        {
            foreach (var area in MatchingData.Lme4(clinic).EnumerateObject())
            {
                data.Add(clinic, area.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void Fit_SimulatedClinicArea_AgreesWithLme4(string clinic, string area)
    {
        var expected = MatchingData.Lme4(clinic).GetProperty(area);

        var profile = TherapistEffects.Fit(area, MatchingData.Read(clinic)[area], higherIsBetter: false);

        Assert.NotNull(profile);
        Assert.Equal(expected.GetProperty("cases").GetInt32(), profile.Cases);
        Close(expected.GetProperty("fixedEffects").GetProperty("intercept").GetDouble(), profile.Intercept, "intercept");
        Close(expected.GetProperty("fixedEffects").GetProperty("intake").GetDouble(), profile.IntakeSlope, "intake slope");
        Close(expected.GetProperty("therapistSd").GetDouble(), profile.TherapistSd, "therapist SD");
        Close(expected.GetProperty("residualSd").GetDouble(), profile.ResidualSd, "residual SD");
        Close(expected.GetProperty("remlCriterion").GetDouble(), profile.RemlCriterion, "REML criterion");
        var lme4Criterion = expected.GetProperty("remlCriterion").GetDouble();
        Assert.True(profile.RemlCriterion <= lme4Criterion + (1e-10 * Math.Abs(lme4Criterion)), $"criterion {profile.RemlCriterion:R} worse than lme4's {lme4Criterion:R}");
        Assert.Equal(expected.GetProperty("singular").GetBoolean(), profile.Singular);
        var therapists = expected.GetProperty("therapists").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        Assert.Equal(therapists.Keys.Order(StringComparer.Ordinal), profile.Therapists.Select(t => t.Therapist));
        foreach (var t in profile.Therapists)
        {
            var lme4 = therapists[t.Therapist];
            Assert.Equal(lme4.GetProperty("cases").GetInt32(), t.Cases);
            Close(lme4.GetProperty("effect").GetDouble(), t.Effect, $"{t.Therapist} effect");
            Close(lme4.GetProperty("condSd").GetDouble(), t.ConditionalSd, $"{t.Therapist} conditional SD");
        }
    }

    [Fact]
    public void Fit_DataIncludeTheHardCases()
    {
        var fits = MatchingData.Clinics.SelectMany(c => MatchingData.Lme4(c).EnumerateObject().Select(a => a.Value)).ToList();

        Assert.Contains(fits, a => a.GetProperty("singular").GetBoolean());
        Assert.Contains(fits, a => !a.GetProperty("singular").GetBoolean());
        Assert.Contains(fits, a => a.GetProperty("therapists").EnumerateArray().Any(t => t.GetProperty("cases").GetInt32() == 1));
        Assert.Contains(fits, a => a.GetProperty("therapists").EnumerateArray().Max(t => t.GetProperty("cases").GetInt32()) >= 20);
    }

    [Fact]
    public void Fit_SingularArea_GivesZeroEffectsAndZeroConditionalSd()
    {
        var area = MatchingData.Lme4("clinic-12-150-1").GetProperty("trauma");
        Assert.True(area.GetProperty("singular").GetBoolean());

        var profile = TherapistEffects.Fit("trauma", MatchingData.Read("clinic-12-150-1")["trauma"], higherIsBetter: false)!;

        Assert.True(profile.Singular);
        Assert.Equal(0, profile.TherapistSd);
        Assert.All(profile.Therapists, t => Assert.True(t.Effect == 0 && t.ConditionalSd == 0));
        Assert.All(profile.Therapists, t => Assert.NotEqual(EffectRating.Effective, t.Rating));
    }

    internal static void Close(double expected, double actual, string what)
    {
        var tolerance = Math.Abs(expected) < 1e-3 ? 1e-5 : 1e-5 * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: lme4 {expected:R}, ours {actual:R} (difference {actual - expected:E2})");
    }
}
