using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>The example scenarios in hocon/scenarios/ parse, and say what the README says.</summary>
public sealed class ExampleTests
{
    [Theory]
    [InlineData("quickstart.conf")]
    [InlineData("claims.conf")]
    [InlineData("slash-propagation.conf")]
    [InlineData("lockup-refusals.conf")]
    [InlineData("mesh-records.conf")]
    [InlineData("slash-in-flight-unstake.conf")]
    [InlineData("slash-10-percent.conf")]
    [InlineData("injected-packet.conf")]
    [InlineData("lienholder-fixture.conf")]
    [InlineData("caps.conf")]
    [InlineData("prices.conf")]
    [InlineData("inactive-unstake.conf")]
    [InlineData("collateral.conf")]
    [InlineData("epochs.conf")]
    [InlineData("local-min-power.conf")]
    [InlineData("remark.conf")]
    [InlineData("valset-lifecycle.conf")]
    [InlineData("epoch-caps.conf")]
    public void Parses(string name)
    {
        var s = ScenarioParser.ParseFile(Examples.PathOf(name));
        Assert.NotEmpty(s.Chains);
        Assert.NotEmpty(s.Links);
        Assert.NotEmpty(s.Steps);
        Assert.NotEmpty(s.Expectations);
        Assert.All(s.Steps, x => Assert.True(x.At <= s.Duration));
    }

    [Fact]
    public void Caps_puts_the_seeds_two_answers_to_over_cap_and_both_kinds_of_cap_side_by_side()
    {
        var s = ScenarioParser.ParseFile(Examples.PathOf("caps.conf"));
        var policies = s.Links.ToDictionary(l => l.Consumer, l => (l.Cap, l.OverCap));
        var cap = new Core.Contracts.MetaStaking.CapPolicy.Fixed(1_000_000_000);
        Assert.Equal((cap, Core.Contracts.MetaStaking.OverCapPolicy.Fail), policies["juno"]);
        Assert.Equal((cap, Core.Contracts.MetaStaking.OverCapPolicy.Normalise), policies["stars"]);
        Assert.IsType<Core.Contracts.MetaStaking.CapPolicy.Fraction>(policies["akash"].Cap);
        // the seed's own example, 500 / 1000 / 1000, on both capped consumers
        foreach (var consumer in new[] { "juno", "stars" })
            Assert.Equal([(Amount)500_000_000, 1_000_000_000, 1_000_000_000],
                s.Steps.OfType<ScenarioStep.CrossStake>().Where(c => c.Consumer == consumer).Select(c => c.Amount));
        Assert.Contains(s.Steps.OfType<ScenarioStep.SetCap>(), c => c.Consumer == "juno" && c.Cap.IsZero);
    }

    [Fact]
    public void Epochs_puts_the_seeds_example_on_a_consumer_without_epochs_beside_one_with_100_block_epochs()
    {
        var s = ScenarioParser.ParseFile(Examples.PathOf("epochs.conf"));
        Assert.Equal([("juno", (ulong?)null), ("stars", 100UL)], s.Chains.Where(c => c.Id != "osmosis").Select(c => (c.Id, c.Epoch)));
        Assert.All(s.Links, l => Assert.Equal(Core.Contracts.MetaStaking.OverCapPolicy.Normalise, l.OverCap));
        foreach (var consumer in new[] { "juno", "stars" })
            Assert.Equal([(Amount)500_000_000, 1_000_000_000, 1_000_000_000],
                s.Steps.OfType<ScenarioStep.CrossStake>().Where(c => c.Consumer == consumer).Select(c => c.Amount));
    }

    [Fact]
    public void Local_min_power_puts_the_seeds_40_percent_beside_no_floor_with_two_providers()
    {
        var s = ScenarioParser.ParseFile(Examples.PathOf("local-min-power.conf"));
        Assert.Equal(Dec.Percent(40), s.Chain("juno").LocalMinPower);
        Assert.Null(s.Chain("akash").LocalMinPower);
        Assert.Equal(["osmosis", "stars"], s.Links.Where(l => l.Consumer == "juno").Select(l => l.Provider));
    }

    [Fact]
    public void Remark_puts_productions_never_beside_every_epoch_over_the_same_price_fall_and_recovery()
    {
        var s = ScenarioParser.ParseFile(Examples.PathOf("remark.conf"));
        Assert.Equal([RemarkPolicy.Never, RemarkPolicy.EveryEpoch], s.Links.Select(l => l.Price!.Remark));
        Assert.Equal(s.Links[0].Price! with { Remark = RemarkPolicy.EveryEpoch }, s.Links[1].Price);
        Assert.All(s.Links, l => Assert.NotNull(s.Chain(l.Consumer).Epoch));
    }

    [Fact]
    public void Prices_puts_the_fixed_rate_beside_a_discounted_feed_an_outage_and_a_shock()
    {
        var s = ScenarioParser.ParseFile(Examples.PathOf("prices.conf"));
        var links = s.Links.ToDictionary(l => l.Consumer);
        Assert.Null(links["juno"].Price);
        var stars = links["stars"].Price!;
        Assert.Equal((Dec.Parse("0.4"), new PricePath.Constant(Dec.Parse("0.5"))), (stars.Discount, stars.Path));
        // the outage outlasts the time to live, so a stake inside it meets an outdated price
        var outage = Assert.Single(stars.Outages);
        Assert.True(outage.To.Nanos - outage.From.Nanos > stars.Ttl.Nanos);
        Assert.Contains(s.Steps.OfType<ScenarioStep.CrossStake>(),
            c => c.Consumer == "stars" && c.At.Nanos > outage.From.Nanos + stars.Ttl.Nanos && c.At < outage.To);
        Assert.IsType<PricePath.Shock>(links["akash"].Price!.Path);
    }

    [Fact]
    public void Collateral_runs_the_same_stakes_on_a_seed_and_a_vault_lockup_and_reads_their_free_collateral()
    {
        var s = ScenarioParser.ParseFile(Examples.PathOf("collateral.conf"));
        var chains = s.Chains.ToDictionary(c => c.Id, c => c.Collateral);
        Assert.IsType<Core.Contracts.Lockup.CollateralPolicy.Seed>(chains["osmosis"]);
        Assert.IsType<Core.Contracts.Lockup.CollateralPolicy.Vault>(chains["cosmoshub"]);
        // the same cross-stakes on both providers; only the vault refuses the last one
        var stakes = s.Steps.OfType<ScenarioStep.CrossStake>().ToLookup(c => c.Provider, c => (c.At, c.Consumer, c.Amount));
        Assert.Equal(stakes["osmosis"], stakes["cosmoshub"]);
        var refused = s.Steps.OfType<ScenarioStep.CrossStake>().Where(c => c.ExpectError is not null).Select(c => c.Provider);
        Assert.Equal(["cosmoshub"], refused);
        // free collateral read on both chains at the same times: after the two stakes, and after the slash
        Amount Free(string chain, ulong minutes) => s.Expectations.OfType<Expectation.LockupFree>()
            .Single(e => e.Chain == chain && e.At == Duration.FromMinutes(minutes)).Expected;
        Assert.Equal(((Amount)400_000_000, (Amount)100_000_000), (Free("osmosis", 5), Free("cosmoshub", 5)));
        Assert.Equal(((Amount)70_000_000, (Amount)90_000_000), (Free("osmosis", 12), Free("cosmoshub", 12)));
        Assert.Contains("open question", File.ReadAllText(Examples.PathOf("collateral.conf")), StringComparison.Ordinal);
    }

    [Fact]
    public void Quickstart_covers_every_readme_flow()
    {
        var s = ScenarioParser.ParseFile(Examples.PathOf("quickstart.conf"));
        Assert.Equal(["osmosis", "juno", "stars"], s.Chains.Select(c => c.Id));
        Assert.Equal(["osmosis -> juno", "osmosis -> stars"], s.Links.Select(l => l.ToString()));
        var actions = s.Steps.Select(x => x.Action).ToHashSet();
        foreach (var a in new[] { "bond", "cross-stake", "withdraw-rewards", "claim-rewards", "unstake", "unbond-claims", "unbond", "double-sign" })
            Assert.Contains(a, actions);
        Assert.Equal(2, s.Steps.OfType<ScenarioStep.CrossStake>().Select(x => x.Consumer).Distinct().Count());
        var slash = Assert.Single(s.Steps.OfType<ScenarioStep.DoubleSign>());
        Assert.Equal(("juno", EvidenceTargets.Both), (slash.Chain, slash.SubmitTo));
        // the unbond of claims comes after the cross-stake unbonding period (the longer of the provider's and the
        // consumer's) has passed since the unstake
        var unstake = Assert.Single(s.Steps.OfType<ScenarioStep.Unstake>());
        var unbondClaims = Assert.Single(s.Steps.OfType<ScenarioStep.UnbondClaims>());
        Assert.True(unbondClaims.At > unstake.At + CrossStakeUnbonding(s, unstake.Provider, unstake.Consumer));
    }

    [Fact]
    public void Claims_follows_the_readme_arithmetic()
    {
        var s = ScenarioParser.ParseFile(Examples.PathOf("claims.conf"));
        var claims = s.Steps.OfType<ScenarioStep.CrossStake>().Select(c => c.Amount).ToList();
        Assert.Equal([(Amount)700_000_000, 500_000_000, 300_000_000], claims);
        Assert.Equal((Amount)1_000_000_000, Assert.Single(s.Steps.OfType<ScenarioStep.Bond>()).Amount);
        Assert.Equal([(Amount)300_000_000, 200_000_000], s.Steps.OfType<ScenarioStep.Unbond>().Select(u => u.Amount));

        Amount Free(string at) => s.Expectations.OfType<Expectation.LockupFree>().Single(e => e.At == Duration.Parse(at)).Expected;
        Assert.Equal((Amount)300_000_000, Free("15m"));   // 1000 - max(700, 500, 300)
        Assert.Equal(Amount.Zero, Free("20m"));           // withdrew the 300
        Assert.Equal((Amount)200_000_000, Free("1h30m")); // the 700 released: 700 - 500
        Assert.Equal(Amount.Zero, Free("1h35m"));         // withdrew the 200
        // the claim of 700 is released only after the cross-stake unbonding period
        var unstake = Assert.Single(s.Steps.OfType<ScenarioStep.Unstake>());
        var release = Assert.Single(s.Steps.OfType<ScenarioStep.UnbondClaims>());
        Assert.True(release.At > unstake.At + CrossStakeUnbonding(s, unstake.Provider, unstake.Consumer));
    }

    /// <summary>How long an unstaked cross-stake stays slashable: the longer of the two chains' unbonding periods (MeshSetup.CrossStakeUnbonding).</summary>
    private static Duration CrossStakeUnbonding(Scenario s, string provider, string consumer) =>
        Duration.Max(s.Chain(provider).UnbondingPeriod, s.Chain(consumer).UnbondingPeriod);

    [Fact]
    public void Slash_propagation_has_one_provider_five_consumers_one_double_sign()
    {
        var s = ScenarioParser.ParseFile(Examples.PathOf("slash-propagation.conf"));
        Assert.Equal(["hub"], s.Links.Select(l => l.Provider).Distinct());
        Assert.Equal(5, s.Links.Length);
        Assert.Equal(5, s.Steps.OfType<ScenarioStep.CrossStake>().Count());
        Assert.Single(s.Steps.OfType<ScenarioStep.DoubleSign>());
    }

    [Fact]
    public void Lockup_refusals_expects_an_error_of_every_step_after_the_set_up_and_checks_the_state_by_query()
    {
        var s = ScenarioParser.ParseFile(Examples.PathOf("lockup-refusals.conf"));
        Assert.All(s.Steps.Take(2), x => Assert.Null(x.ExpectError));
        Assert.Equal(["ClaimsLocked", "InsufficientBalance", "UnknownValidator", "UnknownAccount", "NoFunds", "MultipleDenoms",
            "NonPayable", "UnknownLienholder", "ParseError"], s.Steps.Skip(2).Select(x => x.ExpectError!.Kind));
        // the lockup's record of alice is read before the refusals and compared after them
        var before = s.Expectations.OfType<Expectation.Query>().First(q => q.Id == "before");
        Assert.Contains(s.Expectations, e => e.Against == new Comparison.SameAs("before") && e.At > s.Steps.Max(x => x.At));
        Assert.Equal(ContractRole.Lockup, before.Contract.Role);
    }
}
