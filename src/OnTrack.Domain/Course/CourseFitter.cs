namespace OnTrack.Domain.Course;

/// <summary>REML (lme4's default) or maximum likelihood.</summary>
public enum FitMethod
{
    Reml,
    Ml,
}

/// <summary>How to fit the expected course.</summary>
/// <param name="TimeScale">f(t) = log(t + 1) or t.</param>
/// <param name="UseIntake">Include intake and f·intake as fixed effects.</param>
/// <param name="Method">REML or ML.</param>
/// <param name="MinimumClients">Fewer clients than this is an error: the clinic should use the rational rule.</param>
/// <param name="TimeTerm">Name of the f(t) term in the output, e.g. "log1p(session)".</param>
/// <param name="IntakeTerm">Name of the intake term, e.g. "intake".</param>
public sealed record FitOptions(
    TimeScale TimeScale = TimeScale.Log1P,
    bool UseIntake = true,
    FitMethod Method = FitMethod.Reml,
    int MinimumClients = 10,
    string TimeTerm = "f",
    string IntakeTerm = "intake");

/// <summary>Why a fit could not be made; the message says what to change.</summary>
public sealed class CourseFitException : Exception
{
    public CourseFitException()
    {
    }

    public CourseFitException(string message)
        : base(message)
    {
    }

    public CourseFitException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Fits score = β₀ + β₁f + β₂·intake + β₃f·intake + u₀ + u₁f + ε with a correlated random intercept and
/// slope per client, as lme4's <c>lmer(score ~ f * intake + (f | client))</c>, from per-client sums.
/// </summary>
public static class CourseFitter
{
    /// <summary>lme4's isSingular() tolerance on the diagonal of θ.</summary>
    public const double SingularTolerance = 1e-4;

    /// <summary>Fits the model; throws <see cref="CourseFitException"/> with a clear message when it cannot.</summary>
    public static CourseModel Fit(ReadOnlySpan<ClientSums> clients, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(clients, options);
        var criterion = new ProfiledCriterion(clients, options.UseIntake, options.Method == FitMethod.Reml);
        if (criterion.Solve([1, 0, 1]) is null && criterion.Solve([0, 0, 0]) is null)
        {
            throw new CourseFitException(options.UseIntake
                ? "The fixed effects cannot be estimated: intake is (nearly) the same for every client, or the sessions give f(t) no spread. Fit without intake, or with more varied data."
                : "The fixed effects cannot be estimated: every score is at the same f(t).");
        }

        // Start from the moment estimate when the data give one, else from lme4's (1, 0, 1). The
        // optimiser is the same either way; a good start only saves steps.
        var start = criterion.MomentStart();
        double[] lower = [0, double.NegativeInfinity, 0];
        var result = BoundedMinimizer.Minimize(criterion.Evaluate, start ?? [1, 0, 1], lower, start is null ? 0.25 : 0.1, newtonFirst: start is not null);
        var evaluations = result.Evaluations;
        if (result.X[0] < SingularTolerance || result.X[2] < SingularTolerance)
        {
            // A boundary optimum may be only local. On the face θ₀₀ = 0 the criterion depends on θ₁₀
            // only through θ₁₀², so (0, θ₁₀, θ₁₁) and (0, −θ₁₀, θ₁₁) are the same point, but the way
            // back into the interior (a correlation of the other sign) starts only from the mirror
            // image. Try it, and lme4's own start, and keep the best.
            var (t0, t1, t2) = (result.X[0], result.X[1], result.X[2]);
            var scale = Math.Max(0.1, Math.Sqrt((t1 * t1) + (t2 * t2)));
            foreach (var restart in new[] { new[] { 0.5 * scale, -t1, t2 + (0.1 * scale) }, new[] { t0 + (0.5 * scale), t1, t2 + (0.1 * scale) }, [1.0, 0, 1] })
            {
                var other = BoundedMinimizer.Minimize(criterion.Evaluate, restart, lower, 0.25, newtonFirst: true);
                evaluations += other.Evaluations;
                if (other.Value < result.Value - (1e-12 * Math.Abs(result.Value)))
                {
                    result = other;
                }
            }
        }

        var theta = result.X;
        var solution = criterion.Solve(theta)
            ?? throw new CourseFitException("The fit failed: the criterion is undefined at the optimum (the scores may be exactly explained by the fixed effects).");

        var sigma2 = solution.Rss / solution.DegreesOfFreedom;
        var sigma = Math.Sqrt(sigma2);
        if (theta.Max(Math.Abs) > 1e4 || sigma < 1e-6 * ScoreSd(clients))
        {
            // With no residual noise the likelihood grows without bound as the client variances grow:
            // there is no optimum to report.
            throw new CourseFitException("No residual variation: each client's scores lie (almost) exactly on a straight line in f(t), so the model has no optimum. Check that the scores are real measurements.");
        }

        var covBeta = DenseMatrix.CholeskyInverse(solution.XtVXCholesky, criterion.P).Select(v => v * sigma2).ToArray();
        var sd0 = sigma * theta[0];
        var sd1 = sigma * Math.Sqrt((theta[1] * theta[1]) + (theta[2] * theta[2]));
        double? correlation = sd0 > 0 && sd1 > 0 ? theta[0] * theta[1] / (theta[0] * Math.Sqrt((theta[1] * theta[1]) + (theta[2] * theta[2]))) : null;
        var singular = theta[0] < SingularTolerance || theta[2] < SingularTolerance;
        var terms = options.UseIntake
            ? new[] { "(Intercept)", options.TimeTerm, options.IntakeTerm, options.TimeTerm + ":" + options.IntakeTerm }
            : new[] { "(Intercept)", options.TimeTerm };
        var oneScore = 0;
        double intakeMin = double.PositiveInfinity, intakeMax = double.NegativeInfinity;
        foreach (var c in clients)
        {
            oneScore += c.Count == 1 ? 1 : 0;
            intakeMin = Math.Min(intakeMin, c.Intake);
            intakeMax = Math.Max(intakeMax, c.Intake);
        }

        string? note = null;
        if (singular)
        {
            note = theta[0] < SingularTolerance && theta[2] < SingularTolerance
                ? "Boundary (singular) fit: the clients do not differ beyond residual noise, so both random-effect variances are estimated as zero (as lme4 reports)."
                : theta[0] < SingularTolerance
                    ? "Boundary (singular) fit: the random intercept and slope are perfectly correlated (θ₀₀ = 0); the estimate is on the boundary, as lme4 gives it."
                    : "Boundary (singular) fit: no client-to-client variation beyond a perfectly correlated intercept and slope (θ₁₁ = 0); the estimate is on the boundary, as lme4 gives it.";
        }

        if (!result.Converged)
        {
            note = (note is null ? "" : note + " ") + "The optimiser stopped before its convergence test was met: treat the estimates as approximate and check the data (e.g. with lme4).";
        }

        return new CourseModel
        {
            TimeScale = options.TimeScale,
            Method = options.Method,
            UsesIntake = options.UseIntake,
            Terms = terms,
            FixedEffects = solution.Beta,
            FixedEffectCovariance = covBeta,
            Theta = theta,
            ResidualSd = sigma,
            InterceptSd = sd0,
            SlopeSd = sd1,
            Correlation = correlation,
            Criterion = solution.Criterion,
            Rows = criterion.Rows,
            Clients = clients.Length,
            ClientsWithOneScore = oneScore,
            SessionPatterns = criterion.Groups,
            Evaluations = evaluations,
            Converged = result.Converged,
            Singular = singular,
            Note = note,
            IntakeMin = options.UseIntake ? intakeMin : null,
            IntakeMax = options.UseIntake ? intakeMax : null,
        };
    }

    private static double ScoreSd(ReadOnlySpan<ClientSums> clients)
    {
        double n = 0, sum = 0, sum2 = 0;
        foreach (var c in clients)
        {
            (n, sum, sum2) = (n + c.Count, sum + c.SumY, sum2 + c.SumY2);
        }

        return Math.Sqrt(Math.Max(0, (sum2 - (sum * sum / n)) / n));
    }

    private static void Check(ReadOnlySpan<ClientSums> clients, FitOptions options)
    {
        if (clients.Length < Math.Max(options.MinimumClients, 3))
        {
            throw new CourseFitException($"Too few clients: {clients.Length}; the expected course needs at least {Math.Max(options.MinimumClients, 3)} (use the rational rule until then).");
        }

        long rows = 0;
        double sumY = 0, sumY2 = 0, minMean = double.PositiveInfinity, maxMean = double.NegativeInfinity;
        for (var i = 0; i < clients.Length; i++)
        {
            var c = clients[i];
            if (!c.IsValid)
            {
                throw new CourseFitException($"Client #{i + 1} has invalid sums (a count below 1, or a value that is not a finite number): {c}.");
            }

            rows += c.Count;
            sumY += c.SumY;
            sumY2 += c.SumY2;
            minMean = Math.Min(minMean, c.SumY / c.Count);
            maxMean = Math.Max(maxMean, c.SumY / c.Count);
        }

        if (rows <= 2L * clients.Length)
        {
            // lme4 refuses this too: "number of observations <= number of random effects".
            throw new CourseFitException($"Too few scores: {rows} for {clients.Length} clients; a random intercept and slope per client need more than two scores per client on average.");
        }

        var spread = sumY2 - (sumY * sumY / rows);
        if (!(spread > 1e-12 * Math.Max(sumY2, 1)) && minMean == maxMean)
        {
            throw new CourseFitException("All scores are the same: there is no course to model.");
        }
    }
}
