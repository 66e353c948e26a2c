using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>What the terminal says of a resume: from which emulated time it went on, or why it replayed from genesis.</summary>
[Collection("console")]
public class CheckpointResumeCliTests
{
    private const string Scenario = """
        scenario { name = checkpoint-cli, seed = "checkpoint-cli", duration = 10m }
        chains = [
          { id = osmosis, prefix = osmo, denom = uosmo, block-time = 6s
            validators = [ { name = osmo-val-1, stake = 10000000000 } ]
            accounts = [ { name = alice, balance = "2000000000uosmo" }, { name = bob } ] }
        ]
        steps = [ { at = 1m, action = send, chain = osmosis, from = alice, to = bob, amount = "5000000uosmo" } ]
        expect = [ { at = 2m, what = balance, chain = osmosis, account = bob, denom = uosmo, equals = "5000000uosmo" } ]
        """;

    [Theory]
    [InlineData("0", "meshsec run: resumed from its checkpoint at 10m of emulated time")]
    [InlineData("off", "meshsec run: resumed by replaying from genesis: the run stopped before its first checkpoint")]
    public async Task A_resume_says_where_it_went_on_from_and_writes_the_same_report(string checkpointEvery, string line)
    {
        var dir = RepoFiles.TempDir();
        var file = Path.Combine(dir, "checkpoint-cli.conf");
        await File.WriteAllTextAsync(file, Scenario);
        var run = Path.Combine(dir, "out");
        var first = await MeshsecCli.Run("run", file, "--out", run, "--speed", "max", "--json", "--checkpoint-every", checkpointEvery);
        Assert.True(first.Code == ExitCodes.Ok, first.Err);
        var report = await File.ReadAllTextAsync(Path.Combine(run, "report.json"));

        var resumed = await MeshsecCli.Run("run", "--resume", run, "--json");

        Assert.True(resumed.Code == ExitCodes.Ok, resumed.Err);
        Assert.Contains(line, resumed.Err.Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.Equal(report, await File.ReadAllTextAsync(Path.Combine(run, "report.json")));
    }
}
