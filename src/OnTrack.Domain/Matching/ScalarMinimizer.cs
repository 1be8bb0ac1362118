namespace OnTrack.Domain.Matching;

/// <summary>Brent's method for a minimum of a function of one variable on an interval (Brent 1973, ch. 5).</summary>
internal static class ScalarMinimizer
{
    private const double Golden = 0.3819660112501051;

    /// <summary>The minimiser of <paramref name="f"/> on [<paramref name="a"/>, <paramref name="b"/>] to within <paramref name="tolerance"/> relative (plus 1e-14 absolute), and its value.</summary>
    public static (double X, double Value) Brent(Func<double, double> f, double a, double b, double tolerance, int maxIterations = 500)
    {
        ArgumentNullException.ThrowIfNull(f);
        var x = a + (Golden * (b - a));
        var (w, v) = (x, x);
        var fx = f(x);
        var (fw, fv) = (fx, fx);
        double d = 0, e = 0;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var middle = 0.5 * (a + b);
            var tol1 = (tolerance * Math.Abs(x)) + 1e-14;
            var tol2 = 2 * tol1;
            if (Math.Abs(x - middle) <= tol2 - (0.5 * (b - a)))
            {
                break;
            }

            var golden = true;
            if (Math.Abs(e) > tol1)
            {
                // Try a parabola through x, w and v.
                var r = (x - w) * (fx - fv);
                var q = (x - v) * (fx - fw);
                var p = ((x - v) * q) - ((x - w) * r);
                q = 2 * (q - r);
                if (q > 0)
                {
                    p = -p;
                }

                q = Math.Abs(q);
                if (Math.Abs(p) < Math.Abs(0.5 * q * e) && p > q * (a - x) && p < q * (b - x))
                {
                    e = d;
                    d = p / q;
                    var u0 = x + d;
                    if (u0 - a < tol2 || b - u0 < tol2)
                    {
                        d = middle >= x ? tol1 : -tol1;
                    }

                    golden = false;
                }
            }

            if (golden)
            {
                e = (x >= middle ? a : b) - x;
                d = Golden * e;
            }

            var u = Math.Abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
            var fu = f(u);
            if (fu <= fx)
            {
                (a, b) = u >= x ? (x, b) : (a, x);
                (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
            }
            else
            {
                (a, b) = u < x ? (u, b) : (a, u);
                if (fu <= fw || w == x)
                {
                    (v, fv, w, fw) = (w, fw, u, fu);
                }
                else if (fu <= fv || v == x || v == w)
                {
                    (v, fv) = (u, fu);
                }
            }
        }

        return (x, fx);
    }
}
