using System.Diagnostics;
using MeshSecurity.Cli.Tests.Deploy;
using MeshSecurity.Emulator.Tests;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// The README's cluster commands, run as written: the local script starts a private PostgreSQL and three nodes, the
/// quickstart runs on them while `meshsec chaos` crashes one of its chains and hands it off to another member, and down
/// stops everything. In a folder of the
/// test's own (the script, the examples and the built CLI linked in), so a developer's out/ is left alone; the README's
/// build line is the build these tests run from.
/// </summary>
[Collection(ScriptedClusterCollection.Name)]
public class ReadmeClusterTests
{
    [PostgresFact]
    public async Task The_readme_cluster_commands_run_the_quickstart_on_three_local_nodes()
    {
        var lines = CommandsOfClusterSection();
        Assert.Equal("dotnet build MeshSecurity.sln -c Release", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("deploy/local-cluster.sh up", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" run --cluster ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" chaos chain.crash ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" chaos shard.handoff ", StringComparison.Ordinal));
        Assert.Equal("deploy/local-cluster.sh down", lines[^1]);

        var dir = RepoFiles.TempDir();
        foreach (var folder in new[] { "deploy", "hocon" }) Copy(Path.Combine(RepoFiles.Root, folder), Path.Combine(dir, folder));
        var built = Path.Combine(dir, "src", "MeshSecurity.Cli", "bin", "Release");
        Directory.CreateDirectory(built);
        Directory.CreateSymbolicLink(Path.Combine(built, "net10.0"), AppContext.BaseDirectory);
        // the README's lines after its build, with `down` run whatever happens before it
        var script = "set -euo pipefail\ntrap 'deploy/local-cluster.sh down' EXIT\n" + string.Join("\n", lines[1..^1]) + "\n";
        var start = new ProcessStartInfo("bash", ["-c", script]) { WorkingDirectory = dir, RedirectStandardOutput = true,
            RedirectStandardError = true };
        start.Environment["MESHSEC_CLUSTER_POSTGRES"] = null;
        start.Environment.Remove("MESHSEC_CLI");
        using var bash = Process.Start(start)!;
        var (output, errors) = (bash.StandardOutput.ReadToEndAsync(), bash.StandardError.ReadToEndAsync());
        try
        {
            // a hang detector: beside the parallel tests on a loaded machine the 300x run fell behind (3.5 minutes in all)
            await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(8));
        }
        catch (TimeoutException)
        {
            bash.Kill(entireProcessTree: true);
            throw;
        }

        var all = await output + await errors;
        Assert.True(bash.ExitCode == 0, all);
        Assert.Contains("passed: 23 of 23 expectations", all, StringComparison.Ordinal);
        Assert.Contains("\"fault\": \"chain.crash\"", all, StringComparison.Ordinal);
        Assert.Contains("\"fault\": \"shard.handoff\"", all, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "out", "chaos", "report.json")), all);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, "out", "cluster"), "*.pid"));
    }

    /// <summary>The lines of the ```sh block in the README's "## Cluster" section.</summary>
    private static List<string> CommandsOfClusterSection()
    {
        var readme = File.ReadAllLines(Path.Combine(RepoFiles.Root, "README.md"));
        var section = Array.IndexOf(readme, "## Cluster");
        Assert.True(section >= 0, "the README has no ## Cluster section");
        var open = Array.IndexOf(readme, "```sh", section);
        var close = Array.IndexOf(readme, "```", open + 1);
        return [.. readme[(open + 1)..close].Where(l => l.Trim().Length > 0)];
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var sub in Directory.GetDirectories(from)) Copy(sub, Path.Combine(to, Path.GetFileName(sub)));
    }
}
