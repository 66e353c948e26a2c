using System.Text.Json;
using MeshSecurity.Cli.Bench;
using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// meshsec bench --quick, CI's smoke run of the benchmarks (with PostgreSQL's figure when CI names its server): in a
/// process of its own, writing a bench.json that holds every benchmark group (a-h) with a unit, repetitions and a
/// positive median, and its bench.html. The figures themselves are never asserted.
/// (A child process, not Program.Main, so that this test runs beside the other parallel tests instead of holding the
/// "console" collection, which runs alone; bounded by MeshsecCli.Process's 10 minutes, as beside other tests on a busy
/// machine it took over 5.)
/// </summary>
public class BenchSmokeTests
{
    [Fact]
    public async Task Bench_quick_writes_a_complete_bench_json_within_a_minute()
    {
        var dir = RepoFiles.TempDir();
        var path = Path.Combine(dir, "bench.json");

        var (code, o, e) = await MeshsecCli.Process(dir, "bench", "--quick", "--out", path);

        Assert.True(code == ExitCodes.Ok, $"exit {code}\n{o}\n{e}");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        Assert.Equal("meshsec-bench/1", root.GetProperty("schema").GetString());
        Assert.True(root.GetProperty("quick").GetBoolean());
        var machine = root.GetProperty("machine");
        Assert.True(machine.GetProperty("processor_count").GetInt32() > 0);
        foreach (var key in new[] { "os", "dotnet", "akka" })
            Assert.False(string.IsNullOrEmpty(machine.GetProperty(key).GetString()), key);
        Assert.True(machine.TryGetProperty("git_commit", out _));

        var benchmarks = root.GetProperty("benchmarks").EnumerateArray().ToList();
        var ids = benchmarks.Select(b => b.GetProperty("id").GetString()!).ToHashSet();
        string[] expected =
        [
            "raw_akka_round_trips", "relayed_packets", "relayed_packets_4_links", "relay_vs_raw", "relay_4_links_vs_raw",
            "relay_allocated", "relay_allocated_steady", "messages_per_packet", "relay_cycle10_vs_cycle2",
            "relay_cpu_per_packet", "relay_4_links_cpu_per_packet", "relay_gc_per_1000_packets", "relay_4_links_gc_per_1000_packets",
            "ring4_cpu_per_block", "ring4_jitter_cpu_per_block", "ring4_gc_per_1000_blocks",
            "slash_fanout_wall_n3", "slash_fanout_emulated_n3", "slash_fanout_wall_n10", "slash_fanout_emulated_n10",
            "scale_memory_n10", "scale_blocks_n10", "scale_memory_n100", "scale_blocks_n100",
            "time_compression_ring4", "sqlite_committed_txs", "cluster_relayed_packets_co_located", "cluster_relayed_packets_spread",
            "cluster_windows_co_located", "cluster_windows_spread", "resume_from_checkpoint_n10", "resume_replay_from_genesis_n10",
            "resume_vs_replay",
        ];
        Assert.All(expected, id => Assert.Contains(id, ids));
        // CI sets it (.ci/run), and this test is CI's only bench run: the journal's commits and the graceful leaves (g)
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MESHSEC_BENCH_POSTGRES")))
            Assert.All(BenchReport.PostgresSeries, s => Assert.Contains(s.Series, ids));
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h"],
            benchmarks.Select(b => b.GetProperty("group").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(benchmarks, b =>
        {
            var id = b.GetProperty("id").GetString();
            Assert.False(string.IsNullOrEmpty(b.GetProperty("unit").GetString()), id);
            Assert.True(b.GetProperty("repetitions").GetInt32() >= 1, id);
            Assert.Equal(b.GetProperty("repetitions").GetInt32(), b.GetProperty("samples").GetArrayLength());
            // a heap difference measured while other tests run beside it may even come out negative, and so may a loss's
            // extra wall time over a run of seconds: only their presence is checked here; so are collection counts, which a
            // quick cycle can finish without
            if (b.GetProperty("series").GetString() is "scale_memory" or "cluster_member_loss_extra_from_checkpoint"
                or "cluster_member_loss_extra_from_genesis" or "cluster_member_loss_checkpoint_vs_genesis"
                or "cluster_member_leave_extra" or "cluster_member_leave_oldest_extra" or "cluster_member_kill_extra"
                || b.GetProperty("unit").GetString()!.StartsWith("per 1,000", StringComparison.Ordinal))
                Assert.True(double.IsFinite(b.GetProperty("median").GetDouble()), id);
            else Assert.True(b.GetProperty("median").GetDouble() > 0, id);
        });
        Assert.Contains("relayed packets", o);
    }
}
