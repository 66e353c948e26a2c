using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Step = MeshSecurity.Scenarios.Model.ScenarioStep;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// Test fixtures: deployed contracts (a test lien-holder, a lockup or meta-staking on a chain without a link) and marked
/// ones, named as contracts, acted as by steps (and flagged so in the report); every misuse is a located error.
/// </summary>
public sealed class FixtureTests
{
    /// <summary>The base scenario with a test lien-holder on osmosis (line 7), then the steps (from line 8).</summary>
    private const string Holder = "fixtures = [ { name = holder, deploy = test-lienholder, chain = osmosis } ]\n";

    private static string WithFixtures(params string[] fixtures) =>
        Parse.Base + "fixtures = [\n  " + string.Join("\n  ", fixtures) + "\n]\n";

    [Fact]
    public void Fixtures_deploy_a_lien_holder_a_lockup_and_meta_staking_or_mark_a_links_contract()
    {
        var s = Parse.Ok(WithFixtures(
            "{ name = holder, deploy = test-lienholder, chain = osmosis, refuse-claims = true }",
            "{ name = lonely, deploy = meta-staking, chain = osmosis, consumers = [ { account = alice, funds = 7 }, { account = bob } ] }",
            "{ name = cop, contract = slasher, provider = osmosis, consumer = juno }"));

        var holder = Assert.IsType<ScenarioFixture.TestLienholder>(s.Fixture("holder"));
        Assert.True(holder.RefuseClaims);
        var meta = Assert.IsType<ScenarioFixture.MetaStaking>(s.Fixture("lonely"));
        Assert.Equal([("alice", (Core.Math.Amount)7), ("bob", Core.Math.Amount.Zero)], meta.Consumers.Select(c => (c.Account, c.Funds)));
        var cop = Assert.IsType<ScenarioFixture.Marked>(s.Fixture("cop"));
        Assert.Equal(("osmosis", ContractRole.Slasher), (cop.Chain, cop.Contract.Role));
        Assert.Equal("cop (slasher on osmosis)", cop.ToString());
    }

    [Fact]
    public void A_lockup_fixture_gives_a_chain_without_a_link_its_lockup_for_bond_a_lien_holder_and_contract_lockup()
    {
        var text = WithFixtures("{ name = holder, deploy = test-lienholder, chain = juno }",
                       "{ name = jl, deploy = lockup, chain = juno }") +
                   "steps = [\n" +
                   "  { at = 5m, action = bond, chain = juno, account = jack, amount = 5 }\n" +
                   "  { at = 6m, action = execute, sender = jack, contract = lockup, chain = juno\n" +
                   "    msg = { grant_claim { leinholder = \"@fixture:holder\", amount = \"5\", validator = \"@jv\" } } }\n" +
                   "]\n";
        var s = Parse.Ok(text);
        Assert.Equal(["holder", "jl"], s.Fixtures.Select(f => f.Name));
        var grant = Assert.IsType<Step.Execute>(s.Steps[1]);
        Assert.Equal((ContractRole.Lockup, "juno"), (grant.Contract.Role, grant.Contract.Chain));
    }

    [Fact]
    public void A_step_acts_as_a_fixture_with_as_instead_of_sender()
    {
        var s = Parse.Ok(Parse.Base + Holder + "steps = [\n" +
                         "  { at = 5m, action = execute, as = holder, contract = lockup, chain = osmosis, " +
                         "msg = { release_claim { owner = \"@alice\", amount = \"1\" } } }\n" +
                         "  { at = 5m, action = execute, sender = bob, fixture = holder, " +
                         "msg = { slash { owner = \"@alice\", amount = \"1\" } } }\n" +
                         "]\n");
        var acting = Assert.IsType<Step.Execute>(s.Steps[0]);
        Assert.Equal(("holder", true), (acting.Sender, acting.AsFixture));
        var told = Assert.IsType<Step.Execute>(s.Steps[1]);
        Assert.Equal(("bob", false, "holder"), (told.Sender, told.AsFixture, told.Contract.Fixture));
    }

    /// <summary>Rows: the fixtures (the first on line 8, from column 3), the text the error is placed at, its key, a fragment.</summary>
    public static TheoryData<string, string, string, string> FixtureMisuses => new()
    {
        { "{ name = h, deploy = test-lienholdr, chain = osmosis }", "deploy", "fixtures[0].deploy", "did you mean \"test-lienholder\"?" },
        { "{ name = h, deploy = test-lienholder, chain = juno }", "chain", "fixtures[0].chain", "juno has none" },
        { "{ name = l, deploy = lockup, chain = osmosis }", "chain", "fixtures[0].chain", "it has a lockup already" },
        { "{ name = m, deploy = meta-staking, chain = juno }", "chain", "fixtures[0].chain", "the consumer of a link" },
        { "{ name = m, deploy = meta-staking, chain = osmosis, consumers = [ { account = jack, funds = 5 } ] }", "account",
            "fixtures[0].consumers[0].account", "unknown account \"jack\" on chain osmosis" },
        { "{ name = m, deploy = meta-staking, chain = osmosis, consumers = [ { account = alice, fund = 5 } ] }", "fund",
            "fixtures[0].consumers[0].fund", "did you mean \"funds\"?" },
        { "{ name = l, deploy = lockup, chain = juno, refuse-claims = true }", "refuse-claims", "fixtures[0].refuse-claims",
            "in a fixture that deploys a contract" },
        { "{ name = s, contract = slasher, provider = osmosis, consumer = juo }", "consumer", "fixtures[0].consumer",
            "did you mean \"juno\"?" },
        { "{ name = s }", "{", "fixtures[0].deploy", "missing required key \"deploy\"" },
        { "{ name = s, deploy = lockup, chain = juno }, { name = s, deploy = meta-staking, chain = osmosis }", "name = s, deploy = m",
            "fixtures[1].name", "a fixture named \"s\" is declared already" },
    };

    [Theory]
    [MemberData(nameof(FixtureMisuses))]
    public void Every_misuse_of_a_fixture_is_a_located_error(string fixtures, string at, string key, string fragment)
    {
        var column = 3 + fixtures.IndexOf(at, StringComparison.Ordinal);
        Parse.Has(Parse.Errors(WithFixtures(fixtures)), 8, column, key, fragment);
    }

    /// <summary>Rows: the step (line 9, from column 3) beside the fixture holder, where the error is, its key, a fragment.</summary>
    public static TheoryData<string, string, string, string> UseMisuses => new()
    {
        { "{ at = 5m, action = execute, as = holdr, contract = lockup, chain = osmosis, msg = {} }", "as", "steps[0].as",
            "did you mean \"holder\"?" },
        { "{ at = 5m, action = execute, as = alice, contract = lockup, chain = osmosis, msg = {} }", "as", "steps[0].as",
            "only a contract the scenario declares as a test fixture" },
        { "{ at = 5m, action = execute, as = holder, sender = alice, contract = lockup, chain = osmosis, msg = {} }", "as", "steps[0].as",
            "either sender (an account) or as (a fixture)" },
        { "{ at = 5m, action = execute, as = holder, contract = meta-staking, chain = juno, msg = {} }", "as", "steps[0].as",
            "can send only to contracts of osmosis, not of juno" },
        { "{ at = 5m, action = execute, sender = alice, fixture = holder, msg = { slash { owner = \"@fixture:holdr\" } } }", "msg",
            "steps[0].msg", "unknown fixture \"holdr\" (did you mean \"holder\"?)" },
        { "{ at = 5m, action = execute, sender = alice, fixture = holder, contract = lockup, msg = {} }", "contract", "steps[0].contract",
            "named by fixture already" },
        { "{ at = 5m, action = execute, sender = alice, fixture = holder, chain = juno, msg = {} }", "chain", "steps[0].chain",
            "fixture holder is on osmosis" },
        { "{ at = 5m, action = sudo, as = holder, fixture = holder, msg = {} }", "as", "steps[0].as", "unknown key \"as\"" },
        { "{ at = 5m, action = bond, chain = juno, account = jack, amount = 1 }", "chain", "steps[0].chain", "no fixture deploys one" },
    };

    [Theory]
    [MemberData(nameof(UseMisuses))]
    public void Every_misuse_of_a_fixture_by_a_step_is_a_located_error(string step, string at, string key, string fragment)
    {
        var column = 3 + step.IndexOf(at, StringComparison.Ordinal);
        Parse.Has(Parse.Errors(Parse.Base + Holder + "steps = [\n  " + step + "\n]\n"), 9, column, key, fragment);
    }

    [Fact]
    public void A_query_of_an_unknown_fixture_is_a_located_error()
    {
        var text = Parse.Base + Holder + "expect = [\n  { at = 5m, what = query, fixture = hodler, msg = { calls {} }, equals = 1 }\n]\n";
        Parse.Single(text, 9, 28, "expect[0].fixture", "unknown fixture \"hodler\" (did you mean \"holder\"?)");
    }

    [Fact]
    public async Task The_report_names_the_steps_that_acted_as_a_fixture_and_only_those()
    {
        var scenario = ScenarioParser.ParseFile(Examples.PathOf("lienholder-fixture.conf"));
        var runner = new ScenarioRunner(scenario, new RunOptions(JournalSettings.Memory, SpeedMax: true), NullLoggerFactory.Instance);
        var report = await runner.RunAsync();

        Assert.NotNull(report);
        Assert.True(report.Result.Ok, string.Join("; ", report.Expectations.Where(e => !e.Ok).Select(e => $"{e.Location}: {e.Actual}")));
        var acting = report.Steps.Where(s => s.ActsAs is not null).Select(s => (s.Location, s.ActsAs)).ToList();
        Assert.Equal([("lienholder-fixture.conf:57:3", "holder (test-lienholder on osmosis)"),
            ("lienholder-fixture.conf:62:3", "osmo-slasher (slasher on osmosis)")], acting);
        Assert.All(acting, a => Assert.Contains(report.Steps, s => s.Location == a.Location && s.Ok && s.Outcome == "success"));
    }
}
