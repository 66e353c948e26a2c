using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// Chain actors killed in the middle of a run (on a SQLite journal, so every record and snapshot goes through its
/// serializer) recover alone, from a snapshot and the journal after it, and the run's report.json and events.jsonl are
/// byte-identical to an uninterrupted run's.
/// </summary>
public sealed class ChainCrashTests
{
    private static Task<(byte[] Report, byte[] Events, string[] Restarts)> Run(string example,
        IReadOnlyList<(Duration, string)>? crashes) =>
        Run(ScenarioParser.ParseFile(Examples.PathOf(example)), example, crashes);

    private static async Task<(byte[] Report, byte[] Events, string[] Restarts)> Run(Scenario scenario, string example,
        IReadOnlyList<(Duration, string)>? crashes)
    {
        var dir = Path.Combine(Path.GetTempPath(), "meshsec-crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(dir);
            var journal = new JournalSettings(Path.Combine(dir, "journal.db"));
            await JournalGuard.StartNewAsync(journal, new JournalStamp(example, "test"), CancellationToken.None);
            var runner = new ScenarioRunner(scenario, new RunOptions(journal, OutDir: dir, SpeedMax: true, CrashChains: crashes),
                Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
            var report = await runner.RunAsync();
            Assert.NotNull(report);
            Assert.True(report.Result.Ok, $"{example} failed its own checks");
            await ReportWriter.WriteAllAsync(dir, report, runner.Series, new WallTimings(TimeSpan.Zero, 0));
            return (await File.ReadAllBytesAsync(Path.Combine(dir, "report.json")),
                await File.ReadAllBytesAsync(Path.Combine(dir, "events.jsonl")),
                [.. runner.Recoveries.Select(r => $"{r.ChainId} from {r.FromHeight} to {r.ToHeight}")]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Chains_killed_mid_run_recover_from_snapshots_and_the_report_is_byte_identical()
    {
        var clean = await Run("quickstart.conf", null);
        // quickstart's chains make a block every 5 s and snapshot every 500 blocks: these fall after one or several
        // snapshots, and one chain crashes twice
        var crashed = await Run("quickstart.conf",
        [
            (Duration.FromSeconds(50 * 60), "juno"),
            (Duration.FromSeconds(95 * 60 + 3), "osmosis"),
            (Duration.FromSeconds(2 * 3600 + 17), "juno"),
            (Duration.FromSeconds(3 * 3600 + 1), "stars"),
        ]);
        Assert.Empty(clean.Restarts);
        Assert.Equal(4, crashed.Restarts.Length);
        Assert.All(crashed.Restarts, r => Assert.DoesNotContain(" from 0 ", r));
        Assert.Equal(clean.Report, crashed.Report);
        Assert.Equal(clean.Events, crashed.Events);
    }

    public static TheoryData<string, (int Seconds, string Chain)[]> ConsensusFaults => new()
    {
        // juno while jw misses blocks, stars while sw flaps, juno after the tombstone, stars while it makes no block (sv
        // down) and after it resumed
        {
            "validator-faults.conf",
            [(8 * 60 + 3, "juno"), (31 * 60 + 1, "stars"), (71 * 60, "juno"), (86 * 60 + 5, "stars"), (92 * 60, "stars")]
        },
        // juno while it halts and after it resumed, stars while its blocks are 30 s apart and after
        { "chain-faults.conf", [(20 * 60, "juno"), (41 * 60, "juno"), (25 * 60 + 7, "stars"), (45 * 60, "stars")] },
        // juno while its clock is 30 s ahead and after, stars while it holds the header time its jump reached and after
        { "clock-faults.conf", [(20 * 60 + 3, "juno"), (47 * 60, "juno"), (55 * 60 + 1, "stars"), (80 * 60, "stars")] },
    };

    [Theory]
    [MemberData(nameof(ConsensusFaults))]
    public async Task Chains_killed_during_consensus_faults_recover_the_same_commits_and_block_times(string example,
        (int Seconds, string Chain)[] crashes)
    {
        var clean = await Run(example, null);
        var crashed = await Run(example, [.. crashes.Select(c => (Duration.FromSeconds((ulong)c.Seconds), c.Chain))]);
        Assert.Equal(crashes.Length, crashed.Restarts.Length);
        Assert.Equal(clean.Report, crashed.Report);
        Assert.Equal(clean.Events, crashed.Events);
    }

    [Fact]
    public async Task Crash_chain_steps_leave_the_history_as_it_was()
    {
        var text = File.ReadAllText(Examples.PathOf("quickstart.conf"));
        // after the last step, so the other steps keep their numbers (their transactions' ids count steps in time order)
        var end = text.IndexOf("\n]", text.IndexOf("steps = [", StringComparison.Ordinal), StringComparison.Ordinal);
        var crashing = text.Insert(end, """

              { at = 3h5m, action = crash-chain, chain = juno }
              { at = 3h10m, action = crash-chain, chain = osmosis }
            """);
        var clean = await Run("quickstart.conf", null);
        var crashed = await Run(ScenarioParser.Parse(crashing, "quickstart.conf"), "quickstart.conf", null);
        Assert.Equal(2, crashed.Restarts.Length);
        Assert.All(crashed.Restarts, r => Assert.DoesNotContain(" from 0 ", r));
        Assert.Equal(clean.Events, crashed.Events);
    }
}
