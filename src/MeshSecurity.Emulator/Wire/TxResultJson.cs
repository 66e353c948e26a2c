using System.Collections.Immutable;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Wire;

/// <summary>
/// A transaction's result on the wire: <see cref="TxResult"/>'s fields, its events by their type and attributes (each
/// value as its text; a packet event's packet stays behind: readers elsewhere parse the attributes, see
/// <see cref="Core.Ibc.IbcEvents.ToPacket"/>) and its messages' data tagged.
/// </summary>
internal sealed record TxResultJson(
    string TxId, MeshError? Error, int FailedMsgIndex, ImmutableArray<TxResultJson.EventJson> Events,
    [property: JsonConverter(typeof(MsgDataConverter))] ImmutableArray<object?> MsgData)
{
    internal sealed record EventJson(string Type, ImmutableArray<EventAttribute> Attributes);

    public static TxResultJson Of(TxResult r) =>
        new(r.TxId, r.Error, r.FailedMsgIndex, [.. r.Events.Select(e => new EventJson(e.Type, e.Attributes))], r.MsgData);

    public TxResult ToResult() => new(TxId, Error, FailedMsgIndex, [.. Events.Select(e => new Event(e.Type, e.Attributes))], MsgData);
}
