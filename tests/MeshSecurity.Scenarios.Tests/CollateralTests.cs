using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>A chain's `collateral` and `local-slash-ratio`, a link's `slash-ratio`, the vault's readings, their located errors.</summary>
public sealed class CollateralTests
{
    private static string Chain(string more) =>
        Parse.Base.Replace("denom = uosmo,", "denom = uosmo, " + more + ",", StringComparison.Ordinal);

    private static string Vault(string chainMore = "", string linkMore = "") =>
        Chain("collateral = vault" + chainMore)
            .Replace("staking-funds = 1000", "staking-funds = 1000" + linkMore, StringComparison.Ordinal);

    [Fact]
    public void A_chain_keeps_the_seeds_rule_unless_it_says_vault()
    {
        var s = Parse.Ok(Parse.Base);
        Assert.IsType<CollateralPolicy.Seed>(s.Chains[0].Collateral);
        Assert.Null(Assert.Single(s.Links).SlashRatio);
    }

    [Fact]
    public void A_vault_defaults_its_ratios_to_the_chains_double_sign_slash_and_the_links_slash_fraction()
    {
        var s = Parse.Ok(Vault(linkMore: ", slash-fraction = \"0.2\""));
        var vault = Assert.IsType<CollateralPolicy.Vault>(s.Chains[0].Collateral);
        Assert.Equal(new SlashRatio(Dec.Percent(5), Dec.Parse("0.0001")), vault.Local);
        Assert.Equal(new SlashRatio(Dec.Percent(20), Dec.Zero), s.Links[0].SlashRatio);
    }

    [Fact]
    public void A_vault_reads_the_ratios_written()
    {
        var s = Parse.Ok(Vault(", local-slash-ratio = { double-sign = \"0.1\" }",
            ", slash-ratio = { double-sign = \"0.3\", downtime = \"0.01\" }"));
        Assert.Equal(new SlashRatio(Dec.Percent(10), Dec.Parse("0.0001")), ((CollateralPolicy.Vault)s.Chains[0].Collateral).Local);
        Assert.Equal(new SlashRatio(Dec.Percent(30), Dec.Percent(1)), s.Links[0].SlashRatio);
    }

    [Theory]
    [InlineData("failure: a misspelt policy", "collateral = vualt", "", 3, "collateral", "chains[0].collateral", "did you mean \"vault\"")]
    [InlineData("failure: a local ratio on a seed chain", "local-slash-ratio = { double-sign = \"0.1\" }", "", 3, "local-slash-ratio",
        "chains[0].local-slash-ratio", "counts only under collateral = vault")]
    [InlineData("failure: a ratio above 1", "collateral = vault", ", slash-ratio { double-sign = \"1.5\" }", 6, "double-sign",
        "links[0].slash-ratio.double-sign", "expected a fraction from 0 to 1")]
    [InlineData("failure: a misspelt ratio", "collateral = vault", ", slash-ratio { dowtime = \"0.1\" }", 6, "dowtime",
        "links[0].slash-ratio.dowtime", "did you mean \"downtime\"")]
    [InlineData("failure: the prototype's profile", "collateral = vault", ", profile = prototype-2022", 6, "profile",
        "links[0].profile", "its links need profile = intended")]
    public void A_misused_collateral_key_is_a_located_error(
        string label, string chainMore, string linkMore, int line, string at, string key, string message)
    {
        Assert.NotEmpty(label);
        var text = Chain(chainMore).Replace("staking-funds = 1000", "staking-funds = 1000" + linkMore, StringComparison.Ordinal);
        Parse.SingleAt(text, line, at, key, message);
    }

    [Fact]
    public void A_slash_ratio_on_a_seed_providers_link_is_a_located_error()
    {
        var text = Parse.Base.Replace("staking-funds = 1000", "staking-funds = 1000, slash-ratio { double-sign = \"0.1\" }",
            StringComparison.Ordinal);
        Parse.SingleAt(text, 6, "slash-ratio", "links[0].slash-ratio",
            "osmosis uses the seed's rule (add collateral = vault to that chain)");
    }

    [Fact]
    public void The_vaults_readings_name_an_account_and_a_link()
    {
        var s = Parse.Ok(Vault() + "expect = [\n" +
            "  { at = 1m, what = slashable, chain = osmosis, account = alice, equals = 5 }\n" +
            "  { at = 1m, what = max-lien, chain = osmosis, account = alice, equals = 6 }\n" +
            "  { at = 1m, what = local-lien, chain = osmosis, account = alice, equals = 7 }\n" +
            "  { at = 1m, what = lien-low, account = alice, provider = osmosis, consumer = juno, equals = 8 }\n" +
            "  { at = 1m, what = lien-high, account = alice, provider = osmosis, consumer = juno, equals = 9 }\n" +
            "]\n");
        var at = Duration.FromMinutes(1);
        Assert.Equal<Expectation>([
            new Expectation.Slashable(at, "osmosis", "alice", 5), new Expectation.MaxLien(at, "osmosis", "alice", 6),
            new Expectation.LocalLien(at, "osmosis", "alice", 7), new Expectation.Lien(at, "alice", "osmosis", "juno", false, 8),
            new Expectation.Lien(at, "alice", "osmosis", "juno", true, 9),
        ], s.Expectations.Select(e => e with { Location = SourceLocation.None }));
    }

    [Theory]
    [InlineData("{ at = 1m, what = slashable, chain = osmosis, account = alice, equals = 5 }", "chain = osmosis", "expect[0].chain",
        "osmosis's lockup follows the seed's rule, which keeps no slashable total")]
    [InlineData("{ at = 1m, what = lien-hgh, account = alice, provider = osmosis, consumer = juno, equals = 5 }", "what", "expect[0].what",
        "did you mean \"lien-high\"")]
    [InlineData("{ at = 1m, what = lien-low, chain = juno, account = alice, provider = osmosis, consumer = juno, equals = 5 }",
        "chain = juno", "expect[0].chain", "the lien is held by the provider chain's lockup")]
    public void A_misused_reading_is_a_located_error(string expectation, string at, string key, string message)
    {
        Parse.SingleAt(Parse.Base + "expect = [\n  " + expectation + "\n]\n", 8, at, key, message);
    }

    [Fact]
    public async Task A_vaults_stake_in_flight_holds_its_collateral_until_its_timeout_rolls_it_back()
    {
        var text = Vault(linkMore: ", packet-lifetime = 1m, relayer = { latency { kind = constant, value = 2s } }") + """
            steps = [
              { at = 1m, action = bond, chain = osmosis, account = alice, amount = 1000 }
              { at = 90s, action = relayer-stop, provider = osmosis, consumer = juno }
              { at = 2m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, amount = 600 }
              { at = 150s, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv2, amount = 600
                expect-error = InsufficientBalance }
              { at = 4m, action = relayer-start, provider = osmosis, consumer = juno }
              { at = 5m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv2, amount = 600 }
            ]
            expect = [
              { at = 3m, what = lien-low, account = alice, provider = osmosis, consumer = juno, equals = 0 }
              { at = 3m, what = lien-high, account = alice, provider = osmosis, consumer = juno, equals = 600 }
              { at = 3m, what = lockup-free, chain = osmosis, account = alice, equals = 400 }
              { at = 4m30s, what = lien-high, account = alice, provider = osmosis, consumer = juno, equals = 0 }
              { at = 4m30s, what = lockup-free, chain = osmosis, account = alice, equals = 1000 }
              { at = 6m, what = lien-low, account = alice, provider = osmosis, consumer = juno, equals = 600 }
              { at = 6m, what = slashable, chain = osmosis, account = alice, equals = 30 }
              { at = 6m, what = provider-stake, provider = osmosis, consumer = juno, validator = jv2, equals = 600 }
            ]
            """;
        var report = await Runs.Of(text);
        Assert.All(report.Expectations, e => Assert.True(e.Ok, $"{e.What} at {e.At}: expected {e.Expected}, got {e.Actual}"));
        Assert.True(report.Result.Ok, "the run failed its own checks (steps or invariants)");
        Assert.Equal(1, Assert.Single(report.Links).MeshPackets.TimedOut); // the first stake, rolled back
    }

    [Fact]
    public async Task A_lockup_fixture_on_a_vault_chain_counts_collateral_as_a_vault()
    {
        // no link from stars: its lockup is a fixture, and still follows the chain's collateral = vault
        const string text = """
            scenario { name = t }
            chains = [
              { id = stars, prefix = stars, denom = ustars, collateral = vault, local-slash-ratio = { double-sign = "0.5" }
                validators = [ { name = sv, stake = 10000000000 } ], accounts = [ { name = alice, balance = "2000ustars" } ] }
            ]
            fixtures = [ { name = stars-lockup, deploy = lockup, chain = stars } ]
            steps = [
              { at = 1m, action = bond, chain = stars, account = alice, amount = 1000 }
              { at = 2m, action = local-stake, chain = stars, account = alice, validator = sv, amount = 600 }
            ]
            expect = [
              { at = 3m, what = slashable, chain = stars, account = alice, equals = 300 }
              { at = 3m, what = local-lien, chain = stars, account = alice, equals = 600 }
            ]
            """;
        var report = await Runs.Of(text);
        Assert.All(report.Expectations, e => Assert.True(e.Ok, $"{e.What} at {e.At}: expected {e.Expected}, got {e.Actual}"));
    }
}
