namespace MeshSecurity.Scenarios.Parsing;

/// <summary>"Did you mean" for unknown keys, kinds and names: the closest candidate by edit distance, if close enough.</summary>
internal static class Suggestions
{
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestPrefix = -1;
        var normalized = Normalize(input);
        foreach (var c in candidates)
        {
            var d = Normalize(c) == normalized ? 0 : Distance(input.ToLowerInvariant(), c.ToLowerInvariant());
            // a truncated name ("osmo" for "osmosis") is close whatever its length
            if (input.Length >= 3 && c.StartsWith(input, StringComparison.OrdinalIgnoreCase)) d = Math.Min(d, 1);
            var prefix = CommonPrefix(input, c);
            // ties go to the candidate sharing the longer prefix ("sped": "speed" rather than "seed")
            if (d < bestDistance || (d == bestDistance && prefix > bestPrefix)) { best = c; bestDistance = d; bestPrefix = prefix; }
        }
        if (best is null) return null;
        var limit = Math.Max(1, Math.Min(3, Math.Max(input.Length, best.Length) / 3));
        return bestDistance <= limit ? best : null;
    }

    /// <summary>" (did you mean "x"?)" or "".</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } s ? $" (did you mean \"{s}\"?)" : "";

    private static int CommonPrefix(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && char.ToLowerInvariant(a[i]) == char.ToLowerInvariant(b[i])) i++;
        return i;
    }

    private static string Normalize(string s) => s.ToLowerInvariant().Replace('_', '-').Replace(" ", "", StringComparison.Ordinal);

    /// <summary>Optimal string alignment distance (Levenshtein with transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
