using System.Text.Json;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// A run with links, stopped part-way and resumed from its latest checkpoint, goes on from the cut with every relayer as
/// it was (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md) and writes the report and events.jsonl of a run
/// that was never stopped, byte for byte, also when the cut falls while packets are in flight.
/// </summary>
public sealed class LinkedCheckpointResumeTests(LinkedCheckpointResumeTests.Uninterrupted whole)
    : IClassFixture<LinkedCheckpointResumeTests.Uninterrupted>
{
    private static async Task<(ScenarioRunner Runner, string? Report)> Run(string example, string dir, Duration? stopAfter = null,
        bool resumed = false)
    {
        var options = new RunOptions(new JournalSettings(Path.Combine(dir, "journal.db")), dir, SpeedMax: true, StopAfter: stopAfter,
            Resumed: resumed) { CheckpointEvery = TimeSpan.Zero };
        var runner = new ScenarioRunner(ScenarioParser.ParseFile(Examples.PathOf(example)), options, NullLoggerFactory.Instance);
        var report = await runner.RunAsync();
        return (runner, report is null ? null : ReportWriter.Json(report));
    }

    private static string Events(string dir) => File.ReadAllText(Path.Combine(dir, "events.jsonl"));

    /// <summary>The runs of the examples that were never stopped, each made once for all its rows.</summary>
    public sealed class Uninterrupted
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<(string Dir, string Report)>>> _runs = new();

        public Task<(string Dir, string Report)> Of(string example) => _runs.GetOrAdd(example, e => new(async () =>
        {
            var dir = Directory.CreateTempSubdirectory("meshsec-linked-whole-").FullName;
            return (dir, (await Run(e, dir)).Report!);
        })).Value;
    }

    /// <summary>The channels' parts of the run's latest checkpoint.</summary>
    private static List<ChannelSnapshot> ChannelsAtTheCut(string dir)
    {
        var checkpoint = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RunCheckpoint.FileName))).RootElement;
        var folder = Path.Combine(dir, RunCheckpoint.Folder, checkpoint.GetProperty("id").GetInt64().ToString(
            System.Globalization.CultureInfo.InvariantCulture));
        return Directory.EnumerateFiles(folder, "*.channel.json")
            .Select(f => ChannelSnapshot.FromBytes(File.ReadAllBytes(f), ChannelSnapshot.Manifest)).ToList();
    }

    [Theory]
    // the cross-stakes of 6m are submitted; their packets are on their way (latencies of 1 to 5 s) at the cut
    [InlineData("quickstart.conf", 369UL, "owed")]
    // between the withdrawals' transfers and the claims, nothing owed
    [InlineData("quickstart.conf", 2100UL, "")]
    // price feeds: the oracle's publications before and after the cut
    [InlineData("prices.conf", 1500UL, "")]
    // relayer-stop at 5m: the mesh relayer is stopped at the cut (the unstake and the evidence wait on the chains), and
    // relayer-start at 9m clears what is pending from both chains and goes on
    [InlineData("slash-in-flight-unstake.conf", 450UL, "paused")]
    public async Task A_stopped_linked_run_resumed_from_its_checkpoint_writes_the_report_and_events_of_an_uninterrupted_run(
        string example, ulong stopSeconds, string atTheCut)
    {
        await StopAndResume(example, stopSeconds, stopped =>
        {
            var channels = ChannelsAtTheCut(stopped);
            Assert.Equal(atTheCut == "owed", channels.Sum(c => c.Relayer?.Owed.Count ?? 0) > 0);
            Assert.Equal(atTheCut == "paused", channels.Any(c => c.Paused));
        });
    }

    /// <summary>
    /// Stops <paramref name="example"/> at <paramref name="stopSeconds"/>, checks the cut (<paramref name="atTheCut"/>, on the
    /// output folder), resumes it, and compares the report and events with the uninterrupted run's.
    /// </summary>
    private async Task StopAndResume(string example, ulong stopSeconds, Action<string> atTheCut)
    {
        var (wholeDir, wholeReport) = await whole.Of(example);
        var stopAt = Duration.FromSeconds(stopSeconds);
        var stopped = Directory.CreateTempSubdirectory("meshsec-linked-stopped-").FullName;
        Assert.Null((await Run(example, stopped, stopAt)).Report);
        atTheCut(stopped);

        var (runner, resumed) = await Run(example, stopped, resumed: true);

        Assert.Null(runner.ReplayReason);
        Assert.Equal(stopAt, runner.ResumedAt);
        Assert.Equal(wholeReport, resumed);
        Assert.Equal(Events(wholeDir), Events(stopped));
    }

    /// <summary>The runner's part of the run's latest checkpoint (checkpoint.json v3's "runner").</summary>
    private static JsonElement RunnerAtTheCut(string dir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RunCheckpoint.FileName))).RootElement.GetProperty("runner");

    /// <summary>
    /// Runs with chaos steps (each family the examples use, the fault in force at the cut and healed after it), injected
    /// packets, a reopened channel still opening at the cut and fixtures take checkpoints too: the runner's faults in force,
    /// the switches it gave for them, its races, reopens and fixtures' addresses are in checkpoint.json (v3's "runner"),
    /// and the resumed run gives the same switches as the uninterrupted one from the cut on.
    /// </summary>
    [Theory]
    // net.partition, net.loss, relayer.lag and relayer.duplicate in force; relayer.crash and chain.crash before the cut
    [InlineData("chaos-steps.conf", 1800UL, "chaos")]
    // chain.halt and chain.block-time in force (juno's consensus: every validator offline)
    [InlineData("chain-faults.conf", 1200UL, "consensus")]
    // validator.downtime and validator.jail-flap in force
    [InlineData("validator-faults.conf", 900UL, "consensus")]
    // four withdraw races done, econ.price-shock in force (the oracle's factor published)
    [InlineData("econ-faults.conf", 2820UL, "shocks")]
    // between two injected packets
    [InlineData("injected-packet.conf", 690UL, "")]
    // reopen-channel at 25m: the new mesh channel's handshake under way at the cut
    [InlineData("close-channel.conf", 1505UL, "reopenings")]
    // test fixtures on two chains without a link, their addresses used by steps after the cut
    [InlineData("fixtures-without-link.conf", 390UL, "fixtures")]
    public async Task A_stopped_run_with_faults_in_force_resumes_from_its_checkpoint_to_the_report_and_events_of_an_uninterrupted_run(
        string example, ulong stopSeconds, string atTheCut)
    {
        await StopAndResume(example, stopSeconds, stopped =>
        {
            if (atTheCut.Length > 0) Assert.NotEqual(0, RunnerAtTheCut(stopped).GetProperty(atTheCut).GetArrayLength());
        });
    }
}
