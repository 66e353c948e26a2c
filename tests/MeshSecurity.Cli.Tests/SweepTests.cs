using System.Text.Json;
using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// meshsec sweep end to end: a small scenario under two caps and two seeds, with real runs in process; the comparison
/// shows the difference between the caps, says which configuration failed (exit 1), and is the same file byte for byte
/// whether the runs go one or four at a time. A wrong param is a located error, exit 2, before anything runs.
/// </summary>
[Collection("console")]
public class SweepTests
{
    private const string Scenario = """
        scenario { name = capped, seed = 3, duration = 20m }
        chains = [
          { id = osmosis, prefix = osmo, denom = uosmo, validators = [ { name = ov, stake = 1000000000 } ]
            accounts = [ { name = alice, balance = "1000000000uosmo" } ] }
          { id = juno, prefix = juno, denom = ujuno, validators = [ { name = jv, stake = 900000000 } ] }
        ]
        links = [ { provider = osmosis, consumer = juno, exchange-rate = "1", staking-funds = 1000000000, over-cap = normalise } ]
        steps = [
          { at = 1m, action = bond, chain = osmosis, account = alice, amount = 500000000 }
          { at = 2m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, amount = 400000000 }
        ]
        expect = [
          { at = 10m, what = delegation, chain = juno, validator = jv, provider = osmosis, equals = 100000000 }
        ]
        """;

    [Fact]
    public async Task Two_caps_under_two_seeds_compare_in_one_report_that_does_not_depend_on_the_parallelism()
    {
        var dir = RepoFiles.TempDir();
        var file = Path.Combine(dir, "capped.conf");
        await File.WriteAllTextAsync(file, Scenario);
        string[] Args(string outDir, string parallel) =>
            ["sweep", file, "--param", "links.0.cap=100000000,\"20%\"", "--seeds", "2", "--out", outDir, "--parallel", parallel];

        var (code, output, errors) = await MeshsecCli.Run(Args(Path.Combine(dir, "one"), "1"));
        var again = await MeshsecCli.Run(Args(Path.Combine(dir, "four"), "4"));

        // a cap of 100 delegates 100 of alice's 400, as expected; 20 % of juno's bonded stake is 225 (900 x 0.2 / 0.8),
        // which fails the expectation: the sweep fails, naming that configuration
        Assert.True(code == ExitCodes.Failed, $"{output}\n{errors}");
        Assert.Equal(ExitCodes.Failed, again.Code);
        Assert.Contains("#0 links.0.cap=100000000: 2 of 2 runs passed\n", output, StringComparison.Ordinal);
        Assert.Contains("#1 links.0.cap=\"20%\": 0 of 2 runs passed (FAILED)", output, StringComparison.Ordinal);
        Assert.Contains("1 of 2 configurations failed", output, StringComparison.Ordinal);
        var json = await File.ReadAllTextAsync(Path.Combine(dir, "one", "sweep.json"));
        Assert.Equal(json, await File.ReadAllTextAsync(Path.Combine(dir, "four", "sweep.json")));
        using var doc = JsonDocument.Parse(json);
        var configurations = doc.RootElement.GetProperty("configurations");
        Assert.Equal(["3", "4"], doc.RootElement.GetProperty("seeds").EnumerateArray().Select(s => s.GetString()));
        string Median(int c, string name) => configurations[c].GetProperty("figures").EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == name).GetProperty("median").GetString()!;
        Assert.Equal(("0.1", "0.2"), (Median(0, "power share osmosis->juno"), Median(1, "power share osmosis->juno")));
        Assert.Equal("225000000", Median(1, "#0 juno meta-staking delegation to jv for osmosis at 10m"));
        Assert.Equal(("0", "1"), (Median(0, "failed expectations"), Median(1, "failed expectations")));
        var html = await File.ReadAllTextAsync(Path.Combine(dir, "one", "sweep.html"));
        Assert.Contains("<svg class=\"sweep\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("links.1.cap=1,2", "capped.conf:7:1: links[1].cap: --param links.1.cap=1,2: links is a list of 1")]
    [InlineData("links.0.cap=1,lots", "capped.conf:7:11: links[0].cap: expected")]
    [InlineData("links.0.cap=1,lots", "(set by --param links.0.cap=lots)")]
    [InlineData("scenario.seed=1,2", "scenario.seed is not a param")]
    [InlineData("links.0.cap", "--param links.0.cap: expected path=value1,value2")]
    public async Task A_wrong_param_is_bad_input_named_in_the_error(string param, string message)
    {
        var dir = RepoFiles.TempDir();
        var file = Path.Combine(dir, "capped.conf");
        await File.WriteAllTextAsync(file, Scenario);

        var (code, output, errors) = await MeshsecCli.Run("sweep", file, "--param", param, "--seeds", "2", "--out", Path.Combine(dir, "o"));

        Assert.True(code == ExitCodes.BadInput, $"{output}\n{errors}");
        Assert.Contains(message, errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "o")));
    }
}
