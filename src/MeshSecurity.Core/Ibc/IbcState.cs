namespace MeshSecurity.Core.Ibc;

/// <summary>Placeholder: replaced by the IBC module.</summary>
public sealed record IbcState
{
    public static readonly IbcState Empty = new();
}
