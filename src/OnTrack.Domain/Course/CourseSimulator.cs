namespace OnTrack.Domain.Course;

/// <summary>One simulated score: client, session number (1, 2, …), score on a 0–27 scale, intake score.</summary>
public readonly record struct SimulatedScore(int Client, int Session, int Score, int Intake);

/// <summary>
/// A synthetic clinic whose scores follow the expected-course model, for the demo clinic, tests and
/// benchmarks. The generating model (PHQ-9-like, 0–27, higher is worse), per client i:
/// <list type="bullet">
/// <item>intake aᵢ = round(N(16, 4.5²)) clamped to 5…27;</item>
/// <item>scores at sessions 1, 2, …: after session 2 a client stops with probability 1/8 after each
/// session (mean 9 scores, at most 40); each next score is one session later, or two with probability
/// 0.1 (a missed form);</item>
/// <item>score = 1.5 − 0.4 f + 0.9 a − 0.11 f·a + u₀ + u₁ f + ε with f = log(t + 1),
/// (u₀, u₁) ~ N(0, [[2.5², −0.2·2.5·2.2], [·, 2.2²]]), ε ~ N(0, 2.5²), rounded and clamped to 0…27.</item>
/// </list>
/// At intake 16 this expects 14.4 at session 1 and 10.7 at session 10; about half of the clients
/// improve reliably (6 points) by their last session and a few per cent deteriorate reliably, in the
/// range reported for routine care (Hansen, Lambert &amp; Forman 2002). Rounding and clamping make the
/// data realistic rather than exactly Gaussian, so the fit recovers the parameters only approximately.
/// </summary>
public static class CourseSimulator
{
    public const double Beta0 = 1.5, Beta1 = -0.4, Beta2 = 0.9, Beta3 = -0.11;
    public const double InterceptSd = 2.5, SlopeSd = 2.2, Correlation = -0.2, ResidualSd = 2.5;

    /// <summary>The scores of <paramref name="clients"/> simulated clients, client by client, reproducible by seed.</summary>
    public static IEnumerable<SimulatedScore> Generate(int clients, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(clients);
        return Run(clients, seed);
    }

    private static IEnumerable<SimulatedScore> Run(int clients, int seed)
    {
        // System.Random with a seed is the documented, stable legacy generator: same seed, same clinic.
        var random = new Random(seed);
        double Gaussian()
        {
            // Box–Muller; 1 − U keeps the logarithm finite.
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        for (var i = 1; i <= clients; i++)
        {
            var intake = (int)Math.Clamp(Math.Round(16 + (4.5 * Gaussian())), 5, 27);
            var z0 = Gaussian();
            var z1 = Gaussian();
            var u0 = InterceptSd * z0;
            var u1 = SlopeSd * ((Correlation * z0) + (Math.Sqrt(1 - (Correlation * Correlation)) * z1));
            var session = 0;
            for (var k = 0; k < 40; k++)
            {
                session += random.NextDouble() < 0.1 ? 2 : 1;
                var f = Math.Log(session + 1.0);
                var mean = Beta0 + (Beta1 * f) + (Beta2 * intake) + (Beta3 * f * intake) + u0 + (u1 * f);
                var score = (int)Math.Clamp(Math.Round(mean + (ResidualSd * Gaussian())), 0, 27);
                yield return new SimulatedScore(i, session, score, intake);
                if (k >= 1 && random.NextDouble() < 1.0 / 8)
                {
                    break;
                }
            }
        }
    }
}
