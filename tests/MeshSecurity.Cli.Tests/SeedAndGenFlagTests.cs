using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// A user's command lines (helper dogfood3): an empty --seed (an unset "$SEED") is refused by every command that takes
/// one, as `seed = ""` is in a scenario; gen names the one flag that is wrong, in its own words.
/// </summary>
[Collection("console")]
public class SeedAndGenFlagTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("shrink")]
    [InlineData("gen")]
    [InlineData("soak")]
    public async Task An_empty_seed_is_bad_input_before_anything_runs(string command)
    {
        var dir = RepoFiles.TempDir();
        string[] args = command is "run" or "shrink"
            ? [command, RepoFiles.Scenario("claims.conf"), "--seed", "", "--out", Path.Combine(dir, "x")]
            : [command, "--seed", " ", "--out", Path.Combine(dir, "x")];
        var (code, output, err) = await MeshsecCli.Run(args);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("meshsec: --seed must not be empty (leave it out for the default)", err);
        Assert.Empty(output);
        Assert.False(Directory.Exists(Path.Combine(dir, "x")) || File.Exists(Path.Combine(dir, "x")), "nothing was written");
    }

    [Theory]
    [InlineData("--chains 1", "meshsec gen: --chains must be 2 to 999, got 1")]
    [InlineData("--topology random --chains 5 --density 1.5", "meshsec gen: --density must be 0 to 1, got 1.5")]
    [InlineData("--chains 1 --double-signs 0",
        "meshsec gen: --chains must be 2 to 999, got 1\nmeshsec gen: --double-signs must be 1 or more, got 0")]
    [InlineData("--topology ring --chains 4 --double-signs 5", "meshsec gen: --double-signs must be at most the 4 consumer chains, got 5")]
    public async Task Gen_names_the_wrong_flag_and_nothing_else(string args, string expected)
    {
        var (code, output, err) = await MeshsecCli.Run(["gen", .. args.Split(' ')]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(expected, err.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Empty(output);
    }
}
