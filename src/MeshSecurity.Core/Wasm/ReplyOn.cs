namespace MeshSecurity.Core.Wasm;

/// <summary>When a sub-message's result is handed back to the contract's reply entry point.</summary>
public enum ReplyOn
{
    Never,
    Success,
    Error,
    Always,
}
