using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>meshsec.log starts with what reproduces the run and ends with its result, and never holds a password.</summary>
[Collection("console")]
public class RunLogTests
{
    [Fact]
    public async Task The_log_has_a_header_to_reproduce_the_run_and_a_result_line()
    {
        var dir = RepoFiles.TempDir();
        var (code, _, _) = await MeshsecCli.Run("run", RepoFiles.Scenario("claims.conf"), "--seed", "11", "--out", dir,
            "--journal", "memory");

        var log = File.ReadAllLines(Path.Combine(dir, "meshsec.log"));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("MeshSecurity.Cli.Run: meshsec ", log[0]);
        Assert.Contains("scenario claims from ", log[1]);
        Assert.Contains("seed 11, speed ", log[1]);
        Assert.Contains("journal memory", log[1]);
        Assert.Contains(log, l => l.Contains("result: ok true, 0 of 17 expectations and 0 of 15 invariants failed",
            StringComparison.Ordinal));
        Assert.EndsWith("exit code 0", log[^1]);
    }

    [Theory]
    [InlineData("run x.conf --journal postgres:Host=h;Password=s3cret;Database=d",
        "run x.conf --journal postgres:Host=h;Password=***;Database=d")]
    [InlineData("run x.conf --journal \"postgres:Host=h;password = s3cret\"", "run x.conf --journal \"postgres:Host=h;password = ***\"")]
    [InlineData("run x.conf --journal postgres:Host=h;SSL Password=s3cret", "run x.conf --journal postgres:Host=h;SSL Password=***")]
    public void Passwords_on_the_command_line_are_masked(string arguments, string logged) =>
        Assert.Equal(logged, RunCommand.MaskPasswords(arguments));
}
