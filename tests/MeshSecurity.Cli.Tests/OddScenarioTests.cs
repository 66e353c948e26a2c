using System.Text.Json;
using MeshSecurity.Cli.Commands;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// Scenarios that validate accepts at the edges of what the language allows (docs/scenarios.md, "Limits"), each run to
/// the end: the run holds (0) or reports a failed expectation (1), never an internal error (3), an exception or a hang,
/// and never bad input (2) for a file validate accepted.
/// </summary>
[Collection("console")]
public class OddScenarioTests
{
    private const string U128Max = "340282366920938463463374607431768211455";

    /// <summary>How long one run may take on a loaded machine before it counts as a hang (each takes a few seconds).</summary>
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(60);

    /// <summary>One row: the file, the exit code it must give (null: 0 or 1), what its report must say (null: no report) and its one
    /// line.</summary>
    private sealed record Odd(string Scenario, int? Code, Action<JsonElement>? Check, string? Said = null);

    public static TheoryData<string> Names => new(Rows.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task An_odd_but_valid_scenario_runs_to_the_end(string name)
    {
        var row = Rows[name];
        var dir = RepoFiles.TempDir();
        var file = Path.Combine(dir, "odd.conf");
        File.WriteAllText(file, row.Scenario);
        var (validCode, validOut, validErr) = await MeshsecCli.Run("validate", file);
        Assert.True(validCode == ExitCodes.Ok, $"validate refused it (exit {validCode}):\n{validOut}\n{validErr}");

        var out_ = Path.Combine(dir, "out");
        var run = MeshsecCli.Run("run", file, "--journal", "memory", "--out", out_);
        Assert.True(await Task.WhenAny(run, Task.Delay(HangBound)) == run, $"{name}: no answer within {HangBound.TotalSeconds} s");
        var (code, output, errors) = await run;

        var log = Path.Combine(out_, "meshsec.log");
        var trace = code == ExitCodes.InternalError && File.Exists(log) ? File.ReadAllText(log) : "";
        Assert.True(code is ExitCodes.Ok or ExitCodes.Failed, $"{name}: exit {code}\n{errors}\n{trace}");
        if (row.Code is { } expected) Assert.True(code == expected, $"{name}: exit {code}, expected {expected}\n{output}\n{errors}");
        if (row.Said is { } said) Assert.Contains(said, errors);
        if (row.Check is null) return;
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(out_, "report.json")));
        Assert.Equal(code == ExitCodes.Ok, report.RootElement.GetProperty("result").GetProperty("ok").GetBoolean());
        row.Check(report.RootElement);
    }

    private static readonly Dictionary<string, Odd> Rows = new()
    {
        ["every block time at the maximum, 5m"] = new(
            Mesh(osmosis: "block-time = 5m", juno: "block-time = 5m", duration: "2h",
                steps: Bond(0, 1000) + CrossStake("1h", 400),
                expect: Expect("2h", "claim, account = alice, provider = osmosis, consumer = juno", 400)),
            ExitCodes.Ok, r => Assert.Equal("400", Stake(r, "juno-val-1", "delegation"))),
        ["5m blocks with full jitter"] = new(
            Mesh(osmosis: "block-time = 5m, block-time-jitter = \"1\"", juno: "block-time = 5m, block-time-jitter = \"1\"", duration: "2h",
                steps: Bond(0, 1000) + CrossStake("1h", 400)),
            ExitCodes.Ok, r => Assert.Equal("400", Stake(r, "juno-val-1", "delegation"))),
        ["1s blocks with full jitter"] = new(
            Mesh(osmosis: "block-time = 1s, block-time-jitter = \"1\"", juno: "block-time = 1s, block-time-jitter = \"1\"",
                steps: Bond(1, 1000) + CrossStake(2, 400)),
            ExitCodes.Ok, r => Assert.Equal("400", Stake(r, "juno-val-1", "delegation"))),
        ["packet-lifetime two blocks above the bound"] = new(
            // 6s and 4s blocks (gcd 2s), 10s latency: validate wants more than 10s; 22s leaves two blocks of margin
            Mesh(osmosis: "block-time = 6s", juno: "block-time = 4s",
                link: "packet-lifetime = 22s, relayer.latency { kind = constant, value = 10s }",
                steps: Bond(1, 1000) + CrossStake(2, 400)),
            ExitCodes.Ok, r => Assert.Equal("400", Stake(r, "juno-val-1", "delegation"))),
        ["genesis supplies of exactly 2^128 - 1"] = new(
            Mesh(alice: Minus(U128Max, 1_000_000), funds: Minus(U128Max, 2_000_000),
                steps: Bond(1, Minus(U128Max, 1_000_000)) + CrossStake(2, "1000000000000"),
                expect: Expect("10m", "supply, chain = osmosis", U128Max) + Expect("10m", "supply, chain = juno", U128Max)),
            ExitCodes.Ok, r => Assert.Equal("1000000000000", Stake(r, "juno-val-1", "delegation"))),
        ["cross-stake beyond 64 bits of voting power"] = new(
            Mesh(alice: Minus(U128Max, 1_000_000), funds: Minus(U128Max, 2_000_000),
                steps: Bond(1, Minus(U128Max, 1_000_000)) + CrossStake(2, "100000000000000000000000")),
            // 10^23 ujuno would give juno-val-1 more than 2^64 of voting power: the consumer refuses the packet, nothing is staked
            ExitCodes.Ok, r => Assert.Equal((1, "", "1000000"),
                (ErrorAcks(r), Stake(r, "juno-val-1", "delegation"), Tokens(r, 1, "juno-val-1")))),
        ["the tiniest exchange rate delegates nothing"] = new(
            Mesh(link: "exchange-rate = \"0.000000000000000001\"", steps: Bond(1, 1000) + CrossStake(2, 400),
                expect: Expect("10m", "claim, account = alice, provider = osmosis, consumer = juno", 400)),
            // 400 uosmo are worth 4·10^-16 ujuno, rounded down: the stake is recorded on both sides, nothing is delegated
            ExitCodes.Ok, r => Assert.Equal(("400", "0"),
                (Stake(r, "juno-val-1", "consumer_stake"), Stake(r, "juno-val-1", "delegation")))),
        ["the largest exchange rate, with the funds to match"] = new(
            // 400 uosmo are worth 1.36·10^23 ujuno, more than a validator's shares hold: the consumer refuses the packet
            Mesh(juno: "power-reduction = 1000000", link: "exchange-rate = \"340282366920938463463.374607431768211455\"",
                funds: "1000000000000000000000000000000", steps: Bond(1, 1000) + CrossStake(2, 400),
                expect: Expect("10m", "claim, account = alice, provider = osmosis, consumer = juno", 0)),
            ExitCodes.Ok, r => Assert.Equal((1, ""), (ErrorAcks(r), Stake(r, "juno-val-1", "delegation")))),
        ["no steps, no expectations, one second"] = new(
            Mesh(duration: "1s"), ExitCodes.Ok, r => Assert.Empty(r.GetProperty("expectations").EnumerateArray())),
        ["steps and expectations at 0 and at the very end"] = new(
            Mesh(duration: "20m", steps: Bond("0s", 1000) + CrossStake("0s", 400) + Bond("20m", 1),
                expect: Expect("0s", "lockup-bonded, chain = osmosis, account = alice", 0) +
                Expect("20m", "lockup-bonded, chain = osmosis, account = alice", 1000)),
            ExitCodes.Ok, r => Assert.Equal(2, r.GetProperty("expectations").GetArrayLength())),
        ["300 validators, one of them active"] = new(
            Mesh(juno: "max-validators = 1", junoValidators: Validators("juno-val-", 300), steps: Bond(1, 1000) +
                CrossStake(2, 400, "juno-val-300"),
                expect: Expect("10m", "voting-power, chain = juno, validator = juno-val-1", 0)),
            ExitCodes.Ok, r => Assert.Equal((300, "400"), (r.GetProperty("chains")[1].GetProperty("validators").GetArrayLength(),
                Stake(r, "juno-val-300", "delegation")))),
        ["relayer latency 0 and batches of one"] = new(
            Mesh(link: "relayer.latency.kind = constant, relayer.latency.value = 0s, relayer.batch-size = 1",
                steps: Bond(1, 1000) + CrossStake(2, 100) + CrossStake(2, 100, "juno-val-2") + CrossStake(2, 100) +
                CrossStake(2, 100, "juno-val-2")),
            ExitCodes.Ok, r => Assert.Equal("200", Stake(r, "juno-val-2", "delegation"))),
        ["lognormal latency at the largest spread"] = new(
            // mean · e^(-50 + 74.4) must stay within 36500d: a 50ms mean does; most draws are far below a nanosecond
            Mesh(link: "relayer.latency { kind = lognormal, mean = 50ms, spread = \"10\" }", steps: Bond(1, 1000) + CrossStake(2, 400)),
            ExitCodes.Ok, r => Assert.Equal("400", Stake(r, "juno-val-1", "delegation"))),
        ["unbonding periods of one second"] = new(
            Mesh(osmosis: "unbonding-period = 1s", juno: "unbonding-period = 1s",
                steps: Bond(1, 1000) + CrossStake(2, 400) + Unstake(3, 400) + UnbondClaims(4) + Unbond(5, 1000),
                expect: Expect("10m", "lockup-bonded, chain = osmosis, account = alice", 0)
                    + Expect("10m", "balance, chain = osmosis, account = alice", 1_000_000)),
            ExitCodes.Ok, r => Assert.All(Enumerable.Range(0, 5), i => Assert.True(Succeeded(r, i)))),
        ["every consumer validator double-signs: juno halts"] = new(
            Mesh(steps: Bond(1, 1000) + CrossStake(2, 400) + DoubleSign("juno", "juno-val-1", 5) + DoubleSign("juno", "juno-val-2", 5)),
            // the slash for juno-val-1 waits for a block on juno that never comes; the rest of the network goes on
            ExitCodes.Ok, r => Assert.Equal((false, true, 0UL), (Halted(r, 0), Halted(r, 1),
                r.GetProperty("chains")[1].GetProperty("validators").EnumerateArray().Aggregate(0UL,
                    (p, v) => p + v.GetProperty("power").GetUInt64())))),
        ["the provider's only validator double-signs: osmosis halts"] = new(
            Mesh(steps: Bond(1, 1000) + CrossStake(2, 400) + DoubleSign("osmosis", "osmo-val-1", 5, "chain") + Bond(10, 1)),
            // the bond after the halt never gets a block; juno keeps the cross-stake made before it
            ExitCodes.Ok, r => Assert.Equal((true, false, false, "400"), (Halted(r, 0), Halted(r, 1), Succeeded(r, 3),
                Stake(r, "juno-val-1", "delegation")))),
        ["relayer stopped and never started, started and never stopped"] = new(
            Mesh(steps: Relayer("start", 1) + Bond(1, 1000) + Relayer("stop", 2) + CrossStake(3, 400),
                // the set-up's validator list went through; the cross-stake's packet never does
                expect: Expect("20m", "packets, provider = osmosis, consumer = juno, count = sent", 2)
                    + Expect("20m", "packets, provider = osmosis, consumer = juno, count = acknowledged", 1)),
            ExitCodes.Ok, r => Assert.Equal("", Stake(r, "juno-val-1", "delegation"))),
        ["unicode in names and text"] = new(
            Mesh(scenario: "description = \"Ωmega 🚀 сценарий\\ttab\"").Replace("name = odd", "name = \"ödd 🚀 名前\""),
            ExitCodes.Ok, r => Assert.Equal("ödd 🚀 名前", r.GetProperty("scenario").GetProperty("name").GetString())),
        ["the same steps at the same time, repeated"] = new(
            Mesh(steps: Bond(1, 300) + Bond(1, 300) + Bond(1, 300) + CrossStake(2, 300) + CrossStake(2, 300)
                    + DoubleSign("juno", "juno-val-1", 5) + Refused(DoubleSign("juno", "juno-val-1", 5), "DuplicateEvidence"),
                expect: Expect("4m", "claim, account = alice, provider = osmosis, consumer = juno", 600)),
            ExitCodes.Ok, r => Assert.Equal(7, r.GetProperty("steps").GetArrayLength())),
        ["zero amounts and more than there is"] = new(
            Mesh(steps: Refused(Bond(1, 0), "NoFunds") + Refused(CrossStake(1, 0), "provider:ZeroAmount")
                + Refused(Send(1, 0), "bank:InvalidCoins") + Refused(Unbond(2, 5), "UnknownAccount") + Send(2, 1_000_000)
                + Refused(Send(3, 1), "InsufficientFunds")),
            // each is a failed transaction in the report (bond 0, cross-stake 0, send 0 as the SDK's MsgSend refuses it, unbond
            // unbonded, send of an emptied balance)
            ExitCodes.Ok,
            r => Assert.Equal([false, false, false, false, true, false], Enumerable.Range(0, 6).Select(i => Succeeded(r, i)))),
        ["an ordered channel: the handshake is refused"] = new(
            Mesh(link: "ordering = ordered", steps: Bond(1, 1000) + CrossStake(2, 400)),
            // the run stops at set-up but still reports: the refused handshake is named, the steps never ran
            ExitCodes.Failed, r => Assert.Equal(("channel osmosis-juno/mesh: channel_open_init refused: provider:InvalidChannelOrder: "
                    + "Only supports unordered channels", 0), (r.GetProperty("result").GetProperty("setup_refused").GetString(),
                r.GetProperty("steps").EnumerateArray().Sum(x => x.GetProperty("transactions").GetArrayLength())))),
        ["local-stake beyond what a validator's shares hold"] = new(
            Mesh(alice: Minus(U128Max, 1_000_000), steps: Bond(1, Minus(U128Max, 1_000_000))
                + Refused(LocalStake(2, Minus(U128Max, 1_000_000)), "Overflow") + LocalStake(3, 1_000_000_000_000_000)),
            // the first fails as a transaction (its shares overflow a Dec), the second goes through
            ExitCodes.Ok, r => Assert.Equal((false, true, "1000000001000000"),
                (Succeeded(r, 1), Succeeded(r, 2), Tokens(r, 0, "osmo-val-1")))),
        ["the only active validator double-signs: the next one takes its place"] = new(
            Mesh(juno: "max-validators = 1",
                junoValidators: "{ name = juno-val-1, stake = 1000000 }\n{ name = juno-val-2, stake = 2000000 }",
                // the provider knows only the active set: juno-val-1 can be staked to once it replaces juno-val-2
                steps: Bond(1, 1000) + Refused(CrossStake(2, 100), "UnknownValidator") + CrossStake(2, 400, "juno-val-2")
                    + DoubleSign("juno", "juno-val-2", 5) + CrossStake(8, 100),
                expect: Expect("10m", "voting-power, chain = juno, validator = juno-val-1", 1_000_100)
                    + Expect("10m", "voting-power, chain = juno, validator = juno-val-2", 0)),
            // the slash takes juno's 5% of the 400 staked to juno-val-2
            ExitCodes.Ok, r => Assert.Equal((false, true, true, "100", "380"), (Succeeded(r, 1), Succeeded(r, 2), Succeeded(r, 4),
                Stake(r, "juno-val-1", "delegation"), Stake(r, "juno-val-2", "provider_stake")))),
        ["a stake and block rewards at the staking limits"] = new(
            Mesh(juno: $"power-reduction = 1000000000, reward-per-block = {(ulong)(ScenarioLimits.MaxStakingAmount / 2200)}",
                junoValidators: $"{{ name = juno-val-1, stake = {ScenarioLimits.MaxStakingAmount} }}\n{{ name = juno-val-2, stake = " +
                $"1000000000 }}",
                steps: Bond(1, 1000) + CrossStake(2, 400, "juno-val-2")),
            ExitCodes.Ok, r => Assert.Equal("400", Stake(r, "juno-val-2", "delegation"))),
        ["the fastest finite speed and the latest genesis"] = new(
            Mesh(scenario: "speed = 1000000\n genesis-time = \"2200-01-01T00:00:00Z\"", steps: Bond(1, 1000)), ExitCodes.Ok, _ => { }),
    };

    // ---- scenario text -------------------------------------------------------------------------------------------

    /// <summary>
    /// osmosis (alice, one validator) provides to juno (two validators) at rate 1 with 1,000,000 ujuno of staking funds;
    /// each argument is spliced into its block.
    /// </summary>
    private static string Mesh(string osmosis = "", string juno = "", string link = "", string steps = "", string expect = "",
        string duration = "30m", string scenario = "", string alice = "1000000",
        string osmoValidators = "{ name = osmo-val-1, stake = 1000000 }",
        string junoValidators = "{ name = juno-val-1, stake = 1000000 }\n  { name = juno-val-2, stake = 1000000 }",
        string funds = "1000000") => $$"""
        scenario {
          name = odd
          seed = 9
          duration = {{duration}}
          {{scenario}}
        }
        chains = [
          {
            id = osmosis, prefix = osmo, denom = uosmo
            {{osmosis}}
            validators = [ {{osmoValidators}} ]
            accounts = [ { name = alice, balance = "{{alice}}" }, { name = bob } ]
          }
          {
            id = juno, prefix = juno, denom = ujuno
            {{juno}}
            validators = [
              {{junoValidators}}
            ]
          }
        ]
        links = [ { provider = osmosis, consumer = juno, exchange-rate = "1", staking-funds = {{funds}}, {{link}} } ]
        steps = [
        {{steps}}
        ]
        expect = [
        {{expect}}
        ]
        """;

    private static string Bond(object at, object amount) =>
        $"{{ at = {At(at)}, action = bond, chain = osmosis, account = alice, amount = {amount} }}\n";

    private static string CrossStake(object at, object amount, string validator = "juno-val-1") =>
        $"{{ at = {At(at)}, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = {validator}, " +
        $"amount = {amount} }}\n";

    private static string Unstake(object at, object amount) =>
        $"{{ at = {At(at)}, action = unstake, account = alice, provider = osmosis, consumer = juno, validator = juno-val-1, " +
        $"amount = {amount} }}\n";

    private static string UnbondClaims(object at) =>
        $"{{ at = {At(at)}, action = unbond-claims, account = alice, provider = osmosis, consumer = juno }}\n";

    private static string Unbond(object at, object amount) =>
        $"{{ at = {At(at)}, action = unbond, chain = osmosis, account = alice, amount = {amount} }}\n";

    private static string Send(object at, object amount) =>
        $"{{ at = {At(at)}, action = send, chain = osmosis, from = alice, to = bob, amount = {amount} }}\n";

    private static string DoubleSign(string chain, string validator, object at, string submitTo = "[slashers, chain]") =>
        $"{{ at = {At(at)}, action = double-sign, chain = {chain}, validator = {validator}, submit-to = {submitTo} }}\n";

    /// <summary>The step, saying it must fail with <paramref name="kind"/>: a step that fails by design.</summary>
    private static string Refused(string step, string kind) =>
        step.Replace(" }\n", $", expect-error = \"{kind}\" }}\n", StringComparison.Ordinal);

    private static string LocalStake(object at, object amount) =>
        $"{{ at = {At(at)}, action = local-stake, chain = osmosis, account = alice, validator = osmo-val-1, amount = {amount} }}\n";

    private static string Relayer(string what, object at) =>
        $"{{ at = {At(at)}, action = relayer-{what}, provider = osmosis, consumer = juno }}\n";

    private static string Expect(string at, string what, object equals) => $"{{ at = {at}, what = {what}, equals = \"{equals}\" }}\n";

    private static string Validators(string prefix, int count) =>
        string.Join("\n", Enumerable.Range(1, count).Select(i => $"{{ name = {prefix}{i}, stake = {1_000_000 + i} }}"));

    private static string Minus(string a, long b) => (UInt128.Parse(a) - (UInt128)b).ToString();

    private static string At(object at) => at is string s ? s : $"{at}m";

    /// <summary>The link's mesh packets the consumer refused (error acknowledgements).</summary>
    private static int ErrorAcks(JsonElement report) =>
        report.GetProperty("links")[0].GetProperty("mesh_packets").GetProperty("error_acknowledged").GetInt32();

    private static bool Halted(JsonElement report, int chain) =>
        report.GetProperty("chains")[chain].GetProperty("halted").ValueKind == JsonValueKind.Object;

    private static bool Succeeded(JsonElement report, int step) =>
        report.GetProperty("steps")[step].GetProperty("transactions")[0].GetProperty("success").GetBoolean();

    private static string Tokens(JsonElement report, int chain, string validator) =>
        report.GetProperty("chains")[chain].GetProperty("validators").EnumerateArray()
            .Single(v => v.GetProperty("name").GetString() == validator).GetProperty("tokens").GetString()!;

    /// <summary>One field of the link's stake on a consumer validator in report.json, "" when it has none.</summary>
    private static string Stake(JsonElement report, string validator, string field) =>
        report.GetProperty("links")[0].GetProperty("stakes").EnumerateArray()
            .Where(s => s.GetProperty("validator").GetString() == validator)
            .Select(s => s.GetProperty(field).GetString()!).FirstOrDefault() ?? "";
}
