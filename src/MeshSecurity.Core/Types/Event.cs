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

    public override string ToString() => AppendTo(new System.Text.StringBuilder()).ToString();

    /// <summary>Writes <c>type{k=v, k=v}</c> (what <see cref="ToString"/> returns) without intermediate strings.</summary>
    public System.Text.StringBuilder AppendTo(System.Text.StringBuilder sb)
    {
        sb.Append(Type).Append('{');
        for (var i = 0; i < Attributes.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(Attributes[i].Key).Append('=').Append(Attributes[i].Value);
        }
        return sb.Append('}');
    }
}
