using MeshSecurity.Emulator.Diagnostics;
using System.Diagnostics;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// Measurements, printed rather than asserted (only the runs' correctness is): actor messages per relayed packet, and
/// relayed packets per wall-clock second at the clock's maximum speed.
/// </summary>
public class RelayMeasurements : TestKit
{
    private const int Batch = 300;
    private readonly ITestOutputHelper _output;

    public RelayMeasurements(ITestOutputHelper output) : base(output: output) => _output = output;

    private static IEnumerable<string> StakerNames(int n) => Enumerable.Range(0, n).Select(i => $"staker{i:000}");

    /// <summary>A staker bonds 1,000 and lends it all to j1, in one transaction (one Stake packet).</summary>
    private static Tx CrossStake(MeshLinkInfo link, string name, string id) =>
        new(User(name), [
            new CosmosMsg.WasmExecute(link.Lockup, new LockupMsg.Execute.Bond(), Coins.Of("uosmo", 1_000)),
            GrantClaim(link, 1_000, FirstValidator(Juno)),
        ], id);

    private static IReadOnlyDictionary<string, long> Minus(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b) =>
        a.Keys.Union(b.Keys).Select(k => (k, v: a.GetValueOrDefault(k) - b.GetValueOrDefault(k))).Where(x => x.v != 0)
            .ToDictionary(x => x.k, x => x.v, StringComparer.Ordinal);

    private void Print(string title, IReadOnlyDictionary<string, long> counts, double per)
    {
        _output.WriteLine($"{title}: {counts.Values.Sum() / per:0.##} mailbox messages per packet");
        foreach (var (type, n) in counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            _output.WriteLine($"    {n / per,8:0.##}  {type}");
    }

    [Fact]
    public async Task Measure_the_actor_messages_a_relayed_packet_costs()
    {
        var system = ActorSystem.Create("measure-messages", CountingMailbox.SystemConfig);
        try
        {
            var counts = MessageCounts.For(system);
            await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: "measure")).KeepingHistory();
            await net.AddChainAsync(ProviderChain(StakerNames(Batch + 2)));
            await net.AddChainAsync(ConsumerChain(Juno));
            var link = await net.LinkAsync(LinkTo(Juno));

            // 300 s hold 50 osmosis and 60 juno blocks wherever they start: the same block work in every window
            var before = counts.Snapshot();
            await net.RunForAsync(300);
            var idle = MessageCounts.Delta(before, counts.Snapshot());

            before = counts.Snapshot();
            await net.SubmitAsync(Osmosis, CrossStake(link, "staker300", "measure/one"));
            await net.RunForAsync(300);
            var one = Minus(MessageCounts.Delta(before, counts.Snapshot()), idle);

            // the same transaction with the relayer down: what the cross-stake transaction itself costs (the packet is only sent)
            await net.PauseRelayerAsync(link.MeshChannelId);
            before = counts.Snapshot();
            await net.SubmitAsync(Osmosis, CrossStake(link, "staker301", "measure/paused"));
            await net.RunForAsync(300);
            var transaction = Minus(MessageCounts.Delta(before, counts.Snapshot()), idle);
            await net.ResumeRelayerAsync(link.MeshChannelId);
            await net.RunForAsync(60);
            var relay = Minus(one, transaction);

            before = counts.Snapshot();
            foreach (var (name, i) in StakerNames(Batch).Select((n, i) => (n, i)))
                await net.SubmitAsync(Osmosis, CrossStake(link, name, $"measure/batch/{i}"));
            await net.RunForAsync(300);
            var batch = Minus(MessageCounts.Delta(before, counts.Snapshot()), idle);

            Assert.Equal((Amount)((Batch + 2) * 1_000), (await net.RemoteStakeAsync(link, FirstValidator(Juno))).Amount);
            Assert.Equal((Amount)((Batch + 2) * 1_000), (await net.ProviderStakeAsync(link, FirstValidator(Juno))).Tokens);
            var history = await net.HistoryAsync();
            var acked = history.OfType<EmulatorEvent.PacketAcknowledged>().Count(e => e.Chain == Osmosis && e.Packet.Source.PortId == link.MeshEnds.PortA);
            Assert.Equal(Batch + 3, acked); // + ListValidators

            _output.WriteLine($"idle 300 s (50 osmosis + 60 juno blocks): {idle.Values.Sum()} mailbox messages");
            Print("one cross-stake alone (its transaction, the Stake packet relayed, received, acked and its ack handled)", one, 1);
            Print("  of which its transaction on osmosis (lockup bond + grant_claim, provider receive_claim, packet sent)", transaction, 1);
            Print("  of which the packet from send to ack handled (relayer ticks and submissions, juno recv + delegate, osmosis ack)", relay, 1);
            Print($"{Batch} cross-stakes in one block (relayed in batches of 30)", batch, Batch);
            _output.WriteLine("asks answered outside mailboxes (one reply each): ChainCommand.SubmitTx → Accepted, ClockCommand.* → ClockStatus, " +
                              "EventRecorder.Flush → Done (the last two per run, not per packet)");
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task Measure_how_many_packets_a_second_the_network_relays_at_full_speed()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "throughput")).KeepingHistory();
        await net.AddChainAsync(ProviderChain(StakerNames(Batch)));
        await net.AddChainAsync(ConsumerChain(Juno));
        var link = await net.LinkAsync(LinkTo(Juno));
        var ackedBefore = (await net.ChannelInfoAsync(link.MeshChannelId)).Acknowledged;
        var start = await net.NowAsync();

        var wall = Stopwatch.StartNew();
        foreach (var (name, i) in StakerNames(Batch).Select((n, i) => (n, i)))
            await net.SubmitAsync(Osmosis, CrossStake(link, name, $"throughput/{i}"));
        while ((await net.ChannelInfoAsync(link.MeshChannelId)).Acknowledged - ackedBefore < Batch)
            await net.RunForAsync(BlockTimeOf(Osmosis));
        wall.Stop();

        var emulated = SecondsBetween(start, await net.NowAsync());
        Assert.Equal((Amount)(Batch * 1_000), (await net.RemoteStakeAsync(link, FirstValidator(Juno))).Amount);
        var history = await net.HistoryAsync();
        var relayTxs = history.OfType<EmulatorEvent.TxExecuted>().Count(t => t.Time > start && t.TxId.StartsWith(link.MeshChannelId, StringComparison.Ordinal));
        _output.WriteLine($"{Batch} cross-stakes (Stake packet → recv + delegate on juno → ack on osmosis) in {wall.Elapsed.TotalMilliseconds:0} ms wall, " +
                          $"{emulated:0} s emulated, {relayTxs} relay transactions: {Batch / wall.Elapsed.TotalSeconds:0} packets/s " +
                          $"({Environment.ProcessorCount} cores, the other test classes running alongside)");
    }
}
