using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace YotiIdv.Proof;

/// <summary>
/// JSON numbers as RFC 8785 wants them: parsed to the nearest IEEE 754 double (round half to even) and written
/// in ECMAScript <c>Number.prototype.toString</c> form with the shortest digits that read back to the same double.
/// </summary>
/// <remarks>
/// Both directions use exact BigInteger arithmetic instead of <c>double.Parse</c> / <c>ToString("R")</c>, whose
/// results differ between .NET Framework (Windows PowerShell 5.1) and .NET: the canonical form, and so the
/// signature check, must not depend on the runtime.
/// </remarks>
internal static class EcmaNumber
{
    private const int MantissaBits = 52;
    private const int MinExponent = -1074; // the exponent of the smallest subnormal's last bit
    private static readonly BigInteger Two53 = BigInteger.One << 53;
    private static readonly BigInteger Two52 = BigInteger.One << 52;

    /// <summary>
    /// The double nearest to a JSON number's text (already checked against the JSON grammar).
    /// Returns false when the value is beyond the double range (I-JSON: not interoperable).
    /// </summary>
    public static bool TryParse(string text, out double value)
    {
        int i = 0;
        bool negative = text[0] == '-';
        if (negative)
        {
            i++;
        }

        var digits = new StringBuilder(text.Length);
        int fractionDigits = 0;
        bool inFraction = false;
        long exponent = 0;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '.')
            {
                inFraction = true;
            }
            else if (c == 'e' || c == 'E')
            {
                exponent = ParseExponent(text, i + 1);
                break;
            }
            else
            {
                digits.Append(c);
                if (inFraction)
                {
                    fractionDigits++;
                }
            }
        }

        string significand = digits.ToString().TrimStart('0');
        if (significand.Length == 0)
        {
            value = negative ? -0.0 : 0.0;
            return true;
        }

        long exp10 = exponent - fractionDigits;
        double magnitude = FromDecimal(BigInteger.Parse(significand, CultureInfo.InvariantCulture), exp10, significand.Length);
        value = negative ? -magnitude : magnitude;
        return !double.IsInfinity(magnitude);
    }

    /// <summary>ECMAScript Number::toString for a finite double (<c>-0</c> gives <c>0</c>).</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "NaN and infinities have no JSON form.");
        }

        if (value == 0)
        {
            return "0";
        }

        if (value < 0)
        {
            return "-" + Format(-value);
        }

        // Integers below 2^53 are exact and their shortest form is their decimal digits.
        if (value < 9007199254740992.0 && Math.Floor(value) == value && value < 1e21)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        (string digits, int n) = ShortestDigits(value);
        return Layout(digits, n);
    }

    /// <summary>
    /// The shortest digit string s (no trailing zeros) and exponent n with s × 10^(n − len(s)) reading back to
    /// <paramref name="value"/>; among equally short candidates the nearest, then the even one (ECMA-262 Number::toString).
    /// </summary>
    internal static (string Digits, int N) ShortestDigits(double value)
    {
        (BigInteger mantissa, int exp2) = Decompose(value);
        int n = (int)Math.Floor(Math.Log10(value)) + 1;

        // Fix the estimate so that 10^(n-1) <= value < 10^n, exactly.
        while (Compare(mantissa, exp2, BigInteger.One, n - 1) < 0)
        {
            n--;
        }

        while (Compare(mantissa, exp2, BigInteger.One, n) >= 0)
        {
            n++;
        }

        for (int p = 1; p <= 17; p++)
        {
            // value × 10^(p − n) = num / den; lower and upper are the p-digit neighbours of the value.
            BigInteger num = mantissa, den = BigInteger.One;
            if (exp2 > 0)
            {
                num <<= exp2;
            }
            else
            {
                den <<= -exp2;
            }

            if (p - n >= 0)
            {
                num *= BigInteger.Pow(10, p - n);
            }
            else
            {
                den *= BigInteger.Pow(10, n - p);
            }

            BigInteger lower = BigInteger.DivRem(num, den, out BigInteger remainder);
            if (remainder.IsZero)
            {
                return Trim(lower, p, n);
            }

            BigInteger upper = lower + 1;
            bool lowerFits = FromDecimal(lower, n - p, p) == value;
            bool upperFits = FromDecimal(upper, n - p, p + 1) == value;
            if (lowerFits && upperFits)
            {
                int side = (remainder * 2).CompareTo(den);
                bool pickUpper = side > 0 || (side == 0 && upper.IsEven); // a tie goes to the even digit
                return Trim(pickUpper ? upper : lower, p, n);
            }

            if (lowerFits)
            {
                return Trim(lower, p, n);
            }

            if (upperFits)
            {
                return Trim(upper, p, n);
            }
        }

        throw new InvalidOperationException("No 17-digit form reads back to the value."); // cannot happen for a double
    }

    /// <summary>The ECMAScript layout of digits s with value 0.s × 10^n.</summary>
    private static string Layout(string s, int n)
    {
        int k = s.Length;
        if (k <= n && n <= 21)
        {
            return s + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return s.Substring(0, n) + "." + s.Substring(n);
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + s;
        }

        int e = n - 1;
        string exponent = (e >= 0 ? "e+" : "e-") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        return k == 1 ? s + exponent : s.Substring(0, 1) + "." + s.Substring(1) + exponent;
    }

    private static (string, int) Trim(BigInteger digits, int p, int n)
    {
        string s = digits.ToString(CultureInfo.InvariantCulture);
        if (s.Length > p)
        {
            n++; // rounded up to 10^p: one digit more, same value 10^n
        }

        return (s.TrimEnd('0'), n);
    }

    /// <summary>Compares m × 2^e2 with d × 10^e10, exactly.</summary>
    private static int Compare(BigInteger m, int e2, BigInteger d, int e10)
    {
        BigInteger left = m, right = d;
        if (e2 >= 0)
        {
            left <<= e2;
        }
        else
        {
            right <<= -e2;
        }

        if (e10 >= 0)
        {
            right *= BigInteger.Pow(10, e10);
        }
        else
        {
            left *= BigInteger.Pow(10, -e10);
        }

        return left.CompareTo(right);
    }

    private static (BigInteger Mantissa, int Exponent) Decompose(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> MantissaBits) & 0x7FF);
        long fraction = bits & ((1L << MantissaBits) - 1);
        return biased == 0
            ? (new BigInteger(fraction), MinExponent)
            : (new BigInteger(fraction | (1L << MantissaBits)), biased - 1075);
    }

    /// <summary>The double nearest to digits × 10^exp10 (digits ≥ 1 with <paramref name="digitCount"/> digits), ties to even.</summary>
    private static double FromDecimal(BigInteger digits, long exp10, int digitCount)
    {
        // Far outside the double range the answer is known without building huge numbers.
        if (exp10 + digitCount > 310)
        {
            return double.PositiveInfinity;
        }

        if (exp10 + digitCount < -330)
        {
            return 0.0;
        }

        BigInteger num = digits, den = BigInteger.One;
        if (exp10 >= 0)
        {
            num *= BigInteger.Pow(10, (int)exp10);
        }
        else
        {
            den = BigInteger.Pow(10, (int)-exp10);
        }

        // Choose k so that the quotient num / (den × 2^k) has 53 bits, then round it.
        int k = BitLength(num) - BitLength(den) - 53;
        BigInteger q, r, divisor;
        while (true)
        {
            k = Math.Max(k, MinExponent);
            (BigInteger n2, BigInteger d2) = k >= 0 ? (num, den << k) : (num << -k, den);
            q = BigInteger.DivRem(n2, d2, out r);
            divisor = d2;
            if (q >= Two53)
            {
                k++;
                continue;
            }

            if (q < Two52 && k > MinExponent)
            {
                k--;
                continue;
            }

            break;
        }

        int side = (r * 2).CompareTo(divisor);
        if (side > 0 || (side == 0 && !q.IsEven))
        {
            q += 1;
            if (q == Two53)
            {
                q = Two52;
                k++;
            }
        }

        long bits;
        if (q >= Two52)
        {
            long biased = k + 1075;
            if (biased >= 2047)
            {
                return double.PositiveInfinity;
            }

            bits = (biased << MantissaBits) | (long)(q - Two52);
        }
        else
        {
            bits = (long)q; // subnormal (k is the minimum exponent)
        }

        return BitConverter.Int64BitsToDouble(bits);
    }

    private static int BitLength(BigInteger value)
    {
        byte[] bytes = value.ToByteArray(); // little-endian two's complement; value is positive
        int top = bytes.Length - 1;
        while (top > 0 && bytes[top] == 0)
        {
            top--;
        }

        int bits = top * 8;
        for (int b = bytes[top]; b != 0; b >>= 1)
        {
            bits++;
        }

        return bits;
    }

    private static long ParseExponent(string text, int start)
    {
        bool negative = text[start] == '-';
        int i = text[start] == '-' || text[start] == '+' ? start + 1 : start;
        long exponent = 0;
        for (; i < text.Length; i++)
        {
            // Clamped: anything this large is far outside the double range either way.
            exponent = Math.Min(exponent * 10 + (text[i] - '0'), 100_000_000L);
        }

        return negative ? -exponent : exponent;
    }
}
