using System.Diagnostics;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Running;
using Microsoft.Extensions.Logging.Abstractions;

using static MeshSecurity.Cli.Bench.BenchMesh;

namespace MeshSecurity.Cli.Bench;

public sealed partial class BenchRunner
{
    // e. time compression: a ring with steady traffic, with and without block-time jitter; and a paced example

    /// <summary>
    /// A ring of n chains (6 s blocks, moved by up to ± jitter × 6 s), each the provider of the next, with realistic
    /// relayers (lognormal around 3 s, floor 1 s: windows of 1 s) and one cross-stake (bond + grant_claim) per provider
    /// block, submitted a minute ahead with not-before times. Besides the rate it counts the time keeping's barriers:
    /// windows per emulated second and chains per window, against the distinct block instants a per-instant clock
    /// would have to run as barriers (a lower bound of its steps: it also stepped every relayer delivery).
    /// Three repetitions: the first runs tier-0 code while the JIT tiers the block path up (40-75 % costlier, docs/bench.md),
    /// so the ring's rate is the steady state of the last two, as (b) times only after an untimed cycle; the first two,
    /// the figure before session 21, are kept under their old id.
    /// </summary>
    private async Task RingAsync(int n, double jitter)
    {
        var reps = 3;
        var span = quick ? 600.0 : 1800.0;
        const double chunk = 60;
        var suffix = jitter > 0 ? "_jitter" : "";
        var system = MemorySystem($"bench-ring-{n}{(jitter > 0 ? "-jitter" : "")}");
        try
        {
            await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: "bench-ring"));
            var instants = new BlockInstants();
            net.Log.Subscribe(instants);
            var ids = Enumerable.Range(0, n).Select(i => $"r{i:000}").ToList();
            foreach (var id in ids)
                await net.AddChainAsync(new ChainDefinition(
                    new ChainConfig
                    {
                        ChainId = id, AddressPrefix = id, BondDenom = "u" + id, BlockTimeSeconds = 6, UnbondingPeriodSeconds = 24 * 3600
                    },
                    [new GenesisAccount(ModuleAccounts.Gov(id), Coins.Of("u" + id, (Amount)10_000_000_000)),
                     new GenesisAccount(Addr.Derive(id, "staker"), Coins.Of("u" + id, (Amount)10_000_000_000))],
                    [.. Enumerable.Range(1, 5).Select(i => new GenesisValidator($"{id}-v{i}", (Amount)(1_000UL * (ulong)i)))],
                    BlockTimeJitter: jitter));
            var links = await net.LinkAllAsync(
                [.. Enumerable.Range(0, n).Select(i => Link(ids[i], ids[(i + 1) % n], latency: RealisticLatency))]);
            var samples = new List<double>();
            var windowsPerSecond = new List<double>();
            var chainsPerWindow = new List<double>();
            var instantsPerSecond = new List<double>();
            var costs = new List<(ProcessCost, long)>();
            long txs = 0;
            long acked = 0;
            for (var rep = 0; rep < reps; rep++)
            {
                var start = await net.NowAsync();
                var before = await net.ClockStatusAsync();
                var instantsBefore = instants.Count;
                var cost = ProcessCost.Now();
                var wall = Stopwatch.StartNew();
                for (var t = 0.0; t < span; t += chunk)
                {
                    var from = await net.NowAsync();
                    var load = new List<(string, Tx, Core.Types.Timestamp)>();
                    foreach (var l in links)
                        for (var k = 0; k < (int)(chunk / 6); k++)
                        {
                            var id = $"ring/{l.ProviderChain}/{txs++}";
                            load.Add((l.ProviderChain, new Tx(Addr.Derive(l.ProviderChain, "staker"),
                                [Bond(l, 1_000, "u" + l.ProviderChain), GrantClaim(l, 1_000, FirstValidator(l.ConsumerChain))], id),
                                from.PlusSeconds((ulong)(k * 6))));
                        }
                    // one message per chain, as a load generator would submit
                    await net.SubmitManyAsync(load);
                    await net.RunForAsync(chunk);
                }
                wall.Stop();
                var spent = ProcessCost.Now().Since(cost);
                var end = await net.NowAsync();
                var after = await net.ClockStatusAsync();
                costs.Add((spent, after.ChainTicks - before.ChainTicks));
                var emulated = Seconds(start, end);
                samples.Add(emulated / wall.Elapsed.TotalSeconds);
                var windows = after.Windows - before.Windows;
                windowsPerSecond.Add(windows / emulated);
                chainsPerWindow.Add((after.ChainTicks - before.ChainTicks) / (double)Math.Max(1, windows));
                // every block up to start was flushed before, every block up to end by the last run
                instantsPerSecond.Add((instants.Count - instantsBefore) / emulated);
            }
            // the traffic was real: packets went round the ring and came back acknowledged
            await net.RunForAsync(60);
            foreach (var l in links) acked += (await net.ChannelInfoAsync(l.MeshChannelId)).Acknowledged;
            if (acked < txs) throw new InvalidOperationException($"bench: the ring acknowledged {acked} of {txs} cross-stakes");
            var what = jitter > 0 ? $"jitter {jitter}" : "no jitter";
            var ring = $"{span} s emulated per repetition; one cross-stake per link per block ({txs:N0} in all, every one acknowledged); " +
                "relayers lognormal 3 s, floor 1 s";
            Add(new BenchResult($"time_compression_ring{n}{suffix}_steady", "e", $"ring of {n} chains, 6 s blocks, {what}, traffic",
                "x real", samples[1..], ring + "; repetitions 2 and 3 of 3 (the first warms the JIT up)", "time_compression" + suffix, n));
            Add(new BenchResult($"time_compression_ring{n}{suffix}", "e", $"ring of {n}, {what}, with the warm-up", "x real",
                samples[..2], ring + "; repetitions 1 and 2 of 3, the first with the JIT's warm-up (the figure before session 21)"));
            AddRingCost(n, suffix, what, costs);
            Add(new BenchResult($"windows_per_second_ring{n}{suffix}", "e", $"ring of {n}, {what}: windows", "windows/s", windowsPerSecond,
                "time keeping barriers per emulated second (windows of up to the 1 s lookahead)"));
            Add(new BenchResult($"chains_per_window_ring{n}{suffix}", "e", $"ring of {n}, {what}: chains per window", "chains",
                chainsPerWindow,
                "chains that produced blocks in a window, on average: how many work side by side"));
            Add(new BenchResult($"instant_barriers_ring{n}{suffix}", "e", $"ring of {n}, {what}: per-instant barriers", "barriers/s",
                instantsPerSecond, "distinct block instants per emulated second: the barriers a per-instant clock needs at least"));
            Add(new BenchResult($"barrier_reduction_ring{n}{suffix}", "e", $"ring of {n}, {what}: fewer barriers", "x",
                [.. instantsPerSecond.Zip(windowsPerSecond, (i, w) => i / w)], "per-instant barriers / windows, same run"));
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>
    /// The quickstart example paced to <paramref name="speed"/> (as <c>meshsec run --speed</c> does): the rate it
    /// reaches once set up, and how far behind it ended.
    /// </summary>
    private async Task QuickstartPacedAsync(double speed)
    {
        var file = Path.Combine(Directory.GetCurrentDirectory(), "hocon", "scenarios", "quickstart.conf");
        if (!File.Exists(file)) file = Path.Combine(AppContext.BaseDirectory, "hocon", "scenarios", "quickstart.conf");
        if (!File.Exists(file)) return; // run from outside the repository: the example is not at hand
        var scenario = ScenarioParser.ParseFile(file);
        var runner = new ScenarioRunner(scenario, new RunOptions(JournalSettings.Memory, Speed: speed), NullLoggerFactory.Instance);
        var report = await runner.RunAsync() ?? throw new InvalidOperationException("bench: quickstart stopped early");
        if (!report.Result.Ok) throw new InvalidOperationException("bench: quickstart failed its own checks");
        var rate = scenario.Duration.TotalSeconds / runner.RunningWallTime.TotalSeconds;
        Add(new BenchResult($"quickstart_speed_{speed:0}", "e", $"quickstart at --speed {speed:0}", "x real", [rate],
            $"{scenario.Duration} emulated, once set up; ended {runner.BehindSeconds:0.0} s behind the requested speed"));
    }
}
