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
    /// <summary>What a run leaves: its report.json and, per chain, each snapshot's size and entry counts by block height.</summary>
    private sealed record Left(byte[] Report, SortedDictionary<string, SortedDictionary<long, SnapshotSize>> Snapshots);

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
            return new Left(await File.ReadAllBytesAsync(Path.Combine(dir, "report.json")), AllSnapshots(db));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static SortedDictionary<string, SortedDictionary<long, SnapshotSize>> AllSnapshots(string db)
    {
        var sizes = new SortedDictionary<string, SortedDictionary<long, SnapshotSize>>(StringComparer.Ordinal);
        using var c = new SqliteConnection($"Data Source={db}");
        c.Open();
        using var cmd = c.CreateCommand();
        // keyed by the snapshot's block height, not its journal sequence number, which counts records that need not
        // match between two runs (a chain journals its admissions as they come)
        cmd.CommandText = "SELECT persistence_id, snapshot FROM snapshot";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var bytes = (byte[])r[1];
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            var ibc = root.GetProperty("state").GetProperty("ibc");
            var consensus = ibc.GetProperty("clients").EnumerateArray()
                .Sum(kv => kv[1].GetProperty("consensus_states").GetArrayLength());
            var chain = r.GetString(0);
            if (!sizes.TryGetValue(chain, out var byHeight)) sizes[chain] = byHeight = new SortedDictionary<long, SnapshotSize>();
            byHeight[(long)root.GetProperty("height").GetUInt64()] = new SnapshotSize(bytes.Length,
                root.GetProperty("headers").GetArrayLength(),
                ibc.GetProperty("receipts").GetArrayLength(), ibc.GetProperty("acks").GetArrayLength(), consensus);
        }
        return sizes;
    }

    [Fact]
    public async Task A_long_runs_report_is_unchanged_by_pruning_and_its_chains_snapshots_are_smaller()
    {
        // quickstart runs 3 h 20 min: a 2 h unbonding period (older headers go), 80 min trusting periods (older consensus
        // states go), packets received and acknowledged on two links; snapshots every 500 blocks. Five minutes more than
        // the file's: its 2,000th block is its last, and a snapshot saved in a run's last window may not reach the store
        // before the actor system stops (then the two runs' latest snapshots were at different heights)
        var file = ScenarioParser.ParseFile(Examples.PathOf("quickstart.conf"));
        var scenario = file with { Duration = file.Duration + Duration.FromMinutes(5) };
        var kept = await Run(scenario, keepHistory: true);
        var pruned = await Run(scenario, keepHistory: false);

        // the two runs are compared at the latest snapshot both saved: a save is asynchronous, and one made in a run's last
        // window may not be in the journal when its actor system stops
        var latest = kept.Snapshots.ToDictionary(kv => kv.Key, kv =>
        {
            var other = pruned.Snapshots.GetValueOrDefault(kv.Key);
            var common = kv.Value.Keys.Where(at => other?.ContainsKey(at) == true).ToList();
            Assert.True(common.Count > 0, $"{kv.Key}: no snapshot at a height both runs saved (kept at " +
                $"{string.Join(", ", kv.Value.Keys)}; pruned at {(other is null ? "" : string.Join(", ", other.Keys))})");
            var at = common.Max();
            return (Kept: kv.Value[at], Pruned: pruned.Snapshots[kv.Key][at], At: at);
        });
        foreach (var (chain, (size, after, at)) in latest) output.WriteLine($"{chain} at {at}: kept {size}; pruned {after}");
        Assert.Equal(Encoding(kept.Report), Encoding(pruned.Report));
        Assert.Equal(kept.Snapshots.Keys, pruned.Snapshots.Keys);
        // by then the chains are old enough to have dropped headers (past 1,200 blocks of 6 s): the latest is at 2,000
        Assert.All(latest, kv => Assert.True(kv.Value.Kept.Headers > 1_400, $"{kv.Key}: {kv.Value.Kept}"));
        Assert.All(latest, kv =>
        {
            var (before, after, _) = kv.Value;
            Assert.True(after.Bytes < before.Bytes, $"{kv.Key}: {after} is not smaller than {before}");
            Assert.True(after.ConsensusStates < before.ConsensusStates && after.Acks < before.Acks, $"{kv.Key}: {after}");
            Assert.True(after.Receipts < before.Receipts && after.Headers <= before.Headers, $"{kv.Key}: {after}");
        });
        // stars keeps the default 21-day unbonding period, so only osmosis and juno are old enough to drop headers
        Assert.True(latest["chain-osmosis"].Pruned.Headers < latest["chain-osmosis"].Kept.Headers);
        Assert.True(latest["chain-juno"].Pruned.Headers < latest["chain-juno"].Kept.Headers);
    }

    private static string Encoding(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
