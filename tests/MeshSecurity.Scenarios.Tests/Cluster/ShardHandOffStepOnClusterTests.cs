using System.Text.Json.Nodes;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Tests;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests.Cluster;

/// <summary>
/// shard.handoff as a scenario step on a cluster run: at the step's time the driver moves the chain's shard to the next
/// member (as `meshsec chaos shard.handoff` would), the chain rebuilds itself there from the shared journal, and the run
/// goes on. Handing off the provider while its five cross-stakes wait in its mempool, and the double-signer as its
/// evidence arrives, gives the report.json and events.jsonl of the same scenario with `advance` markers in the steps'
/// places (run on one node), byte for byte, but for the steps' own records, which say where each chain went. Members that
/// journal in memory refuse the run before any window, at the steps' `chaos` keys.
/// </summary>
public sealed class ShardHandOffStepOnClusterTests
{
    [PostgresFact]
    public async Task A_hand_off_step_moves_the_chain_to_the_next_member_and_the_history_is_the_marker_runs()
    {
        var plain = await ExampleRuns.RunTextAsync(HandOffEdits.WithMarkers(), HandOffEdits.Example, null);

        await using var schema = await PostgresSchema.CreateAsync();
        await using var cluster = LoopbackCluster.Start(2, journal: JournalSettings.Postgres(schema.ConnectionString));
        var seed = Akka.Cluster.Cluster.Get(cluster.Members[0]).SelfAddress.ToString();
        var target = new ClusterTarget([seed], MeshPlacement.Spread, MinMembers: 2);
        var handedOff = await ExampleRuns.RunTextAsync(HandOffEdits.WithHandOffs(), HandOffEdits.Example, target);

        Assert.Equal(1, handedOff.Attempts);
        var records = HandOffEdits.AssertSameEventsBut(plain.Events, handedOff.Events);
        Assert.Equal(HandOffEdits.WithoutHandOffs(plain.Report), HandOffEdits.WithoutHandOffs(handedOff.Report));
        // each names its chain and the move, between the two members
        var members = cluster.Members.Select(m => Akka.Cluster.Cluster.Get(m).SelfAddress.ToString()).ToList();
        foreach (var (record, chain) in records.Zip(["hub", "juno"]))
        {
            var targets = JsonNode.Parse(record)!["targets"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
            Assert.Equal(chain, targets[0]);
            var move = targets[1].Split(" -> ");
            Assert.NotEqual(move[0], move[1]);
            Assert.All(move, m => Assert.Contains(m, members));
        }
        // the steps came out as done, not refused
        var steps = JsonNode.Parse(handedOff.Report)!["steps"]!.AsArray().Where(s => s!["action"]!.GetValue<string>() == "chaos");
        Assert.All(steps, s => Assert.True(s!["ok"]!.GetValue<bool>(), s!.ToJsonString()));
    }

    [Fact]
    public async Task Members_that_journal_in_memory_refuse_the_run_at_the_steps_chaos_keys()
    {
        var text = HandOffEdits.WithHandOffs();
        await using var cluster = LoopbackCluster.Start(1);
        var seed = Akka.Cluster.Cluster.Get(cluster.Members[0]).SelfAddress.ToString();
        var options = new RunOptions(JournalSettings.Memory, SpeedMax: true, Cluster: new ClusterTarget([seed]));
        var runner = new ScenarioRunner(ScenarioParser.Parse(text, HandOffEdits.Example), options, NullLoggerFactory.Instance);

        var refused = await Assert.ThrowsAsync<ScenarioException>(() => runner.RunAsync());

        var (line, file) = (HandOffEdits.Line(text), HandOffEdits.Example);
        Assert.Equal([$"{file}:{line}:77: steps[7].chaos", $"{file}:{line}:126: steps[8].chaos"],
            refused.Errors.Select(e => $"{e.File}:{e.Line}:{e.Column}: {e.Key}"));
        Assert.All(refused.Errors, e => Assert.Contains("a journal they share", e.Message, StringComparison.Ordinal));
    }
}
