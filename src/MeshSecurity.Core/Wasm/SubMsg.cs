namespace MeshSecurity.Core.Wasm;

/// <summary>
/// A dispatched message with reply semantics. With <see cref="ReplyOn.Never"/> a failure aborts the caller;
/// with Error or Always the failure is caught: its effects are rolled back and the contract's reply decides.
/// </summary>
public sealed record SubMsg(ulong Id, CosmosMsg Msg, ReplyOn ReplyOn)
{
    public static SubMsg Plain(CosmosMsg msg) => new(0, msg, ReplyOn.Never);
}
