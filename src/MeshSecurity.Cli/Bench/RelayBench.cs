using Akka.Actor;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Network;
using static MeshSecurity.Cli.Bench.BenchMesh;

namespace MeshSecurity.Cli.Bench;

/// <summary>
/// osmosis → juno with no relayer latency: each cycle submits <c>n</c> cross-stakes (bond + grant_claim) together
/// and runs the clock until every Stake packet is received on juno and its acknowledgement handled on osmosis.
/// </summary>
internal sealed class RelayBench : IAsyncDisposable
{
    private readonly MeshNetwork _net;
    private readonly MeshLinkInfo _link;
    private readonly Addr _validator;
    private readonly int _n;

    private RelayBench(MeshNetwork net, MeshLinkInfo link, int n)
    {
        _net = net;
        _link = link;
        _validator = FirstValidator("juno");
        _n = n;
    }

    private static string Staker(int cycle, int i) => $"staker-{cycle}-{i}";

    public static async Task<RelayBench> StartAsync(ActorSystem system, int n, int cycles)
    {
        var net = MeshNetwork.Start(system, new NetworkSettings(Seed: "bench-relay"));
        await net.AddChainAsync(ProviderChain(Enumerable.Range(0, cycles).SelectMany(c => Enumerable.Range(0, n).Select(i => Staker(c, i)))));
        await net.AddChainAsync(ConsumerChain("juno"));
        var link = await net.LinkAsync(Link(Provider, "juno", batch: 100));
        return new RelayBench(net, link, n);
    }

    /// <summary>The cycle's transactions, built before it is timed (a load generator has them ready).</summary>
    public IReadOnlyList<Tx> Prepare(int cycle) =>
        [.. Enumerable.Range(0, _n).Select(i => new Tx(User(Staker(cycle, i)), [Bond(_link, 1_000), GrantClaim(_link, 1_000, _validator)], $"relay/{cycle}/{i}"))];

    public async Task CycleAsync(IReadOnlyList<Tx> txs)
    {
        var acked = (await _net.ChannelInfoAsync(_link.MeshChannelId)).Acknowledged;
        // submitted together, as a load generator would: the chain's mempool keeps their order
        await Task.WhenAll(txs.Select(tx => _net.SubmitAsync(Provider, tx)));
        while ((await _net.ChannelInfoAsync(_link.MeshChannelId)).Acknowledged - acked < _n)
            await _net.RunForAsync(6);
    }

    /// <summary>Every cross-stake of <paramref name="cycles"/> cycles arrived exactly once.</summary>
    public async Task CheckAsync(int cycles)
    {
        var total = (await _net.QueryAsync<ConsumerMsg.RemoteStakeResponse>("juno", _link.Consumer, new ConsumerMsg.Query.RemoteStake(_validator.Value))).Amount;
        var expected = (Amount)((ulong)cycles * (ulong)_n * 1_000UL);
        if (total != expected) throw new InvalidOperationException($"relay benchmark: juno recorded {total}, expected {expected}");
    }

    public ValueTask DisposeAsync() => _net.DisposeAsync();
}
