namespace MeshSecurity.Core.Staking;

/// <summary>Placeholder: the staking helper replaces this file.</summary>
public sealed record StakingState
{
    public static readonly StakingState Empty = new();
}
