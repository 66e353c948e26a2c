using Akka.Actor;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Network;
using static MeshSecurity.Cli.Bench.BenchMesh;

namespace MeshSecurity.Cli.Bench;

/// <summary>
/// <c>pairs</c> independent links (osmosis → juno, then osmosis-2 → juno-2, ...) with no relayer latency: each cycle
/// submits <c>n</c> cross-stakes (bond + grant_claim) spread over the pairs, together, and runs the clock until every
/// Stake packet is received on its consumer and its acknowledgement handled on its provider.
/// </summary>
internal sealed class RelayBench : IAsyncDisposable
{
    private readonly MeshNetwork _net;
    private readonly IReadOnlyList<MeshLinkInfo> _links;
    private readonly int _n;

    private RelayBench(MeshNetwork net, IReadOnlyList<MeshLinkInfo> links, int n)
    {
        _net = net;
        _links = links;
        _n = n;
    }

    private static string Staker(int cycle, int i) => $"staker-{cycle}-{i}";

    private static string ProviderOf(int pair) => pair == 0 ? Provider : $"{Provider}-{pair + 1}";

    private static string ConsumerOf(int pair) => pair == 0 ? "juno" : $"juno-{pair + 1}";

    public static Task<RelayBench> StartAsync(ActorSystem system, int n, int cycles, int pairs = 1) =>
        StartAsync(MeshNetwork.Start(system, Settings), n, cycles, pairs);

    public static readonly NetworkSettings Settings = new(Seed: "bench-relay");

    /// <summary>The links on a network started elsewhere (a cluster's, with <see cref="Settings"/>).</summary>
    public static async Task<RelayBench> StartAsync(MeshNetwork net, int n, int cycles, int pairs)
    {
        for (var p = 0; p < pairs; p++)
        {
            var pair = p;
            // staker i of every cycle lives on the provider of pair i % pairs
            await net.AddChainAsync(ProviderChain(Enumerable.Range(0, cycles).SelectMany(c => Enumerable.Range(0, n).Where(i => i % pairs == pair).Select(i => Staker(c, i))),
                ProviderOf(pair)));
            await net.AddChainAsync(ConsumerChain(ConsumerOf(pair)));
        }
        var links = await net.LinkAllAsync([.. Enumerable.Range(0, pairs).Select(p => Link(ProviderOf(p), ConsumerOf(p), batch: 100))]);
        return new RelayBench(net, links, n);
    }

    /// <summary>The cycle's transactions, built before it is timed (a load generator has them ready).</summary>
    public IReadOnlyList<(string Chain, Tx Tx)> Prepare(int cycle) =>
    [
        .. Enumerable.Range(0, _n).Select(i =>
        {
            var link = _links[i % _links.Count];
            return (link.ProviderChain, new Tx(User(Staker(cycle, i)),
                [Bond(link, 1_000), GrantClaim(link, 1_000, FirstValidator(link.ConsumerChain))], $"relay/{cycle}/{i}"));
        }),
    ];

    public async Task CycleAsync(IReadOnlyList<(string Chain, Tx Tx)> txs)
    {
        var acked = await AcknowledgedAsync();
        // submitted together, as a load generator would: each chain's mempool keeps their order
        await _net.SubmitManyAsync(txs);
        while (await AcknowledgedAsync() - acked < _n)
            await _net.RunForAsync(6);
    }

    private async Task<long> AcknowledgedAsync()
    {
        long total = 0;
        foreach (var l in _links) total += (await _net.ChannelInfoAsync(l.MeshChannelId)).Acknowledged;
        return total;
    }

    /// <summary>Every cross-stake of <paramref name="cycles"/> cycles arrived exactly once.</summary>
    public async Task CheckAsync(int cycles)
    {
        var total = (await RemoteStakesAsync(_net, _links)).Aggregate(Amount.Zero, (sum, a) => sum + a);
        var expected = (Amount)((ulong)cycles * (ulong)_n * 1_000UL);
        if (total != expected) throw new InvalidOperationException($"relay benchmark: the consumers recorded {total}, expected {expected}");
    }

    public ValueTask DisposeAsync() => _net.DisposeAsync();
}
