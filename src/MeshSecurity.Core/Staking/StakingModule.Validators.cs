using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Staking;

/// <summary>Creating validators, and the read-only queries over validators and delegations.</summary>
public static partial class StakingModule
{
    /// <summary>
    /// Creates a validator and self-delegates <paramref name="selfBond"/> from <paramref name="selfDelegator"/> (moved to
    /// the bonded pool). Like the SDK, the validator starts Unbonded and enters the set at the next EndBlock if its
    /// tokens rank; at genesis the coordinator runs EndBlock before the first block. Refuses a taken operator address
    /// or public key and a zero bond.
    /// </summary>
    public static ChainState CreateValidator(
        this ChainState chain, Addr operatorAddress, byte[] consensusPubKey, Addr selfDelegator, Amount selfBond, IList<Event> events)
    {
        if (chain.Staking.Validators.ContainsKey(operatorAddress)) throw new StakingError.ValidatorExists(operatorAddress).Raise();
        var taken = chain.Staking.Validators.Values.FirstOrDefault(v => v.ConsensusPubKey.AsSpan().SequenceEqual(consensusPubKey));
        if (taken is not null) throw new StakingError.PubKeyExists(taken.Operator).Raise();
        if (selfBond.IsZero) throw new StakingError.ZeroAmount().Raise();

        events.Add(ValidatorAmountFields.Event(StakingEvents.CreateValidator, operatorAddress, chain.BondString(selfBond)));
        return chain.WithValidator(Validator.Create(operatorAddress, consensusPubKey))
            .Delegate(selfDelegator, operatorAddress, selfBond, events);
    }

    /// <summary>What the delegation's shares are worth now, floor(shares × tokens / total shares); zero when there is none.</summary>
    public static Amount DelegationTokens(this ChainState chain, Addr delegator, Addr validator)
    {
        var d = chain.Staking.Delegation(delegator, validator);
        var v = chain.Staking.Validator(validator);
        return d is null || v is null ? Amount.Zero : TokensFromShares(v, d.Shares);
    }

    /// <summary>Consensus voting power: tokens / PowerReduction when Bonded and not jailed, else 0 (also for unknown validators).</summary>
    public static ulong VotingPower(this ChainState chain, Addr validator) =>
        chain.Staking.Validator(validator) is { IsBonded: true, Jailed: false } v ? PowerOf(v.Tokens, chain.Config.PowerReduction) : 0;

    /// <summary>The sum of every validator's <see cref="VotingPower"/>.</summary>
    public static ulong TotalVotingPower(this ChainState chain) =>
        chain.Staking.Validators.Keys.Aggregate(0UL, (sum, op) => checked(sum + chain.VotingPower(op)));

    /// <summary>
    /// Whether anyone can sign the chain's next block: CometBFT commits with +2/3 of the active set's voting power, so a
    /// chain whose whole set is jailed (or whose validators all hold less than PowerReduction) halts. Nothing changes on
    /// a halted chain, not even a jail's expiry (leaving jail takes an unjail transaction, and no block can hold it): the
    /// halt lasts until operators restart the chain, which the emulator does not model.
    /// </summary>
    public static bool HasBondedPower(this ChainState chain) => chain.Staking.Validators.Keys.Any(v => chain.VotingPower(v) > 0);

    /// <summary>The validator as a contract sees it: Power = tokens / PowerReduction whatever its status.</summary>
    public static ValidatorInfo ToValidatorInfo(this ChainState chain, Validator v) =>
        new(v.Operator, v.Tokens, PowerOf(v.Tokens, chain.Config.PowerReduction), StatusName(v.Status), v.Jailed, v.Tombstoned);

    /// <summary>Every validator as a contract sees it, by operator address.</summary>
    public static IReadOnlyList<ValidatorInfo> ValidatorInfos(this ChainState chain) =>
        chain.Staking.Validators.Values.Select(chain.ToValidatorInfo).ToList();

    /// <summary>The delegation as a contract sees it (tokens and withdrawable rewards), or null when there is none.</summary>
    public static DelegationInfo? ToDelegationInfo(this ChainState chain, Addr delegator, Addr validator) =>
        chain.Staking.Delegation(delegator, validator) is null
            ? null
            : new DelegationInfo(delegator, validator, chain.DelegationTokens(delegator, validator), chain.AccumulatedRewards(delegator, validator));

    /// <summary>"bonded", "unbonding" or "unbonded".</summary>
    public static string StatusName(BondStatus status) => status switch
    {
        BondStatus.Bonded => "bonded",
        BondStatus.Unbonding => "unbonding",
        _ => "unbonded",
    };
}
