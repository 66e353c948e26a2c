using System.Collections.Immutable;

namespace MeshSecurity.Core.Types;

/// <summary>A typed event with ordered attributes, as Tendermint emits them.</summary>
public sealed record Event(string Type, ImmutableArray<EventAttribute> Attributes)
{
    /// <remarks>A span, not an array: the attributes' tuples stay on the caller's stack, and only the event's own array is made.</remarks>
    public Event(string type, params ReadOnlySpan<(string Key, AttributeValue Value)> attributes)
        : this(type, AttributesOf(attributes)) { }

    private static ImmutableArray<EventAttribute> AttributesOf(ReadOnlySpan<(string Key, AttributeValue Value)> attributes)
    {
        var array = new EventAttribute[attributes.Length];
        for (var i = 0; i < attributes.Length; i++) array[i] = new EventAttribute(attributes[i].Key, attributes[i].Value);
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(array);
    }

    /// <summary>
    /// The packet of a packet event (send, receive, write acknowledgement, acknowledge, timeout), as the IBC module
    /// emitted it, so readers in the same process take it as it is rather than parse the attributes back. Not part of
    /// the event's identity or wire form: an event read back from JSON has none (<see cref="Ibc.IbcEvents.ToPacket"/>).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Ibc.IbcPacket? Packet { get; init; }

    /// <summary>The text of the first attribute with this key, or null.</summary>
    public string? Get(string key) => ValueOf(key)?.ToString();

    /// <summary>The typed value of the first attribute with this key, or null.</summary>
    public AttributeValue? ValueOf(string key)
    {
        // a loop, not FirstOrDefault with a lambda: relayers read every attribute of every event of every block
        foreach (var a in Attributes)
            if (a.Key == key) return a.Value;
        return null;
    }

    public Event With(string key, AttributeValue value) => this with { Attributes = Attributes.Add(new EventAttribute(key, value)) };

    public bool Equals(Event? other) => other is not null && Type == other.Type && Attributes.SequenceEqual(other.Attributes);

    public override int GetHashCode() => HashCode.Combine(Type, Attributes.Length);

    public override string ToString() => AppendTo(new System.Text.StringBuilder()).ToString();

    /// <summary>Writes <c>type{k=v, k=v}</c>, each value as its Tendermint text.</summary>
    private System.Text.StringBuilder AppendTo(System.Text.StringBuilder sb)
    {
        sb.Append(Type).Append('{');
        for (var i = 0; i < Attributes.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(Attributes[i].Key).Append('=').Append(Attributes[i].Value.ToString());
        }
        return sb.Append('}');
    }
}
