using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// What the emulator cannot run is refused by the parser, so validate and run (which parses the same way, before
/// journaling anything) both refuse it: packet lifetimes no relay can meet, relayers too slow for the set-up, genesis
/// supplies beyond u128, block times and validator counts beyond the emulator's limits. Values at the limits parse.
/// </summary>
public sealed class FeasibilityTests
{
    private const string Max = "340282366920938463463374607431768211455";

    private static string Link(string extra) => Parse.Base.Replace("staking-funds = 1000", "staking-funds = 1000, " + extra,
        StringComparison.Ordinal);

    private static string Juno(string extra) => Parse.Base.Replace("id = juno,", "id = juno, " + extra + ",", StringComparison.Ordinal);

    private static string Latency(string value) => $"relayer {{ latency {{ kind = constant, value = {value} }} }}";

    private static string Validators(int count) => Parse.Base.Replace("validators = [ { name = ov, stake = 100 } ]",
        "validators = [ " + string.Join(", ", Enumerable.Range(0, count).Select(i => $"{{ name = v{i}, stake = 1 }}")) + " ]",
        StringComparison.Ordinal);

    public static TheoryData<string, string, int, int, string, string> Refused => new()
    {
        // name, text, line, column, key, message fragment
        { "a lifetime shorter than the blocks' gap", Link("packet-lifetime = 5s"), 6, 95, "links[0].packet-lifetime",
            "a packet lifetime of 5s can never be met: the relayer takes at least 1s and both chains make a block " +
            "every 6s, so a packet sent at t is received at t + 6s or later" },
        { "a lifetime equal to the blocks' gap", Link("packet-lifetime = 6s"), 6, 95, "links[0].packet-lifetime",
            "the lifetime must be longer than 6s" },
        { "a latency that rounds up to two blocks", Link("packet-lifetime = 10s, " + Latency("9s")), 6, 95, "links[0].packet-lifetime",
            "the relayer takes at least 9s and both chains make a block every 6s, so a packet sent at t is received at t + 12s or later" },
        { "blocks of different rhythms", Juno("block-time = 4s") .Replace("staking-funds = 1000",
            "staking-funds = 1000, packet-lifetime = 2s", StringComparison.Ordinal),
            6, 95, "links[0].packet-lifetime", "blocks of osmosis (6s) and juno (4s) are 2s apart at the least" },
        { "a jittery chain: the latency alone", Juno("block-time-jitter = \"0.5\"").Replace("staking-funds = 1000",
            "staking-funds = 1000, packet-lifetime = 3s, " + Latency("3s"), StringComparison.Ordinal),
            6, 95, "links[0].packet-lifetime", "the relayer takes at least 3s, so a packet sent at t is received at t + 3s or later" },
        { "a uniform latency's minimum", Link("packet-lifetime = 30s, relayer { latency { kind = uniform, min = 40s, max = 50s } }"), 6, 95,
            "links[0].packet-lifetime", "the relayer takes at least 40s" },
        { "a lifetime a block and the latency's floor can outlast", Link("packet-lifetime = 7s"), 6, 95, "links[0].packet-lifetime",
            "a packet lifetime of 7s can run out before the packet is received: a packet relayed at its fastest (1s) can wait up " +
            "to 6s for juno's next block, so it is received as late as t + 7s" },
        { "a constant latency and a block", Link("packet-lifetime = 13s, " + Latency("9s")), 6, 95, "links[0].packet-lifetime",
            "a packet relayed in up to 9s can wait up to 6s for juno's next block, so it is received as late as t + 15s" },
        { "a jittery chain's longest gap", Juno("block-time-jitter = \"0.5\"").Replace("staking-funds = 1000",
            "staking-funds = 1000, packet-lifetime = 12s, " + Latency("3s"), StringComparison.Ordinal),
            6, 95, "links[0].packet-lifetime", "can wait up to 9s for juno's next block, so it is received as late as t + 12s" },
        { "a uniform latency's maximum", Link("packet-lifetime = 36s, relayer { latency { kind = uniform, min = 10s, max = 30s } }"),
            6, 95, "links[0].packet-lifetime", "a packet relayed in up to 30s can wait up to 6s" },
        { "a relayer too slow to open a channel within the set-up's hour", Link(Latency("20m")), 6, 132, "links[0].relayer.latency.value",
            "a channel handshake (3 messages one after another) cannot finish within the 1h the set-up allows" },
        { "two balances overflow u128", Parse.Base.Replace("balance = \"1000uosmo\" }, { name = bob }",
            $"balance = \"{Max}uosmo\" }}, {{ name = bob, balance = 1 }}", StringComparison.Ordinal),
            3, 183, "chains[0].accounts[1]",
            "the supply of uosmo on osmosis overflows u128 with account bob: it reaches 340282366920938463463374607431768211456" },
        { "a balance and a stake overflow u128", Parse.Base.Replace("balance = \"1000uosmo\"", $"balance = \"{Max}uosmo\"",
            StringComparison.Ordinal),
            3, 64, "chains[0].validators[0]", "with validator ov's stake" },
        { "staking funds overflow u128", Parse.Base.Replace("balance = 10 }", "balance = 340282366920938463463374607431768211305 }",
            StringComparison.Ordinal),
            6, 73, "links[0].staking-funds", "the supply of ujuno on juno overflows u128 with the staking funds of osmosis -> juno" },
        { "one balance's coins overflow u128", Parse.Base.Replace("balance = \"1000uosmo\"", $"balance = [\"{Max}uosmo\", \"1uosmo\"]",
            StringComparison.Ordinal),
            3, 123, "chains[0].accounts[0].balance", "amounts of uosmo add up to 2^128 or more" },
        { "block rewards over the run overflow u128", Juno("reward-per-block = \"1000000000000000000000000000000000000ujuno\""),
            4, 16, "chains[1].reward-per-block", "the supply of ujuno on juno overflows u128 with up to" },
        { "a rate that values the provider's supply beyond u128", Parse.Base.Replace("balance = \"1000uosmo\"",
            "balance = \"100000000000000000000000000000000000000uosmo\"", StringComparison.Ordinal)
            .Replace("exchange-rate = \"0.5\"", "exchange-rate = \"4\"", StringComparison.Ordinal), 6, 50, "links[0].exchange-rate",
            "osmosis's supply of its denom (100000000000000000000000000000000000100) times this rate is " +
            "400000000000000000000000000000000000400, above 2^128 - 1" },
        { "a stake beyond what a validator's shares hold", Juno("power-reduction = 1000000000").Replace("name = jv, stake = 100",
            "name = jv, stake = 340282366920938463464", StringComparison.Ordinal),
            4, 104, "chains[1].validators[0].stake",
            "a stake of 340282366920938463464 is beyond the 340282366920938463463 a validator's shares can hold" },
        { "voting power beyond 64 bits", Juno("power-reduction = 1").Replace("name = jv, stake = 100",
            "name = jv, stake = 18446744073709551566", StringComparison.Ordinal),
            4, 67, "chains[1].validators",
            "the validators' voting power (stake / power-reduction) adds up to 18446744073709551616, beyond 2^64 - 1" },
        { "block rewards beyond what rewards per share hold", Juno("reward-per-block = 1000000000000000000"),
            4, 16, "chains[1].reward-per-block", "blocks' rewards add up to 1901000000000000000000, beyond the 340282366920938463463" },
        { "a one-day block time", Juno("block-time = 1d"), 4, 16, "chains[1].block-time",
            "expected a whole number of seconds, from 1s to 5m, got 1d" },
        { "10,001 validators", Validators(10_001), 3, 49, "chains[0].validators",
            "at most 10000 validators per chain (the emulator's limit), got 10001" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_the_emulator_cannot_run_is_a_located_error(string name, string text, int line, int column, string key, string fragment)
    {
        var errors = Parse.Errors(text);
        Assert.True(errors.Count == 1, $"{name}: expected one error, got:\n{string.Join("\n", errors)}");
        Parse.At(errors[0], line, column, key, fragment);
    }

    public static TheoryData<string, string> Accepted => new()
    {
        { "a lifetime past a block and the latency's floor", Link("packet-lifetime = 8s") },
        { "a lifetime past a 9s latency and a block", Link("packet-lifetime = 16s, " + Latency("9s")) },
        { "a jittery chain and a lifetime past the latency and its longest gap", Juno("block-time-jitter = \"0.5\"")
            .Replace("staking-funds = 1000", "staking-funds = 1000, packet-lifetime = 13s, " + Latency("3s"), StringComparison.Ordinal) },
        { "a lifetime past a uniform latency's maximum and a block",
            Link("packet-lifetime = 37s, relayer { latency { kind = uniform, min = 10s, max = 30s } }") },
        { "the slowest relayer the set-up allows", Link(Latency("1199s")) },
        { "a 5m block time", Juno("block-time = 5m") },
        { "10,000 validators", Validators(10_000) },
        { "a rate that values the provider's supply just within u128", Parse.Base.Replace("balance = \"1000uosmo\"",
            "balance = \"100000000000000000000000000000000000000uosmo\"", StringComparison.Ordinal)
            .Replace("exchange-rate = \"0.5\"", "exchange-rate = \"3.4\"", StringComparison.Ordinal) },
        { "a stake of what shares hold at the most", Juno("power-reduction = 1000000000").Replace("name = jv, stake = 100",
            "name = jv, stake = 340282366920938463463", StringComparison.Ordinal) },
        { "voting power of 2^64 - 1", Juno("power-reduction = 1").Replace("name = jv, stake = 100",
            "name = jv, stake = 18446744073709551565", StringComparison.Ordinal) },
        { "block rewards just within what rewards per share hold", Juno("reward-per-block = 179000000000000000") },
        { "a balance of 2^128 - 1 - 100 beside a stake of 100", Parse.Base.Replace("balance = \"1000uosmo\"",
            "balance = \"340282366920938463463374607431768211355uosmo\"", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Values_at_the_limits_parse(string name, string text)
    {
        Assert.NotNull(name);
        Assert.NotEmpty(Parse.Ok(text).Chains);
    }

    [Fact]
    public void The_limits_are_stated_in_the_reference()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "scenarios.md"));
        foreach (var stated in new[] { $"{ScenarioLimits.MaxBlockTime}", "10,000", $"{ScenarioLimits.MaxDuration}", "2200-01-01" })
            Assert.Contains(stated, doc, StringComparison.Ordinal);
    }
}
