namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>Attribute keys and values of mesh-lockup's "wasm" event, and the types of its extra events.</summary>
public static class LockupEvents
{
    public const string MethodKey = "method";
    public const string ActionKey = "action";
    public const string OwnerKey = "owner";
    public const string AmountKey = "amount";
    public const string LienholderKey = "leinholder";
    public const string ValidatorKey = "validator";
    public const string FractionKey = "fraction";
    public const string BurnedKey = "burned";

    public const string Instantiate = "instantiate";
    public const string Bond = "bond";
    public const string Unbond = "unbond";
    public const string GrantClaim = "grant_claim";
    public const string ReleaseClaim = "release_claim";
    public const string SlashClaim = "slash_claim";
    public const string SlashClaims = "slash_claims";
    public const string StakeLocal = "stake_local";
    public const string UnstakeLocal = "unstake_local";
    public const string ReleaseLocal = "release_local";
    public const string ValidatorSlashed = "validator_slashed";
    public const string DeclareSlashRatio = "declare_slash_ratio";
    public const string CommitClaim = "commit_claim";
    public const string RollbackClaim = "rollback_claim";
    public const string DoubleSignKey = "double_sign";
    public const string DowntimeKey = "downtime";

    /// <summary>Event: a claim was cut to the owner's bonded amount after a slash (the lienholder gets cut_stake).</summary>
    public const string ClaimCut = "claim_cut";

    /// <summary>Event: local stake was undelegated because a slash left it above bonded; burned when it matures.</summary>
    public const string LocalCut = "local_cut";

    /// <summary>Event: matured unbondings of slashed tokens were burned.</summary>
    public const string DeferredBurn = "deferred_burn";
}
