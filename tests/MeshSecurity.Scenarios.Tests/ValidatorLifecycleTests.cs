using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// The validator lifecycle steps and the provider's record of it (docs/scenarios.md "Validator lifecycle"): what they
/// read, a located error for each misuse, and one run through production's valset sync.
/// </summary>
public sealed class ValidatorLifecycleTests
{
    [Fact]
    public void The_lifecycle_steps_read_the_chain_the_account_the_validator_and_the_amount()
    {
        var s = Parse.Ok(Parse.Base + """
            steps = [
              { at = 1m, action = delegate, chain = juno, account = jack, validator = jv2, amount = 5 }
              { at = 2m, action = undelegate, chain = juno, account = jack, validator = jv2, amount = 3 }
              { at = 3m, action = unjail, chain = juno, validator = jv, expect-error = NotJailed }
            ]
            """);
        Assert.Equal(
            [
                new ScenarioStep.Delegate(Duration.FromMinutes(1), "juno", "jack", "jv2", new Amount(5)),
                new ScenarioStep.Undelegate(Duration.FromMinutes(2), "juno", "jack", "jv2", new Amount(3)),
                new ScenarioStep.Unjail(Duration.FromMinutes(3), "juno", "jv"),
            ],
            s.Steps.Select(x => x with { Location = SourceLocation.None, ExpectError = null }));
    }

    [Theory]
    [InlineData("failure: a misspelt action", "action = delegat, chain = juno, account = jack, validator = jv, amount = 5", "action",
        "steps[0].action", "did you mean \"delegate\"")]
    [InlineData("failure: a validator of another chain", "action = delegate, chain = juno, account = jack, validator = ov, amount = 5",
        "validator", "steps[0].validator", "unknown validator \"ov\" on chain juno")]
    [InlineData("failure: an account of another chain", "action = undelegate, chain = juno, account = alice, validator = jv, amount = 5",
        "account", "steps[0].account", "unknown account \"alice\" on chain juno")]
    [InlineData("failure: another chain's denom", "action = delegate, chain = juno, account = jack, validator = jv, amount = \"5uosmo\"",
        "amount", "steps[0].amount", "the denom must be ujuno")]
    [InlineData("failure: a misspelt validator", "action = unjail, chain = juno, validator = jv3", "validator", "steps[0].validator",
        "did you mean \"jv\"")]
    [InlineData("failure: an unjail takes no amount", "action = unjail, chain = juno, validator = jv, amount = 5", "amount",
        "steps[0].amount", "unknown key")]
    public void A_misused_lifecycle_step_is_a_located_error(string label, string keys, string at, string key, string message)
    {
        Assert.NotEmpty(label);
        Parse.SingleAt(Parse.WithStep("{ at = 1m, " + keys + " }"), 8, at, key, message);
    }

    private const string State = "what = validator-state, provider = osmosis, consumer = juno, validator = jv";

    [Fact]
    public void A_validator_state_reading_names_the_link_the_validator_the_time_and_the_state()
    {
        var s = Parse.Ok(Parse.WithExpect($"{{ at = 9m, {State}, as-of = 4m, equals = jailed }}"));
        Assert.Equal(new Expectation.ValidatorStateOf(Duration.FromMinutes(9), "osmosis", "juno", "jv", Duration.FromMinutes(4), "jailed"),
            s.Expectations[0] with { Location = SourceLocation.None });
        Assert.Null(Assert.IsType<Expectation.ValidatorStateOf>(
            Parse.Ok(Parse.WithExpect($"{{ at = 9m, {State}, equals = active }}")).Expectations[0]).AsOf);
    }

    [Theory]
    [InlineData("failure: a misspelt state", "equals = jailled", "equals", "expect[0].equals", "did you mean \"jailed\"")]
    [InlineData("failure: a number", "equals = 3", "equals", "expect[0].equals", "unknown validator state")]
    [InlineData("failure: as of a later time", "as-of = 10m, equals = active", "as-of", "expect[0].as-of",
        "at or before the expectation's at")]
    [InlineData("failure: a misspelt key", "as-off = 1m, equals = active", "as-off", "expect[0].as-off", "did you mean \"as-of\"")]
    public void A_misused_validator_state_reading_is_a_located_error(string label, string keys, string at, string key, string message)
    {
        Assert.NotEmpty(label);
        Parse.SingleAt(Parse.WithExpect($"{{ at = 9m, {State}, {keys} }}"), 8, at, key, message);
    }

    [Fact]
    public async Task A_validator_pushed_out_of_the_active_set_is_removed_on_the_provider_and_active_again_when_it_rejoins()
    {
        // juno keeps one validator active: jack's delegation lifts jv2 (50) above jv (100), then his undelegation drops it
        var text = Parse.Base
            .Replace("{ id = juno, prefix = juno,", "{ id = juno, prefix = juno, max-validators = 1,", StringComparison.Ordinal)
            .Replace("{ name = jack, balance = 10 }", "{ name = jack, balance = 100 }", StringComparison.Ordinal) + """
            steps = [
              { at = 1m, action = delegate, chain = juno, account = jack, validator = jv2, amount = 100 }
              { at = 3m, action = undelegate, chain = juno, account = jack, validator = jv2, amount = 100 }
            ]
            expect = [
              { at = 50s, what = validator-state, provider = osmosis, consumer = juno, validator = jv2, equals = unknown }
              { at = 2m, what = validator-state, provider = osmosis, consumer = juno, validator = jv, equals = removed }
              { at = 2m, what = validator-state, provider = osmosis, consumer = juno, validator = jv2, equals = active }
              { at = 4m, what = validator-state, provider = osmosis, consumer = juno, validator = jv, equals = active }
              { at = 4m, what = validator-state, provider = osmosis, consumer = juno, validator = jv2, equals = removed }
              { at = 4m, what = validator-state, provider = osmosis, consumer = juno, validator = jv, as-of = 2m, equals = removed }
            ]
            """;
        var report = await Runs.Of(text);
        Assert.All(report.Expectations, e => Assert.True(e.Ok, $"{e.What} at {e.At}: expected {e.Expected}, got {e.Actual}"));
        Assert.True(report.Result.Ok, "the run failed its own checks (steps or invariants)");
        // a user's reading of a failure (helper dogfood3): the target says it is the provider's record of the validator
        Assert.Equal("osmosis->juno state of jv as of 2m", report.Expectations[5].Target);
    }
}
