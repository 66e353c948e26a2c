using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;
using Step = MeshSecurity.Scenarios.Model.ScenarioStep;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// Reading what a step expects (expect-error), execute and sudo steps, and the references of their JSON messages; every
/// misuse is a located error.
/// </summary>
public sealed class ContractStepTests
{
    private const string Unbond = "{ at = 5m, action = unbond, chain = osmosis, account = alice, amount = 9, ";

    private static Step One(string step) => Assert.Single(Parse.Ok(Parse.WithStep(step)).Steps);

    [Theory]
    [InlineData("expect-error = ClaimsLocked }", "ClaimsLocked", null, null, "")]
    [InlineData("expect-error = \"lockup:ClaimsLocked\" }", "ClaimsLocked", "lockup", null, "")]
    [InlineData("expect-error { kind = ClaimsLocked, free = 400, message = \"only\" } }", "ClaimsLocked", null, "only", "free=400")]
    [InlineData("expect-error = { kind = \"payment:NoFunds\" } }", "NoFunds", "payment", null, "")]
    public void Expect_error_is_a_kind_a_codespace_and_kind_or_an_object_with_fields(string tail, string kind, string? codespace,
        string? message, string fields)
    {
        var e = Assert.IsType<ErrorExpectation>(One(Unbond + tail).ExpectError);
        Assert.Equal((kind, codespace, message), (e.Kind, e.Codespace, e.MessageContains));
        Assert.Equal(fields, string.Join(",", e.Fields.Select(f => $"{f.Key}={f.Value}")));
    }

    [Fact]
    public void A_step_without_expect_error_must_succeed()
    {
        Assert.Null(One(Unbond.TrimEnd(',', ' ') + " }").ExpectError);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData(", funds = \"0uosmo\"", "")]
    [InlineData(", funds = 7", "7uosmo")]
    [InlineData(", funds = \"5uosmo,3uother\"", "5uosmo,3uother")]
    [InlineData(", funds = [\"1uosmo\", \"2uosmo\", \"4ibc/AB\"]", "4ibc/AB,3uosmo")]
    public void Execute_sends_any_coins_none_or_several_denoms_and_drops_zero_coins(string funds, string coins)
    {
        var step = One("{ at = 5m, action = execute, sender = alice, contract = lockup, chain = osmosis, msg = { bond {} }" + funds + " }");
        Assert.Equal(coins, Assert.IsType<Step.Execute>(step).Funds.ToString());
    }

    [Fact]
    public void A_validator_not_on_the_chain_is_allowed_where_the_step_expects_the_refusal()
    {
        var step = One("{ at = 5m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, " +
                       "validator = ghost, amount = 4, " +
                       "expect-error = UnknownValidator }");
        Assert.Equal("ghost", Assert.IsType<Step.CrossStake>(step).Validator);
    }

    [Fact]
    public void References_may_name_validators_not_on_the_chain_where_an_error_is_expected()
    {
        var step = One("{ at = 5m, action = execute, sender = alice, contract = provider, chain = osmosis, " +
                       "msg = { unstake { amount = \"1\", validator = \"@juno/validator:ghost\" } }, expect-error = UnknownValidator }");
        Assert.Contains("@juno/validator:ghost", Assert.IsType<Step.Execute>(step).Msg, StringComparison.Ordinal);
    }

    /// <summary>Rows: the step (line 8, from column 3), the text the error is placed at, its key, a fragment of its message.</summary>
    public static TheoryData<string, string, string, string> Misuses => new()
    {
        { Unbond + "expect-error = ClaimLocked }", "expect-error", "steps[0].expect-error", "did you mean \"ClaimsLocked\"?" },
        { Unbond + "expect-eror = ClaimsLocked }", "expect-eror", "steps[0].expect-eror", "did you mean \"expect-error\"?" },
        { Unbond + "expect-error = \"bank:ClaimsLocked\" }", "expect-error", "steps[0].expect-error",
            "ClaimsLocked is not a bank error but a lockup one (did you mean \"lockup:ClaimsLocked\"?)" },
        { Unbond + "expect-error = \"bank:ZeroAmount\" }", "expect-error", "steps[0].expect-error",
            "ZeroAmount is not a bank error but a lockup, provider or staking one (did you mean \"lockup:ZeroAmount\"?)" },
        { Unbond + "expect-error = \"bank:NoSuchKind\" }", "expect-error", "steps[0].expect-error",
            "unknown error kind \"bank:NoSuchKind\"" },
        { Unbond + "expect-error { kind = ClaimsLocked, fre = 1 } }", "fre", "steps[0].expect-error.fre", "did you mean \"free\"?" },
        { Unbond + "expect-error { free = 1 } }", "expect-error", "steps[0].expect-error.kind", "missing required key \"kind\"" },
        { "{ at = 5m, action = advance, expect-error = ClaimsLocked }", "expect-error", "steps[0].expect-error", "cannot expect an error" },
        { "{ at = 5m, action = relayer-stop, provider = osmosis, consumer = juno, expect-error = NoFunds }", "expect-error",
            "steps[0].expect-error", "it submits no transaction" },
        { "{ at = 5m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = ghost, amount = 4 }",
            "validator = ghost", "steps[0].validator", "unknown validator \"ghost\" on chain juno" },
        { "{ at = 5m, action = execute, sender = alice, contract = lockup, chain = osmosis, msg = { balance { account = \"@alcie\" } } }",
            "msg", "steps[0].msg", "did you mean \"alice\"?" },
        { "{ at = 5m, action = execute, sender = alice, contract = provider, chain = osmosis, " +
          "msg = { unstake { v = \"@juno/validator:gost\" } } }",
            "msg", "steps[0].msg", "allowed only where an error is expected" },
        { "{ at = 5m, action = execute, sender = alice, contract = lockup, chain = osmosis, msg = { bond { to = \"@mars/alice\" } } }",
            "msg", "steps[0].msg", "unknown chain \"mars\"" },
        { "{ at = 5m, action = execute, sender = alice, contract = lockup, chain = osmosis, msg = { bond { to = \"@a b\" } } }",
            "msg", "steps[0].msg", "is not a reference" },
        { "{ at = 5m, action = execute, sender = alice, contract = lockup, chain = osmosis, msg = \"{bond\" }", "msg", "steps[0].msg",
            "expected JSON, got \"{bond\"" },
        { "{ at = 5m, action = execute, sender = alice, contract = provder, chain = osmosis, msg = { bond {} } }", "contract",
            "steps[0].contract", "did you mean \"provider\"?" },
        { "{ at = 5m, action = execute, sender = alice, contract = provider, chain = juno, msg = { bond {} } }", "chain", "steps[0].chain",
            "no link has juno as its provider" },
        { "{ at = 5m, action = execute, sender = alice, contract = consumer, provider = osmosis, consumer = juno, " +
          "chain = osmosis, msg = {} }",
            "chain", "steps[0].chain", "the link's consumer is on juno" },
        { "{ at = 5m, action = execute, sender = jack, contract = lockup, chain = osmosis, msg = { bond {} } }", "sender",
            "steps[0].sender",
            "unknown account \"jack\" on chain osmosis" },
        { "{ at = 5m, action = sudo, chain = osmosis, address = \"juno1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\", msg = {} }", "address",
            "steps[0].address", "expected an address of osmosis" },
        { "{ at = 5m, action = sudo, contract = lockup, msg = {} }", "{", "steps[0].provider", "missing required key \"provider\"" },
        { "{ at = 5m, action = sudo, contract = lockup, chain = osmosis }", "{", "steps[0].msg", "missing required key \"msg\"" },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Every_misuse_is_a_located_error(string step, string at, string key, string fragment)
    {
        var column = 3 + step.IndexOf(at, StringComparison.Ordinal);
        Parse.Has(Parse.Errors(Parse.WithStep(step)), 8, column, key, fragment);
    }
}
