using Akka.Actor;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// The network keeps no history: the recorder holds the events of one slice of the clock, hands them to its sinks in
/// canonical order at the slice's end and drops them, so what it holds does not grow with the run; a wait for a
/// transaction lasts until its answer.
/// </summary>
public class HistoryOutOfMemoryTests : TestKit
{
    private readonly ITestOutputHelper _output;

    public HistoryOutOfMemoryTests(ITestOutputHelper output) : base(output: output) => _output = output;

    /// <summary>Counts what it is given and checks the batches follow one another in canonical order.</summary>
    private sealed class Slices : IEventSink
    {
        public long Events, Batches, Largest;
        public List<string> Disorder { get; } = [];
        private EmulatorEvent? _last;

        public void Write(IReadOnlyList<EmulatorEvent> events)
        {
            foreach (var e in events)
            {
                if (_last is { } last && Key(last).CompareTo(Key(e)) > 0) Disorder.Add($"{Describe(e)} after {Describe(last)}");
                _last = e;
            }
            Events += events.Count;
            Batches++;
            Largest = Math.Max(Largest, events.Count);
        }

        private static (ulong, string, ulong) Key(EmulatorEvent e) => (e.Time.Nanos, e.ChainId, e.Height);

        private static string Describe(EmulatorEvent e) => $"{e.GetType().Name} {e.ChainId}@{e.Height} t={e.Time.Nanos}";
    }

    private sealed record Run(long Published, long Peak, long LargestSlice, long MostHeldAfterASlice, int Waiting, List<string> Disorder);

    /// <summary>Two chains and a transfer channel; each slice three transfers executed (and relayed) and 30 s more of the clock.</summary>
    private static async Task<Run> Busy(string name, int slices)
    {
        var system = ActorSystem.Create(name);
        try
        {
            await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: "history-out"));
            var sink = new Slices();
            net.Log.Subscribe(sink);
            var alice = Addr.Derive("a", "alice");
            static ChainConfig Config(string id, string prefix, ulong blockTime) =>
                new() { ChainId = id, AddressPrefix = prefix, BondDenom = "u" + prefix, BlockTimeSeconds = blockTime };
            await net.AddChainAsync(new ChainDefinition(Config("a-1", "a", 5), [new GenesisAccount(alice, Coins.Of("ua", 1_000_000_000))],
                [new GenesisValidator("v1", 100)]));
            await net.AddChainAsync(new ChainDefinition(Config("b-1", "b", 6), [], [new GenesisValidator("v1", 100)]));
            var ends = await net.OpenChannelAsync("a-b/transfer", new ChannelSpec("a-1", "transfer", "b-1", "transfer",
                TransferModule.Version, Latency: new LatencyModel.Uniform(1, 8)));
            long held = 0;
            for (var i = 0; i < slices; i++)
            {
                var timeout = IbcTimeout.AtTime((await net.NowAsync()).PlusSeconds(600));
                CosmosMsg Transfer(int k) => new CosmosMsg.IbcTransfer(ends.ChannelA, Addr.Derive("b", $"bob{k}").Value,
                    new Coin("ua", (ulong)(10 + k)), timeout);
                await net.MustExecuteAllAsync([.. Enumerable.Range(0, 3).Select(k => ("a-1", alice, new[] { Transfer(k) }))]);
                await net.RunForAsync(30);
                held = Math.Max(held, net.Log.PendingEvents);
            }
            Assert.Equal(slices * 3L, (await net.ChannelInfoAsync("a-b/transfer")).Acknowledged);
            Assert.Equal(sink.Events, net.Log.PublishedEvents);
            return new Run(net.Log.PublishedEvents, net.Log.PeakPendingEvents, sink.Largest, held, net.Log.Waiting, sink.Disorder);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task The_recorder_holds_at_most_one_slice_of_events_however_long_the_run()
    {
        var shorter = await Busy("history-short", 4);
        var longer = await Busy("history-long", 16);
        foreach (var (what, run) in new[] { ("4 slices", shorter), ("16 slices", longer) })
            _output.WriteLine($"{what}: {run.Published} events, held at most {run.Peak}, largest slice {run.LargestSlice}");

        foreach (var run in new[] { shorter, longer })
        {
            Assert.Empty(run.Disorder);
            // after every slice the recorder holds nothing, and at its fullest it held one slice: the largest it handed on
            Assert.Equal(0, run.MostHeldAfterASlice);
            Assert.True(run.Peak <= run.LargestSlice, $"held {run.Peak} events at once, the largest slice has {run.LargestSlice}");
            // every wait was answered and forgotten, the relayers' transactions never made one
            Assert.Equal(0, run.Waiting);
        }
        // four times the run made about four times the events, and the recorder held no more at once for it
        Assert.True(longer.Published >= 3 * shorter.Published, $"{longer.Published} events against {shorter.Published}");
        Assert.True(longer.Peak <= shorter.LargestSlice * 3 / 2,
            $"the longer run held {longer.Peak} events at once, the shorter one's largest slice had {shorter.LargestSlice}");
    }

    private sealed class FullDisk : IEventSink
    {
        public void Write(IReadOnlyList<EmulatorEvent> events)
        {
            if (events.Count > 0) throw new IOException("No space left on device");
        }
    }

    [Fact]
    public async Task A_sink_that_cannot_write_fails_the_run_of_the_clock_with_its_error()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "full-disk"));
        net.Log.Subscribe(new FullDisk());
        await net.AddChainAsync(new ChainDefinition(new ChainConfig { ChainId = "a-1", AddressPrefix = "a", BondDenom = "ua" },
            [], [new GenesisValidator("v1", 100)]));

        var failed = await Assert.ThrowsAsync<IOException>(() => net.RunForAsync(30));
        Assert.Equal("No space left on device", failed.Message);
    }

    public static TheoryData<int, int, bool> Capacities => new()
    {
        // capacity, events written, readable
        { 10, 0, true },
        { 10, 10, true },
        { 10, 11, false },
        { 1, 2, false },
    };

    [Theory]
    [MemberData(nameof(Capacities))]
    public void A_kept_history_is_bounded_and_refuses_to_answer_once_it_dropped_events(int capacity, int written, bool readable)
    {
        var history = new EventHistory(capacity);
        var events = Enumerable.Range(1, written)
            .Select(h => (EmulatorEvent)new EmulatorEvent.BlockCommitted("a-1", (ulong)h, new Timestamp((ulong)h), 0, "")).ToList();
        history.Write(events[..(written / 2)]);
        history.Write(events[(written / 2)..]);

        Assert.Equal(written, history.Written);
        if (readable)
        {
            Assert.Equal(events, history.Events);
        }
        else
        {
            var refused = Assert.Throws<InvalidOperationException>(() => history.Events);
            Assert.Contains($"kept only the last {capacity}", refused.Message, StringComparison.Ordinal);
        }
    }
}
