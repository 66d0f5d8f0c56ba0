using MathNet.Numerics;

namespace EvalHarness.Statistics;

/// <summary>
/// Null distributions of Kolmogorov-Smirnov statistics, computed as scipy 1.10 computes them. No package on the mirror provides these;
/// the algorithms are the published ones scipy cites: Hodges (1958) and Viehmann (2021) for the exact two-sample statistic, and
/// Simard and L'Ecuyer (2011) for choosing between Durbin–Marsaglia–Tsang–Wang, Pomeranz, Pelz–Good and Birnbaum–Tingey.
/// </summary>
internal static class KolmogorovDistribution
{
    private const int ScaleExponent = 128;
    private static readonly double ScaleUp = Math.ScaleB(1.0, ScaleExponent);
    private static readonly double ScaleDown = Math.ScaleB(1.0, -ScaleExponent);

    /// <summary>
    /// The exact two-sided p-value of the two-sample statistic <paramref name="d"/>, or false when the computation is not reliable.
    /// <paramref name="d"/> is snapped to the lattice of attainable values (h / lcm(n1, n2)) as scipy does.
    /// </summary>
    public static bool TryTwoSampleExact(int n1, int n2, ref double d, out double p)
    {
        var g = (int)Gcd(n1, n2);
        var lcm = (long)(n1 / g) * n2;
        var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        d = (double)h / lcm;
        if (h == 0)
        {
            p = 1;
            return true;
        }

        p = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : OuterProbabilityInside(n1, n2, g, h);
        return p is >= 0 and <= 1;
    }

    /// <summary>P(D_n ≥ x) for the one-sample two-sided statistic (scipy's <c>kstwo.sf(x, n)</c>).</summary>
    public static double KolmogorovSf(int n, double x)
    {
        if (n <= 0 || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x >= 1)
        {
            return 0;
        }

        if (x <= 0)
        {
            return 1;
        }

        var t = n * x;
        if (t <= 1)
        {
            // Ruben-Gambino: 1/2n < x <= 1/n.
            if (t <= 0.5)
            {
                return 1;
            }

            double cdf;
            if (n <= 140)
            {
                cdf = 1;
                for (var i = 1; i <= n; i++)
                {
                    cdf *= i * (1.0 / n) * ((2 * t) - 1);
                }
            }
            else
            {
                cdf = Math.Exp(LogFactorialOverPower(n) + (n * Math.Log((2 * t) - 1)));
            }

            return Clip(1 - cdf);
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * Smirnov(n, x));
        }

        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693)
            {
                return Clip(1 - DurbinMatrix(n, x));
            }

            if (nxSquared <= 4)
            {
                return Clip(1 - Pomeranz(n, x));
            }

            return Clip(2 * Smirnov(n, x));
        }

        if (nxSquared >= 370)
        {
            return 0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * Smirnov(n, x));
        }

        var cdfProbability = n <= 100_000 && n * Math.Pow(x, 1.5) <= 1.4 ? DurbinMatrix(n, x) : PelzGood(n, x);
        return Clip(1 - cdfProbability);
    }

    private static double Clip(double p) => Math.Clamp(p, 0, 1);

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    // P(D_{n,n} >= h/n) = 2·(A0·(1 − A1·(1 − A2·(…)))), evaluated Horner-style to avoid cancellation.
    private static double ProbabilityOutsideSquare(long n, long h)
    {
        var p = 0.0;
        for (var k = n / h; k >= 0; k--)
        {
            var p1 = 1.0;
            for (long j = 0; j < h; j++)
            {
                p1 = (n - (k * h) - j) * p1 / (n + (k * h) + j + 1);
            }

            p = p1 * (1.0 - p);
        }

        return 2 * p;
    }

    // Hodges' inside method, rewritten by Viehmann to accumulate 1 − p directly (numerically stable for small p).
    private static double OuterProbabilityInside(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        var mg = m / g;
        var ng = n / g;
        long minj = 0;
        var maxj = Math.Min(CeilDiv(h, mg), n + 1);
        var curlen = maxj - minj;
        var lenA = Math.Min((2 * maxj) + 2, n + 1);
        var a = new double[lenA];
        Array.Fill(a, 1.0);
        for (var j = minj; j < maxj; j++)
        {
            a[j] = 0;
        }

        for (long i = 1; i <= m; i++)
        {
            var lastminj = minj;
            var lastlen = curlen;
            minj = Math.Min(Math.Max(FloorDiv((ng * i) - h, mg) + 1, 0), n);
            maxj = Math.Min(CeilDiv((ng * i) + h, mg), n + 1);
            if (maxj <= minj)
            {
                return 1.0;
            }

            var val = minj == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                val = ((a[jj + minj - lastminj] * i) + (val * j)) / (i + j);
                a[jj] = val;
            }

            curlen = maxj - minj;
            if (lastlen > curlen)
            {
                for (var j = maxj - minj; j < maxj - minj + (lastlen - curlen); j++)
                {
                    a[j] = 1;
                }
            }
        }

        return a[maxj - minj - 1];
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    // log(n!/n^n) by Stirling's series (scipy's _log_nfactorial_div_n_pow_n).
    private static double LogFactorialOverPower(int n)
    {
        ReadOnlySpan<double> coefficients =
        [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
            -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ];
        var rn = 1.0 / n;
        var x = rn / n;
        var poly = 0.0;
        foreach (var c in coefficients)
        {
            poly = (poly * x) + c;
        }

        return (Math.Log(n) / 2) - n + (Math.Log(2 * Math.PI) / 2) + (rn * poly);
    }

    // Birnbaum and Tingey's exact one-sided P(D+_n >= e); every term is positive, so the sum is stable.
    private static double Smirnov(int n, double e)
    {
        if (e <= 0)
        {
            return 1;
        }

        var nn = (int)Math.Floor(n * (1.0 - e));
        var p = 0.0;
        if (n < 1013)
        {
            var c = 1.0;
            for (var v = 0; v <= nn; v++)
            {
                var evn = e + ((double)v / n);
                p += c * Math.Pow(evn, v - 1) * Math.Pow(1.0 - evn, n - v);
                c *= (double)(n - v) / (v + 1);
            }
        }
        else
        {
            var lgamnp1 = SpecialFunctions.GammaLn(n + 1);
            for (var v = 0; v <= nn; v++)
            {
                var evn = e + ((double)v / n);
                var omevn = 1.0 - evn;
                if (Math.Abs(omevn) > 0)
                {
                    var t = lgamnp1 - SpecialFunctions.GammaLn(v + 1) - SpecialFunctions.GammaLn(n - v + 1) + ((v - 1) * Math.Log(evn)) + ((n - v) * Math.Log(omevn));
                    if (t > -709)
                    {
                        p += Math.Exp(t);
                    }
                }
            }
        }

        return p * e;
    }

    // Durbin's matrix algorithm as Marsaglia, Tsang and Wang (2003) evaluate it: P(D_n <= d) = n!/n^n · (H^n)_{kk}, with rescaling.
    private static double DurbinMatrix(int n, double d)
    {
        if (d >= 1.0)
        {
            return 1;
        }

        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0;
        }

        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = (2 * k) - 1;
        var hm = new double[m, m];
        var v = new double[m];
        var w = new double[m];
        var fac = 1.0;
        for (var j = 1; j <= m; j++)
        {
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] = (1.0 - Math.Pow(h, j)) * fac;
        }

        var tt = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + tt) * fac;
        for (var i = 1; i < m; i++)
        {
            for (var r = i - 1; r < m; r++)
            {
                hm[r, i] = w[r - (i - 1)];
            }
        }

        for (var r = 0; r < m; r++)
        {
            hm[r, 0] = v[r];
        }

        for (var c = 0; c < m; c++)
        {
            hm[m - 1, c] = v[m - 1 - c];
        }

        var power = Identity(m);
        var nn = n;
        var exponent = 0;
        var hExponent = 0;
        while (nn > 0)
        {
            if (nn % 2 == 1)
            {
                power = Multiply(power, hm);
                exponent += hExponent;
            }

            hm = Multiply(hm, hm);
            hExponent *= 2;
            if (Math.Abs(hm[k - 1, k - 1]) > ScaleUp)
            {
                Scale(hm, ScaleDown);
                hExponent += ScaleExponent;
            }

            nn /= 2;
        }

        var p = power[k - 1, k - 1];
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < ScaleDown)
            {
                p *= ScaleUp;
                exponent -= ScaleExponent;
            }
        }

        return exponent != 0 ? Math.ScaleB(p, exponent) : p;
    }

    private static double[,] Identity(int m)
    {
        var result = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            result[i, i] = 1;
        }

        return result;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var m = a.GetLength(0);
        var result = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var l = 0; l < m; l++)
            {
                var ail = a[i, l];
                if (ail == 0)
                {
                    continue;
                }

                for (var j = 0; j < m; j++)
                {
                    result[i, j] += ail * b[l, j];
                }
            }
        }

        return result;
    }

    private static void Scale(double[,] a, double factor)
    {
        var m = a.GetLength(0);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                a[i, j] *= factor;
            }
        }
    }

    // Pomeranz (1974): a recursion over 2n + 2 rows of convolutions with powers of g/n, 2g/n and (1 − 2g)/n.
    private static double Pomeranz(int n, double x)
    {
        var t = n * x;
        var ll = (int)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        var ceilf = f > 0 ? 1 : 0;
        var roundf = f > 0.5 ? 1 : 0;
        var npwrs = 2 * (ll + 1);
        var gpower = new double[npwrs];
        var twogpower = new double[npwrs];
        var onem2gpower = new double[npwrs];
        gpower[0] = twogpower[0] = onem2gpower[0] = 1.0;
        var exponent = 0;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - (2 * g)) / n;
        for (var m = 1; m < npwrs; m++)
        {
            gpower[m] = gpower[m - 1] * gOverN / m;
            twogpower[m] = twogpower[m - 1] * twoGOverN / m;
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
        }

        var v0 = new double[npwrs];
        var v1 = new double[npwrs];
        v1[0] = 1;
        int v0s = 0, v1s = 0;
        var (j1, j2) = PomeranzBounds(0, n, ll, ceilf, roundf);
        for (var i = 1; i < (2 * n) + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0s, v1s) = (v1s, v0s);
            Array.Clear(v1);
            (j1, j2) = PomeranzBounds(i, n, ll, ceilf, roundf);
            var pwrs = i == 1 || i == (2 * n) + 1 ? gpower : i % 2 == 1 ? twogpower : onem2gpower;
            var ln2 = j2 - k1 + 1;
            if (ln2 > 0)
            {
                var convStart = j1 - k1;
                var convLen = j2 - j1 + 1;
                var offset = k1 - v0s;
                var aLen = Math.Min(ln2, v0.Length - offset);
                var bLen = Math.Min(ln2, pwrs.Length);
                var max = 0.0;
                for (var idx = 0; idx < convLen; idx++)
                {
                    // Entry (convStart + idx) of the full convolution of V0[k1 − V0s …] with pwrs[0 … ln2), as numpy.convolve.
                    var target = convStart + idx;
                    var sum = 0.0;
                    for (var q = Math.Max(0, target - (bLen - 1)); q <= Math.Min(target, aLen - 1); q++)
                    {
                        sum += v0[offset + q] * pwrs[target - q];
                    }

                    v1[idx] = sum;
                    max = Math.Max(max, sum);
                }

                if (max > 0 && max < ScaleDown)
                {
                    for (var idx = 0; idx < v1.Length; idx++)
                    {
                        v1[idx] *= ScaleUp;
                    }

                    exponent -= ScaleExponent;
                }

                v1s = v0s + j1 - k1;
            }
        }

        var answer = v1[n - v1s];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > ScaleUp)
            {
                answer *= ScaleDown;
                exponent += ScaleExponent;
            }

            answer *= m;
        }

        return exponent != 0 ? Math.ScaleB(answer, exponent) : answer;
    }

    private static (int J1, int J2) PomeranzBounds(int i, int n, int ll, int ceilf, int roundf)
    {
        int j1, j2;
        if (i == 0)
        {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        }
        else
        {
            var ip1div2 = (i + 1) / 2;
            var ip1mod2 = (i + 1) % 2;
            if (ip1mod2 == 0)
            {
                if (ip1div2 == n + 1)
                {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                }
                else
                {
                    j1 = ip1div2 - 1 - ll - roundf - 1;
                    j2 = ip1div2 + ll - 1 + ceilf - 1;
                }
            }
            else
            {
                j1 = ip1div2 - 1 - ll - 1;
                j2 = ip1div2 + ll + roundf - 1;
            }
        }

        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    // Pelz and Good's (1976) four-term asymptotic series for P(D_n <= x), used for large n where the matrix methods are too slow.
    private static double PelzGood(int n, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        const double PiSquared = Math.PI * Math.PI;
        const double PiFour = PiSquared * PiSquared;
        const double PiSix = PiFour * PiSquared;
        var sqrt2Pi = Math.Sqrt(2 * Math.PI);
        var z = Math.Sqrt(n) * x;
        double zsquared = z * z, zthree = zsquared * z, zfour = zsquared * zsquared, zsix = zfour * zsquared;
        var qlog = -PiSquared / 8 / zsquared;
        if (qlog < -708)
        {
            return 0;
        }

        var q = Math.Exp(qlog);
        var k1a = -zsquared;
        var k1b = PiSquared / 4;
        var k2a = (6 * zsix) + (2 * zfour);
        var k2b = ((2 * zfour) - (5 * zsquared)) * PiSquared / 4;
        var k2c = PiFour * (1 - (2 * zsquared)) / 16;
        var k3d = PiSix * (5 - (30 * zsquared)) / 64;
        var k3c = PiFour * ((-60 * zsquared) + (212 * zfour)) / 16;
        var k3b = PiSquared * ((135 * zfour) - (96 * zsix)) / 4;
        var k3a = (-30 * zsix) - (90 * Math.Pow(z, 8));
        var terms = new double[4];
        var maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxk; k > 0; k--)
        {
            var m = (2.0 * k) - 1;
            double msquared = m * m, mfour = msquared * msquared, msix = mfour * msquared;
            var qpower = Math.Pow(q, 8 * k);
            terms[0] = (terms[0] * qpower) + 1.0;
            terms[1] = (terms[1] * qpower) + k1a + (k1b * msquared);
            terms[2] = (terms[2] * qpower) + k2a + (k2b * msquared) + (k2c * mfour);
            terms[3] = (terms[3] * qpower) + k3a + (k3b * msquared) + (k3c * mfour) + (k3d * msix);
        }

        double[] divisors = [z, 6 * zfour, 72 * Math.Pow(z, 7), 6480 * Math.Pow(z, 10)];
        for (var i = 0; i < 4; i++)
        {
            terms[i] = terms[i] * q * sqrt2Pi / divisors[i];
        }

        var q2 = Math.Exp(-PiSquared / 2 / zsquared);
        var sqrt3z = Math.Sqrt(3) * z;
        double k2extra = 0, k3extra = 0;
        for (var k = maxk; k > 0; k--)
        {
            var ksquared = (double)k * k;
            var qpower = Math.Pow(q2, ksquared);
            k2extra += ksquared * qpower;
            var kspi = Math.PI * k;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksquared * qpower;
        }

        terms[2] += k2extra * PiSquared * sqrt2Pi / (-36 * zthree);
        terms[3] += k3extra * PiSquared * sqrt2Pi / (216 * zsix);
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            sum += terms[i] / Math.Pow(n, i / 2.0);
        }

        return sum;
    }
}
