using System.Text.Json.Nodes;
using Akka.Actor;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Scenarios.Parsing;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// The live faults the run's driver applies (ibc.close-channel, econ.price-shock, econ.withdraw-race): the member asked
/// passes them on to the driver's runner, which applies them with its chaos steps' code; status names the lasting ones
/// and heal ends them as their steps' end does.
/// </summary>
public sealed partial class ChaosApiTests
{
    /// <summary>Alice bonds on osmosis, which provides to juno (a fixed rate) and to akash (a price feed of 0.5).</summary>
    private const string PricedRun = """
        scenario { name = live-driver-faults, seed = live, duration = 2h }
        chains = [
          { id = osmosis, prefix = osmo, denom = uosmo, validators = [ { name = ov, stake = 100000000 } ]
            accounts = [ { name = alice, balance = "1000000000uosmo" } ] }
          { id = juno, prefix = juno, denom = ujuno, validators = [ { name = jv, stake = 100000000 } ] }
          { id = akash, prefix = akash, denom = uakt, validators = [ { name = av, stake = 100000000 } ] }
        ]
        links = [
          { provider = osmosis, consumer = juno, exchange-rate = "1", staking-funds = 1000000000 }
          { provider = osmosis, consumer = akash, staking-funds = 1000000000, price { path = { kind = constant, value = "0.5" } } }
        ]
        steps = [
          { at = 1m, action = bond, chain = osmosis, account = alice, amount = 100000000 }
          { at = 8m, chaos = heal }
        ]
        """;

    [Fact]
    public async Task A_price_shock_and_a_withdraw_race_act_through_the_runs_driver_and_heal_restores_the_price()
    {
        using var stop = new CancellationTokenSource();
        var (api, _, run, running) = await StartedAsync(stop.Token, ScenarioParser.Parse(PricedRun, "priced.conf"));
        await using var _ = api;
        await _emulated.Passing(TimeSpan.FromMinutes(2));
        Refused(await PostAsync(running, "econ.price-shock", new() { ["provider"] = "osmosis", ["consumer"] = "juno", ["factor"] = "0.4" }),
            "econ.price-shock: the link osmosis -> juno has a fixed exchange-rate, no price feed to shock; links with a price: " +
            "osmosis -> akash");
        Refused(await PostAsync(running, "econ.price-shock", new() { ["provider"] = "osmosis", ["consumer"] = "akash", ["factor"] = "0" }),
            "expected --factor, what the oracle's price is multiplied by, above 0, got '0'");
        Refused(await PostAsync(running, "econ.withdraw-race",
                new() { ["provider"] = "osmosis", ["consumer"] = "juno", ["account"] = "bob" }),
            "econ.withdraw-race: osmosis has no account 'bob' (accounts: alice)");

        Done(await PostAsync(running, "econ.price-shock", new() { ["provider"] = "osmosis", ["consumer"] = "akash", ["factor"] = "0.4" }),
            "osmosis->akash/price");
        Done(await PostAsync(running, "econ.withdraw-race",
                new() { ["provider"] = "osmosis", ["consumer"] = "juno", ["account"] = "alice" }),
            "osmosis/alice");
        Assert.Equal(["econ.price-shock osmosis->akash x0.4"], await StatusAsync(running));
        await _emulated.Passing(TimeSpan.FromMinutes(1));
        var (code, said) = await PostAsync(running, "heal", []);
        Assert.True(code == 200, said.ToJsonString());
        Assert.Equal(["econ.price-shock osmosis->akash x0.4"], said["targets"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Empty(await StatusAsync(running));
        // a second shock, ended by the scenario's heal step at 8m: the member's status stops listing it by itself
        Done(await PostAsync(running, "econ.price-shock", new() { ["provider"] = "osmosis", ["consumer"] = "akash", ["factor"] = "2" }),
            "osmosis->akash/price");
        Assert.Equal(["econ.price-shock osmosis->akash x2"], await StatusAsync(running));
        await _emulated.Passing(TimeSpan.FromMinutes(6));
        Assert.Empty(await StatusAsync(running));
        await stop.CancelAsync();
        var report = await (Task<Scenarios.Reporting.RunReport?>)run;

        // the report's timeline: each shock from its injection to its heal, the race at its moment
        var shocked = report!.Faults
            .Where(f => f.Fault.StartsWith("econ.price-shock osmosis->akash/price (live, ", StringComparison.Ordinal));
        Assert.Equal(2, shocked.Count(f => f.To is not null));
        Assert.Single(report.Faults, f => f.Fault.StartsWith("econ.withdraw-race osmosis/alice (live, ", StringComparison.Ordinal));
        Assert.NotEmpty(report.Invariants);
        Assert.All(report.Invariants, c => Assert.True(c.Ok, $"{c.Name}: {c.Detail}"));
        var events = await EventsAsync();
        // the oracle published 0.5 x 0.4 at the shock, 0.5 again at the heal, 0.5 x 2 at the second, 0.5 at the scenario's heal
        var shocks = events.Where(e => Text(e, "type") == "tx_executed" && Text(e, "tx").Contains("/shock", StringComparison.Ordinal))
            .Select(e => e.ToJsonString()).ToList();
        Assert.Equal(4, shocks.Count);
        Assert.Contains("\"0.2\"", shocks[0], StringComparison.Ordinal);
        Assert.Contains("\"0.5\"", shocks[1], StringComparison.Ordinal);
        Assert.Contains("\"1\"", shocks[2], StringComparison.Ordinal);
        Assert.Contains("\"0.5\"", shocks[3], StringComparison.Ordinal);
        // the race's stake and withdrawal of the same 100000000 in one block: exactly one succeeded (its transactions are
        // those of step 3: the scenario has two steps, the shock was the first live fault)
        var race = events.Where(e => Text(e, "type") == "tx_executed" && Text(e, "tx").StartsWith("step/3/", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(2, race.Count);
        Assert.Single(race, e => e["success"]!.GetValue<bool>());
        Assert.Equal(race[0]["height"]!.ToJsonString(), race[1]["height"]!.ToJsonString());
        // report.json counts the live race by its winner, as it counts a scenario's race steps
        var counts = report.WithdrawRaces!;
        Assert.Equal(1, counts.Races);
        Assert.Equal(1, counts.StakeWon + counts.WithdrawalWon);
        await RecordedAsync("econ.price-shock", "econ.price-shock", "econ.withdraw-race", "heal");
    }

    [Fact]
    public async Task A_closed_channel_closes_through_the_runs_driver_and_heal_opens_a_new_one_the_run_follows()
    {
        using var stop = new CancellationTokenSource();
        var (api, runner, run, running) = await StartedAsync(stop.Token);
        await using var _ = api;
        Refused(await PostAsync(running, "ibc.close-channel", new() { ["provider"] = "juno", ["consumer"] = "osmosis" }),
            "the run has no link juno->osmosis");
        Refused(await PostAsync(running, "ibc.close-channel", new() { ["provider"] = "osmosis", ["consumer"] = "juno", ["side"] = "up" }),
            "expected --side one of provider, consumer, got 'up'");

        Done(await PostAsync(running, "ibc.close-channel", new() { ["provider"] = "osmosis", ["consumer"] = "juno" }), "osmosis-juno/mesh");
        Refused(await PostAsync(running, "ibc.close-channel", new() { ["provider"] = "osmosis", ["consumer"] = "juno" }),
            "the link osmosis->juno's mesh channel is closed already, or reopening");
        Assert.Equal(["ibc.close-channel osmosis->juno provider"], await StatusAsync(running));
        await _emulated.Passing(TimeSpan.FromMinutes(1));
        var ends = (await runner.Network.ChannelInfoAsync("osmosis-juno/mesh")).Ends!;
        Assert.Equal(ChannelState.Closed, (await runner.Network.StateAsync("osmosis")).Ibc.Channel(ends.PortA, ends.ChannelA)?.State);

        var (code, said) = await PostAsync(running, "heal", []);
        Assert.True(code == 200, said.ToJsonString());
        Assert.Equal(["ibc.close-channel osmosis->juno provider"], said["targets"]!.AsArray().Select(t => t!.GetValue<string>()));
        await _emulated.Passing(TimeSpan.FromMinutes(3));
        Assert.True((await runner.Network.ChannelInfoAsync("osmosis-juno/mesh-reopened-1")).Open, "heal opened a new mesh channel");
        Assert.Empty(await StatusAsync(running));
        await stop.CancelAsync();
        var report = await (Task<Scenarios.Reporting.RunReport?>)run;
        Assert.All(report!.Invariants, c => Assert.True(c.Ok, $"{c.Name}: {c.Detail}"));
        await RecordedAsync("ibc.close-channel");
        var closing = (await EventsAsync()).Single(e => Text(e, "type") == "tx_executed"
            && e.ToJsonString().Contains("channel_close_init", StringComparison.Ordinal));
        Assert.True(closing["success"]!.GetValue<bool>(), closing.ToJsonString());
    }

    [Fact]
    public async Task A_request_to_the_driver_that_arrives_twice_is_applied_once_and_both_copies_get_its_answer()
    {
        using var stop = new CancellationTokenSource();
        var (api, runner, run, running) = await StartedAsync(stop.Token);
        await using var _ = api;
        var runId = JsonNode.Parse(await _http.GetStringAsync(new Uri(running, "/chaos/status")))!["runs"]![0]!["run"]!.GetValue<string>();
        var driver = Akka.Cluster.Cluster.Get(runner.Network.System).SelfAddress;
        var inbox = _cluster.Members[1].ActorSelection(new RootActorPath(driver) / "user" / DriverChaos.InboxName(runId));
        // what a member re-sends when the first answer is slow: the same request, the same id
        var close = new DriverChaos.Inject(runId, "ibc.close-channel", "osmosis", "juno", null, null, null, null, "test", "test/driver/1");

        var answers = await Task.WhenAll(inbox.Ask<DriverChaosReply>(close, TimeSpan.FromSeconds(60)),
            inbox.Ask<DriverChaosReply>(close, TimeSpan.FromSeconds(60)));

        // a second close would have been refused ("closed already"): the copy got the first one's answer instead
        Assert.All(answers, a => Assert.Equal(["osmosis-juno/mesh"], Assert.IsType<DriverChaosReply.Done>(a).Targets.ToArray()));
        await stop.CancelAsync();
        await run;
        Assert.Single(await EventsAsync(), e => Text(e, "type") == "chaos_injected" && Text(e, "fault") == "ibc.close-channel");
    }

    private async Task<List<JsonNode>> EventsAsync() =>
        [.. (await File.ReadAllLinesAsync(Path.Combine(_out, "events.jsonl"))).Select(l => JsonNode.Parse(l)!)];

    private static string Text(JsonNode e, string key) => e[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
