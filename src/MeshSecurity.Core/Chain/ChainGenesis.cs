using System.Collections.Immutable;
using MeshSecurity.Core.Crypto;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Chain;

/// <summary>
/// Builds a chain's state at height 0 from its config, accounts and validators, and the validators' consensus keys
/// (derived from the chain id, the validator name and a seed, so the same genesis always gives the same keys).
/// The genesis end block forms the first validator set.
/// </summary>
public static class ChainGenesis
{
    public static (ChainState State, ImmutableSortedDictionary<Addr, ConsensusKey> Keys) Build(
        ChainConfig config, IEnumerable<GenesisAccount> accounts, IEnumerable<GenesisValidator> validators, string keySeed = "")
    {
        var s = ChainState.Genesis(config);
        foreach (var a in accounts) s.Bank.AddGenesis(a.Address, a.Balance);
        var events = new List<Event>();
        var keys = ImmutableSortedDictionary.CreateBuilder<Addr, ConsensusKey>();
        foreach (var v in validators)
        {
            var op = ValidatorAddress(config.AddressPrefix, v.Name);
            var key = ConsensusKey.FromSeed($"{config.ChainId}/{v.Name}/{keySeed}");
            keys[op] = key;
            s.Bank.AddGenesis(op, Coins.Of(config.BondDenom, v.SelfBond));
            s = s.CreateValidator(op, key.PublicKey, op, v.SelfBond, events);
        }
        (s, _) = s.EndBlock(events);
        s.Undo.Commit(); // genesis is the chain's first committed state
        return (s, keys.ToImmutable());
    }

    /// <summary>The operator address a validator name gets on a chain.</summary>
    public static Addr ValidatorAddress(string prefix, string name) => Addr.Derive(prefix, "validator/" + name);

    /// <summary>
    /// The header a light client of the chain consumes: height, time, the bonded validators' keys and the settled marks.
    /// The keys of <paramref name="previous"/> (a header this method built for the same chain) are taken as they are while
    /// the bonded validators' keys are the same: a chain builds a header per block, and its set rarely changes. The
    /// settled marks come from <paramref name="floors"/> when given (the chain's keeper of them, fed its committed states).
    /// </summary>
    public static Ibc.ClientHeader HeaderOf(ChainState state, Ibc.ClientHeader? previous = null, Ibc.SettledFloorKeeper? floors = null)
    {
        var keys = previous is not null && SameBondedKeys(state, previous.ValidatorKeys) ? previous.ValidatorKeys : BondedKeys(state);
        var settled = floors is null ? state.Ibc.SettledFloors() : floors.Of(state.Ibc);
        return new Ibc.ClientHeader(state.ChainId, state.Height, state.Time, keys) { Settled = settled };
    }

    private static ImmutableSortedDictionary<string, byte[]> BondedKeys(ChainState state)
    {
        var keys = ImmutableSortedDictionary.CreateBuilder<string, byte[]>(StringComparer.Ordinal);
        foreach (var (_, v) in state.Staking.Validators)
            if (v.IsBonded) keys[v.Operator.Value] = v.ConsensusPubKey;
        return keys.ToImmutable();
    }

    // the pairs rather than Values (a LINQ Select over them, a boxed iterator): this runs every block
    private static bool SameBondedKeys(ChainState state, ImmutableSortedDictionary<string, byte[]> keys)
    {
        var bonded = 0;
        foreach (var (_, v) in state.Staking.Validators)
        {
            if (!v.IsBonded) continue;
            bonded++;
            if (!keys.TryGetValue(v.Operator.Value, out var key)) return false;
            if (!ReferenceEquals(key, v.ConsensusPubKey) && !key.AsSpan().SequenceEqual(v.ConsensusPubKey)) return false;
        }
        return bonded == keys.Count;
    }
}
