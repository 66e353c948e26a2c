using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests.Cluster;

/// <summary>
/// An example scenario run at full speed, on one node or a cluster, with its report.json and events.jsonl as written,
/// for tests that compare a disturbed cluster run with one node's byte for byte.
/// </summary>
internal static class ExampleRuns
{
    /// <summary>The files written, how many times the run started, and where each later attempt went on from (null: genesis).</summary>
    public sealed record Outcome(byte[] Report, byte[] Events, int Attempts, IReadOnlyList<Model.Duration?> RestartedFrom);

    public static Task<Outcome> RunAsync(string example, ClusterTarget? target, Action<RunProgress>? progress = null,
        TimeSpan? checkpointEvery = null) =>
        RunTextAsync(Examples.Text(example), example, target, progress, checkpointEvery);

    /// <summary>A scenario's <paramref name="text"/> (an example edited), run as <see cref="RunAsync"/> runs an example.</summary>
    public static async Task<Outcome> RunTextAsync(string text, string example, ClusterTarget? target, Action<RunProgress>? progress = null,
        TimeSpan? checkpointEvery = null)
    {
        var dir = Directory.CreateTempSubdirectory("meshsec-example-").FullName;
        try
        {
            var options = new RunOptions(JournalSettings.Memory, OutDir: dir, SpeedMax: true, Cluster: target)
            {
                CheckpointEvery = checkpointEvery ?? ScenarioRunner.DefaultCheckpointEvery,
            };
            var runner = new ScenarioRunner(ScenarioParser.Parse(text, example), options, NullLoggerFactory.Instance,
                progress is null ? null : new Inline(progress));
            var report = await runner.RunAsync();
            Assert.NotNull(report);
            Assert.True(report.Result.Ok, $"{example} failed its own checks");
            await ReportWriter.WriteAllAsync(dir, report, runner.Series, new WallTimings(TimeSpan.Zero, 0));
            return new(await File.ReadAllBytesAsync(Path.Combine(dir, "report.json")),
                await File.ReadAllBytesAsync(Path.Combine(dir, "events.jsonl")), runner.Attempts, runner.RestartedFrom);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Progress handled on the runner's own thread, at once (Progress&lt;T&gt; would post it).</summary>
    private sealed class Inline(Action<RunProgress> handle) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => handle(value);
    }
}
