using System.Collections.Immutable;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>
/// What an entry point returns besides its new state: messages to dispatch (in order, after the call),
/// attributes of its "wasm" event, extra events, data for the caller and, for a packet receive, the acknowledgement.
/// </summary>
public sealed record Response
{
    public static readonly Response Empty = new();

    public ImmutableArray<SubMsg> Messages { get; init; } = ImmutableArray<SubMsg>.Empty;
    public ImmutableArray<EventAttribute> Attributes { get; init; } = ImmutableArray<EventAttribute>.Empty;
    public ImmutableArray<Event> Events { get; init; } = ImmutableArray<Event>.Empty;
    public object? Data { get; init; }
    public Acknowledgement? Acknowledgement { get; init; }

    public Response AddMessage(CosmosMsg msg) => this with { Messages = Messages.Add(SubMsg.Plain(msg)) };
    public Response AddMessages(IEnumerable<CosmosMsg> msgs) => this with { Messages = Messages.AddRange(msgs.Select(SubMsg.Plain)) };
    public Response AddSubMessage(SubMsg msg) => this with { Messages = Messages.Add(msg) };
    /// <remarks>Typed (an amount, a height, coins: <see cref="AttributeValue"/>'s conversions), rendered only when read as text.</remarks>
    public Response AddAttribute(string key, AttributeValue value) =>
        this with { Attributes = Attributes.Add(new EventAttribute(key, value)) };
    public Response AddAttributes(IEnumerable<(string Key, AttributeValue Value)> attributes) =>
        AddAttributes(new ReadOnlySpan<(string, AttributeValue)>(attributes as (string, AttributeValue)[] ?? [.. attributes]));

    public Response AddAttributes(params ReadOnlySpan<(string Key, AttributeValue Value)> attributes) =>
        AddAttributes(ReadOnlySpan<(string, AttributeValue)>.Empty, attributes);

    /// <remarks>
    /// Several at once: one new array (no builder), where a chain of <see cref="AddAttribute"/> copies the array per
    /// attribute. Two spans, so a caller with fixed attributes and optional ones makes no list to join them.
    /// </remarks>
    public Response AddAttributes(
        ReadOnlySpan<(string Key, AttributeValue Value)> first, ReadOnlySpan<(string Key, AttributeValue Value)> then)
    {
        var all = new EventAttribute[Attributes.Length + first.Length + then.Length];
        Attributes.CopyTo(all);
        var at = Attributes.Length;
        foreach (var (key, value) in first) all[at++] = new EventAttribute(key, value);
        foreach (var (key, value) in then) all[at++] = new EventAttribute(key, value);
        return this with { Attributes = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(all) };
    }

    public Response AddEvent(Event e) => this with { Events = Events.Add(e) };
    public Response SetData(object data) => this with { Data = data };
    public Response SetAck(Acknowledgement ack) => this with { Acknowledgement = ack };

    public static Response WithAttribute(string key, AttributeValue value) => Empty.AddAttribute(key, value);
    public static Response WithAttributes(params ReadOnlySpan<(string Key, AttributeValue Value)> attributes) =>
        Empty.AddAttributes(attributes);
}
