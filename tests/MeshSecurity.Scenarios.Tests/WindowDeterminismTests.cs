using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// The history is a function of the scenario and its seed only: windows as long as the lookahead, windows of one
/// instant (what a per-instant clock runs), and a run paced to a finite speed give the same report.json and
/// events.jsonl, byte for byte.
/// </summary>
public sealed class WindowDeterminismTests
{
    private sealed record Way(string Name, double? Speed, ulong? MaxWindowNanos);

    private static async Task<(byte[] Report, byte[] Events, long Windows)> Run(string example, Way way)
    {
        var scenario = ScenarioParser.ParseFile(Examples.PathOf(example));
        var dir = Path.Combine(Path.GetTempPath(), "meshsec-windows-" + Guid.NewGuid().ToString("N"));
        try
        {
            // events.jsonl is written by the run itself, slice by slice, into its output folder
            var runner = new ScenarioRunner(scenario, new RunOptions(JournalSettings.Memory, OutDir: dir, Speed: way.Speed,
                SpeedMax: way.Speed is null, MaxWindowNanos: way.MaxWindowNanos), NullLoggerFactory.Instance);
            var report = await runner.RunAsync();
            Assert.NotNull(report);
            Assert.True(report.Result.Ok, $"{example} ({way.Name}) failed its own checks");
            await ReportWriter.WriteAllAsync(dir, report, runner.Series, new WallTimings(TimeSpan.Zero, 0));
            return (await File.ReadAllBytesAsync(Path.Combine(dir, "report.json")),
                await File.ReadAllBytesAsync(Path.Combine(dir, "events.jsonl")),
                runner.Clock!.Windows);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("quickstart.conf", true)]
    [InlineData("slash-propagation.conf", false)]
    // consensus faults: a chain without two thirds of its power skips its slots and resumes at the first after the fault
    [InlineData("validator-faults.conf", false)]
    [InlineData("chain-faults.conf", false)]
    // relayer faults: a pause's release, a starved packet's timeout and the clearings come at the same instants every way
    [InlineData("relayer-faults.conf", false)]
    // net faults: racing relayers' copies, another latency and reordered singles land at the same instants every way
    [InlineData("net-faults.conf", false)]
    [InlineData("clock-faults.conf", false)]
    public async Task Lookahead_windows_one_instant_windows_and_a_paced_run_give_the_same_files(string example, bool jittered)
    {
        var lookahead = await Run(example, new Way("lookahead windows, max speed", null, null));
        var instants = await Run(example, new Way("one-instant windows", null, 1));
        var paced = await Run(example, new Way("lookahead windows, finite speed", 1_000_000, null));

        Assert.Equal(lookahead.Report, instants.Report);
        Assert.Equal(lookahead.Events, instants.Events);
        Assert.Equal(lookahead.Report, paced.Report);
        Assert.Equal(lookahead.Events, paced.Events);
        // with jittered block times the ways did differ: windows of the lookahead need fewer barriers than one per instant
        // (without jitter the chains' blocks fall on common instants, and each window holds one)
        Assert.True(jittered ? lookahead.Windows < instants.Windows : lookahead.Windows <= instants.Windows,
            $"{lookahead.Windows} lookahead windows, {instants.Windows} instants");
    }
}
