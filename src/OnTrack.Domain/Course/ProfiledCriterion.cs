using System.Numerics;

namespace OnTrack.Domain.Course;

/// <summary>
/// lme4's profiled deviance (ML) or REML criterion of score ~ f·intake + (f | client) as a function of
/// the relative covariance factor θ = (λ₀₀, λ₁₀, λ₁₁), computed from per-client sums alone.
/// </summary>
/// <remarks>
/// With Zᵢ = [1, f] and, because intake is constant within a client, Xᵢ = Zᵢ·[I, aᵢI], every block
/// lme4 forms (Λ'ZᵢᵀZᵢΛ + I, ZᵢᵀXᵢ, XᵢᵀXᵢ, Zᵢᵀy, Xᵢᵀy, yᵀy) is a function of Aᵢ = ZᵢᵀZᵢ, cᵢ = Zᵢᵀyᵢ,
/// yᵢᵀyᵢ and aᵢ. Clients with the same Aᵢ (same sessions attended) share every θ-dependent quantity, so
/// they are merged once up front into one group with Σa, Σa², Σc, Σac, Σccᵀ, Σyᵀy; an evaluation then
/// costs a few dozen flops per distinct session pattern — linear in clients at worst.
/// </remarks>
internal sealed class ProfiledCriterion
{
    private readonly double[] _n, _s1, _s2, _count, _sa, _sa2, _c0, _c1, _ac0, _ac1, _cc00, _cc01, _cc11;
    private readonly double _yy;
    private readonly double[] _groupYy;

    private const int BlockSize = 512;

    /// <summary>Below this many groups one evaluation takes well under a millisecond: not worth threads.</summary>
    private const int ParallelFrom = 100_000;

    public ProfiledCriterion(ReadOnlySpan<ClientSums> clients, bool useIntake, bool reml)
    {
        UseIntake = useIntake;
        Reml = reml;
        P = useIntake ? 4 : 2;
        // Pass 1: the group (session pattern) of each client, by open addressing on the exact bits of
        // (n, Σf, Σf²) — a million lookups in flat arrays rather than a dictionary of tuples.
        var slots = new int[Math.Max(1024, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(clients.Length, 1) * 2))];
        var mask = slots.Length - 1;
        var keyN = new int[1024];
        var keyF = new long[1024];
        var keyF2 = new long[1024];
        var counts = new int[1024];
        var groupOf = new int[clients.Length];
        var groups = 0;
        long rows = 0;
        for (var i = 0; i < clients.Length; i++)
        {
            var c = clients[i];
            rows += c.Count;
            var f = BitConverter.DoubleToInt64Bits(c.SumF);
            var f2 = BitConverter.DoubleToInt64Bits(c.SumF2);
            var hash = (ulong)c.Count * 0x9E3779B97F4A7C15UL;
            hash = (hash ^ (ulong)f) * 0xBF58476D1CE4E5B9UL;
            hash = (hash ^ (ulong)f2) * 0x94D049BB133111EBUL;
            var slot = (int)(hash >> 33) & mask;
            int g;
            while (true)
            {
                g = slots[slot] - 1;
                if (g < 0)
                {
                    g = groups++;
                    if (g == keyN.Length)
                    {
                        Array.Resize(ref keyN, g * 2);
                        Array.Resize(ref keyF, g * 2);
                        Array.Resize(ref keyF2, g * 2);
                        Array.Resize(ref counts, g * 2);
                    }

                    (keyN[g], keyF[g], keyF2[g]) = (c.Count, f, f2);
                    slots[slot] = g + 1;
                    break;
                }

                if (keyN[g] == c.Count && keyF[g] == f && keyF2[g] == f2)
                {
                    break;
                }

                slot = (slot + 1) & mask;
            }

            groupOf[i] = g;
            counts[g]++;
        }

        Rows = rows;
        Groups = groups;
        (_n, _s1, _s2) = (new double[Groups], new double[Groups], new double[Groups]);
        (_count, _sa, _sa2, _c0, _c1) = (new double[Groups], new double[Groups], new double[Groups], new double[Groups], new double[Groups]);
        (_ac0, _ac1, _cc00, _cc01, _cc11) = (new double[Groups], new double[Groups], new double[Groups], new double[Groups], new double[Groups]);
        for (var g = 0; g < Groups; g++)
        {
            _n[g] = keyN[g];
            _s1[g] = BitConverter.Int64BitsToDouble(keyF[g]);
            _s2[g] = BitConverter.Int64BitsToDouble(keyF2[g]);
        }

        // Pass 2: clients ordered by group (a counting sort), so each group's totals are summed in one
        // go with compensated sums held in locals — exact to the last bit or two for millions of
        // clients, and no per-group objects for the collector.
        var start = new int[Groups + 1];
        for (var g = 0; g < Groups; g++)
        {
            start[g + 1] = start[g] + counts[g];
        }

        var order = new int[clients.Length];
        var cursor = start[..Groups];
        for (var i = 0; i < clients.Length; i++)
        {
            order[cursor[groupOf[i]]++] = i;
        }

        var yy = default(Compensated);
        _groupYy = new double[Groups];
        Span<Compensated> s = stackalloc Compensated[10];
        for (var g = 0; g < Groups; g++)
        {
            s.Clear();
            var groupYy = default(Compensated);
            for (var k = start[g]; k < start[g + 1]; k++)
            {
                var c = clients[order[k]];
                var a = useIntake ? c.Intake : 0;
                s[0].Add(1);
                s[1].Add(a);
                s[2].Add(a * a);
                s[3].Add(c.SumY);
                s[4].Add(c.SumFY);
                s[5].Add(a * c.SumY);
                s[6].Add(a * c.SumFY);
                s[7].Add(c.SumY * c.SumY);
                s[8].Add(c.SumY * c.SumFY);
                s[9].Add(c.SumFY * c.SumFY);
                yy.Add(c.SumY2);
                groupYy.Add(c.SumY2);
            }

            _groupYy[g] = groupYy.Value;

            (_count[g], _sa[g], _sa2[g], _c0[g], _c1[g]) = (s[0].Value, s[1].Value, s[2].Value, s[3].Value, s[4].Value);
            (_ac0[g], _ac1[g], _cc00[g], _cc01[g], _cc11[g]) = (s[5].Value, s[6].Value, s[7].Value, s[8].Value, s[9].Value);
        }

        _yy = yy.Value;
    }

    public bool UseIntake { get; }

    public bool Reml { get; }

    /// <summary>Number of fixed effects.</summary>
    public int P { get; }

    public long Rows { get; }

    /// <summary>Distinct session patterns (clients merged for evaluation).</summary>
    public int Groups { get; }

    /// <summary>
    /// A starting θ from moments: each client's own least-squares intercept and slope, their spread
    /// around the intake regression less the part the residual explains (σ²·(ZᵢᵀZᵢ)⁻¹), relative to σ².
    /// Close to the optimum on typical data, so the optimiser needs far fewer steps than from lme4's
    /// (1, 0, 1); null when the data give no usable moments (then lme4's start is used).
    /// </summary>
    public double[]? MomentStart()
    {
        double clients = 0, dof = 0, ss = 0, sa = 0, saa = 0, b0 = 0, b1 = 0, ab0 = 0, ab1 = 0, bb00 = 0, bb01 = 0, bb11 = 0, v00 = 0, v01 = 0, v11 = 0;
        for (var g = 0; g < _n.Length; g++)
        {
            var (n, s1, s2, count) = (_n[g], _s1[g], _s2[g], _count[g]);
            var det = (n * s2) - (s1 * s1);
            if (n < 3 || !(det > 1e-8 * n * s2))
            {
                continue;
            }

            // A⁻¹ for this session pattern; every client in the group shares it.
            var (i00, i01, i11) = (s2 / det, -s1 / det, n / det);
            clients += count;
            dof += count * (n - 2);
            // Σ (yᵀy − cᵀA⁻¹c) = Σyᵀy − tr(A⁻¹ Σccᵀ): the clients' own residual sums of squares.
            ss += _groupYy[g] - ((i00 * _cc00[g]) + (2 * i01 * _cc01[g]) + (i11 * _cc11[g]));
            var a = UseIntake ? _sa[g] : 0;
            sa += a;
            saa += UseIntake ? _sa2[g] : 0;
            b0 += (i00 * _c0[g]) + (i01 * _c1[g]);
            b1 += (i01 * _c0[g]) + (i11 * _c1[g]);
            if (UseIntake)
            {
                ab0 += (i00 * _ac0[g]) + (i01 * _ac1[g]);
                ab1 += (i01 * _ac0[g]) + (i11 * _ac1[g]);
            }

            // Σ bbᵀ = A⁻¹ (Σccᵀ) A⁻¹
            var (m00, m01, m10, m11) = ((i00 * _cc00[g]) + (i01 * _cc01[g]), (i00 * _cc01[g]) + (i01 * _cc11[g]), (i01 * _cc00[g]) + (i11 * _cc01[g]), (i01 * _cc01[g]) + (i11 * _cc11[g]));
            bb00 += (m00 * i00) + (m01 * i01);
            bb01 += (m00 * i01) + (m01 * i11);
            bb11 += (m10 * i01) + (m11 * i11);
            v00 += count * i00;
            v01 += count * i01;
            v11 += count * i11;
        }

        if (clients < 5 || !(dof > 0) || !(ss > 0))
        {
            return null;
        }

        var sigma2 = ss / dof;
        // Residual cross-products of b after regressing it on [1, intake] (or on 1 alone).
        double r00, r01, r11, q;
        if (UseIntake)
        {
            var d = (clients * saa) - (sa * sa);
            if (!(d > 1e-12 * clients * saa))
            {
                return null;
            }

            // Fitted part: XtYᵀ (XtX)⁻¹ XtY per pair of components.
            double Fit(double y0, double ya0, double y1, double ya1) => ((saa * y0 * y1) - (sa * ((y0 * ya1) + (ya0 * y1))) + (clients * ya0 * ya1)) / d;
            r00 = bb00 - Fit(b0, ab0, b0, ab0);
            r01 = bb01 - Fit(b0, ab0, b1, ab1);
            r11 = bb11 - Fit(b1, ab1, b1, ab1);
            q = 2;
        }
        else
        {
            r00 = bb00 - (b0 * b0 / clients);
            r01 = bb01 - (b0 * b1 / clients);
            r11 = bb11 - (b1 * b1 / clients);
            q = 1;
        }

        var (s00, s01, s11) = (r00 / (clients - q), r01 / (clients - q), r11 / (clients - q));
        var (e00, e01, e11) = ((s00 - (sigma2 * v00 / clients)) / sigma2, (s01 - (sigma2 * v01 / clients)) / sigma2, (s11 - (sigma2 * v11 / clients)) / sigma2);
        // Keep the start inside the open box and positive definite: a moment estimate at or past zero
        // variance, or past perfect correlation, is noise, and Newton does better from inside.
        e00 = Math.Max(e00, 0.01 * s00 / sigma2);
        e11 = Math.Max(e11, 0.01 * s11 / sigma2);
        var bound = 0.95 * Math.Sqrt(e00 * e11);
        e01 = Math.Clamp(e01, -bound, bound);
        var l00 = Math.Sqrt(e00);
        var l10 = e01 / l00;
        var l11 = Math.Sqrt(e11 - (l10 * l10));
        double[] start = [l00, l10, l11];
        return start.All(double.IsFinite) && l00 > 0 && l11 > 0 ? start : null;
    }

    public double Evaluate(double[] theta) => Solve(theta)?.Criterion ?? double.PositiveInfinity;

    /// <summary>The profiled solution at θ, or null where the fixed effects are not estimable.</summary>
    public Solution? Solve(double[] theta)
    {
        // Blocked (two-level) summation: the criterion's rounding noise sets how finely the optimiser can
        // place θ, and a flat sum over 60,000 groups of a million clients would add it up 60,000 deep.
        // Many groups (times that are not whole sessions) are split over the cores; the blocks are
        // still added in their fixed order, so the result does not depend on the thread schedule.
        var blocks = (_n.Length + BlockSize - 1) / BlockSize;
        var partial = new Totals[blocks];
        if (_n.Length >= ParallelFrom && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, blocks, b => Accumulate(theta, b * BlockSize, Math.Min(_n.Length, (b + 1) * BlockSize), ref partial[b]));
        }
        else
        {
            for (var b = 0; b < blocks; b++)
            {
                Accumulate(theta, b * BlockSize, Math.Min(_n.Length, (b + 1) * BlockSize), ref partial[b]);
            }
        }

        var t = default(Totals);
        foreach (var block in partial)
        {
            t.Add(block);
        }

        var (ld, e) = (t.Ld, t.E);
        var (s000, s001, s011, s100, s101, s111, s200, s201, s211) = (t.S000, t.S001, t.S011, t.S100, t.S101, t.S111, t.S200, t.S201, t.S211);
        var (d0, d1, ad0, ad1) = (t.D0, t.D1, t.Ad0, t.Ad1);

        var p = P;
        var xtx = new double[p * p];
        var xty = new double[p];
        Set(xtx, p, 0, 0, s000, s001, s011);
        xty[0] = d0;
        xty[1] = d1;
        if (UseIntake)
        {
            Set(xtx, p, 0, 2, s100, s101, s111);
            Set(xtx, p, 2, 0, s100, s101, s111);
            Set(xtx, p, 2, 2, s200, s201, s211);
            xty[2] = ad0;
            xty[3] = ad1;
        }

        var chol = DenseMatrix.Cholesky(xtx, p);
        if (chol is null)
        {
            return null;
        }

        var beta = DenseMatrix.CholeskySolve(chol, p, xty);
        var rss = _yy - e;
        for (var i = 0; i < p; i++)
        {
            rss -= beta[i] * xty[i];
        }

        if (!(rss > 0))
        {
            return null;
        }

        var ldRx = 0.0;
        for (var i = 0; i < p; i++)
        {
            ldRx += 2 * Math.Log(chol[(i * p) + i]);
        }

        var dof = Reml ? Rows - p : Rows;
        var criterion = ld + (Reml ? ldRx : 0) + (dof * (1 + Math.Log(2 * Math.PI * rss / dof)));
        return new Solution(criterion, beta, rss, ld, ldRx, chol, dof);
    }

    private void Accumulate(double[] theta, int from, int to, ref Totals result)
    {
        var t = default(Totals);
        var (l0, l1, l2) = (theta[0], theta[1], theta[2]);
        for (var g = from; g < to; g++)
        {
            var (n, s1, s2) = (_n[g], _s1[g], _s2[g]);
            // M = Λ'AΛ + I
            var t00 = (n * l0) + (s1 * l1);
            var t10 = (s1 * l0) + (s2 * l1);
            var t11 = s2 * l2;
            var m00 = (l0 * t00) + (l1 * t10) + 1;
            var m01 = l1 * t11 + (l0 * s1 * l2);
            var m11 = (l2 * t11) + 1;
            var det = (m00 * m11) - (m01 * m01);
            var count = _count[g];
            t.Ld += count * Math.Log(det);
            var (i00, i01, i11) = (m11 / det, -m01 / det, m00 / det);
            // W = Λ M⁻¹ Λ'
            var a00 = l0 * i00;
            var a01 = l0 * i01;
            var a10 = (l1 * i00) + (l2 * i01);
            var a11 = (l1 * i01) + (l2 * i11);
            var w00 = a00 * l0;
            var w01 = (a00 * l1) + (a01 * l2);
            var w11 = (a10 * l1) + (a11 * l2);
            // P = A W; B = A − P A (the client's block of X'V⁻¹X before the intake columns)
            var p00 = (n * w00) + (s1 * w01);
            var p01 = (n * w01) + (s1 * w11);
            var p10 = (s1 * w00) + (s2 * w01);
            var p11 = (s1 * w01) + (s2 * w11);
            var b00 = n - ((p00 * n) + (p01 * s1));
            var b01 = s1 - ((p00 * s1) + (p01 * s2));
            var b11 = s2 - ((p10 * s1) + (p11 * s2));
            t.S000 += count * b00;
            t.S001 += count * b01;
            t.S011 += count * b11;
            var (c0, c1) = (_c0[g], _c1[g]);
            t.D0 += c0 - ((p00 * c0) + (p01 * c1));
            t.D1 += c1 - ((p10 * c0) + (p11 * c1));
            t.E += (w00 * _cc00[g]) + (2 * w01 * _cc01[g]) + (w11 * _cc11[g]);
            if (UseIntake)
            {
                var (sa, sa2) = (_sa[g], _sa2[g]);
                t.S100 += sa * b00;
                t.S101 += sa * b01;
                t.S111 += sa * b11;
                t.S200 += sa2 * b00;
                t.S201 += sa2 * b01;
                t.S211 += sa2 * b11;
                var (ac0, ac1) = (_ac0[g], _ac1[g]);
                t.Ad0 += ac0 - ((p00 * ac0) + (p01 * ac1));
                t.Ad1 += ac1 - ((p10 * ac0) + (p11 * ac1));
            }
        }
        result = t;
    }

    private struct Totals
    {
        public double Ld, E, S000, S001, S011, S100, S101, S111, S200, S201, S211, D0, D1, Ad0, Ad1;

        public void Add(in Totals b)
        {
            (Ld, E, D0, D1, Ad0, Ad1) = (Ld + b.Ld, E + b.E, D0 + b.D0, D1 + b.D1, Ad0 + b.Ad0, Ad1 + b.Ad1);
            (S000, S001, S011) = (S000 + b.S000, S001 + b.S001, S011 + b.S011);
            (S100, S101, S111) = (S100 + b.S100, S101 + b.S101, S111 + b.S111);
            (S200, S201, S211) = (S200 + b.S200, S201 + b.S201, S211 + b.S211);
        }
    }

    private static void Set(double[] m, int p, int row, int col, double v00, double v01, double v11)
    {
        m[(row * p) + col] = v00;
        m[(row * p) + col + 1] = v01;
        m[((row + 1) * p) + col] = v01;
        m[((row + 1) * p) + col + 1] = v11;
    }

    /// <summary>The profiled quantities at one θ: β̂, the penalised residual sum of squares r², log-determinants.</summary>
    internal sealed record Solution(double Criterion, double[] Beta, double Rss, double LogDetL, double LogDetRx, double[] XtVXCholesky, long DegreesOfFreedom);

    /// <summary>Neumaier's compensated sum: the group totals stay exact to the last bit or two for millions of clients.</summary>
    private struct Compensated
    {
        private double _sum;
        private double _compensation;

        public readonly double Value => _sum + _compensation;

        public void Add(double x)
        {
            var t = _sum + x;
            _compensation += Math.Abs(_sum) >= Math.Abs(x) ? (_sum - t) + x : (x - t) + _sum;
            _sum = t;
        }
    }
}

/// <summary>Small dense symmetric linear algebra (row-major), enough for p ≤ 4.</summary>
internal static class DenseMatrix
{
    /// <summary>Lower Cholesky factor, or null when the matrix is not numerically positive definite.</summary>
    public static double[]? Cholesky(double[] a, int n)
    {
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    // Relative pivot test: a column that is (numerically) a combination of others, such as an
                    // intake identical for all clients, must fail here rather than give a huge β.
                    if (!(sum > 1e-10 * Math.Abs(a[(i * n) + i])))
                    {
                        return null;
                    }

                    l[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * n) + j] = sum / l[(j * n) + j];
                }
            }
        }

        return l;
    }

    public static double[] CholeskySolve(double[] l, int n, double[] b)
    {
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[(i * n) + k] * y[k];
            }

            y[i] = sum / l[(i * n) + i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= l[(k * n) + i] * x[k];
            }

            x[i] = sum / l[(i * n) + i];
        }

        return x;
    }

    /// <summary>The inverse of A from its Cholesky factor.</summary>
    public static double[] CholeskyInverse(double[] l, int n)
    {
        var inverse = new double[n * n];
        for (var j = 0; j < n; j++)
        {
            var e = new double[n];
            e[j] = 1;
            var column = CholeskySolve(l, n, e);
            for (var i = 0; i < n; i++)
            {
                inverse[(i * n) + j] = column[i];
            }
        }

        return inverse;
    }
}
