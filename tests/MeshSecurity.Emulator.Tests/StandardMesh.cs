using MeshSecurity.Core.Relaying;
using System.Collections.Immutable;
using Akka.Actor;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// The standard network of the scenario tests: the provider "osmosis" (osmo / uosmo, 6 s blocks, users with
/// 1,000,000 uosmo each) and the consumers "juno" (5 s, rate 0.1), "stars" (6 s, rate 0.5) and "akash"
/// (5 s, rate 0.25), each with two validators (1,000 and 2,000 self-bond) and a governance account funded at genesis.
/// Every chain unbonds in one day (a cross-stake unbonds after the longer of its provider's and consumer's periods).
/// Relayers carry packets after a constant 2 s. Also the short-hands the tests share (transactions, queries, the log).
/// </summary>
public static class StandardMesh
{
    public const string Osmosis = "osmosis";
    public const string Juno = "juno";
    public const string Stars = "stars";
    public const string Akash = "akash";
    public const ulong UnbondingSeconds = 24 * 3600;
    public const double RelayerLatencySeconds = 2;
    public static readonly Amount UserFunds = 1_000_000;
    public static readonly Amount GovFunds = 10_000_000;
    public static readonly Amount StakingFunds = 1_000_000;
    public static readonly ImmutableArray<string> UserNames = ["alice", "bob", "carol", "dave", "reporter"];

    private sealed record ConsumerShape(string Prefix, string Denom, ulong BlockTime, Dec Rate, string Validator1, string Validator2);

    private static readonly ImmutableDictionary<string, ConsumerShape> Consumers = new Dictionary<string, ConsumerShape>
    {
        [Juno] = new("juno", "ujuno", 5, Dec.Parse("0.1"), "j1", "j2"),
        [Stars] = new("stars", "ustars", 6, Dec.Parse("0.5"), "s1", "s2"),
        [Akash] = new("akash", "uakt", 5, Dec.Parse("0.25"), "a1", "a2"),
    }.ToImmutableDictionary();

    public static LatencyModel RelayerLatency { get; } = new LatencyModel.Constant(RelayerLatencySeconds);

    public static Addr User(string name) => Addr.Derive("osmo", name);

    public static Addr Alice => User("alice");
    public static Addr Bob => User("bob");
    public static Addr Reporter => User("reporter");

    /// <summary>Anyone on a consumer chain (calls meta-staking's permissionless entry points).</summary>
    public static Addr Anyone(string consumer) => Addr.Derive(Consumers[consumer].Prefix, "anyone");

    public static Dec RateOf(string consumer) => Consumers[consumer].Rate;

    public static string DenomOf(string consumer) => Consumers[consumer].Denom;

    public static ulong BlockTimeOf(string chain) => chain == Osmosis ? 6 : Consumers[chain].BlockTime;

    /// <summary>The first (1,000 self-bond) validator of a consumer chain.</summary>
    public static Addr FirstValidator(string consumer) => ChainGenesis.ValidatorAddress(Consumers[consumer].Prefix, Consumers[consumer].Validator1);

    /// <summary>The second (2,000 self-bond) validator of a consumer chain.</summary>
    public static Addr SecondValidator(string consumer) => ChainGenesis.ValidatorAddress(Consumers[consumer].Prefix, Consumers[consumer].Validator2);

    public static ChainDefinition ProviderChain(IEnumerable<string>? extraUsers = null) =>
        new(new ChainConfig
            {
                ChainId = Osmosis, AddressPrefix = "osmo", BondDenom = "uosmo", BlockTimeSeconds = BlockTimeOf(Osmosis),
                UnbondingPeriodSeconds = UnbondingSeconds,
            },
            [.. UserNames.Concat(extraUsers ?? []).Select(n => new GenesisAccount(User(n), Coins.Of("uosmo", UserFunds)))],
            [new GenesisValidator("o1", 1_000_000)]);

    public static ChainDefinition ConsumerChain(string consumer, Amount? blockReward = null)
    {
        var s = Consumers[consumer];
        return new ChainDefinition(
            new ChainConfig
            {
                ChainId = consumer, AddressPrefix = s.Prefix, BondDenom = s.Denom, BlockTimeSeconds = s.BlockTime,
                BlockReward = blockReward ?? Amount.Zero, UnbondingPeriodSeconds = UnbondingSeconds,
            },
            [new GenesisAccount(ModuleAccounts.Gov(s.Prefix), Coins.Of(s.Denom, GovFunds))],
            [new GenesisValidator(s.Validator1, 1_000), new GenesisValidator(s.Validator2, 2_000)]);
    }

    public static LinkDefinition LinkTo(string consumer, Amount? stakingFunds = null, ulong? packetLifetime = null, LatencyModel? latency = null) =>
        new(Osmosis, consumer, RateOf(consumer), stakingFunds ?? StakingFunds, packetLifetime, latency ?? RelayerLatency);

    /// <summary>Adds the provider and the given consumers at genesis.</summary>
    public static async Task AddChainsAsync(this MeshNetwork net, params string[] consumers)
    {
        await net.AddChainAsync(ProviderChain());
        foreach (var c in consumers) await net.AddChainAsync(ConsumerChain(c));
    }

    /// <summary>The provider and one consumer, linked with the standard settings.</summary>
    public static async Task<MeshLinkInfo> StartLinkedAsync(this MeshNetwork net, string consumer = Juno)
    {
        await net.AddChainsAsync(consumer);
        return await net.LinkAsync(LinkTo(consumer));
    }

    // ---- transactions -------------------------------------------------------------------------------------------

    public static Task<TxResult> BondAsync(this MeshNetwork net, MeshLinkInfo link, Addr user, Amount amount) =>
        net.MustExecuteAsync(Osmosis, user, new CosmosMsg.WasmExecute(link.Lockup, new LockupMsg.Execute.Bond(), Coins.Of("uosmo", amount)));

    public static Task<TxResult> GrantClaimAsync(this MeshNetwork net, MeshLinkInfo link, Addr user, Amount amount, Addr validator) =>
        net.MustExecuteAsync(Osmosis, user, GrantClaim(link, amount, validator));

    public static CosmosMsg GrantClaim(MeshLinkInfo link, Amount amount, Addr validator) =>
        new CosmosMsg.WasmExecute(link.Lockup, new LockupMsg.Execute.GrantClaim(link.Provider.Value, amount, validator.Value), Coins.Empty);

    public static Task<TxResult> ProviderAsync(this MeshNetwork net, MeshLinkInfo link, Addr user, ProviderMsg.Execute msg) =>
        net.ExecuteAsync(Osmosis, user, new CosmosMsg.WasmExecute(link.Provider, msg, Coins.Empty));

    public static Task<TxResult> LockupAsync(this MeshNetwork net, MeshLinkInfo link, Addr user, LockupMsg.Execute msg) =>
        net.ExecuteAsync(Osmosis, user, new CosmosMsg.WasmExecute(link.Lockup, msg, Coins.Empty));

    /// <summary>Instantiates a contract through a transaction and returns its address.</summary>
    public static async Task<Addr> InstantiateAsync(this MeshNetwork net, string chain, Addr sender, string code, object msg, string label)
    {
        var r = await net.MustExecuteAsync(chain, sender, new CosmosMsg.WasmInstantiate(code, msg, Coins.Empty, label, sender));
        return ((InstantiateResult)r.MsgData[0]!).ContractAddress;
    }

    // ---- queries ------------------------------------------------------------------------------------------------

    public static Task<ConsumerMsg.RemoteStakeResponse> RemoteStakeAsync(this MeshNetwork net, MeshLinkInfo link, Addr validator) =>
        net.QueryAsync<ConsumerMsg.RemoteStakeResponse>(link.ConsumerChain, link.Consumer, new ConsumerMsg.Query.RemoteStake(validator.Value));

    public static Task<ProviderMsg.StakeResponse> ProviderStakeAsync(this MeshNetwork net, MeshLinkInfo link, Addr validator) =>
        net.QueryAsync<ProviderMsg.StakeResponse>(Osmosis, link.Provider, new ProviderMsg.Query.Stake(validator.Value));

    public static Task<ProviderMsg.AccountResponse> ProviderAccountAsync(this MeshNetwork net, MeshLinkInfo link, Addr user) =>
        net.QueryAsync<ProviderMsg.AccountResponse>(Osmosis, link.Provider, new ProviderMsg.Query.Account(user.Value));

    public static Task<LockupMsg.BalanceResponse> LockupBalanceAsync(this MeshNetwork net, MeshLinkInfo link, Addr user) =>
        net.QueryAsync<LockupMsg.BalanceResponse>(Osmosis, link.Lockup, new LockupMsg.Query.Balance(user.Value));

    /// <summary>What meta-staking has delegated for this link's consumer on a validator (its own record).</summary>
    public static Task<Amount> MetaDelegationAsync(this MeshNetwork net, MeshLinkInfo link, Addr validator) =>
        net.QueryAsync<Amount>(link.ConsumerChain, link.MetaStaking, new MetaStakingMsg.Query.Delegation(link.Consumer.Value, validator.Value));

    public static async Task<Amount> ValidatorTokensAsync(this MeshNetwork net, string chain, Addr validator) =>
        (await net.StateAsync(chain)).Staking.Validator(validator)!.Tokens;

    /// <summary>The chain's real delegation of meta-staking on a validator, in tokens (shares × tokens / shares).</summary>
    public static async Task<Amount> ChainDelegationAsync(this MeshNetwork net, MeshLinkInfo link, Addr validator)
    {
        var state = await net.StateAsync(link.ConsumerChain);
        var d = state.Staking.Delegation(link.MetaStaking, validator);
        var v = state.Staking.Validator(validator)!;
        return d is null ? Amount.Zero : (d.Shares * v.Tokens / v.DelegatorShares).ToAmountFloor();
    }

    public static async Task<Amount> BalanceAsync(this MeshNetwork net, string chain, Addr account, string denom) =>
        (await net.StateAsync(chain)).Bank.Balance(account, denom);

    // ---- the log ------------------------------------------------------------------------------------------------

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MeshNetwork, EventHistory> Histories = new();

    /// <summary>
    /// Keeps the network's whole history in memory for the test to read (<see cref="HistoryAsync"/>): a network keeps
    /// none by default.
    /// </summary>
    public static MeshNetwork KeepingHistory(this MeshNetwork net)
    {
        var history = new EventHistory();
        net.Log.Subscribe(history);
        Histories.Add(net, history);
        return net;
    }

    /// <summary>
    /// Every event published so far, in canonical order: chains publish before they report their step done, so after a
    /// run the events are in the recorder's mailbox, and a flush hands them to the history.
    /// </summary>
    public static async Task<IReadOnlyList<EmulatorEvent>> HistoryAsync(this MeshNetwork net)
    {
        await net.FlushEventsAsync();
        return Histories.TryGetValue(net, out var history) ? history.Events
            : throw new InvalidOperationException("the network keeps no history: start it with .KeepingHistory()");
    }

    /// <summary>The "wasm" events of successful transactions on a chain with the given action attribute (optionally of one contract).</summary>
    public static IEnumerable<(EmulatorEvent.TxExecuted Tx, Event Event)> Actions(this IEnumerable<EmulatorEvent> history, string chain, string action, Addr? contract = null) =>
        from tx in history.OfType<EmulatorEvent.TxExecuted>()
        where tx.Chain == chain && tx.Success
        from e in tx.Result.Events
        where e.Type == "wasm" && e.Get("action") == action && (contract is null || e.Get("_contract_address") == contract.Value.Value)
        select (tx, e);

    /// <summary>A contract's extra events of a type ("wasm-&lt;type&gt;") in successful transactions on a chain.</summary>
    public static IEnumerable<(EmulatorEvent.TxExecuted Tx, Event Event)> ContractEvents(this IEnumerable<EmulatorEvent> history, string chain, string type) =>
        from tx in history.OfType<EmulatorEvent.TxExecuted>()
        where tx.Chain == chain && tx.Success
        from e in tx.Result.Events
        where e.Type == "wasm-" + type
        select (tx, e);

    /// <summary>The block height a transaction of the network's API was executed at.</summary>
    public static EmulatorEvent.TxExecuted Executed(this IEnumerable<EmulatorEvent> history, TxResult r) =>
        history.OfType<EmulatorEvent.TxExecuted>().Single(t => t.TxId == r.TxId);

    /// <summary>Seconds between two emulated times.</summary>
    public static double SecondsBetween(Timestamp from, Timestamp to) => (to.Nanos - (double)from.Nanos) / Timestamp.NanosPerSecond;
}
