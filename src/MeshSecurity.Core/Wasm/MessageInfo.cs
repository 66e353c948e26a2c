using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>Who called and which funds came with the call (already moved to the contract).</summary>
public sealed record MessageInfo(Addr Sender, Coins Funds)
{
    public static MessageInfo From(Addr sender) => new(sender, Coins.Empty);
}
