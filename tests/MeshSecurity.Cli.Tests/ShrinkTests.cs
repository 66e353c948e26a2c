using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// meshsec shrink on a planted bug: under the 2022 code a stake that times out slashes the staker's claim (docs/contracts.md,
/// D2); among a dozen steps and faults, one lost packet does it. The shrinker keeps the three steps it takes, and the
/// smaller file fails as the original does. (meshsec runs as a child process, so that these tests run beside the other
/// parallel tests instead of in the "console" collection, which runs alone.)
/// </summary>
public class ShrinkTests
{
    private const string Planted = """
        scenario { name = planted, seed = "planted", duration = 3h }
        chains = [
          { id = osmosis, prefix = osmo, denom = uosmo, validators = [ { name = ov, stake = 100000000 } ]
            accounts = [ { name = alice, balance = "1000000000uosmo" }, { name = bob, balance = "1000000000uosmo" } ] }
          { id = juno, prefix = juno, denom = ujuno, validators = [ { name = jv, stake = 100000000 }, { name = jv2, stake = 100000000 } ] }
          { id = stars, prefix = stars, denom = ustars, validators = [ { name = sv, stake = 100000000 } ] }
        ]
        links = [
          { provider = osmosis, consumer = juno, exchange-rate = "1", staking-funds = 1000000000, profile = prototype-2022 }
          { provider = osmosis, consumer = stars, exchange-rate = "1", staking-funds = 1000000000, profile = prototype-2022 }
        ]
        steps = [
          { at = 1m, action = bond, chain = osmosis, account = alice, amount = 500000000 }
          { at = 1m, action = bond, chain = osmosis, account = bob, amount = 400000000 }
          { at = 5m, action = cross-stake, account = bob, provider = osmosis, consumer = stars, validator = sv, amount = 100000000 }
          { at = 10m, chaos = relayer.lag, provider = osmosis, consumer = stars, delay = 2m, for = 20m }
          { at = 12m, chaos = relayer.duplicate, provider = osmosis, consumer = juno, for = 5m }
          { at = 15m, action = send, chain = osmosis, from = bob, to = alice, amount = 1000 }
          { at = 20m, chaos = net.loss, provider = osmosis, consumer = juno, fraction = "1", for = 30m }
          { at = 21m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, amount = 300000000 }
          { at = 25m, chaos = chain.crash, chain = stars }
          { at = 30m, chaos = relayer.crash, provider = osmosis, consumer = stars }
          { at = 35m, action = cross-stake, account = bob, provider = osmosis, consumer = juno, validator = jv2, amount = 50000000 }
          { at = 40m, chaos = net.partition, chains = [stars], for = 10m }
          { at = 1h, action = unstake, account = bob, provider = osmosis, consumer = stars, validator = sv, amount = 10000000 }
        ]
        expect = [
          { at = 2h30m, what = lockup-bonded, chain = osmosis, account = alice, equals = 500000000 }
        ]
        """;

    [Fact]
    public async Task A_planted_bug_shrinks_to_the_steps_it_needs_and_the_smaller_file_fails_the_same_way()
    {
        var dir = RepoFiles.TempDir();
        var file = Path.Combine(dir, "planted.conf");
        await File.WriteAllTextAsync(file, Planted);
        var failed = await MeshsecCli.Process(dir, "run", file, "--journal", "memory", "--out", Path.Combine(dir, "run"));
        Assert.Equal(ExitCodes.Failed, failed.Code);
        Assert.Contains($"meshsec shrink {file} --seed planted", failed.Err, StringComparison.Ordinal);

        var small = Path.Combine(dir, "small.conf");
        var (code, output, errors) = await MeshsecCli.Process(dir, "shrink", file, "--out", small);

        Assert.True(code == ExitCodes.Ok, $"{output}\n{errors}");
        Assert.Contains("from 13 steps to 3 (1 of its faults made shorter, 2 steps moved)", output, StringComparison.Ordinal);
        Assert.Contains("got 200000000", output, StringComparison.Ordinal);
        var steps = File.ReadAllLines(small).Where(l => l.Contains("action = ", StringComparison.Ordinal)
                                                       || l.Contains("chaos = ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, steps.Count);
        Assert.Contains(steps, l => l.Contains("chaos = net.loss", StringComparison.Ordinal));
        var again = await MeshsecCli.Process(dir, "run", small, "--journal", "memory", "--out", Path.Combine(dir, "small"));
        Assert.Equal(ExitCodes.Failed, again.Code);
        Assert.Contains("expected 500000000, got 200000000", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_with_a_shard_handoff_shrinks_on_a_throwaway_journal_and_keeps_the_step_written()
    {
        // run with --journal memory, the hand-off is refused; the shrinker journals its tries to SQLite instead
        var dir = RepoFiles.TempDir();
        var file = Path.Combine(dir, "planted.conf");
        await File.WriteAllTextAsync(file, Planted.Replace("  { at = 25m, chaos = chain.crash, chain = stars }",
            "  { at = 25m, chaos = shard.handoff, chain = osmosis }", StringComparison.Ordinal));
        var refused = await MeshsecCli.Process(dir, "run", file, "--journal", "memory", "--out", Path.Combine(dir, "run"));
        Assert.Equal(ExitCodes.BadInput, refused.Code);
        Assert.Contains("steps[8].chaos: shard.handoff needs a journal that outlives the chain's actor", refused.Err,
            StringComparison.Ordinal);

        var small = Path.Combine(dir, "small.conf");
        var (code, output, errors) = await MeshsecCli.Process(dir, "shrink", file, "--out", small, "--max-runs", "2");

        Assert.True(code == ExitCodes.Ok, $"{output}\n{errors}");
        Assert.Contains("in 2 runs; it still fails: expectation at", output, StringComparison.Ordinal);
        Assert.Contains("got 200000000", output, StringComparison.Ordinal);
        Assert.Contains("{ at = 25m, chaos = shard.handoff, chain = osmosis }", await File.ReadAllTextAsync(small),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_that_passes_is_refused()
    {
        var dir = RepoFiles.TempDir();
        var (code, _, errors) = await MeshsecCli.Process(dir, "shrink", RepoFiles.Scenario("claims.conf"), "--out",
            Path.Combine(dir, "x.conf"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("does not fail", errors, StringComparison.Ordinal);
    }
}
