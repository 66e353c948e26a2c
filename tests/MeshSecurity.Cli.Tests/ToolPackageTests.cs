using System.Diagnostics;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// The README's install: the CLI packed as a dotnet tool from the build output, installed from that folder, runs as
/// `meshsec` (here into a tool path of the test's own, not the user's global tools).
/// </summary>
public class ToolPackageTests
{
    [Fact]
    public async Task The_cli_packs_as_a_dotnet_tool_that_installs_and_validates_a_scenario()
    {
        var dir = RepoFiles.TempDir();
        var (packages, tools) = (Path.Combine(dir, "nupkg"), Path.Combine(dir, "tools"));
        // the solution is built (the tests run from it): pack what is there
        var pack = await Dotnet(RepoFiles.Root, "pack", Path.Combine("src", "MeshSecurity.Cli"), "-c", "Release", "--no-build", "-o",
            packages);
        Assert.True(pack.Code == 0, pack.Output);
        Assert.Single(Directory.GetFiles(packages, "MeshSecurity.Cli.*.nupkg"));

        var install = await Dotnet(dir, "tool", "install", "MeshSecurity.Cli", "--tool-path", tools, "--add-source", packages);
        Assert.True(install.Code == 0, install.Output);

        var meshsec = new ProcessStartInfo(Path.Combine(tools, "meshsec")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "validate", RepoFiles.Scenario("quickstart.conf") }) meshsec.ArgumentList.Add(a);
        using var p = Process.Start(meshsec)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(0, p.ExitCode);
        Assert.Contains("quickstart.conf: ok", output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> Dotnet(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true,
            RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var (o, e) = (p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (p.ExitCode, await o + await e);
    }
}
