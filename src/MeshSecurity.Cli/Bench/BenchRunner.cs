using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting.Logging;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Diagnostics;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using Microsoft.Extensions.Logging.Abstractions;

using static MeshSecurity.Cli.Bench.BenchMesh;

namespace MeshSecurity.Cli.Bench;

/// <summary>
/// The macro benchmarks of <c>meshsec bench</c>, each on its own actor system with the node's configuration: a. the raw
/// Akka bound, b. relayed packets, c. slash fan-out, d. scale, e. time compression, f. persistence, g. a loopback cluster,
/// h. resume from a checkpoint.
/// </summary>
public sealed partial class BenchRunner(bool quick, IReadOnlySet<string> groups, string? postgres = null)
{
    private readonly List<BenchResult> _results = [];
    private readonly string? _postgres = postgres;

    public async Task<IReadOnlyList<BenchResult>> RunAllAsync(CancellationToken ct)
    {
        var raw = groups.Contains("a") || groups.Contains("b") ? await RawAkkaAsync() : null;
        ct.ThrowIfCancellationRequested();
        if (groups.Contains("b"))
        {
            var relay = await RelayAsync();
            var four = await RelayAsync(pairs: 4);
            await MessagesPerPacketAsync();
            _results.Add(new BenchResult("relay_vs_raw", "b", "relayed / Akka round trips", "%",
                [100 * relay.Median / raw!.Median], "ratio of the two medians"));
            _results.Add(new BenchResult("relay_4_links_vs_raw", "b", "relayed on 4 links / Akka round trips", "%",
                [100 * four.Median / raw.Median], "ratio of the two medians"));
            ct.ThrowIfCancellationRequested();
        }
        if (groups.Contains("c"))
            foreach (var n in quick ? new[] { 3, 10 } : [10, 100, 1000])
            {
                await SlashFanOutAsync(n);
                ct.ThrowIfCancellationRequested();
            }
        if (groups.Contains("d"))
            foreach (var n in quick ? new[] { 10, 100 } : [100, 1000, 10_000, 100_000])
            {
                await ScaleAsync(n);
                ct.ThrowIfCancellationRequested();
            }
        if (groups.Contains("e"))
        {
            await RingAsync(quick ? 4 : 100, jitter: 0);
            await RingAsync(quick ? 4 : 100, jitter: 0.1);
            await QuickstartPacedAsync(3600);
        }
        ct.ThrowIfCancellationRequested();
        if (groups.Contains("f")) await PersistenceAsync();
        ct.ThrowIfCancellationRequested();
        if (groups.Contains("g"))
        {
            await ClusterRelayAsync(Emulator.Cluster.MeshPlacement.CoLocated);
            await ClusterRelayAsync(Emulator.Cluster.MeshPlacement.Spread);
            await MemberLossAsync();
            await MemberLeaveAsync();
        }
        ct.ThrowIfCancellationRequested();
        if (groups.Contains("h"))
        {
            await ResumeAsync(quick ? 10 : 100, quick ? 0.5 : 6);
            await ResumeLinkedAsync(quick ? 2 : 10, quick ? 0.5 : 6);
        }
        return _results;
    }

    private static ActorSystem MemorySystem(string name) => StartSystem(name, JournalSettings.Memory);

    /// <summary>
    /// The node's own configuration (as <c>meshsec run</c> uses it) under <paramref name="overrides"/>, with Akka's
    /// start and stop lines kept off the console.
    /// </summary>
    private static ActorSystem StartSystem(string name, JournalSettings journal, Config? overrides = null)
    {
        var config = (overrides ?? Config.Empty).WithFallback(ConfigurationFactory.ParseString("akka.stdout-loglevel = WARNING\nakka.loglevel = WARNING"))
            .WithFallback(NodeHost.Config(journal, "WARNING"));
        return ActorSystem.Create(name, BootstrapSetup.Create().WithConfig(config).And(new LoggerFactorySetup(NullLoggerFactory.Instance)));
    }

    private BenchResult Add(BenchResult r)
    {
        _results.Add(r);
        // progress per figure, on stderr so that stdout keeps the table (or the JSON) alone
        Console.Error.WriteLine(r.ProgressLine);
        return r;
    }

    // a. windowed ping-pong between two actors of one system

    private async Task<BenchResult> RawAkkaAsync()
    {
        var system = MemorySystem("bench-raw");
        try
        {
            var roundTrips = quick ? 100_000 : 1_000_000;
            const int window = 100;
            var samples = new List<double>();
            var ponger = system.ActorOf(Props.Create(() => new Ponger()), "ponger");
            for (var rep = 0; rep < (quick ? 3 : 7); rep++)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var pinger = system.ActorOf(Props.Create(() => new Pinger(ponger, roundTrips, window, done)), $"pinger-{rep}");
                var wall = Stopwatch.StartNew();
                pinger.Tell(Pinger.Start.Instance);
                await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
                samples.Add(roundTrips / wall.Elapsed.TotalSeconds);
                system.Stop(pinger);
            }
            return Add(new BenchResult("raw_akka_round_trips", "a", "Akka ping-pong, window 100", "trips/s", samples,
                $"{roundTrips:N0} round trips per repetition"));
        }
        finally
        {
            await system.Terminate();
        }
    }

    private sealed class Ponger : ReceiveActor
    {
        public Ponger() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class Pinger : ReceiveActor
    {
        public sealed class Start
        {
            public static readonly Start Instance = new();
        }

        public Pinger(IActorRef ponger, int total, int window, TaskCompletionSource done)
        {
            int sent = 0, received = 0;
            var ball = new object();
            Receive<Start>(_ =>
            {
                for (; sent < Math.Min(window, total); sent++) ponger.Tell(ball);
            });
            ReceiveAny(_ =>
            {
                received++;
                if (sent < total)
                {
                    sent++;
                    ponger.Tell(ball);
                }
                else if (received == total)
                {
                    done.TrySetResult();
                }
            });
        }
    }

    private static double Seconds(Timestamp from, Timestamp to) => (to.Nanos - (double)from.Nanos) / Timestamp.NanosPerSecond;

    // b. relayed packets in memory, full cycle

    /// <summary>
    /// Relayed packets per second over one link (<paramref name="pairs"/> = 1: one provider's blocks, then one
    /// consumer's, one after the other) or over independent links at once (the cores share them).
    /// </summary>
    private async Task<BenchResult> RelayAsync(int pairs = 1)
    {
        var n = quick ? 300 : 3_000;
        // one link runs ten cycles in all (the untimed one and nine), so that the tenth can be held against the second
        var reps = quick ? 2 : pairs == 1 ? 9 : 5;
        var system = MemorySystem($"bench-relay-{pairs}");
        try
        {
            await using var relay = await RelayBench.StartAsync(system, n, reps + 1, pairs);
            // one cycle untimed first: the JIT compiles and tiers up the relay path while it runs
            await relay.CycleAsync(relay.Prepare(reps));
            var samples = new List<double>();
            var allocated = new List<double>();
            var jitted = new List<long>();
            var costs = new List<ProcessCost>();
            for (var rep = 0; rep < reps; rep++)
            {
                var txs = relay.Prepare(rep);
                var methods = JitInfo.GetCompiledMethodCount();
                var bytes = GC.GetTotalAllocatedBytes(precise: true);
                var cost = ProcessCost.Now();
                var wall = Stopwatch.StartNew();
                await relay.CycleAsync(txs);
                wall.Stop();
                costs.Add(ProcessCost.Now().Since(cost));
                samples.Add(n / wall.Elapsed.TotalSeconds);
                allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)n / 1024);
                jitted.Add(JitInfo.GetCompiledMethodCount() - methods);
            }
            await relay.CheckAsync(reps + 1);
            AddRelayCost(pairs > 1 ? $"relay_{pairs}_links" : "relay", pairs > 1 ? $"relayed packets, {pairs} links" : "relayed packets",
                costs, n);
            if (pairs > 1)
                return Add(new BenchResult($"relayed_packets_{pairs}_links", "b", $"relayed packets, {pairs} links at once", "packets/s", samples,
                    $"{n:N0} cross-stakes spread over {pairs} independent provider → consumer links, otherwise as relayed_packets"));
            Add(new BenchResult("relay_cycle10_vs_cycle2", "b", "relay cycles, the last against the first timed", "%",
                [100 * samples[^1] / samples[0]], $"packets/s of cycle {reps + 1} against cycle 2 of one run: a run that slows as it " +
                "goes (history kept in memory) falls below 100"));
            Add(new BenchResult("relay_allocated", "b", "relayed packets, allocated", "KiB/packet", allocated,
                "managed bytes allocated by the whole process per relayed cross-stake (send, receive, ack), every timed cycle"));
            AddSteadyAllocation(allocated, jitted);
            return Add(new BenchResult("relayed_packets", "b", "relayed packets, memory", "packets/s", samples,
                $"{n:N0} cross-stakes submitted together into one block, relay batch 100, no latency, memory journal, after one untimed cycle"));
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>
    /// The same cycle on a system whose mailboxes count every message (<see cref="CountingMailbox"/>), so the counting
    /// does not slow the throughput figure: actor messages enqueued per relayed cross-stake, by type in the note.
    /// </summary>
    private async Task MessagesPerPacketAsync()
    {
        var n = quick ? 100 : 1_000;
        var system = StartSystem("bench-messages", JournalSettings.Memory, CountingMailbox.SystemConfig);
        try
        {
            await using var relay = await RelayBench.StartAsync(system, n, 1);
            var counts = MessageCounts.For(system);
            var txs = relay.Prepare(0);
            var before = counts.Snapshot();
            await relay.CycleAsync(txs);
            var delta = MessageCounts.Delta(before, counts.Snapshot());
            await relay.CheckAsync(1);
            var perPacket = delta.Values.Sum() / (double)n;
            var top = string.Join(", ", delta.OrderByDescending(kv => kv.Value).Take(6)
                .Select(kv => $"{kv.Key} {(kv.Value / (double)n).ToString("0.##", CultureInfo.InvariantCulture)}"));
            Add(new BenchResult("messages_per_packet", "b", "actor messages per packet", "messages", [perPacket],
                $"{n:N0} cross-stakes in one block; per packet: {top}"));
        }
        finally
        {
            await system.Terminate();
        }
    }

    // c. slash fan-out

    /// <summary>
    /// One provider lending one staker's lock to the first validator of each of <paramref name="n"/> consumers. Each
    /// repetition double-signs on another consumer: the slasher's evidence cuts the staker's claim there, the lockup
    /// cuts every other claim to what is left bonded, and Burn packets go to all consumers. Timed from submitting the
    /// evidence until every consumer chain has lowered that validator's voting power (seen in its block events).
    /// </summary>
    private async Task SlashFanOutAsync(int n)
    {
        var reps = quick ? 2 : n >= 1000 ? 2 : 3;
        var wallSamples = new List<double>();
        var emulatedSamples = new List<double>();
        var system = MemorySystem($"bench-slash-{n}");
        try
        {
            await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: $"bench-slash-{n}"));
            await net.AddChainAsync(ProviderChain(["alice", "reporter"]));
            var consumers = Enumerable.Range(0, n).Select(i => $"c{i:0000}").ToList();
            foreach (var c in consumers) await net.AddChainAsync(ConsumerChain(c));
            var links = await net.LinkAllAsync([.. consumers.Select(c => Link(Provider, c))]);

            var watch = system.ActorOf(Props.Create(() => new PowerWatch()), "power-watch");
            system.EventStream.Subscribe(watch, typeof(BlockEvents));

            const ulong stake = 1_000_000;
            await net.MustExecuteAsync(Provider, User("alice"), [Bond(links[0], stake), .. links.Select(l => GrantClaim(l, stake, FirstValidator(l.ConsumerChain)))]);
            await RunUntil(net, async () => net.Log.PacketsInFlight == 0 && (await RemoteStakesAsync(net, links)).All(a => a == (Amount)stake), 3600, "the cross-stakes to arrive and be acked");
            await net.RunForAsync(30);

            for (var rep = 0; rep < reps; rep++)
            {
                var target = consumers[rep];
                var before = await RemoteStakesAsync(net, links);
                var (a, b) = await net.DoubleSignAsync(target, FirstValidator(target));
                var start = await net.NowAsync();
                // a subscriber to the chains' events counts the consumers that lowered the power (reading the whole
                // event log every emulated second cost more than the slash itself at 1,000 consumers)
                await watch.Ask<int>(new PowerWatch.Arm([.. consumers]), TimeSpan.FromSeconds(30));
                var wall = Stopwatch.StartNew();
                var evidence = net.Log.WhenExecuted($"slash/{rep}");
                await net.SubmitAsync(Provider, new Tx(User("reporter"), [new CosmosMsg.WasmExecute(links[rep].Slasher,
                    new SlasherMsg.Execute.SubmitEvidence(new SlasherMsg.DoubleSignEvidence(a, b)), Coins.Empty)], $"slash/{rep}"));
                for (var waited = 0; await watch.Ask<int>(PowerWatch.Count.Instance, TimeSpan.FromSeconds(30)) < n; waited++)
                {
                    if (waited > 3600) throw new TimeoutException($"bench: after an hour of emulated time not every one of {n} consumers lowered the power");
                    await net.RunForAsync(1);
                    if (evidence.IsCompleted && !evidence.Result.IsSuccess) throw new InvalidOperationException($"bench: the evidence failed: {evidence.Result}");
                }
                wall.Stop();
                wallSamples.Add(wall.Elapsed.TotalMilliseconds);
                emulatedSamples.Add(Seconds(start, await net.NowAsync()));
                // what the events said, checked on the contracts: every consumer's record of the stake went down
                var after = await RemoteStakesAsync(net, links);
                if (after.Where((x, i) => x >= before[i]).Any()) throw new InvalidOperationException("bench: a consumer's power changed but its record of the stake did not go down");
            }
        }
        finally
        {
            await system.Terminate();
        }
        var note = $"{n} consumers of one provider; a double-sign on a different consumer per repetition; wall time from the evidence to the last consumer's lowered power";
        Add(new BenchResult($"slash_fanout_wall_n{n}", "c", $"slash, {n} consumers, wall", "ms", wallSamples, note, "slash_fanout_wall", n));
        Add(new BenchResult($"slash_fanout_emulated_n{n}", "c", $"slash, {n} consumers, emulated", "s", emulatedSamples,
            "relayers without latency, 5 s consumer blocks, 6 s provider blocks", "slash_fanout_emulated", n));
    }

    /// <summary>Counts the chains, among those it was armed with, whose first validator's power changed since.</summary>
    private sealed class PowerWatch : ReceiveActor
    {
        public sealed record Arm(IReadOnlyList<string> Chains);

        public sealed class Count
        {
            public static readonly Count Instance = new();
        }

        public PowerWatch()
        {
            var watched = new HashSet<string>(StringComparer.Ordinal);
            var lowered = new HashSet<string>(StringComparer.Ordinal);
            Receive<Arm>(m =>
            {
                watched = new HashSet<string>(m.Chains, StringComparer.Ordinal);
                lowered.Clear();
                Sender.Tell(0);
            });
            Receive<BlockEvents>(b =>
            {
                foreach (var e in b.Events.OfType<EmulatorEvent.ValidatorPowerChanged>())
                    if (watched.Contains(e.ChainId) && e.Validator == FirstValidator(e.ChainId).Value) lowered.Add(e.ChainId);
            });
            Receive<Count>(_ => Sender.Tell(lowered.Count));
        }
    }


    private static async Task RunUntil(MeshNetwork net, Func<Task<bool>> done, double maxSeconds, string what, double step = 6)
    {
        for (double waited = 0; waited <= maxSeconds; waited += step)
        {
            if (await done()) return;
            await net.RunForAsync(step);
        }
        throw new TimeoutException($"bench: waited {maxSeconds} s of emulated time for {what}");
    }

    // d. scale: idle chains

    private async Task ScaleAsync(int n)
    {
        var reps = quick ? 2 : 3;
        const double span = 60;
        var memory = new List<double>();
        var blocks = new List<double>();
        for (var rep = 0; rep < reps; rep++)
        {
            var system = MemorySystem($"bench-scale-{n}-{rep}");
            try
            {
                await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: "bench-scale"));
                await net.RunForAsync(6);
                var before = FullGcHeap();
                for (var i = 0; i < n; i++) await net.AddChainAsync(ConsumerChain($"s{i:00000}", blockTime: 6, validators: 5));
                await net.RunForAsync(6);
                memory.Add((FullGcHeap() - before) / (double)n / 1024);
                var blocksBefore = net.Log.Blocks;
                var wall = Stopwatch.StartNew();
                await net.RunForAsync(span);
                wall.Stop();
                blocks.Add((net.Log.Blocks - blocksBefore) / wall.Elapsed.TotalSeconds);
                GC.KeepAlive(net);
            }
            finally
            {
                await system.Terminate();
            }
        }
        Add(new BenchResult($"scale_memory_n{n}", "d", $"{n} idle chains, heap", "KiB/chain", memory,
            "GC heap after a full collection once every chain made its first block, minus the empty network's", "scale_memory", n));
        Add(new BenchResult($"scale_blocks_n{n}", "d", $"{n} idle chains, blocks", "blocks/s", blocks, $"{span} s emulated, 6 s blocks", "scale_blocks", n));
    }

    private static long FullGcHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    // f. persistence: bank sends committed on the SQLite journal, and on PostgreSQL when one is reachable

    private async Task PersistenceAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "meshsec-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await CommitsAsync("sqlite_committed_txs", "SQLite journal commits", new JournalSettings(Path.Combine(dir, "journal.db")), "one node, WAL");
        }
        finally
        {
            try
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // a temp file left behind is harmless
            }
        }
        if (_postgres is null) return;
        var pg = JournalSettings.Postgres(_postgres);
        if (await NodeHost.ProbeJournalAsync(pg, CancellationToken.None) is { } reason)
        {
            Console.Error.WriteLine($"meshsec bench: no PostgreSQL figure: {reason}");
            return;
        }
        // in a schema of its own, dropped afterwards: the database's own journal (a user's run) is never touched
        var schema = "meshsec_bench_" + Guid.NewGuid().ToString("N");
        var scratch = await NodeHost.CreateScratchJournalAsync(pg, schema, CancellationToken.None);
        try
        {
            await CommitsAsync("postgres_committed_txs", "PostgreSQL journal commits", scratch, $"one node, {pg}, schema {schema} (dropped after)");
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await NodeHost.DropScratchJournalAsync(pg, schema, CancellationToken.None);
        }
    }

    private async Task CommitsAsync(string id, string title, JournalSettings journal, string where)
    {
        var perBlock = quick ? 500 : 2_000;
        var blocks = quick ? 4 : 10;
        var reps = quick ? 2 : 3;
        var system = StartSystem("bench-" + journal.Kind.ToString().ToLowerInvariant(), journal);
        try
        {
            await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: "bench-sqlite"));
            await net.AddChainAsync(ProviderChain(Enumerable.Range(0, 100).Select(i => $"sender{i}")));
            await net.RunForAsync(6);
            var samples = new List<double>();
            for (var rep = 0; rep < reps; rep++)
            {
                var wall = Stopwatch.StartNew();
                var last = new List<Task<TxResult>>();
                for (var b = 0; b < blocks; b++)
                {
                    for (var i = 0; i < perBlock; i++)
                    {
                        var txId = $"send/{rep}/{b}/{i}";
                        if (i == perBlock - 1) last.Add(net.Log.WhenExecuted(txId));
                        await net.SubmitAsync(Provider, new Tx(User($"sender{i % 100}"),
                            [new CosmosMsg.BankSend(User($"sender{(i + 1) % 100}"), Coins.Of("uosmo", (Amount)1L))], txId));
                    }
                    await net.RunForAsync(6);
                }
                while (!last.All(t => t.IsCompleted)) await net.RunForAsync(6);
                wall.Stop();
                if (last.Any(t => !t.Result.IsSuccess)) throw new InvalidOperationException("bench: a bank send failed");
                samples.Add(perBlock * blocks / wall.Elapsed.TotalSeconds);
            }
            Add(new BenchResult(id, "f", title, "txs/s", samples, $"{blocks} blocks of {perBlock:N0} bank sends per repetition, {where}"));
        }
        finally
        {
            await system.Terminate();
        }
    }
}
