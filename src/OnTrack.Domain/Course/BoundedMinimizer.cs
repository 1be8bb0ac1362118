namespace OnTrack.Domain.Course;

/// <summary>
/// Minimises a smooth function of a few parameters with lower bounds: Nelder–Mead to get near the
/// optimum robustly (no derivatives needed), then projected Newton steps with finite-difference
/// derivatives to polish it to full precision — lme4's bobyqa stops at about 1e-6 in θ; the criterion
/// is cheap here, so we can afford to go further.
/// </summary>
internal static class BoundedMinimizer
{
    internal sealed record Result(double[] X, double Value, int Evaluations, bool Converged);

    /// <summary>Minimises from <paramref name="start"/>; the first simplex spans <paramref name="scale"/> of each parameter (at least that much absolutely).</summary>
    /// <remarks>
    /// With <paramref name="newtonFirst"/> (a start believed close to the optimum) Newton runs first and
    /// Nelder–Mead only if Newton does not converge from there.
    /// </remarks>
    public static Result Minimize(Func<double[], double> objective, double[] start, double[] lower, double scale = 0.25, bool newtonFirst = false)
    {
        var dim = start.Length;
        var evaluations = 0;
        double F(double[] x)
        {
            evaluations++;
            var clamped = Clamp(x, lower);
            var value = objective(clamped);
            return double.IsNaN(value) ? double.PositiveInfinity : value;
        }

        if (newtonFirst)
        {
            var x0 = Clamp(start, lower);
            var f0 = F(x0);
            if (Polish(F, ref x0, ref f0, lower))
            {
                Snap(F, ref x0, ref f0, lower);
                return new Result(x0, f0, evaluations, true);
            }

            start = x0;
        }

        // Nelder–Mead on the clamped function; points outside the box evaluate at its edge, which keeps
        // the simplex moving along a boundary where a variance is zero.
        var simplex = new double[dim + 1][];
        var values = new double[dim + 1];
        simplex[0] = (double[])start.Clone();
        for (var i = 0; i < dim; i++)
        {
            simplex[i + 1] = (double[])start.Clone();
            simplex[i + 1][i] += Math.Max(scale, scale * Math.Abs(start[i]));
        }

        for (var i = 0; i <= dim; i++)
        {
            values[i] = F(simplex[i]);
        }

        for (var iteration = 0; iteration < 400 * dim; iteration++)
        {
            Array.Sort(values, simplex);
            var spread = values[dim] - values[0];
            var size = 0.0;
            for (var i = 1; i <= dim; i++)
            {
                for (var j = 0; j < dim; j++)
                {
                    size = Math.Max(size, Math.Abs(simplex[i][j] - simplex[0][j]));
                }
            }

            if (spread <= 1e-9 * (1 + Math.Abs(values[0])) && size < 1e-4)
            {
                break;
            }

            var centroid = new double[dim];
            for (var i = 0; i < dim; i++)
            {
                for (var j = 0; j < dim; j++)
                {
                    centroid[j] += simplex[i][j] / dim;
                }
            }

            var reflected = Along(centroid, simplex[dim], -1);
            var fr = F(reflected);
            if (fr < values[0])
            {
                var expanded = Along(centroid, simplex[dim], -2);
                var fe = F(expanded);
                (simplex[dim], values[dim]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[dim - 1])
            {
                (simplex[dim], values[dim]) = (reflected, fr);
            }
            else
            {
                var contracted = fr < values[dim] ? Along(centroid, simplex[dim], -0.5) : Along(centroid, simplex[dim], 0.5);
                var fc = F(contracted);
                if (fc < Math.Min(fr, values[dim]))
                {
                    (simplex[dim], values[dim]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i <= dim; i++)
                    {
                        simplex[i] = Along(simplex[0], simplex[i], 0.5);
                        values[i] = F(simplex[i]);
                    }
                }
            }
        }

        Array.Sort(values, simplex);
        var x = Clamp(simplex[0], lower);
        var fx = F(x);
        var converged = Polish(F, ref x, ref fx, lower);
        Snap(F, ref x, ref fx, lower);
        return new Result(x, fx, evaluations, converged);
    }

    /// <summary>Projected Newton with central differences; true when the Newton decrement is negligible.</summary>
    private static bool Polish(Func<double[], double> f, ref double[] x, ref double fx, double[] lower)
    {
        var dim = x.Length;
        double[,]? hessian = null;
        int[]? hessianFree = null;
        for (var iteration = 0; iteration < 60; iteration++)
        {
            var h = new double[dim];
            var gradient = new double[dim];
            var atBound = new bool[dim];
            for (var i = 0; i < dim; i++)
            {
                h[i] = 1e-4 * Math.Max(0.1, Math.Abs(x[i]));
                atBound[i] = x[i] - lower[i] < h[i];
                var plus = Shift(x, i, h[i]);
                var fp = f(plus);
                if (atBound[i])
                {
                    // One-sided at a bound: the function is not defined (or is mirrored) beyond it.
                    var plus2 = Shift(x, i, 2 * h[i]);
                    gradient[i] = ((-3 * fx) + (4 * fp) - f(plus2)) / (2 * h[i]);
                }
                else
                {
                    gradient[i] = (fp - f(Shift(x, i, -h[i]))) / (2 * h[i]);
                }
            }

            // A parameter sitting on its bound whose gradient pushes outward stays fixed there.
            var point = x;
            var free = Enumerable.Range(0, dim).Where(i => !(point[i] <= lower[i] && gradient[i] >= 0)).ToArray();
            if (free.Length == 0)
            {
                return true;
            }

            var k = free.Length;
            // The Hessian is kept while Newton steps succeed in full: recomputing it costs four times a
            // gradient, and near the optimum it hardly changes (the steps then converge almost as fast).
            var fresh = false;
            if (hessian is null || hessianFree is null || !hessianFree.SequenceEqual(free))
            {
                hessian = Hessian(f, x, h, free, lower);
                hessianFree = free;
                fresh = true;
            }

            var g = free.Select(i => gradient[i]).ToArray();
            var newton = SolvePositive(hessian, g);
            var h2 = hessian;
            // Not convex here: a scaled gradient step, then let the next iteration try Newton again.
            var step = newton ?? g.Select((v, a) => v / Math.Max(Math.Abs(h2[a, a]), 1e-8)).ToArray();

            // Stop on the size of the step, not on the predicted decrease: near the optimum the criterion is
            // flat to second order, so a decrease of 1e-10 can still hide a θ error of 1e-5. Below 1e-7 the
            // steps are rounding noise in the criterion (about 1e-14 of it) seen through the differences.
            var largest = step.Max(Math.Abs);
            var decrement = 0.0;
            for (var a = 0; a < k; a++)
            {
                decrement += g[a] * step[a];
            }

            // …or when the decrease Newton predicts is at the criterion's rounding level (1e-14 of it):
            // the steps are then set by noise and finite-difference bias, not by the optimum.
            var last = largest < 1e-7 * Math.Max(1, x.Max(Math.Abs)) || Math.Abs(decrement) < 1e-14 * Math.Abs(fx);

            var improved = false;
            for (var t = 1.0; t > (last ? 0.9 : 1e-6); t /= 2)
            {
                var candidate = (double[])x.Clone();
                for (var a = 0; a < k; a++)
                {
                    candidate[free[a]] -= t * step[a];
                }

                candidate = Clamp(candidate, lower);
                var fc = f(candidate);
                if (fc < fx)
                {
                    improved = true;
                    x = candidate;
                    fx = fc;
                    if (t < 1 || newton is null)
                    {
                        hessian = null;
                    }

                    break;
                }
            }

            if (last)
            {
                return true;
            }

            if (!improved && !fresh)
            {
                // The kept Hessian may be stale: try again with a new one before concluding.
                hessian = null;
                continue;
            }

            if (!improved)
            {
                // No decrease along the Newton direction at any step length: the finite-difference noise
                // floor is reached. That is convergence if the step asked for was already tiny.
                return largest < 1e-6;
            }
        }

        return false;
    }

    /// <summary>
    /// A parameter within 1e-6 of its bound is set onto it when that costs nothing measurable (1e-13 of
    /// the criterion): a zero variance should be reported as zero, as lme4 does, not as 2e-10.
    /// </summary>
    private static void Snap(Func<double[], double> f, ref double[] x, ref double fx, double[] lower)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] > lower[i] && x[i] - lower[i] < 1e-6)
            {
                var snapped = (double[])x.Clone();
                snapped[i] = lower[i];
                var fs = f(snapped);
                if (fs <= fx + (1e-13 * Math.Abs(fx)))
                {
                    x = snapped;
                    fx = fs;
                }
            }
        }
    }

    /// <summary>Central-difference Hessian over the free parameters, its stencil kept inside the bounds.</summary>
    private static double[,] Hessian(Func<double[], double> f, double[] x, double[] h, int[] free, double[] lower)
    {
        var dim = x.Length;
        var k = free.Length;
        var hessian = new double[k, k];
        var centre = (double[])x.Clone();
        for (var m = 0; m < dim; m++)
        {
            centre[m] = Math.Max(centre[m], lower[m] + (2 * h[m]));
        }

        var fc = f(centre);
        for (var a = 0; a < k; a++)
        {
            for (var b = a; b < k; b++)
            {
                var i = free[a];
                var j = free[b];
                var value = i == j
                    ? (f(Shift(centre, i, h[i])) - (2 * fc) + f(Shift(centre, i, -h[i]))) / (h[i] * h[i])
                    : (f(Shift(Shift(centre, i, h[i]), j, h[j])) - f(Shift(Shift(centre, i, h[i]), j, -h[j]))
                        - f(Shift(Shift(centre, i, -h[i]), j, h[j])) + f(Shift(Shift(centre, i, -h[i]), j, -h[j]))) / (4 * h[i] * h[j]);
                hessian[a, b] = value;
                hessian[b, a] = value;
            }
        }

        return hessian;
    }

    private static double[]? SolvePositive(double[,] a, double[] b)
    {
        var n = b.Length;
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return null;
                    }

                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[i, k] * y[k];
            }

            y[i] = sum / l[i, i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= l[k, i] * x[k];
            }

            x[i] = sum / l[i, i];
        }

        return x;
    }

    private static double[] Along(double[] from, double[] to, double t)
    {
        var result = new double[from.Length];
        for (var i = 0; i < from.Length; i++)
        {
            result[i] = from[i] + (t * (to[i] - from[i]));
        }

        return result;
    }

    private static double[] Shift(double[] x, int i, double by)
    {
        var result = (double[])x.Clone();
        result[i] += by;
        return result;
    }

    private static double[] Clamp(double[] x, double[] lower)
    {
        var result = (double[])x.Clone();
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = Math.Max(result[i], lower[i]);
        }

        return result;
    }
}
