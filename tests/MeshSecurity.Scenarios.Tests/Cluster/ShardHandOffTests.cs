using System.Text;
using System.Text.Json.Nodes;
using Akka.Actor;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Tests;
using MeshSecurity.Scenarios.Running;

namespace MeshSecurity.Scenarios.Tests.Cluster;

/// <summary>
/// shard.handoff on a live cluster run (`meshsec chaos shard.handoff`): the provider chain's shard moves to another
/// member a third of the way through a slash storm, the chain rebuilds itself there from its journal, and the run goes on
/// without starting again. Apart from the injected fault's own record, the report and events are those of the same
/// scenario on one node, byte for byte: nothing sent to the chain during the move was dropped or applied twice. The
/// members share a PostgreSQL journal, as a cluster's do (with memory journals the fault is refused: a chain would start
/// on its new member without its history).
/// </summary>
public sealed class ShardHandOffTests
{
    [PostgresFact]
    public async Task A_chain_handed_off_mid_run_goes_on_elsewhere_and_the_history_is_one_nodes()
    {
        var single = await ExampleRuns.RunAsync("slash-propagation.conf", null);

        await using var schema = await PostgresSchema.CreateAsync();
        await using var cluster = LoopbackCluster.Start(3, journal: JournalSettings.Postgres(schema.ConnectionString));
        var asked = cluster.Members[0];
        var seed = Akka.Cluster.Cluster.Get(asked).SelfAddress.ToString();
        ChaosReply? reply = null;
        var target = new ClusterTarget([seed], MeshPlacement.Spread, MinMembers: 3);
        var clustered = await ExampleRuns.RunAsync("slash-propagation.conf", target, p =>
        {
            // once, a third of the way through the run's timeline; the clock waits for this thread, and the hand-off holds it too
            if (reply is not null || p.Phase != "running" || p.Elapsed.Nanos * 3 < p.Total.Nanos) return;
            var fault = ChaosFault.Named("shard.handoff")!;
            reply = asked.ActorSelection($"/user/{MeshNode.Name}")
                .Ask<ChaosReply>(new ChaosRequest.Inject(null, fault, null, null, "hub"), TimeSpan.FromSeconds(60))
                .GetAwaiter().GetResult();
        });

        var done = Assert.IsType<ChaosReply.Done>(reply);
        Assert.Equal("hub", done.Targets[0]);
        var move = done.Targets[1].Split(" -> ");
        Assert.NotEqual(move[0], move[1]);
        Assert.Equal(1, clustered.Attempts);
        Assert.Equal(WithoutFaults(single.Events), WithoutFaults(clustered.Events));
        Assert.Equal(ReportWithoutFaults(single.Report), ReportWithoutFaults(clustered.Report));
        Assert.Contains("\"shard.handoff\"", Encoding.UTF8.GetString(clustered.Events), StringComparison.Ordinal);
    }

    private static string WithoutFaults(byte[] events) => string.Join('\n', Encoding.UTF8.GetString(events).Split('\n')
        .Where(l => !l.Contains("\"chaos_injected\"", StringComparison.Ordinal)));

    private static string ReportWithoutFaults(byte[] report)
    {
        var json = JsonNode.Parse(report)!.AsObject();
        json.Remove("faults");
        return json.ToJsonString();
    }
}
