using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// shard.handoff as a scenario step on the embedded node: the chain's entity stops between windows (journaling what it
/// took in since its last block) and starts again from its snapshot and journal. Handing off the provider while its
/// five cross-stakes wait in its mempool, and the double-signer as its evidence arrives, changes nothing in the run's
/// report.json and events.jsonl but the step's own records. With the memory journal the run is refused, at the step.
/// </summary>
public sealed class ShardHandOffStepTests
{
    private const string Example = HandOffEdits.Example;

    [Fact]
    public async Task A_chain_handed_off_in_place_loses_nothing_and_applies_nothing_twice()
    {
        var plain = await RunAsync(HandOffEdits.WithMarkers());
        var handedOff = await RunAsync(HandOffEdits.WithHandOffs());

        HandOffEdits.AssertSameEventsBut(plain.Events, handedOff.Events);
        Assert.Equal(HandOffEdits.WithoutHandOffs(plain.Report), HandOffEdits.WithoutHandOffs(handedOff.Report));
        // each chain did stop and rebuild itself from its journal, at the height it had reached
        Assert.Empty(plain.Recovered);
        Assert.Equal(["hub", "juno"], handedOff.Recovered.Select(r => r.ChainId));
        Assert.All(handedOff.Recovered, r => Assert.True(r.ToHeight > 50, $"{r.ChainId} rebuilt to {r.ToHeight}"));
    }

    [Fact]
    public async Task With_the_memory_journal_the_run_is_refused_at_the_steps_chaos_key()
    {
        var text = HandOffEdits.WithHandOffs();
        var runner = new ScenarioRunner(ScenarioParser.Parse(text, Example), new RunOptions(JournalSettings.Memory, SpeedMax: true),
            NullLoggerFactory.Instance);
        var refused = await Assert.ThrowsAsync<ScenarioException>(() => runner.RunAsync());
        var line = HandOffEdits.Line(text);
        Assert.Equal([$"{Example}:{line}:77: steps[7].chaos", $"{Example}:{line}:126: steps[8].chaos"],
            refused.Errors.Select(e => $"{e.File}:{e.Line}:{e.Column}: {e.Key}"));
        Assert.All(refused.Errors, e => Assert.Contains("with the memory journal a chain handed off would lose its history", e.Message,
            StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "chaos = shard.handoff, chain = juno")]
    [InlineData("127.0.0.1:4055", "chaos = shard.handoff, chain = juno, member = \"127.0.0.1:4055\"")]
    public void A_drawn_hand_off_is_written_out_as_a_step_that_parses_back(string? member, string hocon)
    {
        var fault = new ChaosSpec.ShardHandOff("juno", member);
        Assert.Equal(hocon, fault.ToHocon());
        var text = HandOffEdits.WithAfterLastStep("{ at = 7m, " + fault.ToHocon() + " }");
        var step = ScenarioParser.Parse(text, Example).Steps.OfType<ScenarioStep.Chaos>().Single();
        Assert.Equal(fault, step.Fault);
        Assert.False(step.Fault.Lasting);
    }

    [Fact]
    public async Task A_member_to_move_to_is_refused_on_the_embedded_node_at_the_steps_member_key()
    {
        var text = HandOffEdits.WithAfterLastStep("{ at = 7m, chaos = shard.handoff, chain = juno, member = \"127.0.0.1:4055\" }");
        var dir = Directory.CreateTempSubdirectory("meshsec-handoff-").FullName;
        try
        {
            var options = new RunOptions(new JournalSettings(Path.Combine(dir, "journal.db")), SpeedMax: true);
            var runner = new ScenarioRunner(ScenarioParser.Parse(text, Example), options, NullLoggerFactory.Instance);
            var refused = await Assert.ThrowsAsync<ScenarioException>(() => runner.RunAsync());
            var error = Assert.Single(refused.Errors);
            Assert.Equal("steps[7].member", error.Key);
            Assert.Contains("on the embedded node a chain is handed off in place", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(byte[] Report, byte[] Events, IReadOnlyList<Emulator.Events.ChainRecovered> Recovered)> RunAsync(
        string text)
    {
        var dir = Directory.CreateTempSubdirectory("meshsec-handoff-").FullName;
        try
        {
            var journal = new JournalSettings(Path.Combine(dir, "journal.db"));
            var options = new RunOptions(journal, OutDir: dir, SpeedMax: true);
            var runner = new ScenarioRunner(ScenarioParser.Parse(text, Example), options, NullLoggerFactory.Instance);
            var report = await runner.RunAsync();
            Assert.NotNull(report);
            Assert.True(report.Result.Ok, "the run failed its own checks");
            await ReportWriter.WriteAllAsync(dir, report, runner.Series, new WallTimings(TimeSpan.Zero, 0));
            return (await File.ReadAllBytesAsync(Path.Combine(dir, "report.json")),
                await File.ReadAllBytesAsync(Path.Combine(dir, "events.jsonl")), [.. runner.Recoveries]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
