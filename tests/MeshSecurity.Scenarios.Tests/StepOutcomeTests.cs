using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// A run judges every step's outcome against what it expected, and reads contracts by query: each way a step or a
/// reading can come out otherwise than written fails the run and says what happened.
/// </summary>
public sealed class StepOutcomeTests
{
    /// <summary>Alice bonds 1000 and cross-stakes 600 (400 free); the steps and readings below are judged one by one.</summary>
    private const string Scenario = """
        scenario { name = outcomes, seed = 3 }
        chains = [
          { id = osmosis, prefix = osmo, denom = uosmo, validators = [ { name = ov, stake = 10000000000 } ]
            accounts = [ { name = alice, balance = "2000000000uosmo" }, { name = bob } ] }
          { id = juno, prefix = juno, denom = ujuno, validators = [ { name = jv, stake = 10000000000 } ], accounts = [ { name = jack } ] }
        ]
        links = [ { provider = osmosis, consumer = juno, exchange-rate = "1", staking-funds = 1000000000 } ]
        steps = [
          { at = 5m, action = bond, chain = osmosis, account = alice, amount = 1000 }
          { at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, amount = 600 }
          { at = 10m, action = unbond, chain = osmosis, account = alice, amount = 500 }
          { at = 10m, action = unbond, chain = osmosis, account = alice, amount = 1, expect-error = ClaimsLocked }
          { at = 11m, action = unbond, chain = osmosis, account = alice, amount = 500, expect-error { kind = ClaimsLocked, free = 5 } }
          { at = 11m, action = unbond, chain = osmosis, account = alice, amount = 500, expect-error = InsufficientBalance }
          { at = 12m, action = unbond, chain = osmosis, account = alice, amount = 500, expect-error { kind = ClaimsLocked, free = 399 } }
          { at = 12m, action = execute, sender = alice, contract = lockup, chain = osmosis, msg = { unbond { amount = "9" } } }
          { at = 12m, action = sudo, contract = meta-staking, chain = juno, msg = { remove_consumer { consumer_address = "@consumer" } } }
          { at = 12m, action = sudo, contract = meta-staking, chain = juno, expect-error = NotEnoughFunds
            msg = { add_consumer { consumer_address = "@jack", funds_available_for_staking { denom = ujuno, amount = "2000000000" } } } }
          { at = 12m, action = sudo, contract = provider, chain = osmosis, msg = { anything {} }
            expect-error { kind = UnsupportedEntryPoint, entry-point = sudo, code = mesh-provider } }
        ]
        expect = [
          { at = 9m, what = query, contract = lockup, chain = osmosis, msg = { balance { account = "@alice" } }, id = before
            contains { free = "400", claims = [ { leinholder = "@provider" } ] } }
          { at = 9m, what = balance, chain = osmosis, account = alice, id = alice, equals = 1999999000 }
          { at = 20m, what = query, contract = lockup, chain = osmosis, msg = { balance { account = "@alice" } }, path = free
            changed-by = -10, since = before-free }
          { at = 20m, what = query, contract = lockup, chain = osmosis, msg = { balance { account = "@alice" } }
            path = nothing, equals = 1 }
          { at = 20m, what = query, contract = lockup, chain = osmosis, msg = { balance { account = "@bob" } }, error = UnknownAccount }
          { at = 20m, what = query, contract = lockup, chain = osmosis, msg = { balance { account = "@bob" } }, error = ClaimsLocked }
          { at = 20m, what = query, contract = lockup, chain = osmosis, msg = { balance { account = "@alice" } }, same-as = before }
          { at = 20m, what = balance, chain = osmosis, account = alice, changed-by = "+10", since = alice }
          { at = 20m, what = balance, contract = lockup, chain = osmosis, equals = 990 }
          { at = 20m, what = query, contract = meta-staking, chain = juno, msg = { consumers {} }, equals = [] }
        ]
        """;

    private static Task<RunReport> Run(string text) => Runs.Of(text);

    [Fact]
    public async Task Each_step_is_judged_against_what_it_expected_and_a_wrong_outcome_fails_the_run()
    {
        var text = Scenario.Replace("since = before-free", "since = before", StringComparison.Ordinal);
        var report = await Run(text);
        var steps = report.Steps;

        // success: the set-up steps, the refusal with the field expected, the raw execute and governance's sudo (one refused)
        Assert.All(new[] { 0, 1, 6, 7, 8, 9, 10 }, i => Assert.True(steps[i].Ok, $"step {i}: {steps[i].Expected} / {steps[i].Outcome}"));
        Assert.Equal(("error ClaimsLocked (free = 399)", "lockup:ClaimsLocked: Claim is locked, only 399 can be unbonded"),
            (steps[6].Expected, steps[6].Outcome));
        Assert.Equal("success", steps[8].Outcome);
        Assert.StartsWith("meta-staking:NotEnoughFunds", steps[9].Outcome, StringComparison.Ordinal);
        // failure: a refusal where success was expected, a success where a refusal was, a wrong field, a wrong kind
        Assert.Equal(("success", "lockup:ClaimsLocked: Claim is locked, only 400 can be unbonded", false),
            (steps[2].Expected, steps[2].Outcome, steps[2].Ok));
        Assert.Equal(("error ClaimsLocked", "success", false), (steps[3].Expected, steps[3].Outcome, steps[3].Ok));
        Assert.Equal(("error ClaimsLocked (free = 5)", false), (steps[4].Expected, steps[4].Ok));
        Assert.Equal(("error InsufficientBalance", false), (steps[5].Expected, steps[5].Ok));
        Assert.Equal(4, report.Result.FailedSteps);
        Assert.False(report.Result.Ok);
    }

    [Fact]
    public async Task Queries_read_any_contract_and_compare_with_values_errors_and_earlier_readings()
    {
        var report = await Run(Scenario.Replace("since = before-free", "since = before", StringComparison.Ordinal));
        var e = report.Expectations;

        Assert.True(e[0].Ok, e[0].Actual);                                       // partial match, "@provider" resolved
        Assert.True(e[1].Ok, e[1].Actual);
        // "before" is an object: a change cannot be counted from it
        Assert.False(e[2].Ok);
        Assert.Contains("not a number", e[2].Actual, StringComparison.Ordinal);
        Assert.Equal((false, "the answer has no field \"nothing\" (its fields: bonded, free, claims)"), (e[3].Ok, e[3].Actual));
        Assert.True(e[4].Ok, e[4].Actual);                                       // the query's error, by kind
        Assert.Equal((false, "error ClaimsLocked"), (e[5].Ok, e[5].Expected));   // another error than the one expected
        Assert.StartsWith("lockup:UnknownAccount", e[5].Actual, StringComparison.Ordinal);
        Assert.False(e[6].Ok);                                                   // 10 were unbonded since "before"
        Assert.True(e[7].Ok, $"{e[7].Expected} / {e[7].Actual}");                 // alice got her 10 back
        Assert.True(e[8].Ok, e[8].Actual);                                       // the lockup contract's own balance
        Assert.True(e[9].Ok, e[9].Actual);                                       // governance removed the only consumer
    }

    [Fact]
    public async Task A_step_the_run_ends_before_is_noted_unless_it_expected_a_refusal()
    {
        var text = Scenario.Replace("since = before-free", "since = before", StringComparison.Ordinal)
            .Replace("seed = 3 }", "seed = 3, duration = 20m }", StringComparison.Ordinal)
            .Replace("""
                  { at = 5m, action = bond, chain = osmosis, account = alice, amount = 1000 }
                """, """
                  { at = 5m, action = bond, chain = osmosis, account = alice, amount = 1000 }
                  { at = 20m, action = bond, chain = osmosis, account = alice, amount = 1 }
                  { at = 20m, action = bond, chain = osmosis, account = alice, amount = 1, expect-error = NoFunds }
                """, StringComparison.Ordinal);
        var report = await Run(text);
        var late = report.Steps.Where(x => x.At == "20m").ToList();
        Assert.Equal([("not executed before the run ended", true), ("not executed before the run ended", false)],
            late.Select(x => (x.Outcome, x.Ok)));
    }

    [Fact]
    public async Task A_change_is_counted_from_an_earlier_number()
    {
        var text = Scenario.Replace("""
              { at = 9m, what = balance, chain = osmosis, account = alice, id = alice, equals = 1999999000 }
            """, """
              { at = 9m, what = balance, chain = osmosis, account = alice, id = alice, equals = 1999999000 }
              { at = 9m, what = query, contract = lockup, chain = osmosis, msg = { balance { account = "@alice" } }, path = free
                id = before-free, equals = 400 }
            """, StringComparison.Ordinal);
        var report = await Run(text);
        var change = report.Expectations.Single(x => x.Expected.Contains("before-free", StringComparison.Ordinal));
        Assert.Equal(("390 (before-free - 10)", "390", true), (change.Expected, change.Actual, change.Ok));
    }
}
