using System.Collections.Immutable;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Execution;

/// <summary>
/// The outcome of a transaction. On failure no effect remains (contract state included): <see cref="Events"/> is
/// empty and <see cref="Error"/> says what failed and <see cref="FailedMsgIndex"/> in which message.
/// </summary>
public sealed record TxResult(string TxId, MeshError? Error, int FailedMsgIndex, ImmutableArray<Event> Events, ImmutableArray<object?> MsgData)
{
    public bool IsSuccess => Error is null;

    public override string ToString() => IsSuccess ? $"tx {TxId}: ok, {Events.Length} events" : $"tx {TxId}: failed at msg {FailedMsgIndex}: {Error}";
}
