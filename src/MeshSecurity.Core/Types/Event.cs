using System.Collections.Immutable;

namespace MeshSecurity.Core.Types;

/// <summary>A typed event with ordered attributes, as Tendermint emits them.</summary>
public sealed record Event(string Type, ImmutableArray<EventAttribute> Attributes)
{
    public Event(string type, params (string Key, string Value)[] attributes)
        : this(type, attributes.Select(a => new EventAttribute(a.Key, a.Value)).ToImmutableArray()) { }

    public string? Get(string key) => Attributes.FirstOrDefault(a => a.Key == key)?.Value;

    public Event With(string key, string value) => this with { Attributes = Attributes.Add(new EventAttribute(key, value)) };

    public bool Equals(Event? other) => other is not null && Type == other.Type && Attributes.SequenceEqual(other.Attributes);

    public override int GetHashCode() => HashCode.Combine(Type, Attributes.Length);

    public override string ToString() => $"{Type}{{{string.Join(", ", Attributes.Select(a => $"{a.Key}={a.Value}"))}}}";
}
