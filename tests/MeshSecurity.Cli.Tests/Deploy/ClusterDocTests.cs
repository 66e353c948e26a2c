using System.Text.RegularExpressions;
using Env = MeshSecurity.Emulator.Hosting.NodeSettings.Environment;

namespace MeshSecurity.Cli.Tests.Deploy;

/// <summary>docs/cluster.md says what docker-compose.yml, deploy/local-cluster.sh and NodeSettings do, and keeps saying it.</summary>
public class ClusterDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(RepoFiles.Root, "docs", "cluster.md"));
    private static readonly ComposeFile Compose = ComposeFile.Load(Path.Combine(RepoFiles.Root, "docker-compose.yml"));

    [Fact]
    public void The_variables_table_lists_every_MESHSEC_variable_a_node_reads()
    {
        var listed = Regex.Matches(Doc, @"^\| `(MESHSEC_[A-Z_]+)` \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        Assert.Equal(Env.All.Order(), listed.Order());
    }

    [Fact]
    public void The_compose_commands_name_its_services_and_its_seed()
    {
        Assert.Contains("docker compose up --build --scale node=5", Doc);
        var run = Regex.Match(Doc, @"docker compose run .* (\w+) \\\n\s+run --cluster (\S+) ");
        Assert.True(run.Success, "docs/cluster.md shows no `docker compose run ... SERVICE run --cluster SEED`");
        Assert.Contains(run.Groups[1].Value, Compose.Services.Keys);
        Assert.DoesNotContain(run.Groups[1].Value, Compose.Members.Select(m => m.Key)); // a driver, not a member
        Assert.Equal(Compose.Services["node"].Env(Env.Seeds), run.Groups[2].Value);
        var grace = ComposeFile.Duration(Compose.Services["seed"].StopGracePeriod!);
        var said = Regex.Match(Doc, @"Docker waits\s+(\d+) s \(`stop_grace_period`\)");
        Assert.Equal($"{grace.TotalSeconds}", said.Groups[1].Value);
    }

    [Fact]
    public void Every_option_of_the_local_script_the_doc_shows_is_one_it_takes()
    {
        var script = File.ReadAllText(LocalCluster.Script);
        var shown = Regex.Matches(Doc, @"^\| `(--[a-z-]+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("--nodes", shown);
        foreach (var option in shown) Assert.Contains($"    {option}) ", script);
    }
}
