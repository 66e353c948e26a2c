using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>What the tests read: contract queries, bank balances, validators and events, all from committed state.</summary>
public sealed partial class MeshNetwork
{
    /// <summary>The user's lockup account: bonded, free = bonded − max claim, and the claims in grant order.</summary>
    public LockupMsg.BalanceResponse LockupBalance(Addr user) =>
        Osmosis.Query<LockupMsg.BalanceResponse>(Lockup, new LockupMsg.Query.Balance(user.Value));

    /// <summary>The link's provider's claim on the user's locked tokens (zero when none).</summary>
    public Amount ClaimOf(Addr user, MeshLink link) =>
        LockupBalance(user).Claims.FirstOrDefault(c => c.Lienholder == link.ProviderContract)?.Amount ?? Amount.Zero;

    /// <summary>The provider's view of a validator: stakers' locked tokens, in-flight amounts and undelivered burns.</summary>
    public ProviderMsg.StakeResponse ProviderStake(MeshLink link, Addr validator) =>
        Osmosis.Query<ProviderMsg.StakeResponse>(link.ProviderContract, new ProviderMsg.Query.Stake(validator.Value));

    public ProviderMsg.AccountResponse ProviderAccount(MeshLink link, Addr user) =>
        Osmosis.Query<ProviderMsg.AccountResponse>(link.ProviderContract, new ProviderMsg.Query.Account(user.Value));

    /// <summary>The consumer's record of the provider's stake on a validator (provider tokens, and floor(× rate)).</summary>
    public ConsumerMsg.RemoteStakeResponse RemoteStake(MeshLink link, Addr validator) =>
        link.Consumer.Query<ConsumerMsg.RemoteStakeResponse>(link.ConsumerContract, new ConsumerMsg.Query.RemoteStake(validator.Value));

    /// <summary>The consumer's records of every validator the link stakes on, by validator.</summary>
    public IReadOnlyList<ConsumerMsg.RemoteStakeResponse> LinkStakes(MeshLink link) =>
        link.Consumer.Query<ConsumerMsg.AllRemoteStakesResponse>(link.ConsumerContract, new ConsumerMsg.Query.AllRemoteStakes()).Stakes;

    /// <summary>Meta-staking's record of what it delegates on a validator for the link's consumer.</summary>
    public Amount MetaDelegation(MeshLink link, Addr validator) =>
        link.Consumer.Query<Amount>(link.MetaStaking, new MetaStakingMsg.Query.Delegation(link.ConsumerContract.Value, validator.Value));

    /// <summary>What the user's exposure on the link's provider is worth: the lockup's claim must equal it (P4).</summary>
    public Amount Exposure(MeshLink link, Addr user) => new Core.Invariants.ProviderAccountView(user, ProviderAccount(link, user)).Exposure;

    public static Amount Tokens(ChainApp chain, Addr validator) => chain.State.Staking.Validator(validator)!.Tokens;

    /// <summary>Consensus voting power (tokens while bonded and not jailed, else 0).</summary>
    public static ulong Power(ChainApp chain, Addr validator) => chain.State.VotingPower(validator);

    /// <summary>The validators of a chain, by operator address.</summary>
    public static IReadOnlyList<Addr> ValidatorsOf(ChainApp chain) => [.. chain.State.Staking.Validators.Keys];

    public Amount OsmoBalance(Addr account) => Osmosis.Balance(account, Uosmo);

    public Amount Supply => Osmosis.State.Bank.SupplyOf(Uosmo);

    /// <summary>Every event of <paramref name="chain"/>'s blocks above <paramref name="sinceHeight"/>, in order.</summary>
    public static IEnumerable<Event> EventsSince(ChainApp chain, ulong sinceHeight) =>
        chain.Blocks.Where(b => b.Height > sinceHeight).SelectMany(b => b.AllEvents);

    /// <summary>The lockup's "wasm" events with the given action (e.g. release_claim) above a height.</summary>
    public IEnumerable<Event> LockupActions(string action, ulong sinceHeight) =>
        EventsSince(Osmosis, sinceHeight).Where(e =>
            e.Type == "wasm" && e.Get("_contract_address") == Lockup.Value && e.Get(LockupEvents.ActionKey) == action);

    /// <summary>The height of the last block in which <paramref name="delegator"/> delegated on <paramref name="chain"/>.</summary>
    public static ulong LastDelegationHeight(ChainApp chain, Addr delegator) =>
        chain.Blocks.Last(b => b.AllEvents.Any(e => e.Type == StakingEvents.Delegate && e.Get(StakingEvents.DelegatorKey) == delegator.Value)).Height;

    /// <summary>The chains whose bank does not balance (accounts + escrows + burned ≠ genesis + minted), with the denoms.</summary>
    public IEnumerable<string> ConservationErrors() =>
        Chains.SelectMany(c => c.State.Bank.CheckConservation().Select(e => $"{c.ChainId}: {e}"));

    /// <summary>Packets sent on a link's channels and not yet acknowledged or timed out, in either direction.</summary>
    public static int InFlight(MeshLink link) =>
        new[] { link.MeshPath, link.TransferPath }
            .SelectMany(p => new[] { p.A, p.B })
            .Sum(e => e.Chain.State.Ibc.PendingPackets(e.PortId, e.ChannelId).Count());
}
