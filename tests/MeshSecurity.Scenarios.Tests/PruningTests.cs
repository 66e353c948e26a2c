using System.Text.Json;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// Pruning (receipts below the mark, acknowledgements of settled packets, expired consensus states, headers past the
/// unbonding period) changes nothing a run reports, and a long run's chains keep less: their latest snapshots are smaller.
/// </summary>
public sealed class PruningTests(ITestOutputHelper output)
{
    /// <summary>What a run leaves: its report.json and, per chain, its latest snapshot's size and entry counts.</summary>
    private sealed record Left(byte[] Report, SortedDictionary<string, SnapshotSize> Snapshots);

    private sealed record SnapshotSize(long Bytes, int Headers, int Receipts, int Acks, int ConsensusStates)
    {
        public override string ToString() =>
            $"{Bytes} bytes, {Headers} headers, {Receipts} receipts, {Acks} acks, {ConsensusStates} consensus states";
    }

    private static async Task<Left> Run(Scenario scenario, bool keepHistory)
    {
        var dir = Path.Combine(Path.GetTempPath(), "meshsec-prune-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(dir);
            var db = Path.Combine(dir, "journal.db");
            var journal = new JournalSettings(db);
            await JournalGuard.StartNewAsync(journal, new JournalStamp("quickstart.conf", "test"), CancellationToken.None);
            var runner = new ScenarioRunner(scenario, new RunOptions(journal, OutDir: dir, SpeedMax: true, KeepHistory: keepHistory),
                Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
            var report = await runner.RunAsync();
            Assert.NotNull(report);
            Assert.True(report.Result.Ok, "the run failed its own checks");
            await ReportWriter.WriteAllAsync(dir, report, runner.Series, new WallTimings(TimeSpan.Zero, 0));
            return new Left(await File.ReadAllBytesAsync(Path.Combine(dir, "report.json")), LatestSnapshots(db));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static SortedDictionary<string, SnapshotSize> LatestSnapshots(string db)
    {
        var sizes = new SortedDictionary<string, SnapshotSize>(StringComparer.Ordinal);
        using var c = new SqliteConnection($"Data Source={db}");
        c.Open();
        using var cmd = c.CreateCommand();
        // in the order they were saved: the last of each chain is its latest
        cmd.CommandText = "SELECT persistence_id, snapshot FROM snapshot ORDER BY rowid";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var bytes = (byte[])r[1];
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            var ibc = root.GetProperty("state").GetProperty("ibc");
            var consensus = ibc.GetProperty("clients").EnumerateArray()
                .Sum(kv => kv[1].GetProperty("consensus_states").GetArrayLength());
            sizes[r.GetString(0)] = new SnapshotSize(bytes.Length, root.GetProperty("headers").GetArrayLength(),
                ibc.GetProperty("receipts").GetArrayLength(), ibc.GetProperty("acks").GetArrayLength(), consensus);
        }
        return sizes;
    }

    [Fact]
    public async Task A_long_runs_report_is_unchanged_by_pruning_and_its_chains_snapshots_are_smaller()
    {
        // quickstart runs 3 h 20 min: a 2 h unbonding period (older headers go), 80 min trusting periods (older consensus
        // states go), packets received and acknowledged on two links; the last snapshot is at block 2,000
        var quickstart = ScenarioParser.ParseFile(Examples.PathOf("quickstart.conf"));
        // five minutes past its end, so that the snapshot at block 2,000 is saved before the run stops: the save is
        // asynchronous, and one made in the run's last window could still be in flight when the actor system ends
        var scenario = quickstart with { Duration = quickstart.Duration + Model.Duration.FromMinutes(5) };
        var kept = await Run(scenario, keepHistory: true);
        var pruned = await Run(scenario, keepHistory: false);

        foreach (var (chain, size) in kept.Snapshots) output.WriteLine($"{chain}: kept {size}; pruned {pruned.Snapshots[chain]}");
        Assert.Equal(Encoding(kept.Report), Encoding(pruned.Report));
        Assert.Equal(kept.Snapshots.Keys, pruned.Snapshots.Keys);
        Assert.All(kept.Snapshots, kv =>
        {
            var after = pruned.Snapshots[kv.Key];
            Assert.True(after.Bytes < kv.Value.Bytes, $"{kv.Key}: {after} is not smaller than {kv.Value}");
            Assert.True(after.ConsensusStates < kv.Value.ConsensusStates && after.Acks < kv.Value.Acks, $"{kv.Key}: {after}");
            Assert.True(after.Receipts < kv.Value.Receipts && after.Headers <= kv.Value.Headers, $"{kv.Key}: {after}");
        });
        // stars keeps the default 21-day unbonding period, so only osmosis and juno are old enough to drop headers
        Assert.True(pruned.Snapshots["chain-osmosis"].Headers < kept.Snapshots["chain-osmosis"].Headers);
        Assert.True(pruned.Snapshots["chain-juno"].Headers < kept.Snapshots["chain-juno"].Headers);
    }

    private static string Encoding(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
