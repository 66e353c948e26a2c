namespace MeshSecurity.Core.Staking;

/// <summary>A validator's place relative to the active set, as in the Cosmos SDK's x/staking.</summary>
public enum BondStatus
{
    /// <summary>Not in the active set and not waiting: new validators start here; undelegations pay out at once.</summary>
    Unbonded,

    /// <summary>Left the active set; becomes <see cref="Unbonded"/> once its unbonding time has passed.</summary>
    Unbonding,

    /// <summary>In the active set as of the last EndBlock.</summary>
    Bonded,
}
