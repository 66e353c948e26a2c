using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using MeshSecurity.Core.Errors;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// Every error kind Core can raise (the sealed cases of its <see cref="MeshError"/> families: std, payment, bank, staking,
/// ibc and each contract's), with its codespace and the fields a scenario may check (the case's own properties, in
/// kebab-case). A kind name used by two families (e.g. ZeroAmount) matches either unless the codespace is given.
/// </summary>
public static class ErrorKinds
{
    /// <summary>One error case: its codespace, kind and the fields it carries (kebab-case key, property).</summary>
    public sealed record Info(string Codespace, string Kind, ImmutableArray<(string Key, PropertyInfo Property)> Fields);

    private static readonly string[] Inherited =
        [nameof(MeshError.Codespace), nameof(MeshError.Kind), nameof(MeshError.Message), "EqualityContract"];

    /// <summary>Every kind, ordered by codespace then kind.</summary>
    public static ImmutableArray<Info> All { get; } = Load();

    /// <summary>The kinds called <paramref name="kind"/> (in any codespace unless one is given).</summary>
    public static IEnumerable<Info> Named(string kind, string? codespace = null) =>
        All.Where(i => i.Kind == kind && (codespace is null || i.Codespace == codespace));

    /// <summary>Every kind name, and every "codespace:kind", for suggestions.</summary>
    public static IEnumerable<string> Names => All.Select(i => i.Kind).Distinct().Concat(All.Select(i => $"{i.Codespace}:{i.Kind}"));

    /// <summary>The value of a field of an error, as text (amounts and decimals as digits).</summary>
    public static string? FieldValue(MeshError error, string key) =>
        // read by name on the error's own type: a case of a generic contract base is catalogued on a copy closed over object
        Named(error.Kind, error.Codespace).SelectMany(i => i.Fields).Where(f => f.Key == key)
            .Select(f => error.GetType().GetProperty(f.Property.Name)?.GetValue(error)?.ToString()).FirstOrDefault();

    private static ImmutableArray<Info> Load()
    {
        var result = new List<Info>();
        foreach (var type in typeof(MeshError).Assembly.GetTypes())
        {
            if (type.IsAbstract || !type.IsSealed || !typeof(MeshError).IsAssignableFrom(type) && !IsOpenError(type)) continue;
            // a case nested in a generic contract base is read on a closed copy: its codespace and fields are the same for all
            var closed = type.ContainsGenericParameters
                ? type.MakeGenericType([.. type.GetGenericArguments().Select(_ => typeof(object))])
                : type;
            if (!typeof(MeshError).IsAssignableFrom(closed)) continue;
            var sample = (MeshError)RuntimeHelpers.GetUninitializedObject(closed);
            var fields = closed.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.DeclaringType == closed && !Inherited.Contains(p.Name))
                .Select(p => (Kebab(p.Name), p)).ToImmutableArray();
            result.Add(new Info(sample.Codespace, closed.Name, fields));
        }
        return [.. result.OrderBy(i => i.Codespace, StringComparer.Ordinal).ThenBy(i => i.Kind, StringComparer.Ordinal)];
    }

    private static bool IsOpenError(Type t) => t.ContainsGenericParameters && t.BaseType == typeof(MeshError);

    /// <summary>"InsufficientLocalStake" → "insufficient-local-stake".</summary>
    public static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "-") + char.ToLowerInvariant(c) : c.ToString()));
}
