using Substitution = (string Reference, MeshSecurity.Scenarios.Parsing.SourcePosition At, string Holder);

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Akka's parser recurses without end on a substitution that refers back to itself (directly, "a = ${a}", or
/// through others), overflowing the stack, which no catch survives. Cycles are found here first, on the scanner's
/// record of the substitutions: the key holding one depends on every key holding a substitution at, inside or
/// around the path it refers to.
/// </summary>
internal static class SubstitutionCycles
{
    /// <summary>The first cycle, as the substitutions along it; null when there is none.</summary>
    public static IReadOnlyList<(string Reference, SourcePosition At, string Holder)>? Find(HoconSourceMap map)
    {
        var subs = map.Substitutions;
        if (subs.Count == 0) return null;
        var edges = new List<int>[subs.Count];
        for (var i = 0; i < subs.Count; i++)
        {
            edges[i] = [];
            var target = subs[i].Reference;
            for (var j = 0; j < subs.Count; j++)
                if (Overlaps(target, subs[j].Holder)) edges[i].Add(j);
        }

        var state = new int[subs.Count]; // 0 new, 1 on the path, 2 done
        var path = new List<int>();
        for (var i = 0; i < subs.Count; i++)
            if (state[i] == 0 && Visit(i) is { } cycle) return cycle;
        return null;

        List<(string, SourcePosition, string)>? Visit(int i)
        {
            state[i] = 1;
            path.Add(i);
            foreach (var j in edges[i])
            {
                if (state[j] == 1) return path.Skip(path.IndexOf(j)).Select(k => subs[k]).ToList();
                if (state[j] == 0 && Visit(j) is { } cycle) return cycle;
            }
            path.RemoveAt(path.Count - 1);
            state[i] = 2;
            return null;
        }
    }

    /// <summary>
    /// The first substitution whose value holds a substitution (the second item), null when there is none. Copies of
    /// copies can double at each step (a = [1, 1], b = [${a}, ${a}], c = [${b}, ${b}] ...), so they are refused: with
    /// <see cref="HoconScanner.MaxSubstitutions"/>, a tree is then at most that many times larger than its file.
    /// </summary>
    public static (Substitution Outer, Substitution Inner)? FindChain(HoconSourceMap map)
    {
        var subs = map.Substitutions;
        foreach (var outer in subs)
            foreach (var inner in subs)
                if (Overlaps(outer.Reference, inner.Holder)) return (outer, inner);
        return null;
    }

    /// <summary>True when one path is the other, or lies inside it.</summary>
    private static bool Overlaps(string reference, string holder) =>
        reference == holder || holder.Length == 0 ||
        holder.StartsWith(reference + ".", StringComparison.Ordinal) || holder.StartsWith(reference + "[", StringComparison.Ordinal) ||
        reference.StartsWith(holder + ".", StringComparison.Ordinal) || reference.StartsWith(holder + "[", StringComparison.Ordinal);
}
