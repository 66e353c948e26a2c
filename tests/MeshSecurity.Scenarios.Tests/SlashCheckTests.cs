using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// "every slash reached its consumers" on runs where it holds: a Burn that timed out during a relayer outage and was
/// delivered as a resent copy, and two slashes committed in one block, each with its own consumers.
/// </summary>
public sealed class SlashCheckTests
{
    private const string Chains =
        "chains = [\n" +
        "  { id = osmosis, prefix = osmo, denom = uosmo,\n" +
        "    validators = [ { name = osmo-val-1, stake = 10000000000 }, { name = osmo-val-2, stake = 10000000000 } ],\n" +
        "    accounts = [ { name = alice, balance = \"2000000000uosmo\" } ] }\n" +
        "  { id = juno, prefix = juno, denom = ujuno,\n" +
        "    validators = [ { name = juno-val-1, stake = 10000000000 }, { name = juno-val-2, stake = 10000000000 } ] }\n" +
        "  { id = stars, prefix = stars, denom = ustars, validators = [ { name = stars-val-1, stake = 10000000000 } ] }\n" +
        "]\n" +
        "links = [\n" +
        "  { provider = osmosis, consumer = juno, exchange-rate = \"1\", staking-funds = 5000000000, packet-lifetime = 10m }\n" +
        "  { provider = osmosis, consumer = stars, exchange-rate = \"1\", staking-funds = 5000000000 }\n" +
        "]\n";

    internal static async Task<RunReport> Run(string text)
    {
        var scenario = Parse.Ok(text);
        var runner = new ScenarioRunner(scenario, new RunOptions(new JournalSettings((string?)null)), NullLoggerFactory.Instance);
        return (await runner.RunAsync())!;
    }

    private static RunReport.CheckInfo SlashCheck(RunReport r) => r.Invariants.Single(i => i.Name == "every slash reached its consumers");

    [Fact]
    public async Task A_burn_that_timed_out_in_a_relayer_outage_is_credited_with_its_resent_copy()
    {
        var report = await Run("scenario { name = resend, seed = resend }\n" + Chains +
            "steps = [\n" +
            "  { at = 5m, action = bond, chain = osmosis, account = alice, amount = 1000000000 }\n" +
            "  { at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = juno-val-1, amount = " +
            "400000000 }\n" +
            "  { at = 20m, action = relayer-stop, provider = osmosis, consumer = juno }\n" +
            "  { at = 20m, action = double-sign, chain = juno, validator = juno-val-1, submit-to = slashers }\n" +
            "  { at = 45m, action = relayer-start, provider = osmosis, consumer = juno }\n" +
            "]\n" +
            "expect = [ { at = 1h, what = consumer-stake, provider = osmosis, consumer = juno, validator = juno-val-1, " +
            "equals = 380000000 } ]\n");

        // the outage outlived the packet lifetime: the Burn timed out and went again
        var link = report.Links.Single(l => l.Consumer == "juno");
        Assert.True(link.MeshPackets.TimedOut >= 1, $"expected a timed-out mesh packet, got {link.MeshPackets}");
        var slash = Assert.Single(report.Slashes, s => s.Source == "slasher");
        var burn = Assert.Single(slash.Reached);
        Assert.Equal(("juno", "juno-val-1", "20000000", 1), (burn.Consumer, burn.Validator, burn.Amount, burn.Resends));
        Assert.NotEqual("never", burn.ReceivedAt);
        Assert.True(SlashCheck(report).Ok, SlashCheck(report).Detail);
        Assert.True(report.Result.Ok, string.Join("; ", report.Invariants.Where(i => !i.Ok).Select(i => i.Detail)));
    }

    [Fact]
    public async Task A_second_double_sign_of_a_tombstoned_validator_is_refused_on_both_chains_and_slashes_nothing_more()
    {
        var report = await Run("scenario { name = tombstoned, seed = tombstoned }\n" + Chains +
            "steps = [\n" +
            "  { at = 5m, action = bond, chain = osmosis, account = alice, amount = 1000000000 }\n" +
            "  { at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = juno-val-1, amount = " +
            "400000000 }\n" +
            "  { at = 20m, action = double-sign, chain = juno, validator = juno-val-1 }\n" +
            "  { at = 30m, action = double-sign, chain = juno, validator = juno-val-1, expect-error = AlreadyTombstoned }\n" +
            "]\n" +
            "expect = [\n" +
            "  { at = 40m, what = provider-stake, provider = osmosis, consumer = juno, validator = juno-val-1, equals = 380000000 }\n" +
            "  { at = 40m, what = consumer-stake, provider = osmosis, consumer = juno, validator = juno-val-1, equals = 380000000 }\n" +
            "]\n");

        var second = report.Steps.Single(s => s.At == "30m");
        Assert.True(second.Ok, second.Outcome);
        // the slasher on osmosis refuses the evidence as juno's staking module does: one slash, 5 % once
        Assert.Equal(["slasher:AlreadyTombstoned", "staking:AlreadyTombstoned"],
            second.Transactions.Select(t => t.Error!.Split(':', 3) is var p ? $"{p[0]}:{p[1]}" : "").Order(StringComparer.Ordinal));
        Assert.Single(report.Slashes, s => s.Source == "slasher");
        var failed = report.Expectations.Where(e => !e.Ok).Select(e => $"{e.What} {e.Target}: {e.Actual}");
        Assert.True(report.Result.Ok, string.Join("; ", failed));
    }

    [Fact]
    public async Task Two_slashes_in_one_block_keep_their_own_consumers()
    {
        var report = await Run("scenario { name = twin, seed = twin }\n" + Chains +
            "steps = [\n" +
            "  { at = 5m, action = bond, chain = osmosis, account = alice, amount = 1000000000 }\n" +
            "  { at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = juno-val-1, amount = " +
            "400000000 }\n" +
            "  { at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = juno-val-2, amount = " +
            "400000000 }\n" +
            "  { at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = stars, validator = stars-val-1, amount = " +
            "1000000000 }\n" +
            "  { at = 20m, action = double-sign, chain = juno, validator = juno-val-1, submit-to = slashers }\n" +
            "  { at = 20m, action = double-sign, chain = juno, validator = juno-val-2, submit-to = slashers }\n" +
            "]\n" +
            "expect = [ { at = 30m, what = consumer-stake, provider = osmosis, consumer = stars, validator = stars-val-1, equals = " +
            "960000000 } ]\n");

        var slashes = report.Slashes.Where(s => s.Source == "slasher").ToList();
        Assert.Equal(2, slashes.Count);
        Assert.Equal(slashes[0].Height, slashes[1].Height); // one block, as the case requires
        // each slash cut its own validator's stake on juno (5% of 400) and, through the lockup, the claim on stars (20)
        foreach (var (slash, own) in slashes.Zip(new[] { "juno-val-1", "juno-val-2" }))
        {
            Assert.Equal(own, slash.Validator);
            Assert.Equal([("juno", own, "20000000"), ("stars", "stars-val-1", "20000000")],
                slash.Reached.Select(r => (r.Consumer, r.Validator, r.Amount)).OrderBy(r => r.Consumer, StringComparer.Ordinal));
            Assert.All(slash.Reached, r => Assert.Equal(0, r.Resends));
        }
        Assert.True(SlashCheck(report).Ok, SlashCheck(report).Detail);
        Assert.True(report.Result.Ok, string.Join("; ", report.Invariants.Where(i => !i.Ok).Select(i => i.Detail)));
    }

    [Fact]
    public async Task A_chain_slash_and_a_cross_slash_in_one_block_keep_their_own_burns()
    {
        var report = await Run("scenario { name = mixed, seed = mixed }\n" + Chains +
            "steps = [\n" +
            "  { at = 5m, action = bond, chain = osmosis, account = alice, amount = 1000000000 }\n" +
            "  { at = 6m, action = local-stake, chain = osmosis, account = alice, validator = osmo-val-1, amount = 500000000 }\n" +
            "  { at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = juno-val-1, amount = " +
            "600000000 }\n" +
            "  { at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = stars, validator = stars-val-1, amount = " +
            "1000000000 }\n" +
            "  { at = 20m, action = double-sign, chain = osmosis, validator = osmo-val-1, submit-to = chain }\n" +
            "  { at = 20m, action = double-sign, chain = juno, validator = juno-val-1, submit-to = slashers }\n" +
            "]\n" +
            "expect = [ { at = 30m, what = consumer-stake, provider = osmosis, consumer = stars, validator = stars-val-1, equals = " +
            "945000000 } ]\n");

        // osmosis commits both in one block: the cross slash of juno-val-1 (5% of 600: 30 to juno, and the lockup cuts
        // the stars claim by as much) and its own slash of osmo-val-1, which the lockup's hook turns into a cut of 25
        // (5% of the 500 staked locally) on the stars claim
        var cross = Assert.Single(report.Slashes, s => s.Source == "slasher");
        var own = Assert.Single(report.Slashes, s => s.Source == "chain" && s.Chain == "osmosis");
        Assert.Equal((cross.Chain, cross.Height), (own.Chain, own.Height));
        Assert.Equal(("juno-val-1", "osmo-val-1"), (cross.Validator, own.Validator));
        Assert.Equal([("juno", "juno-val-1", "30000000"), ("stars", "stars-val-1", "30000000")],
            cross.Reached.Select(r => (r.Consumer, r.Validator, r.Amount)).OrderBy(r => r.Consumer, StringComparer.Ordinal));
        Assert.Equal([("stars", "stars-val-1", "25000000")], own.Reached.Select(r => (r.Consumer, r.Validator, r.Amount)));
        Assert.True(report.Result.Ok, string.Join("; ", report.Invariants.Where(i => !i.Ok).Select(i => i.Detail)
            .Concat(report.Expectations.Where(e => !e.Ok).Select(e => $"{e.Target}: {e.Actual}"))));
    }
}
