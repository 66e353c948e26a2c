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
        if (attributes.IsEmpty) return [];
        var array = new EventAttribute[attributes.Length];
        for (var i = 0; i < attributes.Length; i++) array[i] = new EventAttribute(attributes[i].Key, attributes[i].Value);
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(array);
    }

    /// <summary>
    /// A packet event whose attributes are the packet's eight (<see cref="Ibc.IbcEvents.PacketAttribute"/>), then
    /// <paramref name="extras"/>: they are read from the packet where asked for, and made into an array only when
    /// something asks for <see cref="Attributes"/> (events.jsonl, the journal, reports), not for the app hash or a
    /// relayer's look-up; most of a relayed packet's events never are (docs/bench.md, session 16).
    /// </summary>
    internal Event(string type, Ibc.IbcPacket packet, EventAttribute[] extras)
        : this(type, default(ImmutableArray<EventAttribute>))
    {
        Packet = packet;
        _head = packet;
        _headCount = Ibc.IbcEvents.PacketAttributeCount;
        _tail = extras;
        _tailCount = extras.Length;
    }

    /// <summary>A packet event whose attributes after the packet's eight are typed <paramref name="extras"/> (an ack's).</summary>
    internal Event(string type, Ibc.IbcPacket packet, EventFields extras)
        : this(type, default(ImmutableArray<EventAttribute>))
    {
        Packet = packet;
        _head = packet;
        _headCount = Ibc.IbcEvents.PacketAttributeCount;
        _tail = extras;
        _tailCount = extras.Count;
    }

    /// <summary>
    /// A contract's event as the executor emits it: the contract's address (<c>_contract_address</c>), then the
    /// contract's own first <paramref name="count"/> <paramref name="attributes"/>, shared, not copied, until something asks
    /// for <see cref="Attributes"/>.
    /// </summary>
    internal Event(string type, Addr contract, EventAttribute[] attributes, int count)
        : this(type, default(ImmutableArray<EventAttribute>))
    {
        _head = contract.Value;
        _headCount = 1;
        _tail = attributes;
        _tailCount = count;
    }

    /// <summary>
    /// A contract's typed event as the executor emits it: the contract's address (<c>_contract_address</c>), then the
    /// <paramref name="fields"/> the contract gave its event, shared, not copied or made into an array.
    /// </summary>
    internal Event(string type, Addr contract, EventFields fields)
        : this(type, default(ImmutableArray<EventAttribute>))
    {
        _head = contract.Value;
        _headCount = 1;
        _tail = fields;
        _tailCount = fields.Count;
    }

    /// <summary>A module's event whose attributes are its typed <paramref name="fields"/>, read where asked for.</summary>
    internal Event(string type, EventFields fields)
        : this(type, default(ImmutableArray<EventAttribute>))
    {
        _head = fields;
        _headCount = fields.Count;
    }

    /// <summary>The typed fields of a module's or contract's typed event, or null (any other form, or one made an array).</summary>
    internal EventFields? Fields => IsDeferred ? _head as EventFields : null;

    // default while a deferred event's attributes have not been asked for as an array; then _headCount attributes read
    // from _head (a packet, a module's typed fields, or a contract's address) and _tail are what they are
    private ImmutableArray<EventAttribute> _attributes = Attributes;
    private readonly object? _head;
    private readonly int _headCount;
    // an attribute array (a contract's response, a packet event's extras) or a contract event's typed fields, with a
    // count, not a memory: the count packs beside _headCount, and an event stays 64 bytes
    private readonly object _tail = Array.Empty<EventAttribute>();
    private readonly int _tailCount;

    private bool IsDeferred => _attributes.IsDefault && _headCount > 0;

    /// <remarks>
    /// A deferred event makes its array on first read; two threads reading it at once both make the same content, and
    /// keep either (the field is one reference).
    /// </remarks>
    public ImmutableArray<EventAttribute> Attributes
    {
        get => IsDeferred ? _attributes = Materialize() : _attributes;
        init => _attributes = value;
    }

    /// <summary>How many attributes the event has, without making a deferred event's array.</summary>
    public int AttributeCount => IsDeferred ? _headCount + _tailCount : Attributes.Length;

    /// <summary>The attribute at <paramref name="index"/>, without making a deferred event's array.</summary>
    public EventAttribute AttributeAt(int index)
    {
        if (!IsDeferred) return _attributes[index];
        if (index >= _headCount)
            return _tail is EventAttribute[] tail ? tail[index - _headCount] : ((EventFields)_tail).At(index - _headCount);
        return _head switch
        {
            Ibc.IbcPacket packet => Ibc.IbcEvents.PacketAttribute(packet, index),
            EventFields fields => fields.At(index),
            _ => new EventAttribute("_contract_address", (string)_head!),
        };
    }

    private ImmutableArray<EventAttribute> Materialize()
    {
        var all = new EventAttribute[AttributeCount];
        for (var i = 0; i < all.Length; i++) all[i] = AttributeAt(i);
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(all);
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
        var count = AttributeCount;
        for (var i = 0; i < count; i++)
        {
            var a = AttributeAt(i);
            if (a.Key == key) return a.Value;
        }
        return null;
    }

    /// <summary>The event's part of the app hash: its type, its attribute count, then each key and typed value.</summary>
    internal void WriteTo(Execution.HashWriter h)
    {
        var count = AttributeCount;
        h.WriteField(Type).WriteUInt32((uint)count);
        for (var i = 0; i < count; i++)
        {
            var a = AttributeAt(i);
            h.WriteField(a.Key);
            a.Value.WriteTo(h);
        }
    }

    public Event With(string key, AttributeValue value) => this with { Attributes = Attributes.Add(new EventAttribute(key, value)) };

    public bool Equals(Event? other) => other is not null && Type == other.Type && Attributes.SequenceEqual(other.Attributes);

    public override int GetHashCode() => HashCode.Combine(Type, AttributeCount);

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
