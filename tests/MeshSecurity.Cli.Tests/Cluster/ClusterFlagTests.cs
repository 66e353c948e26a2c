using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>meshsec run's cluster flags: misused, or pointed at no cluster, they are bad input (exit 2) with one clear line.</summary>
[Collection("console")]
public class ClusterFlagTests
{
    [Theory]
    [InlineData(new[] { "--placement", "spread" }, "go with --cluster ADDRESS")]
    [InlineData(new[] { "--cluster", "127.0.0.1:4053" }, "is not an address like akka.tcp://meshsec@127.0.0.1:4053")]
    [InlineData(new[] { "--cluster", "akka.tcp://other@127.0.0.1:4053" }, "is not an address like")]
    [InlineData(new[] { "--cluster", "" }, "--cluster needs a seed address like akka.tcp://meshsec@127.0.0.1:4053")]
    [InlineData(new[] { "--cluster", " , " }, "--cluster needs a seed address like")]
    [InlineData(new[] { "--cluster", "akka.tcp://meshsec@127.0.0.1:4053", "--journal", "memory" }, "drop --journal")]
    [InlineData(new[] { "--cluster", "akka.tcp://meshsec@127.0.0.1:4053", "--placement", "diagonal" }, "co-located or spread")]
    [InlineData(new[] { "--cluster", "akka.tcp://meshsec@127.0.0.1:4053", "--min-nodes", "0" }, "--min-nodes must be 1 or more")]
    [InlineData(new[] { "--cluster", "akka.tcp://meshsec@127.0.0.1:4053", "--restarts", "-1" }, "--restarts must be 0 to 100")]
    [InlineData(new[] { "--restarts", "2" }, "--restarts go with --cluster ADDRESS")]
    public async Task A_misused_cluster_flag_exits_2_before_anything_runs(string[] flags, string said)
    {
        var dir = RepoFiles.TempDir();
        var (code, _, err) = await MeshsecCli.Run(["run", RepoFiles.Scenario("claims.conf"), "--out", dir, .. flags]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(said, err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "report.json")), "nothing ran");
    }

    [Fact]
    public async Task A_cluster_that_does_not_answer_is_named_with_what_to_check_and_exit_2()
    {
        var dir = RepoFiles.TempDir();
        using var nobody = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        nobody.Start();
        var port = ((System.Net.IPEndPoint)nobody.LocalEndpoint).Port;
        nobody.Stop();

        var (code, output, err) = await MeshsecCli.Process(dir, "run", RepoFiles.Scenario("claims.conf"), "--out", dir,
            "--cluster", $"akka.tcp://meshsec@127.0.0.1:{port}", "--join-timeout", "3");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"--cluster akka.tcp://meshsec@127.0.0.1:{port}: no cluster took this driver in within 3 s", err,
            StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "report.json")), "nothing ran");
        // meshsec's own words only: Akka's refused associations and join retries go to meshsec.log, not the console
        Assert.DoesNotContain("Akka", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Remoting shut down", output, StringComparison.Ordinal);
        Assert.Contains("Tried to associate with unreachable remote address", File.ReadAllText(Path.Combine(dir, "meshsec.log")),
            StringComparison.Ordinal);
    }
}
