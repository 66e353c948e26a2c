using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
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
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// meshsec bench: macro benchmarks measured in this run (raw Akka bound, relayed packets, slash fan-out, scale, time
/// compression, SQLite persistence), printed as a table and written to JSON with the machine they ran on.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Small sizes and 1-3 repetitions (a smoke run of well under a minute)." };
        var output = new Option<string>("--out") { Description = "The JSON file to write.", DefaultValueFactory = _ => "bench.json" };
        var command = new Command("bench", "Measures throughput, slash fan-out, scale, time compression and persistence against the raw Akka bound, in one run.")
        {
            quick, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var q = parse.GetValue(quick);
            var path = parse.GetValue(output)!;
            var results = await new Runner(q).RunAllAsync(ct);
            Print(results, q);
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null) Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(path, ToJson(results, q), ct);
            Console.WriteLine($"wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed record Result(string Id, string Group, string Title, string Unit, IReadOnlyList<double> Samples, string Note = "")
    {
        public double Median
        {
            get
            {
                var s = Samples.Order().ToArray();
                return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
            }
        }
    }

    private static void Print(IReadOnlyList<Result> results, bool quick)
    {
        var table = new Table().Title($"meshsec bench{(quick ? " --quick" : "")}").Border(TableBorder.Simple)
            .AddColumn(new TableColumn("benchmark").NoWrap()).AddColumn(new TableColumn("median").RightAligned().NoWrap()).AddColumn(new TableColumn("unit").NoWrap())
            .AddColumn(new TableColumn("reps").RightAligned()).AddColumn(new TableColumn("min-max").RightAligned().NoWrap());
        foreach (var r in results)
            table.AddRow(Markup.Escape($"{r.Group}. {r.Title}"), Fmt(r.Median), Markup.Escape(r.Unit), r.Samples.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{Fmt(r.Samples.Min())}-{Fmt(r.Samples.Max())}");
        // a console on the current Console.Out (the test harness redirects it; AnsiConsole keeps the first writer it saw)
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }).Write(table);
        foreach (var r in results.Where(r => r.Note.Length > 0)) Console.WriteLine($"  {r.Id}: {r.Note}");
        var m = Machine();
        Console.WriteLine($"{m["processor_count"]} cores, {m["os"]}, {m["dotnet"]}, Akka {m["akka"]}, commit {m["git_commit"] ?? "unknown"}");
    }

    private static string Fmt(double v) => Math.Abs(v) >= 1_000_000
        ? (v / 1_000_000).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "M"
        : v.ToString(Math.Abs(v) >= 100 ? "N0" : "0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Machine() => new()
    {
        ["processor_count"] = Environment.ProcessorCount,
        ["os"] = RuntimeInformation.OSDescription,
        ["architecture"] = RuntimeInformation.ProcessArchitecture.ToString(),
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["akka"] = typeof(ActorSystem).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                   ?? typeof(ActorSystem).Assembly.GetName().Version?.ToString(),
        ["server_gc"] = System.Runtime.GCSettings.IsServerGC,
        ["git_commit"] = GitCommit(),
    };

    private static string? GitCommit()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (p is null) return null;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit(5000);
            return p.ExitCode == 0 && text.Length > 0 ? text : null;
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static string ToJson(IReadOnlyList<Result> results, bool quick)
    {
        var doc = new Dictionary<string, object?>
        {
            ["schema"] = "meshsec-bench/1",
            ["quick"] = quick,
            ["started_utc"] = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["machine"] = Machine(),
            ["benchmarks"] = results.Select(r => new Dictionary<string, object?>
            {
                ["id"] = r.Id, ["group"] = r.Group, ["title"] = r.Title, ["unit"] = r.Unit, ["repetitions"] = r.Samples.Count,
                ["median"] = r.Median, ["min"] = r.Samples.Min(), ["max"] = r.Samples.Max(), ["samples"] = r.Samples, ["note"] = r.Note,
            }).ToList(),
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true });
    }

    // ---- the benchmarks -------------------------------------------------------------------------------------------

    private sealed class Runner(bool quick)
    {
        private const string Provider = "osmosis";
        private readonly List<Result> _results = [];

        public async Task<IReadOnlyList<Result>> RunAllAsync(CancellationToken ct)
        {
            var raw = await RawAkkaAsync();
            ct.ThrowIfCancellationRequested();
            var relay = await RelayAsync();
            _results.Add(new Result("relay_vs_raw", "b", "relayed / Akka round trips", "%",
                [100 * relay.Median / raw.Median], "ratio of the two medians"));
            ct.ThrowIfCancellationRequested();
            foreach (var n in quick ? new[] { 3, 10 } : [10, 100])
            {
                await SlashFanOutAsync(n);
                ct.ThrowIfCancellationRequested();
            }
            foreach (var n in quick ? new[] { 10, 100 } : [100, 1000])
            {
                await ScaleAsync(n);
                ct.ThrowIfCancellationRequested();
            }
            await RingAsync(quick ? 4 : 20);
            ct.ThrowIfCancellationRequested();
            await SqliteAsync();
            return _results;
        }

        private static ActorSystem MemorySystem(string name) => StartSystem(name, JournalSettings.Memory);

        /// <summary>The node's own configuration (as <c>meshsec run</c> uses it), with Akka's start and stop lines kept off the console.</summary>
        private static ActorSystem StartSystem(string name, JournalSettings journal)
        {
            var config = ConfigurationFactory.ParseString("akka.stdout-loglevel = WARNING\nakka.loglevel = WARNING").WithFallback(NodeHost.Config(journal, "WARNING"));
            return ActorSystem.Create(name, BootstrapSetup.Create().WithConfig(config).And(new LoggerFactorySetup(NullLoggerFactory.Instance)));
        }

        private Result Add(Result r)
        {
            _results.Add(r);
            return r;
        }

        // a. windowed ping-pong between two actors of one system

        private async Task<Result> RawAkkaAsync()
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
                return Add(new Result("raw_akka_round_trips", "a", "Akka ping-pong, window 100", "trips/s", samples,
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

        // shared chain shapes

        private static Addr User(string name) => Addr.Derive("osmo", name);

        private static ChainDefinition ProviderChain(IEnumerable<string> users) =>
            new(new ChainConfig
                {
                    ChainId = Provider, AddressPrefix = "osmo", BondDenom = "uosmo", BlockTimeSeconds = 6, UnbondingPeriodSeconds = 24 * 3600,
                },
                [.. users.Select(n => new GenesisAccount(User(n), Coins.Of("uosmo", (Amount)1_000_000_000)))],
                [new GenesisValidator("o1", 1_000_000)]);

        private static ChainDefinition ConsumerChain(string id, ulong blockTime = 5, int validators = 2) =>
            new(new ChainConfig
                {
                    ChainId = id, AddressPrefix = id, BondDenom = "u" + id, BlockTimeSeconds = blockTime, UnbondingPeriodSeconds = 24 * 3600,
                },
                [new GenesisAccount(ModuleAccounts.Gov(id), Coins.Of("u" + id, (Amount)10_000_000_000))],
                [.. Enumerable.Range(1, validators).Select(i => new GenesisValidator($"{id}-v{i}", (Amount)(1_000UL * (ulong)i)))]);

        private static Addr FirstValidator(string chain) => ChainGenesis.ValidatorAddress(chain, $"{chain}-v1");

        private static readonly LatencyModel NoLatency = new LatencyModel.Constant(0);

        private static LinkDefinition Link(string provider, string consumer, int batch = 30) =>
            new(provider, consumer, Dec.Parse("0.5"), (Amount)1_000_000_000, Latency: NoLatency, BatchSize: batch);

        private static CosmosMsg Bond(MeshLinkInfo link, Amount amount, string denom = "uosmo") =>
            new CosmosMsg.WasmExecute(link.Lockup, new LockupMsg.Execute.Bond(), Coins.Of(denom, amount));

        private static CosmosMsg GrantClaim(MeshLinkInfo link, Amount amount, Addr validator) =>
            new CosmosMsg.WasmExecute(link.Lockup, new LockupMsg.Execute.GrantClaim(link.Provider.Value, amount, validator.Value), Coins.Empty);

        private static double Seconds(Timestamp from, Timestamp to) => (to.Nanos - (double)from.Nanos) / Timestamp.NanosPerSecond;

        // b. relayed packets in memory, full cycle

        private async Task<Result> RelayAsync()
        {
            var n = quick ? 300 : 3_000;
            var reps = quick ? 2 : 5;
            var system = MemorySystem("bench-relay");
            try
            {
                await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: "bench-relay"));
                string Staker(int rep, int i) => $"staker-{rep}-{i}";
                await net.AddChainAsync(ProviderChain(Enumerable.Range(0, reps).SelectMany(r => Enumerable.Range(0, n).Select(i => Staker(r, i)))));
                await net.AddChainAsync(ConsumerChain("juno"));
                var link = await net.LinkAsync(Link(Provider, "juno", batch: 100));
                var validator = FirstValidator("juno");
                var samples = new List<double>();
                for (var rep = 0; rep < reps; rep++)
                {
                    var acked = (await net.ChannelInfoAsync(link.MeshChannelId)).Acknowledged;
                    var wall = Stopwatch.StartNew();
                    for (var i = 0; i < n; i++)
                        await net.SubmitAsync(Provider, new Tx(User(Staker(rep, i)), [Bond(link, 1_000), GrantClaim(link, 1_000, validator)], $"relay/{rep}/{i}"));
                    while ((await net.ChannelInfoAsync(link.MeshChannelId)).Acknowledged - acked < n)
                        await net.RunForAsync(6);
                    wall.Stop();
                    samples.Add(n / wall.Elapsed.TotalSeconds);
                }
                var total = (await net.QueryAsync<ConsumerMsg.RemoteStakeResponse>("juno", link.Consumer, new ConsumerMsg.Query.RemoteStake(validator.Value))).Amount;
                if (total != (Amount)((ulong)(reps * n) * 1_000UL)) throw new InvalidOperationException($"relay benchmark: juno recorded {total}, expected {reps * n * 1_000}");
                return Add(new Result("relayed_packets", "b", "relayed packets, memory", "packets/s", samples,
                    $"{n:N0} cross-stakes submitted in one block, relay batch 100, no latency, memory journal"));
            }
            finally
            {
                await system.Terminate();
            }
        }

        // c. slash fan-out

        private async Task SlashFanOutAsync(int n)
        {
            var reps = quick ? 2 : 3;
            var wallSamples = new List<double>();
            var emulatedSamples = new List<double>();
            for (var rep = 0; rep < reps; rep++)
            {
                var system = MemorySystem($"bench-slash-{n}-{rep}");
                try
                {
                    await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: $"bench-slash-{n}"));
                    await net.AddChainAsync(ProviderChain(["alice", "reporter"]));
                    var consumers = Enumerable.Range(0, n).Select(i => $"c{i:0000}").ToList();
                    foreach (var c in consumers) await net.AddChainAsync(ConsumerChain(c));
                    var links = new List<MeshLinkInfo>();
                    foreach (var c in consumers) links.Add(await net.LinkAsync(Link(Provider, c)));

                    // alice locks 1,000,000 once and lends all of it to the first validator of every consumer
                    const ulong stake = 1_000_000;
                    await net.MustExecuteAsync(Provider, User("alice"), [Bond(links[0], stake), .. links.Select(l => GrantClaim(l, stake, FirstValidator(l.ConsumerChain)))]);
                    await RunUntil(net, async () => net.Log.PacketsInFlight == 0 && await AllRemote(net, links, a => a == (Amount)stake), 3600, "the cross-stakes to arrive and be acked");
                    await net.RunForAsync(30);

                    var (a, b) = await net.DoubleSignAsync(consumers[0], FirstValidator(consumers[0]));
                    var start = await net.NowAsync();
                    var wall = Stopwatch.StartNew();
                    var evidence = net.Log.WhenExecuted($"slash/{rep}");
                    await net.SubmitAsync(Provider, new Tx(User("reporter"), [new CosmosMsg.WasmExecute(links[0].Slasher,
                        new SlasherMsg.Execute.SubmitEvidence(new SlasherMsg.DoubleSignEvidence(a, b)), Coins.Empty)], $"slash/{rep}"));
                    await RunUntil(net, () => Task.FromResult(evidence.IsCompleted), 600, "the evidence to be executed", step: 1);
                    if (!evidence.Result.IsSuccess) throw new InvalidOperationException($"bench: the evidence failed: {evidence.Result}");
                    await RunUntil(net, async () => await AllRemote(net, links, x => x < (Amount)stake), 3600, "every consumer to lower its record", step: 1);
                    wall.Stop();
                    wallSamples.Add(wall.Elapsed.TotalMilliseconds);
                    emulatedSamples.Add(Seconds(start, await net.NowAsync()));
                }
                finally
                {
                    await system.Terminate();
                }
            }
            var note = $"{n} consumers, one double-sign, polled each emulated second (remote_stake of every consumer)";
            Add(new Result($"slash_fanout_wall_n{n}", "c", $"slash, {n} consumers, wall", "ms", wallSamples, note));
            Add(new Result($"slash_fanout_emulated_n{n}", "c", $"slash, {n} consumers, emulated", "s", emulatedSamples, "relayers without latency, 5 s consumer blocks"));
        }

        private static async Task<bool> AllRemote(MeshNetwork net, IReadOnlyList<MeshLinkInfo> links, Func<Amount, bool> ok)
        {
            foreach (var l in links)
            {
                var r = await net.QueryAsync<ConsumerMsg.RemoteStakeResponse>(l.ConsumerChain, l.Consumer, new ConsumerMsg.Query.RemoteStake(FirstValidator(l.ConsumerChain).Value));
                if (!ok(r.Amount)) return false;
            }
            return true;
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
            Add(new Result($"scale_memory_n{n}", "d", $"{n} idle chains, heap", "KiB/chain", memory,
                "GC heap after a full collection once every chain made its first block, minus the empty network's"));
            Add(new Result($"scale_blocks_n{n}", "d", $"{n} idle chains, blocks", "blocks/s", blocks, $"{span} s emulated, 6 s blocks"));
        }

        private static long FullGcHeap()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            return GC.GetTotalMemory(forceFullCollection: true);
        }

        // e. time compression: a ring

        private async Task RingAsync(int n)
        {
            var reps = quick ? 2 : 3;
            var span = quick ? 1800.0 : 6 * 3600.0;
            var system = MemorySystem($"bench-ring-{n}");
            try
            {
                await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: "bench-ring"));
                var ids = Enumerable.Range(0, n).Select(i => $"r{i:000}").ToList();
                foreach (var id in ids)
                    await net.AddChainAsync(new ChainDefinition(
                        new ChainConfig { ChainId = id, AddressPrefix = id, BondDenom = "u" + id, BlockTimeSeconds = 6, UnbondingPeriodSeconds = 24 * 3600 },
                        [new GenesisAccount(ModuleAccounts.Gov(id), Coins.Of("u" + id, (Amount)10_000_000_000)),
                         new GenesisAccount(Addr.Derive(id, "staker"), Coins.Of("u" + id, (Amount)10_000_000_000))],
                        [.. Enumerable.Range(1, 5).Select(i => new GenesisValidator($"{id}-v{i}", (Amount)(1_000UL * (ulong)i)))]));
                var links = new List<MeshLinkInfo>();
                for (var i = 0; i < n; i++) links.Add(await net.LinkAsync(Link(ids[i], ids[(i + 1) % n])));
                // every provider's staker locks once and lends to its consumer, so the ring carries stake while it runs
                foreach (var l in links)
                    await net.SubmitAsync(l.ProviderChain, new Tx(Addr.Derive(l.ProviderChain, "staker"),
                        [Bond(l, 1_000_000, "u" + l.ProviderChain), GrantClaim(l, 1_000_000, FirstValidator(l.ConsumerChain))], $"ring/{l.ProviderChain}"));
                var samples = new List<double>();
                for (var rep = 0; rep < reps; rep++)
                {
                    var start = await net.NowAsync();
                    var wall = Stopwatch.StartNew();
                    await net.RunForAsync(span);
                    wall.Stop();
                    samples.Add(Seconds(start, await net.NowAsync()) / wall.Elapsed.TotalSeconds);
                }
                Add(new Result($"time_compression_ring{n}", "e", $"ring of {n} chains, 6 s blocks", "x real", samples,
                    $"{span} s emulated per repetition; one cross-stake per link at the start, then idle"));
            }
            finally
            {
                await system.Terminate();
            }
        }

        // f. persistence: bank sends committed on the SQLite journal

        private async Task SqliteAsync()
        {
            var perBlock = quick ? 500 : 2_000;
            var blocks = quick ? 4 : 10;
            var reps = quick ? 2 : 3;
            var dir = Path.Combine(Path.GetTempPath(), "meshsec-bench-" + Guid.NewGuid().ToString("N"));
            var system = StartSystem("bench-sqlite", new JournalSettings(Path.Combine(dir, "journal.db")));
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
                            var id = $"send/{rep}/{b}/{i}";
                            if (i == perBlock - 1) last.Add(net.Log.WhenExecuted(id));
                            await net.SubmitAsync(Provider, new Tx(User($"sender{i % 100}"),
                                [new CosmosMsg.BankSend(User($"sender{(i + 1) % 100}"), Coins.Of("uosmo", (Amount)1L))], id));
                        }
                        await net.RunForAsync(6);
                    }
                    while (!last.All(t => t.IsCompleted)) await net.RunForAsync(6);
                    wall.Stop();
                    if (last.Any(t => !t.Result.IsSuccess)) throw new InvalidOperationException("bench: a bank send failed");
                    samples.Add(perBlock * blocks / wall.Elapsed.TotalSeconds);
                }
                Add(new Result("sqlite_committed_txs", "f", "SQLite journal commits", "txs/s", samples,
                    $"{blocks} blocks of {perBlock:N0} bank sends per repetition, one node, WAL"));
            }
            finally
            {
                await system.Terminate();
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
        }
    }
}
