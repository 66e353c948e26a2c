using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests.Support;

/// <summary>Runs a scenario written in a test, in memory and at full speed.</summary>
internal static class Runs
{
    public static async Task<RunReport> Of(string text)
    {
        var runner = new ScenarioRunner(Parse.Ok(text), new RunOptions(JournalSettings.Memory, SpeedMax: true), NullLoggerFactory.Instance);
        var report = await runner.RunAsync();
        Assert.NotNull(report);
        return report;
    }
}
