using System.Collections.Immutable;
using System.Runtime.InteropServices;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>
/// What an entry point returns besides its new state: messages to dispatch (in order, after the call),
/// attributes of its "wasm" event, extra events, data for the caller and, for a packet receive, the acknowledgement.
/// </summary>
/// <remarks>
/// A builder, like a <see cref="System.Text.StringBuilder"/>: each <c>Add*</c> and <c>Set*</c> changes this response
/// and returns it, its arrays grown in place, so a contract's chain of calls makes one response and an array per part
/// rather than a copy of both per call (docs/bench.md, session 21). Keep using what a call returns, as before.
/// <see cref="Empty"/> and a response its contract has returned (<see cref="Seal"/>) never change: an <c>Add*</c> on
/// them starts a new response from a copy.
/// </remarks>
public sealed class Response
{
    public static readonly Response Empty = new() { _sealed = true };

    private SubMsg[] _messages = [];
    private int _messageCount;
    private EventAttribute[] _attributes = [];
    private int _attributeCount;
    private Event[] _events = [];
    private int _eventCount;
    private bool _sealed;

    public object? Data { get; private set; }
    public Acknowledgement? Acknowledgement { get; private set; }

    /// <remarks>Made exact (one copy) when read while the array has room to spare; the executor reads the parts in place.</remarks>
    public ImmutableArray<SubMsg> Messages => Exact(ref _messages, _messageCount);
    public ImmutableArray<EventAttribute> Attributes => Exact(ref _attributes, _attributeCount);
    public ImmutableArray<Event> Events => Exact(ref _events, _eventCount);

    // the array may have room past the count: an event shares it with the count (never written to once returned)
    internal EventAttribute[] AttributeArray => _attributes;
    internal int AttributeCount => _attributeCount;
    internal ReadOnlySpan<Event> EventSpan => _events.AsSpan(0, _eventCount);

    public Response AddMessage(CosmosMsg msg) => AddSubMessage(SubMsg.Plain(msg));

    public Response AddMessages(IEnumerable<CosmosMsg> msgs)
    {
        var r = Open();
        foreach (var m in msgs) Append(ref r._messages, ref r._messageCount, SubMsg.Plain(m), 1);
        return r;
    }

    public Response AddSubMessage(SubMsg msg)
    {
        var r = Open();
        Append(ref r._messages, ref r._messageCount, msg, 1);
        return r;
    }

    /// <remarks>Typed (an amount, a height, coins: <see cref="AttributeValue"/>'s conversions), rendered only when read as text.</remarks>
    public Response AddAttribute(string key, AttributeValue value)
    {
        var r = Open();
        // room for a few: a contract adds its attributes one by one, three to six of them
        Append(ref r._attributes, ref r._attributeCount, new EventAttribute(key, value), 4);
        return r;
    }

    public Response AddAttributes(IEnumerable<(string Key, AttributeValue Value)> attributes) =>
        AddAttributes(new ReadOnlySpan<(string, AttributeValue)>(attributes as (string, AttributeValue)[] ?? [.. attributes]));

    public Response AddAttributes(params ReadOnlySpan<(string Key, AttributeValue Value)> attributes) =>
        AddAttributes(ReadOnlySpan<(string, AttributeValue)>.Empty, attributes);

    /// <remarks>Two spans, so a caller with fixed attributes and optional ones makes no list to join them.</remarks>
    public Response AddAttributes(
        ReadOnlySpan<(string Key, AttributeValue Value)> first, ReadOnlySpan<(string Key, AttributeValue Value)> then)
    {
        var r = Open();
        Reserve(ref r._attributes, r._attributeCount + first.Length + then.Length, 0);
        foreach (var (key, value) in first) r._attributes[r._attributeCount++] = new EventAttribute(key, value);
        foreach (var (key, value) in then) r._attributes[r._attributeCount++] = new EventAttribute(key, value);
        return r;
    }

    public Response AddEvent(Event e)
    {
        var r = Open();
        Append(ref r._events, ref r._eventCount, e, 1);
        return r;
    }

    /// <summary>Puts <paramref name="messages"/> and <paramref name="events"/> before this response's own, in order.</summary>
    public Response Prepend(IReadOnlyList<CosmosMsg> messages, IReadOnlyList<Event> events)
    {
        var r = Open();
        Insert(ref r._messages, ref r._messageCount, messages.Count);
        for (var i = 0; i < messages.Count; i++) r._messages[i] = SubMsg.Plain(messages[i]);
        Insert(ref r._events, ref r._eventCount, events.Count);
        for (var i = 0; i < events.Count; i++) r._events[i] = events[i];
        return r;
    }

    public Response SetData(object data)
    {
        var r = Open();
        r.Data = data;
        return r;
    }

    public Response SetAck(Acknowledgement ack)
    {
        var r = Open();
        r.Acknowledgement = ack;
        return r;
    }

    public static Response WithAttribute(string key, AttributeValue value) => new Response().AddAttribute(key, value);

    public static Response WithAttributes(params ReadOnlySpan<(string Key, AttributeValue Value)> attributes) =>
        new Response().AddAttributes(attributes);

    /// <summary>Marks the response returned: from here on it never changes (an <c>Add*</c> on it starts a copy).</summary>
    internal Response Seal()
    {
        _sealed = true;
        return this;
    }

    private Response Open() => !_sealed ? this : new Response
    {
        _messages = _messages[.._messageCount],
        _messageCount = _messageCount,
        _attributes = _attributes[.._attributeCount],
        _attributeCount = _attributeCount,
        _events = _events[.._eventCount],
        _eventCount = _eventCount,
        Data = Data,
        Acknowledgement = Acknowledgement,
    };

    private static void Append<T>(ref T[] array, ref int count, T item, int first)
    {
        Reserve(ref array, count + 1, first);
        array[count++] = item;
    }

    private static void Reserve<T>(ref T[] array, int needed, int first)
    {
        if (needed <= array.Length) return;
        var grown = new T[System.Math.Max(needed, array.Length == 0 ? first : array.Length * 2)];
        Array.Copy(array, grown, array.Length);
        array = grown;
    }

    // makes room for n items at the front, the present ones moved behind them
    private static void Insert<T>(ref T[] array, ref int count, int n)
    {
        if (n == 0) return;
        var grown = new T[count + n];
        Array.Copy(array, 0, grown, n, count);
        array = grown;
        count += n;
    }

    // an array handed out as immutable is exact, so nothing is ever written into it later (an append past it grows)
    private static ImmutableArray<T> Exact<T>(ref T[] array, int count)
    {
        if (array.Length != count) array = array[..count];
        return ImmutableCollectionsMarshal.AsImmutableArray(array);
    }
}
