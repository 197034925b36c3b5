namespace YotiIdv.Emulator;

/// <summary>Glob matching for fault paths: <c>*</c> any run of characters, <c>?</c> one character, case-sensitive.</summary>
internal static class WildcardPattern
{
    public static bool IsMatch(string pattern, string text)
    {
        // Iterative matcher with single-star backtracking: linear for the patterns used here, no regex caching needed.
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
