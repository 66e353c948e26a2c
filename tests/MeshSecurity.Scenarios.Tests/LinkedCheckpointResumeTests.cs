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
    private const string Example = "quickstart.conf";

    private static async Task<(ScenarioRunner Runner, string? Report)> Run(string dir, Duration? stopAfter = null, bool resumed = false)
    {
        var options = new RunOptions(new JournalSettings(Path.Combine(dir, "journal.db")), dir, SpeedMax: true, StopAfter: stopAfter,
            Resumed: resumed) { CheckpointEvery = TimeSpan.Zero };
        var runner = new ScenarioRunner(ScenarioParser.ParseFile(Examples.PathOf(Example)), options, NullLoggerFactory.Instance);
        var report = await runner.RunAsync();
        return (runner, report is null ? null : ReportWriter.Json(report));
    }

    private static string Events(string dir) => File.ReadAllText(Path.Combine(dir, "events.jsonl"));

    /// <summary>The run of the example that was never stopped, made once for every row.</summary>
    public sealed class Uninterrupted : IAsyncLifetime
    {
        public string Dir { get; } = Directory.CreateTempSubdirectory("meshsec-linked-whole-").FullName;

        public string Report { get; private set; } = "";

        public async Task InitializeAsync() => Report = (await Run(Dir)).Report!;

        public Task DisposeAsync() => Task.CompletedTask;
    }

    /// <summary>Deliveries the relayers owed at the cut, over all channels of the checkpoint.</summary>
    private static int OwedAtTheCut(string dir)
    {
        var checkpoint = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RunCheckpoint.FileName))).RootElement;
        var folder = Path.Combine(dir, RunCheckpoint.Folder, checkpoint.GetProperty("id").GetInt64().ToString(
            System.Globalization.CultureInfo.InvariantCulture));
        return Directory.EnumerateFiles(folder, "*.channel.json")
            .Select(f => ChannelSnapshot.FromBytes(File.ReadAllBytes(f), ChannelSnapshot.Manifest))
            .Sum(c => c.Relayer?.Owed.Count ?? 0);
    }

    [Theory]
    // the cross-stakes of 6m are submitted; their packets are on their way (latencies of 1 to 5 s) at the cut
    [InlineData(369UL, true)]
    // between the withdrawals' transfers and the claims, nothing owed
    [InlineData(2100UL, false)]
    public async Task A_stopped_linked_run_resumed_from_its_checkpoint_writes_the_report_and_events_of_an_uninterrupted_run(
        ulong stopSeconds, bool inFlight)
    {
        var stopAt = Duration.FromSeconds(stopSeconds);
        var stopped = Directory.CreateTempSubdirectory("meshsec-linked-stopped-").FullName;
        Assert.Null((await Run(stopped, stopAt)).Report);
        Assert.Equal(inFlight, OwedAtTheCut(stopped) > 0);

        var (runner, resumed) = await Run(stopped, resumed: true);

        Assert.Null(runner.ReplayReason);
        Assert.Equal(stopAt, runner.ResumedAt);
        Assert.Contains("\"ok\": true,\n    \"failed_expectations\": 0", whole.Report.Replace("\r\n", "\n"));
        Assert.Equal(whole.Report, resumed);
        Assert.Equal(Events(whole.Dir), Events(stopped));
    }
}
