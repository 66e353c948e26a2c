using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Cli.Tests;

public class ResumeTests
{
    private static async Task<string?> Run(Scenario scenario, string journal, Duration? stopAfter = null)
    {
        var runner = new ScenarioRunner(scenario, new RunOptions(new JournalSettings(journal), StopAfter: stopAfter), NullLoggerFactory.Instance);
        var report = await runner.RunAsync();
        return report is null ? null : ReportWriter.Json(report);
    }

    [Fact]
    public async Task A_run_killed_mid_way_and_resumed_from_its_journal_ends_with_the_same_report_as_an_uninterrupted_run()
    {
        var scenario = ScenarioParser.ParseFile(RepoFiles.Scenario("quickstart.conf"));
        var dir = RepoFiles.TempDir();

        var uninterrupted = await Run(scenario, Path.Combine(dir, "whole.db"));

        // the first attempt stops a third of the way in, as if the process had been killed: its journal holds what it committed
        var journal = Path.Combine(dir, "interrupted.db");
        var interrupted = await Run(scenario, journal, new Duration(scenario.Duration.Nanos / 3));
        Assert.Null(interrupted);
        Assert.True(new FileInfo(journal).Length > 0);

        var resumed = await Run(scenario, journal);

        Assert.NotNull(uninterrupted);
        Assert.Equal(uninterrupted, resumed);
        Assert.Contains("\"name\": \"resumed run matches its journal\",\n      \"ok\": true", resumed!.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task The_same_seed_gives_a_byte_identical_report()
    {
        var scenario = ScenarioParser.ParseFile(RepoFiles.Scenario("claims.conf"));
        var first = await Run(scenario, Path.Combine(RepoFiles.TempDir(), "a.db"));
        var second = await Run(scenario, Path.Combine(RepoFiles.TempDir(), "b.db"));
        Assert.NotNull(first);
        Assert.Equal(first, second);
    }
}
