namespace MeshSecurity.Core.Contracts;

/// <summary>
/// Every place where the emulator departs from the 2022 prototype's code, switchable in one place.
/// <see cref="Intended"/> (the default) follows the seed README's stated intent and builds what it left unbuilt;
/// <see cref="Prototype2022"/> restores the code's behaviour where the contracts implement both.
/// Names refer to the decisions D1–D4 and bugs B1–B13 that docs/seed-contracts.md lists.
/// </summary>
public sealed record MeshProfile
{
    public static readonly MeshProfile Intended = new();

    public static readonly MeshProfile Prototype2022 = new()
    {
        UnbondReleasesClaim = false,
        FailedStakeReleasesClaim = false,
        RewardsWeightedByUserTokens = false,
        ListValidatorsKeepsExisting = false,
        BurnSlashedTokens = false,
        EagerSlashPropagation = false,
    };

    /// <summary>D1 / B1: provider unbond of matured claims sends release_claim (true) or slash_claim (false).</summary>
    public bool UnbondReleasesClaim { get; init; } = true;

    /// <summary>D2 / B2: a Stake error ack or timeout sends release_claim (true) or slash_claim (false).</summary>
    public bool FailedStakeReleasesClaim { get; init; } = true;

    /// <summary>D3 / B3: claim_rewards settles with the user's tokens (true) or the validator's total shares (false).</summary>
    public bool RewardsWeightedByUserTokens { get; init; } = true;

    /// <summary>D4 / B4: a ListValidators ack keeps known validators (true) or overwrites them (false).</summary>
    public bool ListValidatorsKeepsExisting { get; init; } = true;

    /// <summary>B13: the lockup burns slashed tokens and drops claims that reach zero (true), or strands them (false).</summary>
    public bool BurnSlashedTokens { get; init; } = true;

    /// <summary>
    /// The README's slash flow: the provider realises a slash at once against every staker's lockup claim and
    /// the lockup propagates it to every other provider, which tells its consumer (true); or the prototype's lazy
    /// take_slash at unstake time with no propagation (false).
    /// </summary>
    public bool EagerSlashPropagation { get; init; } = true;
}
