using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>A chain whose whole validator set is jailed halts, as a CometBFT chain does, and the rest of the network goes on.</summary>
public sealed class HaltTests
{
    /// <summary>Both of juno's validators double-sign at 20m; juno halts, osmosis and stars go on to the end (1h).</summary>
    private const string Scenario =
        "scenario { name = halt, seed = halt, duration = 1h }\n" +
        "chains = [\n" +
        "  { id = osmosis, prefix = osmo, denom = uosmo, validators = [ { name = osmo-val-1, stake = 10000000000 } ],\n" +
        "    accounts = [ { name = alice, balance = \"2000000000uosmo\" } ] }\n" +
        "  { id = juno, prefix = juno, denom = ujuno,\n" +
        "    validators = [ { name = juno-val-1, stake = 10000000000 }, { name = juno-val-2, stake = 10000000000 } ],\n" +
        "    accounts = [ { name = jack, balance = \"1000000ujuno\" }, { name = jill } ] }\n" +
        "  { id = stars, prefix = stars, denom = ustars, validators = [ { name = stars-val-1, stake = 10000000000 } ] }\n" +
        "]\n" +
        "links = [\n" +
        "  { provider = osmosis, consumer = juno, exchange-rate = \"1\", staking-funds = 5000000000 }\n" +
        "  { provider = osmosis, consumer = stars, exchange-rate = \"1\", staking-funds = 5000000000 }\n" +
        "]\n" +
        "steps = [\n" +
        "  { at = 5m, action = bond, chain = osmosis, account = alice, amount = 1000000000 }\n" +
        "  { at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = juno-val-1, amount = " +
        "400000000 }\n" +
        "  { at = 6m, action = cross-stake, account = alice, provider = osmosis, consumer = stars, validator = stars-val-1, amount = " +
        "400000000 }\n" +
        "  { at = 20m, action = double-sign, chain = juno, validator = juno-val-1 }\n" +
        "  { at = 20m, action = double-sign, chain = juno, validator = juno-val-2 }\n" +
        "  { at = 40m, action = send, chain = juno, from = jack, to = jill, amount = \"1000ujuno\" }\n" +
        "  { at = 40m, action = cross-stake, account = alice, provider = osmosis, consumer = stars, validator = stars-val-1, amount = " +
        "100000000 }\n" +
        "]\n" +
        "expect = [\n" +
        "  { at = 30m, what = voting-power, chain = juno, validator = juno-val-2, equals = 0 }\n" +
        "  { at = 50m, what = consumer-stake, provider = osmosis, consumer = stars, validator = stars-val-1, equals = 500000000 }\n" +
        "  { at = 50m, what = balance, chain = juno, account = jill, equals = 0 }\n" +
        "]\n";

    private static async Task<(RunReport? Report, IReadOnlyList<EmulatorEvent> History)> Run(
        string text, string? journal = null, Duration? stopAfter = null)
    {
        var options = new RunOptions(new JournalSettings(journal), StopAfter: stopAfter);
        var runner = new ScenarioRunner(Parse.Ok(text), options, NullLoggerFactory.Instance);
        var report = await runner.RunAsync();
        return (report, runner.History!.Events);
    }

    [Fact]
    public async Task A_chain_whose_validators_are_all_jailed_halts_and_the_rest_of_the_network_goes_on()
    {
        var (report, history) = await Run(Scenario);
        Assert.NotNull(report);
        Assert.True(report.Result.Ok, string.Join("; ", report.Invariants.Where(i => !i.Ok).Select(i => i.Detail)
            .Concat(report.Expectations.Where(e => !e.Ok).Select(e => $"{e.Target}: {e.Actual}"))));

        var juno = report.Chains.Single(c => c.Id == "juno");
        var halt = Assert.IsType<RunReport.HaltInfo>(juno.Halted);
        // the evidence block is juno's last: nothing after it, and the halt came when the next block was due
        Assert.Equal(juno.Height, halt.Height);
        static bool Evidence(string tx) => tx.StartsWith("step/3/", StringComparison.Ordinal)
            || tx.StartsWith("step/4/", StringComparison.Ordinal);
        var evidence = history.OfType<EmulatorEvent.TxExecuted>().Where(t => t.ChainId == "juno" && Evidence(t.TxId));
        Assert.Equal([halt.Height, halt.Height], evidence.Select(t => t.Height));
        Assert.True(Duration.Parse(halt.At) > Duration.Parse("20m"), halt.At);
        Assert.DoesNotContain(history, e => e.ChainId == "juno" && e is EmulatorEvent.BlockCommitted && e.Height > halt.Height);
        Assert.All(juno.Validators, v => Assert.True(v.Jailed && v.Power == 0, $"{v.Name} jailed {v.Jailed}, power {v.Power}"));

        // no transaction reaches a halted chain's blocks
        var send = report.Steps.Single(s => s.Action == "send");
        Assert.Equal("not executed before the run ended", Assert.Single(send.Transactions).Error);

        // osmosis and stars produced blocks to the end and took the cross-stake made after the halt
        foreach (var c in report.Chains.Where(c => c.Id != "juno"))
        {
            Assert.Null(c.Halted);
            Assert.True(Duration.Parse(c.Time) >= Duration.Parse("59m"), $"{c.Id} stopped at {c.Time}");
        }
        Assert.True(Assert.Single(report.Steps, s => s.Index == 6).Transactions.All(t => t.Success));

        // the event, once, in events.jsonl; the Burn that can no longer reach juno is noted, not failed
        var halted = Assert.Single(history.OfType<EmulatorEvent.ChainHalted>());
        Assert.Equal(("juno", halt.Height), (halted.ChainId, halted.Height));
        var lines = history.Select(new EventLines(null, new Dictionary<string, string>()).Line);
        Assert.Single(lines, l => l.Contains("\"type\":\"chain_halted\"", StringComparison.Ordinal));
        var slashCheck = report.Invariants.Single(i => i.Name == "every slash reached its consumers");
        Assert.Contains("cannot reach juno, which halted", slashCheck.Detail);
    }

    [Fact]
    public async Task A_run_resumed_from_its_journal_halts_at_the_same_tick()
    {
        var dir = Directory.CreateTempSubdirectory("meshsec-halt-").FullName;
        try
        {
            var (whole, _) = await Run(Scenario, Path.Combine(dir, "whole.db"));
            var journal = Path.Combine(dir, "cut.db");
            var (cut, _) = await Run(Scenario, journal, Duration.Parse("30m"));
            Assert.Null(cut);
            var (resumed, _) = await Run(Scenario, journal);

            Assert.NotNull(whole?.Chains.Single(c => c.Id == "juno").Halted);
            Assert.Equal(ReportWriter.Json(whole!), ReportWriter.Json(resumed!));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_chain_without_voting_power_at_genesis_is_refused_by_validate()
    {
        const string stars = "{ id = stars, prefix = stars, denom = ustars,";
        var text = Scenario.Replace(stars, stars + " power-reduction = 20000000000,", StringComparison.Ordinal);
        Assert.NotEqual(Scenario, text);
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(text, Parse.File)).Errors);
        Assert.Equal((Parse.File, 8, "chains[2].validators"), (error.File, error.Line, error.Key));
        Assert.Contains("none has voting power", error.Message);
    }
}
