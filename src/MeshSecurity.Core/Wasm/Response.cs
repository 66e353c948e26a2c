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
    public Response AddAttribute(string key, string value) => this with { Attributes = Attributes.Add(new EventAttribute(key, value)) };
    /// <remarks>Generic, not object: amounts, heights and counts are rendered without being boxed first.</remarks>
    public Response AddAttribute<T>(string key, T value) where T : notnull => AddAttribute(key, value.ToString() ?? "");
    public Response AddAttributes(IEnumerable<(string Key, string Value)> attributes) =>
        this with { Attributes = Attributes.AddRange(attributes.Select(a => new EventAttribute(a.Key, a.Value))) };
    public Response AddEvent(Event e) => this with { Events = Events.Add(e) };
    public Response SetData(object data) => this with { Data = data };
    public Response SetAck(Acknowledgement ack) => this with { Acknowledgement = ack };

    public static Response WithAttribute<T>(string key, T value) where T : notnull => Empty.AddAttribute(key, value);
}
