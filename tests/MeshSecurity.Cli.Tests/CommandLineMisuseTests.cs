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
    [InlineData("bogus")]
    [InlineData("")]
    [InlineData("inline,actor")]
    [InlineData("Actor")]
    public async Task A_bad_contracts_value_is_one_line_with_exit_2(string value)
    {
        var dir = RepoFiles.TempDir();
        var (code, output, err) = await MeshsecCli.Run("run", RepoFiles.Scenario("claims.conf"), "--out", dir, "--journal", "memory",
            "--contracts", value);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"meshsec run: --contracts must be inline or actor, got '{value}'", err.TrimEnd('\n', '\r'));
        Assert.Empty(output);
        Assert.False(File.Exists(Path.Combine(dir, "report.json")), "nothing ran");
    }
}
