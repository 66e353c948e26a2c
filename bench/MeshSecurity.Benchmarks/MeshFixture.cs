using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Benchmarks;

/// <summary>
/// A provider ("osmosis") linked to a consumer ("juno") on Core's synchronous coordinator, with alice's large bond in
/// the lockup: what the contract and packet benchmarks run against.
/// </summary>
public sealed class MeshFixture
{
    public MeshFixture()
    {
        Coord = new Coordinator();
        var codes = MeshSetup.Codes();
        Provider = Coord.AddChain(new ChainConfig { ChainId = "osmosis", AddressPrefix = "osmo", BondDenom = "uosmo", UnbondingPeriodSeconds = 24 * 3600 },
            codes, [new GenesisAccount(Alice, Coins.Of("uosmo", (Amount)1_000_000_000_000_000UL))], [new GenesisValidator("o1", 1_000_000)]);
        Consumer = Coord.AddChain(new ChainConfig { ChainId = "juno", AddressPrefix = "juno", BondDenom = "ujuno", UnbondingPeriodSeconds = 24 * 3600 },
            codes, [new GenesisAccount(ModuleAccounts.Gov("juno"), Coins.Of("ujuno", (Amount)1_000_000_000UL))],
            [new GenesisValidator("j1", 1_000), new GenesisValidator("j2", 2_000)]);
        var lockup = MeshSetup.DeployLockup(Coord, Provider);
        var meta = MeshSetup.DeployMetaStaking(Coord, Consumer);
        Link = MeshSetup.Link(Coord, Provider, lockup, Consumer, meta, Dec.Parse("0.1"), 1_000_000_000UL);
        Validator = ChainGenesis.ValidatorAddress("juno", "j1");
        Coord.MustExecute(Provider, Alice, new CosmosMsg.WasmExecute(Link.Lockup, new LockupMsg.Execute.Bond(), Coins.Of("uosmo", (Amount)1_000_000_000_000_000UL)));
    }

    public Coordinator Coord { get; }
    public ChainApp Provider { get; }
    public ChainApp Consumer { get; }
    public MeshLink Link { get; }
    public Addr Validator { get; }
    public static Addr Alice { get; } = Addr.Derive("osmo", "alice");

    public CosmosMsg GrantClaim(Amount amount) =>
        new CosmosMsg.WasmExecute(Link.Lockup, new LockupMsg.Execute.GrantClaim(Link.ProviderContract.Value, amount, Validator.Value), Coins.Empty);
}
