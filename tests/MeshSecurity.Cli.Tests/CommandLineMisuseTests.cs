using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>A mistyped command line is bad input (exit 2), so a script can tell a typo from failed expectations (exit 1).</summary>
[Collection("console")]
public class CommandLineMisuseTests
{
    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "runn", "x.conf" }, "Unrecognized command or argument 'runn'")]
    [InlineData(new[] { "validate" }, "Required argument missing")]
    [InlineData(new[] { "run", "x.conf", "--seeds", "3" }, "Unrecognized command or argument '--seeds'")]
    public async Task A_mistyped_command_line_exits_with_2_and_points_at_help(string[] args, string message)
    {
        var (code, output, err) = await MeshsecCli.Run(args);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(message, err);
        Assert.Contains("meshsec --help", err);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("--contracts", "bogus", "inline or actor")]
    [InlineData("--contracts", "", "inline or actor")]
    [InlineData("--contracts", "inline,actor", "inline or actor")]
    [InlineData("--contracts", "Actor", "inline or actor")]
    [InlineData("--events", "every", "summary or all")]
    [InlineData("--checkpoint-every", "1m", "whole seconds or off")]
    [InlineData("--speed", "1e3", "'max' or a number of emulated seconds per wall second from 0.001 to 1000000")]
    [InlineData("--speed", "+5", "'max' or a number of emulated seconds per wall second from 0.001 to 1000000")]
    [InlineData("--stall-timeout", "0", "whole seconds, at least 1")]
    [InlineData("--stall-timeout", "30s", "whole seconds, at least 1")]
    public async Task A_bad_option_value_is_one_line_with_exit_2(string option, string value, string allowed)
    {
        var dir = RepoFiles.TempDir();
        var (code, output, err) = await MeshsecCli.Run("run", RepoFiles.Scenario("claims.conf"), "--out", dir, "--journal", "memory",
            option, value);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"meshsec run: {option} must be {allowed}, got '{value}'", err.TrimEnd('\n', '\r'));
        Assert.Empty(output);
        Assert.False(File.Exists(Path.Combine(dir, "report.json")), "nothing ran");
    }

    [Fact]
    public async Task Events_all_lists_every_block_of_every_chain()
    {
        var dir = RepoFiles.TempDir();
        var (code, _, err) = await MeshsecCli.Run("run", RepoFiles.Scenario("quickstart.conf"), "--out", dir, "--journal", "memory",
            "--speed", "max", "--json", "--events", "all");

        Assert.True(code == ExitCodes.Ok, err);
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        var blocks = File.ReadAllLines(Path.Combine(dir, "events.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(l => l.GetProperty("type").GetString() == "block_committed")
            .Select(l => (l.GetProperty("chain").GetString(), l.GetProperty("height").GetUInt64())).ToHashSet();
        foreach (var chain in report.RootElement.GetProperty("chains").EnumerateArray())
        {
            var id = chain.GetProperty("id").GetString();
            var last = chain.GetProperty("height").GetUInt64();
            Assert.All(Enumerable.Range(1, (int)last), h => Assert.Contains((id, (ulong)h), blocks));
        }
    }
}
