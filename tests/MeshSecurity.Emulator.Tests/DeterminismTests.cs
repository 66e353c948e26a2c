using MeshSecurity.Core.Relaying;
using System.Globalization;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>A run is a function of its inputs and seed: the same seed gives the same history, event for event.</summary>
public class DeterminismTests : TestKit
{
    private readonly ITestOutputHelper _output;

    public DeterminismTests(ITestOutputHelper output) : base(output: output) => _output = output;

    /// <summary>Links juno and stars with a random (uniform 1-12 s) relayer latency, cross-stakes, runs, slashes, runs; on its own actor system.</summary>
    private static async Task<IReadOnlyList<EmulatorEvent>> RunScenarioAsync(string systemName, string seed)
    {
        var system = ActorSystem.Create(systemName);
        try
        {
            await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: seed)).KeepingHistory();
            return await DriveAsync(net);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>
    /// The scenario on a network started elsewhere (a cluster's): the history it gives. <paramref name="midRun"/> is done
    /// while the first run of the clock goes on (a member leaving), <paramref name="between"/> after it, while the clock
    /// stands (a channel stopped); both must leave the history as it is.
    /// </summary>
    internal static async Task<IReadOnlyList<EmulatorEvent>> DriveAsync(MeshNetwork net, Func<MeshNetwork, Task>? midRun = null,
        Func<MeshNetwork, Task>? between = null)
    {
        await net.AddChainsAsync(Juno, Stars);
        var latency = new LatencyModel.Uniform(1, 12);
        var juno = await net.LinkAsync(LinkTo(Juno, latency: latency));
        var stars = await net.LinkAsync(LinkTo(Stars, latency: latency));
        await net.BondAsync(juno, Alice, 4_000);
        await net.BondAsync(juno, Bob, 2_000);
        await net.MustExecuteAsync(Osmosis, Alice, GrantClaim(juno, 4_000, FirstValidator(Juno)), GrantClaim(stars, 4_000, FirstValidator(Stars)));
        await net.MustExecuteAsync(Osmosis, Bob, GrantClaim(juno, 1_000, SecondValidator(Juno)), GrantClaim(juno, 1_000, FirstValidator(Juno)));
        var running = net.RunForAsync(90);
        if (midRun is not null) await midRun(net);
        await running;
        if (between is not null) await between(net);
        var (a, b) = await net.DoubleSignAsync(Juno, FirstValidator(Juno));
        await net.MustExecuteAsync(Osmosis, Reporter, new CosmosMsg.WasmExecute(juno.Slasher,
            new SlasherMsg.Execute.SubmitEvidence(new SlasherMsg.DoubleSignEvidence(a, b)), Coins.Empty));
        await net.RunForAsync(90);
        return await net.HistoryAsync();
    }

    internal static string Render(EmulatorEvent e)
    {
        static string P(Core.Ibc.IbcPacket p) => $"{p.Source.PortId}/{p.Source.ChannelId}->{p.Destination.PortId}/{p.Destination.ChannelId}#{p.Sequence}";
        var head = $"{e.Time.Nanos.ToString(CultureInfo.InvariantCulture)} {e.ChainId}@{e.Height} {e.GetType().Name}";
        return e switch
        {
            EmulatorEvent.BlockCommitted b => $"{head} txs={b.TxCount} app={b.AppHash}",
            EmulatorEvent.TxExecuted t => $"{head} {t.TxId} ok={t.Success} events={t.Result.Events.Length} error={t.Result.Error}",
            EmulatorEvent.PacketSent p => $"{head} {P(p.Packet)}",
            EmulatorEvent.AcknowledgementWritten w => $"{head} {P(w.Packet)} ok={w.Success}",
            EmulatorEvent.PacketAcknowledged k => $"{head} {P(k.Packet)} ok={k.Success}",
            EmulatorEvent.PacketTimedOut o => $"{head} {P(o.Packet)}",
            EmulatorEvent.ValidatorPowerChanged v => $"{head} {v.Validator}={v.Power}",
            EmulatorEvent.SlashApplied s => $"{head} {s.Validator} {s.Fraction} {s.Burned}",
            _ => $"{head} {e}",
        };
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_history_and_another_seed_other_relay_times()
    {
        var firstHistory = await RunScenarioAsync("determinism-1", "same");
        var first = firstHistory.Select(Render).ToList();
        var second = (await RunScenarioAsync("determinism-2", "same")).Select(Render).ToList();
        var other = await RunScenarioAsync("determinism-3", "other");
        _output.WriteLine($"{first.Count} events; the last ones:");
        foreach (var line in first.TakeLast(8)) _output.WriteLine("  " + line);

        Assert.True(first.Count > 250, $"{first.Count} events");
        Assert.Contains(first, l => l.Contains(nameof(EmulatorEvent.PacketAcknowledged), StringComparison.Ordinal));
        Assert.Equal(string.Join('\n', first), string.Join('\n', second));

        // another latency seed: same blocks at the same times, but packets arrive at other times
        static IEnumerable<string> RelayTimes(IEnumerable<EmulatorEvent> h) => h
            .Where(e => e is EmulatorEvent.AcknowledgementWritten or EmulatorEvent.PacketAcknowledged)
            .Select(e => $"{e.ChainId}@{e.Time.Nanos}");
        var sameSeedTimes = RelayTimes(firstHistory).ToList();
        var otherSeedTimes = RelayTimes(other).ToList();
        _output.WriteLine($"seed 'same' relay times: {string.Join(", ", sameSeedTimes.Take(12))}");
        _output.WriteLine($"seed 'other' relay times: {string.Join(", ", otherSeedTimes.Take(12))}");
        Assert.NotEqual(sameSeedTimes, otherSeedTimes);
    }
}
