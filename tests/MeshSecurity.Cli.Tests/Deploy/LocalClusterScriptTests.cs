using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeshSecurity.Emulator.Tests;
using Npgsql;

namespace MeshSecurity.Cli.Tests.Deploy;

/// <summary>
/// deploy/local-cluster.sh: the cluster of docker-compose.yml as local processes. Real nodes (the meshsec.dll these
/// tests build) come up, answer `status` and go down by SIGTERM, leaving no process behind; each run is bounded.
/// </summary>
[Collection(ScriptedClusterCollection.Name)]
public class LocalClusterScriptTests
{
    private static readonly TimeSpan UpBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CommandBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_script_is_valid_bash()
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["-n", LocalCluster.Script]) { RedirectStandardError = true };
        using var bash = System.Diagnostics.Process.Start(start)!;
        var errors = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0, errors);
    }

    [Theory]
    [InlineData("restart", "usage:")]
    [InlineData("up --nodes 0", "--nodes must be 1 to 50")]
    [InlineData("up --journal sqlite:x.db", "--journal must be memory or postgres:")]
    [InlineData("up --port 4053 --control-port 4054", "overlap")]
    [InlineData("up --timeout", "--timeout needs a value")]
    [InlineData("down --dir", "--dir needs a value")]
    public async Task A_bad_command_line_exits_2_saying_what_is_wrong(string commandLine, string said)
    {
        var (code, _, errors) = await LocalCluster.Bash(CommandBound, null, commandLine.Split(' '));
        Assert.Equal(2, code);
        Assert.Contains(said, errors);
        Assert.Contains("usage:", errors);
    }

    [Fact]
    public void Down_waits_for_a_node_as_long_as_docker_compose_does()
    {
        var grace = Regex.Match(File.ReadAllText(LocalCluster.Script), @"(?m)^grace=(\d+)$");
        Assert.True(grace.Success, "deploy/local-cluster.sh sets no grace=SECONDS");
        var compose = ComposeFile.Load(Path.Combine(RepoFiles.Root, "docker-compose.yml"));
        foreach (var member in compose.Members.Select(m => m.Value))
            Assert.Equal(ComposeFile.Duration(member.StopGracePeriod!), TimeSpan.FromSeconds(int.Parse(grace.Groups[1].Value)));
    }

    [Fact]
    public async Task Two_nodes_on_the_memory_journal_come_up_answer_status_and_leave_on_down()
    {
        await using var cluster = new LocalCluster(2);
        await UpStatusDown(cluster, "--journal", "memory");
    }

    [PostgresFact]
    public async Task Two_nodes_share_the_postgres_server_MESHSEC_CLUSTER_POSTGRES_names()
    {
        var schema = "cluster_" + Guid.NewGuid().ToString("N")[..12];
        await using var admin = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", admin)) await create.ExecuteNonQueryAsync();
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { SearchPath = schema };
            var environment = new Dictionary<string, string?> { ["MESHSEC_CLUSTER_POSTGRES"] = connection.ConnectionString };
            await using var cluster = new LocalCluster(2, environment);
            var up = await UpStatusDown(cluster);
            Assert.Contains("journal postgres (MESHSEC_CLUSTER_POSTGRES)", up);
            foreach (var node in new[] { 1, 2 })
            {
                Assert.Contains("journal postgres:Host=", cluster.Log(node));
                if (!string.IsNullOrEmpty(connection.Password)) Assert.DoesNotContain($"Password={connection.Password}", cluster.Log(node));
            }
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [PostgresFact]
    public async Task Without_a_server_named_the_script_starts_and_stops_a_private_postgres()
    {
        await using var cluster = new LocalCluster(2, new Dictionary<string, string?> { ["MESHSEC_CLUSTER_POSTGRES"] = null });
        var pgPort = cluster.SparePort;
        var up = await UpStatusDown(cluster, "--pg-port", pgPort.ToString());
        Assert.Contains($"PostgreSQL started on 127.0.0.1:{pgPort}", up);
        var pgDir = Regex.Match(up, @"PostgreSQL started on \S+ \((.+)\)").Groups[1].Value;
        Assert.False(Directory.Exists(pgDir), $"down left the private server's folder {pgDir}");
    }

    /// <summary>up (2 nodes), status, down; returns what up printed, once every node has gone.</summary>
    private static async Task<string> UpStatusDown(LocalCluster cluster, params string[] upOptions)
    {
        var up = await cluster.Run(UpBound, ["up", "--nodes", "2", "--port", $"{cluster.Port}", "--control-port", $"{cluster.ControlPort}",
            "--timeout", "45", .. upOptions]);
        Assert.True(up.Code == 0, $"up exited {up.Code}\n{up.Out}\n{up.Err}");
        Assert.Contains($"seed: {cluster.SeedAddress}", up.Out);
        Assert.Contains($"run --cluster {cluster.SeedAddress} --min-nodes 2 ", up.Out);
        var pids = cluster.Pids();
        Assert.Equal(2, pids.Count);
        Assert.All(pids, pid => Assert.True(LocalCluster.Alive(pid)));

        // the seed, which let the second node in, sees both members up
        using (var http = new HttpClient { Timeout = CommandBound })
        {
            var status = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{cluster.ControlPort}/status"))!;
            var members = status["members"]!.AsArray();
            Assert.Equal(2, members.Count);
            Assert.All(members, m => Assert.Equal("up", (string?)m!["status"]));
        }
        var (code, output, errors) = await cluster.Run(CommandBound, "status");
        Assert.True(code == 0, $"status exited {code}\n{output}\n{errors}");
        Assert.Equal(2, Regex.Matches(output, @"^node \d: pid \d+, akka\.tcp://\S+, up$", RegexOptions.Multiline).Count);

        var down = await cluster.Run(TimeSpan.FromSeconds(45), "down", "--grace", "30");
        Assert.True(down.Code == 0, $"down exited {down.Code}\n{down.Out}\n{down.Err}");
        for (var node = 1; node <= 2; node++)
            Assert.Contains($"node {node} (pid {pids[node - 1]}) stopped: left the cluster on SIGTERM", down.Out);
        Assert.All(pids, pid => Assert.False(LocalCluster.Alive(pid), $"pid {pid} still runs after down"));
        Assert.Contains("meshsec node: leaving the cluster", cluster.Log(2));
        var after = await cluster.Run(CommandBound, "status");
        Assert.Equal(1, after.Code);
        return up.Out;
    }
}
