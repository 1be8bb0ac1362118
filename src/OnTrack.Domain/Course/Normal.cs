namespace OnTrack.Domain.Course;

/// <summary>The standard normal distribution: CDF and quantile to double precision.</summary>
public static class Normal
{
    /// <summary>Φ(x), by West (2005), "Better approximations to cumulative normal functions" (Hart 1968), accurate to about 1e-15.</summary>
    public static double Cdf(double x)
    {
        var z = Math.Abs(x);
        double c;
        if (z > 37)
        {
            c = 0;
        }
        else
        {
            var e = Math.Exp(-z * z / 2);
            if (z < 7.07106781186547)
            {
                var n = Horner(z, [0.0352624965998911, 0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871, 221.213596169931, 220.206867912376]);
                var d = Horner(z, [0.0883883476483184, 1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674, 637.333633378831, 793.826512519948, 440.413735824752]);
                c = e * n / d;
            }
            else
            {
                var b = z + 0.65;
                b = z + (4 / b);
                b = z + (3 / b);
                b = z + (2 / b);
                b = z + (1 / b);
                c = e / b / 2.506628274631;
            }
        }

        return x > 0 ? 1 - c : c;
    }

    /// <summary>Φ⁻¹(p) for 0 &lt; p &lt; 1, by Wichura (1988), algorithm AS 241 (PPND16), accurate to about 1e-16.</summary>
    public static double Quantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1 is needed.");
        }

        var q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            var r = 0.180625 - (q * q);
            return q * Horner(r, [2509.0809287301226727, 33430.575583588128105, 67265.770927008700853, 45921.953931549871457, 13731.693765509461125, 1971.5909503065514427, 133.14166789178437745, 3.387132872796366608])
                / Horner(r, [5226.495278852545925, 28729.085735721942674, 39307.89580009271061, 21213.794301586595867, 5394.1960214247511077, 687.1870074920579083, 42.313330701600911252, 1]);
        }

        var rr = Math.Sqrt(-Math.Log(q < 0 ? p : 1 - p));
        double value;
        if (rr <= 5)
        {
            rr -= 1.6;
            value = Horner(rr, [7.7454501427834140764e-4, 0.0227238449892691845833, 0.24178072517745061177, 1.27045825245236838258, 3.64784832476320460504, 5.7694972214606914055, 4.6303378461565452959, 1.42343711074968357734])
                / Horner(rr, [1.05075007164441684324e-9, 5.475938084995344946e-4, 0.0151986665636164571966, 0.14810397642748007459, 0.68976733498510000455, 1.6763848301838038494, 2.05319162663775882187, 1]);
        }
        else
        {
            rr -= 5;
            value = Horner(rr, [2.01033439929228813265e-7, 2.71155556874348757815e-5, 0.0012426609473880784386, 0.026532189526576123093, 0.29656057182850489123, 1.7848265399172913358, 5.4637849111641143699, 6.6579046435011037772])
                / Horner(rr, [2.04426310338993978564e-15, 1.4215117583164458887e-7, 1.8463183175100546818e-5, 7.868691311456132591e-4, 0.0148753612908506148525, 0.13692988092273580531, 0.59983220655588793769, 1]);
        }

        return q < 0 ? -value : value;
    }

    /// <summary>Evaluates a polynomial with coefficients from the highest degree down.</summary>
    private static double Horner(double x, ReadOnlySpan<double> coefficients)
    {
        var sum = 0.0;
        foreach (var c in coefficients)
        {
            sum = (sum * x) + c;
        }

        return sum;
    }
}
