using System.Collections.Immutable;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// An event a step's transactions must emit: of <paramref name="Type"/>, with at least these attributes (a key may repeat
/// in an event; one attribute of the key with the value is enough), compared as text.
/// </summary>
public sealed record EventExpectation(string Type, ImmutableArray<(string Key, string Value)> Attributes)
{
    public bool Matches(Event e) =>
        e.Type == Type && Attributes.All(a => e.Attributes.Any(x => x.Key == a.Key && x.Value == a.Value));

    public bool Equals(EventExpectation? other) => other is not null && Type == other.Type && Attributes.SequenceEqual(other.Attributes);

    public override int GetHashCode() => HashCode.Combine(Type, Attributes.Length);

    public override string ToString() =>
        Attributes.IsEmpty ? Type : $"{Type} {{ {string.Join(", ", Attributes.Select(a => $"{a.Key} = {a.Value}"))} }}";
}
