using System.Text.Json.Nodes;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using E = MeshSecurity.Scenarios.Model.Expectation;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// Query expectations, balances of any holder, denom aliases and comparisons with earlier readings: how they are read,
/// where each misuse is reported, and how an answer is matched.
/// </summary>
public sealed class QueryExpectationTests
{
    private const string Lockup =
        "{ at = 1h, what = query, contract = lockup, chain = osmosis, msg = { balance { account = \"@alice\" } }, ";

    private static IReadOnlyList<E> Read(string expectations) =>
        Parse.Ok(Parse.Base + "expect = [\n" + expectations + "\n]\n").Expectations;

    [Fact]
    public void A_query_keeps_its_message_path_and_value_with_references_unresolved()
    {
        var q = Assert.IsType<E.Query>(Assert.Single(Read(Lockup + "path = \"claims[0]\", contains { leinholder = \"@provider\" } }")));
        Assert.Equal(("{\"balance\":{\"account\":\"@alice\"}}", "claims[0]", "{\"leinholder\":\"@provider\"}", true),
            (q.Msg, q.JsonPath, q.ExpectedJson, q.Partial));
        Assert.Equal(new ContractTarget("osmosis", ContractRole.Lockup, null, null, null), q.Contract);
    }

    [Fact]
    public void A_query_may_expect_an_error_by_kind_and_message()
    {
        var q = Assert.IsType<E.Query>(Assert.Single(Read(Lockup + "error { kind = UnknownAccount, message = \"never\" } }")));
        Assert.Equal(("UnknownAccount", "never"), (q.Error!.Kind, q.Error.MessageContains));
        Assert.Null(q.ExpectedJson);
    }

    [Fact]
    public void Readings_compare_with_earlier_ones_by_id()
    {
        var s = Read("""
              { at = 1h, what = balance, chain = osmosis, account = alice, id = start, equals = 1000 }
              { at = 2h, what = balance, chain = osmosis, account = alice, changed-by = -300, since = start }
              { at = 2h, what = balance, chain = osmosis, account = alice, changed-by = "+5", since = start }
              { at = 1h, what = lockup-free, chain = osmosis, account = alice, same-as = start }
            """);
        Assert.Equal("start", s[0].Id);
        Assert.Equal(new Comparison.SameAs("start"), s[1].Against);
        Assert.Equal(new Comparison.ChangedBy("start", -300), s[2].Against);
        Assert.Equal(new Comparison.ChangedBy("start", 5), s[3].Against);
    }

    [Fact]
    public void Balances_of_contracts_and_addresses_and_voucher_denoms()
    {
        var address = Core.Types.Addr.Derive("osmo", "anyone").Value;
        var s = Read($$"""
              { at = 1h, what = balance, contract = meta-staking, chain = juno, equals = 0 }
              { at = 1h, what = balance, chain = osmosis, address = "{{address}}", equals = 0 }
              { at = 1h, what = balance, chain = osmosis, account = alice, denom = "voucher:juno", equals = 0 }
              { at = 1h, what = balance, chain = osmosis, account = alice, denom = "ibc:transfer/channel-0/ujuno", equals = 0 }
            """).Cast<E.Balance>().ToList();
        Assert.Equal(new ContractTarget("juno", ContractRole.MetaStaking, null, null, null), s[0].Contract);
        Assert.Equal((address, null), (s[1].Address, s[1].Contract));
        Assert.Equal("voucher:juno", s[2].Denom);
        Assert.Equal(TransferModule.VoucherDenom("transfer/channel-0/ujuno"), s[3].Denom);
    }

    /// <summary>Rows: the expectation (line 8, from column 3), the text the error is placed at, its key, a part of its message.</summary>
    public static TheoryData<string, string, string, string> Misuses => new()
    {
        { Lockup + "equals = 1, contains = 1 }", "contains", "expect[0].contains", "give one of equals, contains, not several" },
        { Lockup + "path = \"claims[x]\", equals = 1 }", "path", "expect[0].path", "an index is a whole number in brackets" },
        { Lockup + "path = \"a..b\", equals = 1 }", "path", "expect[0].path", "an empty field name" },
        { Lockup + "}", "{", "expect[0].equals", "missing required key \"equals\"" },
        { Lockup + "error { kind = ClaimsLocked, free = 1 } }", "free", "expect[0].error.free", "known by its text only" },
        { Lockup + "error = NoSuchError }", "error", "expect[0].error", "unknown error kind \"NoSuchError\"" },
        { Lockup + "same-as = nothing }", "same-as", "expect[0].same-as", "no earlier expectation has id \"nothing\"" },
        { Lockup + "changed-by = 5 }", "{", "expect[0].since", "missing required key \"since\"" },
        { Lockup + "changed-by = 1.5, since = x }", "changed-by", "expect[0].changed-by", "expected a signed amount" },
        { Lockup + "since = x, equals = 1 }", "since", "expect[0].since", "since goes with changed-by" },
        { "{ at = 1h, what = balance, chain = osmosis, account = alice, denom = \"voucher:mars\", equals = 0 }", "denom", "expect[0].denom",
            "unknown chain \"mars\"" },
        { "{ at = 1h, what = balance, chain = osmosis, account = alice, denom = \"ibc:ujuno\", equals = 0 }", "denom", "expect[0].denom",
            "expected a denom trace like" },
        { "{ at = 1h, what = balance, chain = osmosis, account = alice, contract = lockup, equals = 0 }", "account", "expect[0].account",
            "give one of account, address and contract" },
        { "{ at = 1h, what = query, contract = slasher, chain = juno, msg = {}, equals = 1 }", "chain", "expect[0].chain",
            "no link has juno as its provider" },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Every_misuse_is_a_located_error(string expectation, string at, string key, string fragment)
    {
        var column = 3 + expectation.IndexOf(at, StringComparison.Ordinal);
        Parse.Has(Parse.Errors(Parse.WithExpect(expectation)), 8, column, key, fragment);
    }

    /// <summary>
    /// A user's scenario (helper dogfood): a bad since, changed-by or same-as is its one error, with no "missing equals" after it.
    /// </summary>
    [Theory]
    [InlineData(Balance + "changed-by = 1.5, since = x }", "changed-by", "expect[0].changed-by", "expected a signed amount")]
    [InlineData(Balance + "changed-by = -300, since = nothing }", "since", "expect[0].since", "no earlier expectation has id")]
    [InlineData(Lockup + "changed-by = \"-300uosmo\", since = x }", "changed-by", "expect[0].changed-by", "without a denom")]
    [InlineData(Lockup + "same-as = nothing }", "same-as", "expect[0].same-as", "no earlier expectation has id \"nothing\"")]
    public void A_bad_comparison_is_its_only_error(string expectation, string at, string key, string fragment) =>
        Parse.Single(Parse.WithExpect(expectation), 8, 3 + expectation.IndexOf(at, StringComparison.Ordinal), key, fragment);

    private const string Balance = "{ at = 1h, what = balance, chain = osmosis, account = alice, ";

    [Fact]
    public void An_id_is_unique_and_compared_only_with_an_earlier_reading()
    {
        var errors = Parse.Errors(Parse.Base + """
            expect = [
              { at = 2h, what = supply, chain = juno, id = a, equals = 1 }
              { at = 1h, what = supply, chain = juno, same-as = a }
              { at = 3h, what = supply, chain = juno, id = a, equals = 1 }
            ]
            """);
        Parse.Has(errors, 9, 43, "expect[1].same-as", "\"a\" is read at 2h, after this expectation (1h)");
        Parse.Has(errors, 10, 43, "expect[2].id", "duplicate id \"a\"");
    }

    [Theory]
    [InlineData("{\"a\":\"1\"}", "{\"a\":1}", false, true)]                               // success: scalars compare by their text
    [InlineData("{\"a\":\"1\"}", "{\"a\":1,\"b\":2}", false, false)]                      // failure: exact objects have the same fields
    [InlineData("{\"a\":\"1\"}", "{\"a\":1,\"b\":2}", true, true)]                        // success: in part, fields not written are free
    [InlineData("[{},{\"x\":\"y\"}]", "[{\"x\":\"z\"},{\"x\":\"y\",\"w\":0}]", true, true)] // success: {} matches any element
    [InlineData("[{\"x\":\"y\"}]", "[{\"x\":\"y\"},{\"x\":\"z\"}]", true, false)]          // failure: a list keeps its length
    [InlineData("\"true\"", "true", false, true)]                                         // success: a HOCON true as text
    [InlineData("null", "0", false, false)]                                               // failure: null is not zero
    public void Answers_match_exactly_or_in_part(string expected, string actual, bool partial, bool matches)
    {
        Assert.Equal(matches, JsonMatch.Matches(JsonNode.Parse(expected), JsonNode.Parse(actual), partial));
    }

    [Theory]
    [InlineData("claims[1].amount", "\"7\"", null)]
    [InlineData("", "{\"claims\":[{\"amount\":\"5\"},{\"amount\":\"7\"}]}", null)]
    [InlineData("claims[2]", null, "claims has no element [2] (it has 2)")]
    [InlineData("claim", null, "the answer has no field \"claim\" (its fields: claims)")]
    public void A_path_selects_a_value_or_says_where_it_leads_nowhere(string path, string? value, string? missing)
    {
        var (node, why) = JsonPaths.Select(JsonNode.Parse("{\"claims\":[{\"amount\":\"5\"},{\"amount\":\"7\"}]}"), path);
        Assert.Equal((value, missing), (node?.ToJsonString(), why));
    }

    [Fact]
    public void The_error_kinds_are_Core_s_with_their_fields()
    {
        var claimsLocked = Assert.Single(ErrorKinds.Named("ClaimsLocked"));
        Assert.Equal("lockup", claimsLocked.Codespace);
        Assert.Equal(["free"], claimsLocked.Fields.Select(f => f.Key));
        Assert.Equal(["lockup", "provider", "staking"], ErrorKinds.Named("ZeroAmount").Select(i => i.Codespace));
        Assert.Equal("wasm", Assert.Single(ErrorKinds.Named("UnsupportedEntryPoint")).Codespace);
        string[] families = ["std", "payment", "bank", "staking", "ibc", "lockup", "provider", "consumer", "slasher", "meta-staking"];
        foreach (var codespace in families)
            Assert.Contains(ErrorKinds.All, i => i.Codespace == codespace);
    }
}
