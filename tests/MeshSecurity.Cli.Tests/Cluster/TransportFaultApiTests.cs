using System.Text;
using System.Text.Json.Nodes;
using Akka.Actor;
using MeshSecurity.Cli.Cluster;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// The member faults of `meshsec chaos` through the control API: node.partition cuts the transport under the cluster
/// (the other member finds this one unreachable, as with a pulled cable) and heal joins them again; node.pause stops the
/// member's process (SIGSTOP) for the seconds asked, and it goes on afterwards.
/// </summary>
[Collection(Deploy.LocalClusterCollection.Name)]
public sealed class TransportFaultApiTests
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Silence is suspected after 2 s; the resolver waits long enough that heal comes before anyone is downed.</summary>
    private static readonly string QuickSuspicion = Write(
        "akka.cluster.failure-detector { acceptable-heartbeat-pause = 2s, heartbeat-interval = 500ms }\n" +
        "akka.cluster.split-brain-resolver.stable-after = 120s\n");

    [Fact]
    public async Task A_partition_makes_the_member_unreachable_to_the_other_and_heal_joins_them_again()
    {
        await using var cluster = LoopbackCluster.Start(2, configFile: QuickSuspicion, transportFaults: true);
        await using var api = await ControlApi.StartAsync(cluster.Members[0], new NodeSettings { ControlPort = 0 },
            NullLoggerFactory.Instance, () => { });
        var url = new Uri(api.Urls.First());
        var (cut, other) = (Akka.Cluster.Cluster.Get(cluster.Members[0]).SelfAddress, Akka.Cluster.Cluster.Get(cluster.Members[1]));
        await Until(() => other.State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == 3, "the cluster is up");

        var member = $"{other.SelfAddress.Host}:{other.SelfAddress.Port}";
        var (code, said) = await PostAsync(url, "node.partition", new() { ["member"] = member });

        Assert.True(code == 200, said.ToJsonString());
        Assert.Equal($"node.partition from {other.SelfAddress}", said["targets"]![0]!.GetValue<string>());
        await Until(() => other.State.Unreachable.Any(m => m.Address == cut), "the partitioned member is unreachable to the other");
        var status = JsonNode.Parse(await _http.GetStringAsync(new Uri(url, "/chaos/status")))!;
        Assert.True(status["member"]!["transport_faults"]!.GetValue<bool>());
        Assert.Single(status["member"]!["faults"]!.AsArray());

        var (healed, answer) = await PostAsync(url, "heal", []);
        Assert.True(healed == 200, answer.ToJsonString());
        await Until(() => other.State.Unreachable.IsEmpty, "heal made the member reachable again");
        status = JsonNode.Parse(await _http.GetStringAsync(new Uri(url, "/chaos/status")))!;
        Assert.Empty(status["member"]!["faults"]!.AsArray());
    }

    [Fact]
    public async Task A_paused_member_process_stops_for_the_seconds_asked_then_goes_on()
    {
        await using var nodes = await LocalNodes.StartAsync(1, "memory", TimeSpan.FromSeconds(60));

        var (code, said) = await PostAsync(nodes.Control(0), "node.pause", new() { ["for"] = "3" });

        Assert.True(code == 200, said.ToJsonString());
        await Until(() => State(nodes.Pid(0)) == 'T', "the process is stopped");
        await Until(() => State(nodes.Pid(0)) != 'T', "the process goes on after the pause");
        Assert.True((await _http.GetAsync(new Uri(nodes.Control(0), "/health"))).IsSuccessStatusCode, nodes.Logs());
    }

    /// <summary>The process state letter of /proc/PID/stat (T: stopped).</summary>
    private static char State(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[stat.LastIndexOf(')') + 2];
    }

    private async Task<(int Code, JsonObject Body)> PostAsync(Uri url, string fault, JsonObject body)
    {
        var response = await _http.PostAsync(new Uri(url, $"/chaos/{fault}"), new StringContent(body.ToJsonString(), Encoding.UTF8,
            "application/json"));
        return ((int)response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Polls a condition the cluster reaches on its own, within a bound.</summary>
    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"not within 30 s: {what}");
            await Task.Delay(100);
        }
    }

    private static string Write(string hocon)
    {
        var path = Path.Combine(Path.GetTempPath(), $"meshsec-quick-suspicion-{Environment.ProcessId}.conf");
        File.WriteAllText(path, hocon);
        return path;
    }
}
