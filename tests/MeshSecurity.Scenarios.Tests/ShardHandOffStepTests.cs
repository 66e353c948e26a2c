using System.Text;
using System.Text.Json.Nodes;
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
    private const string Example = "slash-propagation.conf";

    // on the last step's line, after it: no other step moves (line or column). Steps are numbered in time order and
    // their transactions named by that number, so the run without the hand-offs has markers (`advance`) in their place
    private const string LastStep = "{ at = 20m, action = double-sign, chain = juno, validator = juno-val-1 }";

    private static readonly string HandOffs =
        LastStep + ", { at = 6m, chaos = shard.handoff, chain = hub }, { at = 20m, chaos = shard.handoff, chain = juno }";

    private static readonly string Markers = LastStep + ", { at = 6m, action = advance }, { at = 20m, action = advance }";

    [Fact]
    public async Task A_chain_handed_off_in_place_loses_nothing_and_applies_nothing_twice()
    {
        var text = Examples.Text(Example);
        var plain = await RunAsync(text.Replace(LastStep, Markers, StringComparison.Ordinal));
        var handedOff = await RunAsync(text.Replace(LastStep, HandOffs, StringComparison.Ordinal));

        var records = Lines(handedOff.Events).Where(l => l.Contains("\"chaos_injected\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Contains("\"shard.handoff\"", r, StringComparison.Ordinal));
        var (expected, actual) = (Lines(plain.Events).ToList(), Lines(handedOff.Events).Where(l => !records.Contains(l)).ToList());
        var first = Enumerable.Range(0, Math.Min(expected.Count, actual.Count)).FirstOrDefault(i => expected[i] != actual[i], -1);
        Assert.True(first < 0 && expected.Count == actual.Count,
            first < 0
                ? $"{expected.Count} lines, {actual.Count} with the hand-offs"
                : $"line {first}:\n{expected[first]}\n{actual[first]}");
        Assert.Equal(WithoutHandOffs(plain.Report), WithoutHandOffs(handedOff.Report));
        // each chain did stop and rebuild itself from its journal, at the height it had reached
        Assert.Empty(plain.Recovered);
        Assert.Equal(["hub", "juno"], handedOff.Recovered.Select(r => r.ChainId));
        Assert.All(handedOff.Recovered, r => Assert.True(r.ToHeight > 50, $"{r.ChainId} rebuilt to {r.ToHeight}"));
    }

    [Fact]
    public async Task With_the_memory_journal_the_run_is_refused_at_the_steps_chaos_key()
    {
        var text = Examples.Text(Example).Replace(LastStep, HandOffs, StringComparison.Ordinal);
        var runner = new ScenarioRunner(ScenarioParser.Parse(text, Example), new RunOptions(JournalSettings.Memory, SpeedMax: true),
            NullLoggerFactory.Instance);
        var refused = await Assert.ThrowsAsync<ScenarioException>(() => runner.RunAsync());
        var line = text.Split('\n').ToList().FindIndex(l => l.Contains(HandOffs, StringComparison.Ordinal)) + 1;
        Assert.Equal([$"{Example}:{line}:77: steps[7].chaos", $"{Example}:{line}:126: steps[8].chaos"],
            refused.Errors.Select(e => $"{e.File}:{e.Line}:{e.Column}: {e.Key}"));
        Assert.All(refused.Errors, e => Assert.Contains("with the memory journal a chain handed off would lose its history", e.Message,
            StringComparison.Ordinal));
    }

    [Fact]
    public void A_drawn_hand_off_is_written_out_as_a_step_that_parses_back()
    {
        var fault = new ChaosSpec.ShardHandOff("juno");
        Assert.Equal("chaos = shard.handoff, chain = juno", fault.ToHocon());
        var text = Examples.Text(Example).Replace(LastStep, LastStep + ", { at = 7m, " + fault.ToHocon() + " }", StringComparison.Ordinal);
        var step = ScenarioParser.Parse(text, Example).Steps.OfType<ScenarioStep.Chaos>().Single();
        Assert.Equal(fault, step.Fault);
        Assert.False(step.Fault.Lasting);
    }

    private static IEnumerable<string> Lines(byte[] events) => Encoding.UTF8.GetString(events).Split('\n');

    /// <summary>report.json without the hand-offs (and the markers in their place) and the faults timeline they make.</summary>
    private static string WithoutHandOffs(byte[] report)
    {
        var json = JsonNode.Parse(report)!.AsObject();
        json.Remove("faults");
        var steps = json["steps"]!.AsArray();
        foreach (var step in steps.Where(s => s!["action"]!.GetValue<string>() is "chaos" or "advance").ToList()) steps.Remove(step);
        return json.ToJsonString();
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
