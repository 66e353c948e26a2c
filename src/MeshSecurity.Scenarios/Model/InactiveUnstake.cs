namespace MeshSecurity.Scenarios.Model;

/// <summary>When an unstake from a validator the provider knows as removed (unbonded) or tombstoned matures.</summary>
public enum InactiveUnstake
{
    /// <summary>After the unbonding period, like any other (the seed).</summary>
    AfterUnbonding,

    /// <summary>At once (production's external-staking): the validator no longer secures the consumer.</summary>
    AtOnce,
}
