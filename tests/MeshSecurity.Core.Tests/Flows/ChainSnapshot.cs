using System.Collections.Immutable;
using MeshSecurity.Core.Bank;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>
/// What a transaction could change on a chain, captured (for free where immutable; IBC's packet stores by content): each
/// contract's committed state, the IBC store (but for its count of redundant relays), the delegations and the balances.
/// <see cref="AssertUnchangedButForBlocks"/> then says that a failed or redundant transaction left no effect: only what
/// producing a block does by itself may differ (block rewards minted to the distribution account, unbondings maturing at
/// end block; the app hash, height and time).
/// </summary>
public sealed class ChainSnapshot
{
    private readonly ChainApp _chain;
    private readonly ulong _height;
    private readonly Dictionary<Addr, object?> _contracts;
    private readonly IbcState _ibc;
    private readonly string _packets;
    private readonly ImmutableSortedDictionary<DelegationKey, Delegation> _delegations;
    private readonly ImmutableSortedDictionary<BalanceKey, Amount> _balances;

    private ChainSnapshot(ChainApp chain)
    {
        _chain = chain;
        _height = chain.Height;
        _contracts = chain.Contracts.Instances.ToDictionary(i => i.Address, i => i.Committed);
        _ibc = chain.State.Ibc;
        _packets = Packets(chain.State.Ibc);
        _delegations = chain.State.Staking.Delegations.ToImmutable(); // a copy: a store written in place (decision 0014)
        _balances = chain.State.Bank.Balances.ToImmutable(); // a copy: the bank is written in place (decision 0014)
    }

    public static ChainSnapshot Of(ChainApp chain) => new(chain);

    private static string Packets(IbcState ibc) => string.Join(";",
        ibc.Commitments.Keys.Select(k => $"c{k}").Concat(ibc.Receipts.Select(kv => $"r{kv.Key}@{kv.Value}"))
            .Concat(ibc.Acks.Select(kv => $"a{kv.Key}={Convert.ToHexString(kv.Value)}")));

    public void AssertUnchangedButForBlocks(string what)
    {
        var blocks = _chain.Blocks.Where(b => b.Height > _height).ToList();

        // a validator-set change or a slash at end block runs the staking hooks: those contracts may act on their own
        var hooked = blocks.Any(b => !b.HookResults.IsEmpty);
        var subscribers = _chain.State.Wasm.HookSubscribers;
        foreach (var instance in _chain.Contracts.Instances)
        {
            if (hooked && subscribers.Contains(instance.Address)) continue;
            Assert.True(_contracts.TryGetValue(instance.Address, out var before), $"{what}: a contract {instance.Address} appeared on {_chain.ChainId}");
            Assert.True(ReferenceEquals(before, instance.Committed), $"{what}: the state of {instance.Address} on {_chain.ChainId} changed");
        }
        if (hooked) return;
        // a redundant relay changes nothing but the chain's count of them
        var ibc = _chain.State.Ibc;
        Assert.True(ReferenceEquals(_ibc, ibc) || _ibc == ibc with { RedundantRelays = _ibc.RedundantRelays },
            $"{what}: the IBC store of {_chain.ChainId} changed");
        // commitments, receipts and acknowledgements are mutable stores (decision 0014): compared by content
        Assert.True(_packets == Packets(ibc), $"{what}: the packets, receipts or acknowledgements of {_chain.ChainId} changed");
        Assert.True(_delegations.SequenceEqual(_chain.State.Staking.Delegations), $"{what}: delegations on {_chain.ChainId} changed");

        // balances: all equal but the distribution account (block rewards) and the payouts of matured unbondings
        var prefix = _chain.State.Prefix;
        var moved = new HashSet<Addr> { ModuleAccounts.Distribution(prefix), ModuleAccounts.NotBondedPool(prefix) };
        foreach (var e in blocks.SelectMany(b => b.EndBlockEvents).Where(e => e.Type == StakingEvents.CompleteUnbonding))
            moved.Add(new Addr(e.Get(StakingEvents.DelegatorKey)!));
        var after = _chain.State.Bank.Balances;
        foreach (var key in _balances.Keys.Union(after.Keys).Where(k => !moved.Contains(k.Address)))
            Assert.True(_balances.GetValueOrDefault(key) == after.GetValueOrDefault(key),
                $"{what}: the balance of {key.Address} in {key.Denom} on {_chain.ChainId} went from {_balances.GetValueOrDefault(key)} to {after.GetValueOrDefault(key)}");
    }
}
