using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Network;

namespace MeshSecurity.Cli.Bench;

/// <summary>The chains, links and messages the benchmarks build their meshes from.</summary>
internal static class BenchMesh
{
    public const string Provider = "osmosis";

    public static Addr User(string name) => Addr.Derive("osmo", name);

    public static ChainDefinition ProviderChain(IEnumerable<string> users, string chainId = Provider) =>
        new(new ChainConfig
            {
                ChainId = chainId, AddressPrefix = "osmo", BondDenom = "uosmo", BlockTimeSeconds = 6, UnbondingPeriodSeconds = 24 * 3600,
            },
            [.. users.Select(n => new GenesisAccount(User(n), Coins.Of("uosmo", (Amount)1_000_000_000)))],
            [new GenesisValidator("o1", 1_000_000)]);

    public static ChainDefinition ConsumerChain(string id, ulong blockTime = 5, int validators = 2) =>
        new(new ChainConfig
            {
                ChainId = id, AddressPrefix = id, BondDenom = "u" + id, BlockTimeSeconds = blockTime, UnbondingPeriodSeconds = 24 * 3600,
            },
            [new GenesisAccount(ModuleAccounts.Gov(id), Coins.Of("u" + id, (Amount)10_000_000_000))],
            [.. Enumerable.Range(1, validators).Select(i => new GenesisValidator($"{id}-v{i}", (Amount)(1_000UL * (ulong)i)))]);

    public static Addr FirstValidator(string chain) => ChainGenesis.ValidatorAddress(chain, $"{chain}-v1");

    public static readonly LatencyModel NoLatency = new LatencyModel.Constant(0);

    public static LinkDefinition Link(string provider, string consumer, int batch = 30, LatencyModel? latency = null) =>
        new(provider, consumer, Dec.Parse("0.5"), (Amount)1_000_000_000, Latency: latency ?? NoLatency, BatchSize: batch);

    /// <summary>A realistic relayer: lognormal around 3 s, never under 1 s (the lookahead of the time keeping's windows).</summary>
    public static readonly LatencyModel RealisticLatency = new LatencyModel.LogNormal(3, 0.5, 1);

    public static CosmosMsg Bond(MeshLinkInfo link, Amount amount, string denom = "uosmo") =>
        new CosmosMsg.WasmExecute(link.Lockup, new LockupMsg.Execute.Bond(), Coins.Of(denom, amount));

    /// <summary>What each link's consumer contract records as staked on its chain's first validator.</summary>
    public static async Task<Amount[]> RemoteStakesAsync(MeshNetwork net, IReadOnlyList<MeshLinkInfo> links)
    {
        var result = new Amount[links.Count];
        for (var i = 0; i < links.Count; i++)
            result[i] = (await net.QueryAsync<ConsumerMsg.RemoteStakeResponse>(links[i].ConsumerChain, links[i].Consumer,
                new ConsumerMsg.Query.RemoteStake(FirstValidator(links[i].ConsumerChain).Value))).Amount;
        return result;
    }

    public static CosmosMsg GrantClaim(MeshLinkInfo link, Amount amount, Addr validator) =>
        new CosmosMsg.WasmExecute(link.Lockup, new LockupMsg.Execute.GrantClaim(link.Provider.Value, amount, validator.Value), Coins.Empty);
}
