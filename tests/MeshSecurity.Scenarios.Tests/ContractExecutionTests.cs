using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// Every example scenario gives the same report.json, app hashes included, whether its chains run contract code in
/// their own turn (inline, the default) or in each contract's actor.
/// </summary>
public sealed class ContractExecutionTests
{
    /// <summary>
    /// Every file in hocon/scenarios/ (copied next to the tests), so a new example is covered without a new row (a theory
    /// without rows fails).
    /// </summary>
    public static TheoryData<string> ExampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.GetDirectoryName(Examples.PathOf("x"))!, "*.conf").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    private static async Task<RunReport> Run(string example, ContractExecution mode)
    {
        var scenario = ScenarioParser.ParseFile(Examples.PathOf(example));
        var runner = new ScenarioRunner(scenario, new RunOptions(JournalSettings.Memory, SpeedMax: true, Contracts: mode),
            NullLoggerFactory.Instance);
        var report = await runner.RunAsync();
        Assert.NotNull(report);
        Assert.True(report.Result.Ok, $"{example} ({mode}) failed its own checks");
        return report;
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public async Task Inline_and_actor_execution_give_the_same_report(string example)
    {
        var inline = await Run(example, ContractExecution.Inline);
        var actor = await Run(example, ContractExecution.Actor);

        Assert.Equal(inline.Chains.Select(c => (c.Id, c.Height, c.AppHash)), actor.Chains.Select(c => (c.Id, c.Height, c.AppHash)));
        Assert.All(inline.Chains, c => Assert.True(c.Height > 1, $"{c.Id} produced no blocks"));
        Assert.Equal(ReportWriter.Json(inline), ReportWriter.Json(actor)); // report.json, byte for byte
    }
}
