using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>Every kind of error, with its exact file:line:column and key path.</summary>
public sealed class ErrorTests
{
    // ---- unknown keys ----------------------------------------------------------------------------------------

    [Fact]
    public void Unknown_key_at_top_level()
    {
        Parse.Single(Parse.Base + "stepz = []\n", 7, 1, "stepz", "unknown key \"stepz\" (did you mean \"steps\"?)");
    }

    [Fact]
    public void Unknown_key_at_top_level_without_a_close_match_lists_the_keys()
    {
        Parse.Single(Parse.Base + "validators = []\n", 7, 1, "validators",
            "unknown key \"validators\"; expected one of: scenario, chains, links, fixtures, steps, nemesis, expect, risk");
    }

    [Fact]
    public void Unknown_key_in_scenario()
    {
        Parse.Single("scenario {\n  name = t\n  sped = 3\n}\n" + Parse.Base[22..], 3, 3, "scenario.sped", "unknown key \"sped\" in scenario (did you mean \"speed\"?)");
    }

    [Fact]
    public void Unknown_key_in_a_chain()
    {
        const string text = """
            scenario { name = t }
            chains = [
              {
                id = osmosis
                prefix = osmo
                denom = uosmo
                blok-time = 6s
                validators = [ { name = v, stake = 1 } ]
              }
            ]
            """;
        Parse.Single(text, 7, 5, "chains[0].blok-time", "unknown key \"blok-time\" in a chain (did you mean \"block-time\"?)");
    }

    [Fact]
    public void Unknown_key_in_a_validator_and_an_account()
    {
        var errors = Parse.Errors(Parse.Base.Replace("{ name = jv, stake = 100 }", "{ name = jv, stake = 100, power = 3 }", StringComparison.Ordinal)
            .Replace("{ name = bob }", "{ name = bob, balanse = 1 }", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
        Parse.At(errors[0], 3, 162, "chains[0].accounts[1].balanse", "unknown key \"balanse\" in an account (did you mean \"balance\"?)");
        Parse.At(errors[1], 4, 87, "chains[1].validators[0].power", "unknown key \"power\" in a validator");
    }

    [Fact]
    public void Unknown_key_in_a_nested_relayer_latency()
    {
        const string text = """
            scenario { name = t }
            chains = [
              { id = a, prefix = a, denom = uaa, validators = [ { name = v, stake = 1 } ] }
              { id = b, prefix = b, denom = ubb, validators = [ { name = v, stake = 1 } ] }
            ]
            links = [
              {
                provider = a
                consumer = b
                exchange-rate = "1"
                staking-funds = 10
                relayer {
                  batch-size = 5
                  latency {
                    kind = uniform
                    min = 1s
                    max = 2s
                    mena = 3s
                  }
                }
              }
            ]
            """;
        Parse.Single(text, 18, 9, "links[0].relayer.latency.mena", "unknown key \"mena\" in a uniform latency; expected one of: kind, min, max");
    }

    [Fact]
    public void Unknown_key_in_the_relayer()
    {
        var text = Parse.Base.Replace("staking-funds = 1000 }", "staking-funds = 1000, relayer { latncy { kind = constant, value = 1s } } }", StringComparison.Ordinal);
        Parse.Single(text, 6, 105, "links[0].relayer.latncy", "unknown key \"latncy\" in relayer (did you mean \"latency\"?)");
    }

    [Fact]
    public void Keys_of_another_latency_kind_are_unknown()
    {
        var text = Parse.Base.Replace("staking-funds = 1000 }", "staking-funds = 1000, relayer.latency { kind = constant, value = 1s, max = 2s } }", StringComparison.Ordinal);
        Parse.Single(text, 6, 142, "links[0].relayer.latency.max", "unknown key \"max\" in a constant latency; expected one of: kind, value");
    }

    [Fact]
    public void Unknown_key_in_a_step_depends_on_its_action()
    {
        Parse.Single(Parse.WithStep("{ at = 1m, action = bond, chain = osmosis, account = alice, amount = 1, validator = ov }"), 8, 75, "steps[0].validator",
            "unknown key \"validator\" in a bond step; expected one of: at, action, chain, account, amount");
    }

    [Fact]
    public void Unknown_key_in_an_expectation()
    {
        var errors = Parse.Errors(Parse.WithExpect("{ at = 1m, what = supply, chain = juno, equal = 1 }"));
        Assert.Equal(2, errors.Count);
        Parse.At(errors[0], 8, 3, "expect[0].equals", "missing required key \"equals\"");
        Parse.At(errors[1], 8, 43, "expect[0].equal", "unknown key \"equal\" in a supply expectation (did you mean \"equals\"?)");
    }

    [Fact]
    public void Unknown_action_and_kind_suggest()
    {
        Parse.Single(Parse.WithStep("{ at = 1m, action = crossstake }"), 8, 14, "steps[0].action", "unknown action \"crossstake\" (did you mean \"cross-stake\"?)");
        Parse.Single(Parse.WithExpect("{ at = 1m, what = lockup_free, chain = osmosis, account = alice, equals = 1 }"), 8, 14, "expect[0].what",
            "unknown expectation \"lockup_free\" (did you mean \"lockup-free\"?)");
    }

    [Fact]
    public void Unknown_enumeration_values_suggest()
    {
        Parse.Single(Parse.Base.Replace("staking-funds = 1000 }", "staking-funds = 1000, ordering = orderd }", StringComparison.Ordinal), 6, 95,
            "links[0].ordering", "unknown channel ordering \"orderd\" (did you mean \"ordered\"?); expected one of: unordered, ordered");
        Parse.Single(Parse.WithStep("{ at = 1m, action = double-sign, chain = juno, validator = jv, submit-to = [slasher] }"), 8, 79,
            "steps[0].submit-to[0]", "unknown evidence target \"slasher\" (did you mean \"slashers\"?)");
        Parse.Single(Parse.WithExpect("{ at = 1m, what = packets, provider = osmosis, consumer = juno, count = timedout, equals = 1 }"), 8, 67,
            "expect[0].count", "unknown packet counter \"timedout\" (did you mean \"timed-out\"?)");
    }

    [Fact]
    public void Expect_events_misuse_is_located()
    {
        const string Head = "{ at = 1m, action = bond, chain = osmosis, account = alice, amount = 1, ";
        Parse.SingleAt(Parse.WithStep(Head + "expect-error = ClaimsLocked, expect-events = [ { type = wasm } ] }"), 8, "expect-events",
            "steps[0].expect-events", "a transaction that fails emits no events");
        Parse.SingleAt(Parse.WithStep(Head + "expect-events = [ { type = wasm, attributes = [a] } ] }"), 8, "attributes",
            "steps[0].expect-events[0].attributes", "expected an object of attributes");
        var text = Parse.WithStep(Head + "expect-events = [ { typ = wasm } ] }");
        var errors = Parse.Errors(text);
        Assert.Equal(2, errors.Count);
        Parse.Has(errors, 8, text.Split('\n')[7].IndexOf("typ", StringComparison.Ordinal) + 1, "steps[0].expect-events[0].typ",
            "unknown key \"typ\" in an expected event (did you mean \"type\"?)");
        Parse.SingleAt(Parse.WithStep("{ at = 1m, action = advance, expect-events = [] }"), 8, "expect-events", "steps[0].expect-events",
            "unknown key \"expect-events\"");
    }

    private const string Inject = "{ at = 1m, action = inject-packet, provider = osmosis, consumer = juno, ";
    private const string Pending = "{ at = 1m, what = pending-packets, provider = osmosis, consumer = juno, ";

    /// <summary>Misuses of inject-packet (a step) and pending-packets (an expectation): the text, the error's place and words.</summary>
    public static TheoryData<string, string, string, string> PacketMisuses => new()
    {
        { Inject + "data = x, expect-ack = eror }", "expect-ack", "steps[0].expect-ack",
            "unknown acknowledgement \"eror\" (did you mean \"error\"?)" },
        { Inject + "data = x, expect-ack = ok, ack-error = boom }", "ack-error", "steps[0].ack-error",
            "ack-error is the text of an error ack: write expect-ack = error" },
        { Inject + "data = x, ack-error = \"\" }", "ack-error", "steps[0].ack-error",
            "ack-error is empty: give a part of the error ack's text, or write expect-ack = error" },
        { Inject + "direction = to-juno, data = x }", "direction", "steps[0].direction", "unknown direction \"to-juno\"" },
        { Inject + "expect-ack = ok }", "{ at", "steps[0].data", "missing required key \"data\"" },
        { Inject + "data = { stake { validator = \"@nobody\" } } }", "data", "steps[0].data", "nobody" },
        { Inject + "data = x, kind = stake }", "kind", "steps[0].kind", "unknown key \"kind\"" },
        { Pending + "kind = stakes, equals = 1 }", "kind", "expect[0].kind", "unknown packet kind \"stakes\" (did you mean \"stake\"?)" },
        { Pending + "direction = to-provider, kind = burn, equals = 1 }", "kind", "expect[0].kind",
            "burn packets travel to-consumer, not to-provider" },
        { Pending + "channel = transfer, kind = stake, equals = 1 }", "kind", "expect[0].kind",
            "the transfer channel carries only ICS-20 transfers" },
        { Pending + "direction = to-consumr, equals = 1 }", "direction", "expect[0].direction",
            "unknown direction \"to-consumr\" (did you mean \"to-consumer\"?)" },
        { Pending + "count = sent, equals = 1 }", "count", "expect[0].count", "unknown key \"count\"" },
    };

    [Theory]
    [MemberData(nameof(PacketMisuses))]
    public void Packet_step_and_reading_misuse_is_located(string written, string needle, string key, string fragment) =>
        Parse.SingleAt(key.StartsWith("steps", StringComparison.Ordinal) ? Parse.WithStep(written) : Parse.WithExpect(written), 8, needle,
            key, fragment);

    // ---- wrong types -----------------------------------------------------------------------------------------

    [Fact]
    public void Object_where_a_string_is_expected()
    {
        Parse.Single(Parse.Base.Replace("scenario { name = t }", "scenario { name = { first = t } }", StringComparison.Ordinal), 1, 12,
            "scenario.name", "expected the scenario's name (a string), got an object");
    }

    [Fact]
    public void List_where_an_object_is_expected()
    {
        Parse.Single(Parse.Base.Replace("scenario { name = t }", "scenario = [ t ]", StringComparison.Ordinal), 1, 1,
            "scenario", "expected the scenario settings (an object { ... }), got a list");
    }

    [Fact]
    public void String_where_a_list_is_expected()
    {
        Parse.Single(Parse.Base + "steps = bond\n", 7, 1, "steps", "expected the steps (a list [ ... ]), got \"bond\"");
    }

    [Fact]
    public void String_where_an_object_is_expected_in_a_list()
    {
        Parse.Single(Parse.Base + "steps = [ bond ]\n", 7, 11, "steps[0]", "expected a step (an object { ... }), got \"bond\"");
    }

    [Fact]
    public void Null_where_a_value_is_expected()
    {
        Parse.Single(Parse.Base.Replace("denom = ujuno", "denom = null", StringComparison.Ordinal), 4, 31, "chains[1].denom", "expected a denom like \"uosmo\", got null");
    }

    [Fact]
    public void Not_a_number_where_an_integer_is_expected()
    {
        Parse.Single(Parse.Base.Replace("denom = ujuno", "denom = ujuno, max-validators = many", StringComparison.Ordinal), 4, 46,
            "chains[1].max-validators", "expected a whole number from 1 to 10000, got \"many\"");
        Parse.Single(Parse.Base.Replace("denom = ujuno", "denom = ujuno, max-validators = 0", StringComparison.Ordinal), 4, 46,
            "chains[1].max-validators", "expected a whole number from 1 to 10000, got 0");
    }

    [Fact]
    public void Balance_must_be_coins()
    {
        Parse.Single(Parse.Base.Replace("balance = 10 }", "balance = [\"10ujuno\", \"ten\"] }", StringComparison.Ordinal), 4, 169,
            "chains[1].accounts[0].balance[1]", "expected a coin like \"1000ujuno\", got \"ten\"");
        Parse.Single(Parse.Base.Replace("balance = 10 }", "balance = { ujuno = 10 } }", StringComparison.Ordinal), 4, 147,
            "chains[1].accounts[0].balance", "expected coins like \"1000ujuno\" or a list of them, got an object");
    }

    // ---- missing required keys -------------------------------------------------------------------------------

    [Fact]
    public void Missing_sections()
    {
        var errors = Parse.Errors("# nothing\n");
        Assert.Equal(2, errors.Count);
        Parse.At(errors[0], 1, 1, "scenario", "missing required key \"scenario\" (expected the scenario settings (an object { ... }))");
        Parse.At(errors[1], 1, 1, "chains", "missing required key \"chains\"");
    }

    [Fact]
    public void Missing_scenario_name_points_at_the_scenario_block()
    {
        Parse.Single(Parse.Base.Replace("scenario { name = t }", "scenario { seed = 1 }", StringComparison.Ordinal), 1, 1, "scenario.name", "missing required key \"name\"");
    }

    [Fact]
    public void Missing_chain_keys_point_at_the_chain()
    {
        const string text = """
            scenario { name = t }
            chains = [
              {
                prefix = osmo
              }
            ]
            """;
        var errors = Parse.Errors(text);
        Assert.Equal(3, errors.Count);
        Parse.At(errors[0], 3, 3, "chains[0].id", "missing required key \"id\" (expected the chain id)");
        Parse.At(errors[1], 3, 3, "chains[0].denom", "missing required key \"denom\" (expected a denom like \"uosmo\")");
        Parse.At(errors[2], 3, 3, "chains[0].validators", "missing required key \"validators\"");
    }

    [Fact]
    public void Missing_link_keys()
    {
        var errors = Parse.Errors(Parse.Base.Replace("exchange-rate = \"0.5\", staking-funds = 1000", "exchange-rate = \"0.5\"", StringComparison.Ordinal));
        Parse.At(Assert.Single(errors), 6, 11, "links[0].staking-funds", "missing required key \"staking-funds\" (expected an amount like 1000 or \"1000ujuno\")");
    }

    [Fact]
    public void Missing_step_keys()
    {
        var errors = Parse.Errors(Parse.WithStep("{ action = cross-stake, account = alice, provider = osmosis, consumer = juno }"));
        Assert.Equal(3, errors.Count);
        Parse.Has(errors, 8, 3, "steps[0].at", "missing required key \"at\"");
        Parse.Has(errors, 8, 3, "steps[0].validator", "missing required key \"validator\"");
        Parse.Has(errors, 8, 3, "steps[0].amount", "missing required key \"amount\"");
        Parse.Single(Parse.WithStep("{ at = 1m }"), 8, 3, "steps[0].action", "missing required key \"action\"");
        Parse.Single(Parse.WithExpect("{ at = 1m, what = supply, chain = juno }"), 8, 3, "expect[0].equals", "missing required key \"equals\"");
    }

    [Fact]
    public void Withdraw_rewards_needs_a_consumer_chain_or_a_link_but_not_both()
    {
        Parse.Single(Parse.WithStep("{ at = 1m, action = withdraw-rewards, validator = jv }"), 8, 3, "steps[0].consumer-chain", "missing required key \"consumer-chain\"");
        Parse.Single(Parse.WithStep("{ at = 1m, action = withdraw-rewards, consumer-chain = juno, provider = osmosis, validator = jv }"), 8, 41,
            "steps[0].consumer-chain", "give either consumer-chain");
        Parse.Single(Parse.WithStep("{ at = 1m, action = withdraw-rewards, consumer-chain = osmosis, validator = ov }"), 8, 41,
            "steps[0].consumer-chain", "no link has osmosis as its consumer");
    }

    // ---- names -----------------------------------------------------------------------------------------------

    [Fact]
    public void Unknown_chain_in_a_step()
    {
        Parse.Single(Parse.WithStep("{ at = 1m, action = bond, chain = osmo, account = alice, amount = 1 }"), 8, 29, "steps[0].chain",
            "unknown chain \"osmo\" (did you mean \"osmosis\"?)");
        Parse.Single(Parse.WithStep("{ at = 1m, action = bond, chain = cosmoshub, account = alice, amount = 1 }"), 8, 29, "steps[0].chain",
            "unknown chain \"cosmoshub\"; the chains are: osmosis, juno");
    }

    [Fact]
    public void Unknown_account_in_a_step()
    {
        Parse.Single(Parse.WithStep("{ at = 1m, action = bond, chain = osmosis, account = alicia, amount = 1 }"), 8, 46, "steps[0].account",
            "unknown account \"alicia\" on chain osmosis (did you mean \"alice\"?)");
        Parse.Single(Parse.WithStep("{ at = 1m, action = cross-stake, account = jack, provider = osmosis, consumer = juno, validator = jv, amount = 1 }"), 8, 36,
            "steps[0].account", "unknown account \"jack\" on chain osmosis; the accounts of osmosis are: alice, bob");
        Parse.Single(Parse.WithStep("{ at = 1m, action = send, chain = osmosis, from = alice, to = carol, amount = 1 }"), 8, 60,
            "steps[0].to", "unknown account \"carol\" on chain osmosis");
    }

    [Fact]
    public void Unknown_validator_in_a_step_is_looked_up_on_the_right_chain()
    {
        Parse.Single(Parse.WithStep("{ at = 1m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = ov, amount = 1 }"), 8, 90,
            "steps[0].validator", "unknown validator \"ov\" on chain juno");
        Parse.Single(Parse.WithStep("{ at = 1m, action = claim-rewards, account = alice, provider = osmosis, consumer = juno, validator = zed }"), 8, 92,
            "steps[0].validator", "unknown validator \"zed\" on chain juno; the validators of juno are: jv, jv2");
        Parse.Single(Parse.WithStep("{ at = 1m, action = double-sign, chain = juno, validator = jv3 }"), 8, 50,
            "steps[0].validator", "unknown validator \"jv3\" on chain juno (did you mean \"jv\"?)");
    }

    [Fact]
    public void Unknown_link_in_a_step()
    {
        Parse.Single(Parse.WithStep("{ at = 1m, action = relayer-stop, provider = juno, consumer = osmosis }"), 8, 54,
            "steps[0].consumer", "no link from juno to osmosis; the links are: osmosis -> juno");
    }

    [Fact]
    public void Names_in_expectations_are_checked()
    {
        Parse.Single(Parse.WithExpect("{ at = 1m, what = voting-power, chain = juno, validator = jvv, equals = 1 }"), 8, 49,
            "expect[0].validator", "unknown validator \"jvv\" on chain juno (did you mean \"jv\"?)");
        Parse.Single(Parse.WithExpect("{ at = 1m, what = claim, chain = juno, account = alice, provider = osmosis, consumer = juno, equals = 1 }"), 8, 28,
            "expect[0].chain", "chain must be osmosis");
        Parse.Single(Parse.WithExpect("{ at = 1m, what = delegation, chain = osmosis, validator = ov, equals = 1 }"), 8, 33,
            "expect[0].chain", "no link has osmosis as its consumer");
        Parse.Single(Parse.WithExpect("{ at = 1m, what = balance, chain = juno, account = alice, equals = 1 }"), 8, 44,
            "expect[0].account", "unknown account \"alice\" on chain juno; the accounts of juno are: jack");
    }

    [Fact]
    public void A_lockup_needs_a_provider_chain()
    {
        Parse.Single(Parse.WithStep("{ at = 1m, action = bond, chain = juno, account = jack, amount = 1 }"), 8, 29,
            "steps[0].chain", "juno has no mesh-lockup: no link has it as its provider");
        Parse.Single(Parse.WithExpect("{ at = 1m, what = lockup-free, chain = juno, account = jack, equals = 1 }"), 8, 34,
            "expect[0].chain", "juno has no mesh-lockup");
    }

    [Fact]
    public void Slashers_need_a_link_into_the_chain()
    {
        Parse.Single(Parse.WithStep("{ at = 1m, action = double-sign, chain = osmosis, validator = ov, submit-to = slashers }"), 8, 69,
            "steps[0].submit-to", "no link has osmosis as its consumer");
    }

    [Fact]
    public void Unknown_chain_in_a_link()
    {
        var errors = Parse.Errors(Parse.Base.Replace("consumer = juno", "consumer = junoo", StringComparison.Ordinal));
        Parse.At(Assert.Single(errors), 6, 33, "links[0].consumer", "unknown chain \"junoo\" (did you mean \"juno\"?)");
    }

    // ---- duplicates ------------------------------------------------------------------------------------------

    [Fact]
    public void Duplicate_chain_id_and_prefix()
    {
        var errors = Parse.Errors(Parse.Base.Replace("id = juno, prefix = juno", "id = osmosis, prefix = osmo", StringComparison.Ordinal).Replace("links = [", "# links = [", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
        Parse.At(errors[0], 4, 5, "chains[1].id", "duplicate chain id \"osmosis\" (first defined at chains[0])");
        Parse.At(errors[1], 4, 19, "chains[1].prefix", "duplicate prefix \"osmo\" (already used by chains[0])");
    }

    [Fact]
    public void Duplicate_validator_and_account_names()
    {
        var errors = Parse.Errors(Parse.Base.Replace("{ name = jv2, stake = 50 }", "{ name = jv, stake = 50 }", StringComparison.Ordinal)
            .Replace("{ name = bob }", "{ name = alice }", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
        Parse.At(errors[0], 3, 150, "chains[0].accounts[1].name", "duplicate account name \"alice\" (first defined at chains[0].accounts[0])");
        Parse.At(errors[1], 4, 91, "chains[1].validators[1].name", "duplicate validator name \"jv\" (first defined at chains[1].validators[0])");
    }

    [Fact]
    public void Duplicate_link_and_self_link()
    {
        var errors = Parse.Errors(Parse.Base + """
            links = [
              { provider = osmosis, consumer = juno, exchange-rate = 1, staking-funds = 1 }
              { provider = osmosis, consumer = juno, exchange-rate = 2, staking-funds = 1 }
              { provider = juno, consumer = juno, exchange-rate = 2, staking-funds = 1 }
            ]
            """);
        Assert.Equal(2, errors.Count);
        Parse.At(errors[0], 9, 25, "links[1].consumer", "duplicate link osmosis -> juno (first defined at links[0])");
        Parse.At(errors[1], 10, 22, "links[2].consumer", "a chain cannot provide security to itself");
    }

    [Fact]
    public void Links_from_one_provider_share_a_profile()
    {
        var errors = Parse.Errors(Parse.Base.Replace("chains = [\n", "chains = [\n  { id = stars, prefix = stars, denom = ustars, validators = [ { name = sv, stake = 1 } ] }\n", StringComparison.Ordinal) + """
            links = [
              { provider = osmosis, consumer = juno, exchange-rate = 1, staking-funds = 1 }
              { provider = osmosis, consumer = stars, exchange-rate = 2, staking-funds = 1, profile = prototype-2022 }
            ]
            """);
        Parse.At(Assert.Single(errors), 10, 81, "links[1].profile", "links from osmosis share its lockup, so they need the same profile (links[0] uses intended)");
    }

    // ---- durations -------------------------------------------------------------------------------------------

    [Fact]
    public void Negative_duration()
    {
        Parse.Single(Parse.WithStep("{ at = -5s, action = advance }"), 8, 5, "steps[0].at",
            "expected a duration like \"6s\", \"1m\", \"2h\", \"21d\" or \"500ms\", got \"-5s\" (a duration cannot be negative)");
    }

    [Theory]
    [InlineData("5x", "unknown unit \"x\"")]
    [InlineData("5", "a unit is missing")]
    [InlineData("m", "expected a number before the unit")]
    [InlineData("abc", "expected a number before the unit")]
    [InlineData("\"1.5ns\"", "not a whole number of nanoseconds")]
    [InlineData("999999999d", "too long")]
    public void Invalid_durations(string value, string detail)
    {
        var e = Parse.Single(Parse.WithStep($"{{ at = {value}, action = advance }}"), 8, 5, "steps[0].at", "expected a duration like");
        Assert.Contains(detail, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chain_durations_must_be_whole_seconds()
    {
        Parse.Single(Parse.Base.Replace("denom = ujuno", "denom = ujuno, block-time = 500ms", StringComparison.Ordinal), 4, 46,
            "chains[1].block-time", "expected a whole number of seconds, from 1s to 5m, got 500ms");
        Parse.Single(Parse.Base.Replace("denom = ujuno", "denom = ujuno, unbonding-period = \"1.5s\"", StringComparison.Ordinal), 4, 46,
            "chains[1].unbonding-period", "expected a whole number of seconds, got 1s500ms");
    }

    [Fact]
    public void Times_after_the_duration()
    {
        var text = Parse.Base.Replace("scenario { name = t }", "scenario { name = t, duration = 1h }", StringComparison.Ordinal) + """
            steps = [ { at = 2h, action = advance } ]
            expect = [ { at = 61m, what = supply, chain = juno, equals = 1 } ]
            """;
        var errors = Parse.Errors(text);
        Assert.Equal(2, errors.Count);
        Parse.At(errors[0], 7, 13, "steps[0].at", "2h is after the end of the run (scenario.duration = 1h)");
        Parse.At(errors[1], 8, 14, "expect[0].at", "1h1m is after the end of the run");
    }

    // ---- amounts and decimals --------------------------------------------------------------------------------

    [Theory]
    [InlineData("1.5", "no fractions or exponents")]
    [InlineData("1e6", "no fractions or exponents")]
    [InlineData("\"0.5\"", "no fractions or exponents")]
    public void Floats_where_amounts_are_expected(string value, string detail)
    {
        var e = Parse.Single(Parse.WithStep($"{{ at = 1m, action = bond, chain = osmosis, account = alice, amount = {value} }}"), 8, 63,
            "steps[0].amount", $"expected an amount like 1000 or \"1000uosmo\", got \"{value.Trim('"')}\"");
        Assert.Contains(detail, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-5", "amounts cannot be negative")]
    [InlineData("12abc", "the denom must be uosmo")]
    [InlineData("\"5ujuno\"", "the denom must be uosmo")]
    [InlineData("lots", "")]
    [InlineData("340282366920938463463374607431768211456", "below 2^128")]
    public void Malformed_amounts(string value, string detail)
    {
        var e = Parse.Single(Parse.WithStep($"{{ at = 1m, action = bond, chain = osmosis, account = alice, amount = {value} }}"), 8, 63,
            "steps[0].amount", "expected an amount like 1000 or \"1000uosmo\"");
        Assert.Contains(detail, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_without_a_denom_refuse_coins()
    {
        Parse.Single(Parse.WithExpect("{ at = 1m, what = voting-power, chain = juno, validator = jv, equals = \"5ujuno\" }"), 8, 65,
            "expect[0].equals", "expected a whole amount like 1000, got \"5ujuno\" (give a plain number, without a denom)");
    }

    [Fact]
    public void Malformed_decimals()
    {
        Parse.Single(Parse.Base.Replace("exchange-rate = \"0.5\"", "exchange-rate = abc", StringComparison.Ordinal), 6, 50,
            "links[0].exchange-rate", "expected a decimal like \"0.1\", got \"abc\"");
        Parse.Single(Parse.Base.Replace("exchange-rate = \"0.5\"", "exchange-rate = 0", StringComparison.Ordinal), 6, 50,
            "links[0].exchange-rate", "expected a positive exchange rate");
        Parse.Single(Parse.Base.Replace("exchange-rate = \"0.5\"", "exchange-rate = \"0.1234567890123456789\"", StringComparison.Ordinal), 6, 50,
            "links[0].exchange-rate", "more than 18 fractional digits");
        Parse.Single(Parse.Base.Replace("denom = ujuno", "denom = ujuno, block-time-jitter = \"1.5\"", StringComparison.Ordinal), 4, 46,
            "chains[1].block-time-jitter", "expected a fraction from 0 to 1, got 1.5");
        Parse.Single(Parse.Base.Replace("denom = ujuno", "denom = ujuno, double-sign-slash = -1", StringComparison.Ordinal), 4, 46,
            "chains[1].double-sign-slash", "cannot be negative");
    }

    [Fact]
    public void Malformed_identifiers()
    {
        Parse.Single(Parse.Base.Replace("prefix = juno", "prefix = Juno", StringComparison.Ordinal), 4, 16, "chains[1].prefix", "expected a bech32 prefix");
        Parse.Single(Parse.Base.Replace("denom = ujuno", "denom = j", StringComparison.Ordinal), 4, 31, "chains[1].denom", "expected a denom");
        Parse.Single(Parse.Base.Replace("name = jv2", "name = \"jv 2\"", StringComparison.Ordinal), 4, 91, "chains[1].validators[1].name",
            "expected the validator's name: letters, digits");
        Parse.Single(Parse.Base.Replace("scenario { name = t }", "scenario { name = t, speed = fast }", StringComparison.Ordinal), 1, 22,
            "scenario.speed", "expected max or a positive number of emulated seconds per wall second, got \"fast\"");
        Parse.Single(Parse.Base.Replace("scenario { name = t }", "scenario { name = t, genesis-time = \"yesterday\" }", StringComparison.Ordinal), 1, 22,
            "scenario.genesis-time", "expected an ISO-8601 time");
    }

    // ---- syntax ----------------------------------------------------------------------------------------------

    [Fact]
    public void Unclosed_brace()
    {
        Parse.Single("scenario {\n  name = t\n", 1, 10, "scenario", "this '{' is never closed");
    }

    [Fact]
    public void Unclosed_list()
    {
        Parse.Single(Parse.Base + "steps = [\n  { at = 1m, action = advance }\n", 7, 9, "steps", "this '[' is never closed");
    }

    [Fact]
    public void Unterminated_string()
    {
        Parse.Single("scenario { name = \"t }\n", 1, 19, "scenario.name", "this string is never closed");
    }

    [Fact]
    public void Missing_value_and_stray_characters()
    {
        Parse.Single("scenario { name = }\n", 1, 19, "scenario.name", "expected a value after '='");
        Parse.Single("scenario { name t }\n", 1, 17, "scenario.name", "expected '=', ':' or '{' after the key, got 't'");
        Parse.Single("scenario { name = t }\n}\n", 2, 1, "", "unexpected '}'");
        Parse.Single("a = 1,, b = 2\n", 1, 7, "", "unexpected ','");
        Parse.Single("scenario { genesis-time = 2024-01-01T00:00:00Z }\n", 1, 40, "scenario.genesis-time", "quote text that contains ':'");
    }

    [Fact]
    public void Unsupported_hocon()
    {
        Parse.Single("include \"other.conf\"\n", 1, 1, "", "include is not supported");
        Parse.Single("steps = []\nsteps += { at = 1m, action = advance }\n", 2, 7, "steps", "'+=' is not supported");
        Parse.Single("a = ${?HOME}\n", 1, 5, "a", "optional substitutions");
        Parse.Single("a = [1] 2\n", 1, 9, "a", "cannot concatenate text to a list");
        Parse.Single("a = [\n  ? # c\n]\n", 2, 3, "a[0]", "expected a value, got '?'");
        Parse.Single("a = x?y\n", 1, 6, "a", "unexpected '?' in an unquoted value (quote the value)");
        Parse.Single("a = [ ${ at = 1m } ]\n", 1, 7, "a[0]", "a substitution refers to a key path like ${scenario.duration}");
    }

    [Fact]
    public void Unresolved_substitution_is_placed()
    {
        Parse.Single(Parse.Base + "steps = [ { at = ${later}, action = advance } ]\n", 7, 18, "steps[0].at", "unresolved substitution ${later}");
    }

    [Fact]
    public void Substitution_cycles_are_refused_before_akka_overflows_its_stack()
    {
        Parse.Single("scenario { name = ${scenario.seed}, seed = ${scenario.name} }\n", 1, 19, "scenario.name",
            "substitution cycle: scenario.name -> scenario.seed -> scenario.name");
        Parse.Single("scenario { name = t }\nchains = ${chains}\n", 2, 10, "chains", "substitution cycle: chains -> chains");
        Parse.Single("a { b = ${a} }\n", 1, 9, "a.b", "substitution cycle: a.b -> a.b");
    }

    [Fact]
    public void Nesting_is_bounded()
    {
        var text = "a = " + new string('[', 100) + new string(']', 100) + "\n";
        Parse.Single(text, 1, 69, "a" + string.Concat(Enumerable.Repeat("[0]", 64)),
            "nested more than 64 levels deep");
    }

    [Fact]
    public void Substitutions_resolve()
    {
        var s = Parse.Ok(Parse.Base.Replace("scenario { name = t }", "scenario { name = t, duration = 1h }", StringComparison.Ordinal) +
                         "steps = [ { at = ${scenario.duration}, action = advance } ]\n");
        Assert.Equal(Model.Duration.FromHours(1), Assert.Single(s.Steps).At);
    }

    // ---- collecting ------------------------------------------------------------------------------------------

    [Fact]
    public void All_errors_of_a_file_are_collected_in_file_order()
    {
        var errors = Parse.Errors(Samples.ManyErrors);
        Assert.Equal(
            [
                "t.conf:3:3: scenario.sped: unknown key \"sped\" in scenario (did you mean \"speed\"?)",
                "t.conf:10:5: chains[0].blok-time: unknown key \"blok-time\" in a chain (did you mean \"block-time\"?)",
                "t.conf:11:33: chains[0].validators[0].stake: expected an amount like 1000 or \"1000uosmo\", got \"1.5\" (amounts are whole numbers of the smallest unit: no fractions or exponents)",
                "t.conf:17:42: links[0].exchange-rate: expected a decimal like \"0.1\", got \"abc\" (the whole part must be digits)",
                "t.conf:17:63: links[0].staking-funds: expected an amount like 1000 or \"1000ujuno\", got \"1e6\" (amounts are whole numbers of the smallest unit: no fractions or exponents)",
                "t.conf:20:46: steps[0].account: unknown account \"bob\" on chain osmosis; the accounts of osmosis are: alice",
                "t.conf:21:5: steps[1].at: expected a duration like \"6s\", \"1m\", \"2h\", \"21d\" or \"500ms\", got \"-1m\" (a duration cannot be negative)",
                "t.conf:21:15: steps[1].action: unknown action \"frobnicate\"; expected one of: bond, unbond, cross-stake, unstake, " +
                "unbond-claims, withdraw-rewards, claim-rewards, local-stake, double-sign, relayer-stop, relayer-start, advance, send, " +
                "execute, sudo, slash, mint, crash-chain, inject-packet, close-channel, reopen-channel, set-cap, delegate, undelegate, " +
                "unjail",
                "t.conf:24:94: expect[0].extra: unknown key \"extra\" in a claim expectation; expected one of: at, what, equals, id, " +
                "changed-by, since, same-as, chain, account, provider, consumer",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void The_exception_message_lists_every_error()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(Parse.Base + "stepz = []\nexpekt = []\n", "my.conf"));
        Assert.Equal(2, ex.Errors.Count);
        Assert.Equal($"my.conf:7:1: stepz: unknown key \"stepz\" (did you mean \"steps\"?){Environment.NewLine}my.conf:8:1: expekt: unknown key \"expekt\" (did you mean \"expect\"?)", ex.Message);
    }

    [Fact]
    public void ParseFile_names_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, "scenario { name = t }\n");
        try
        {
            var ex = Assert.Throws<ScenarioException>(() => ScenarioParser.ParseFile(path));
            Assert.All(ex.Errors, e => Assert.Equal(path, e.File));
            Assert.Equal($"{path}:1:1: chains: missing required key \"chains\" (expected the chains (a list [ ... ]))", ex.Errors[0].ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
