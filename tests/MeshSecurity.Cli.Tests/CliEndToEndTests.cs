using System.Text.Json;
using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>meshsec as a user runs it: the examples, bad input, validate, gen and --resume, through Program.Main.</summary>
[Collection("console")]
public class CliEndToEndTests
{
    private static Task<(int Code, string Out, string Err)> Meshsec(params string[] args) => MeshsecCli.Run(args);

    [Theory]
    [InlineData("quickstart.conf")]
    [InlineData("claims.conf")]
    [InlineData("slash-propagation.conf")]
    public async Task Each_example_runs_to_the_end_with_every_expectation_and_invariant_holding(string example)
    {
        var dir = RepoFiles.TempDir();
        var (code, output, errors) = await Meshsec("run", RepoFiles.Scenario(example), "--out", dir, "--journal", "memory");

        Assert.True(code == ExitCodes.Ok, $"exit {code}\n{output}\n{errors}");
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        var root = report.RootElement;
        Assert.Equal("meshsec-report/1", root.GetProperty("schema").GetString());
        Assert.True(root.GetProperty("result").GetProperty("ok").GetBoolean());
        Assert.All(root.GetProperty("invariants").EnumerateArray(), i => Assert.True(i.GetProperty("ok").GetBoolean(), i.GetProperty("detail").GetString()));
        Assert.NotEmpty(root.GetProperty("expectations").EnumerateArray());
        Assert.True(new FileInfo(Path.Combine(dir, "events.jsonl")).Length > 0);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public async Task Contracts_run_inline_or_in_their_actors_give_the_same_report()
    {
        var (inline, actor) = (RepoFiles.TempDir(), RepoFiles.TempDir());
        var claims = RepoFiles.Scenario("claims.conf");
        var first = await Meshsec("run", claims, "--out", inline, "--journal", "memory", "--contracts", "inline");
        var second = await Meshsec("run", claims, "--out", actor, "--journal", "memory", "--contracts", "actor");

        Assert.True(first.Code == ExitCodes.Ok, first.Err);
        Assert.True(second.Code == ExitCodes.Ok, second.Err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(inline, "report.json")), File.ReadAllBytes(Path.Combine(actor, "report.json")));
        // the log says which way each run went
        Assert.Contains("contracts inline", File.ReadAllText(Path.Combine(inline, "meshsec.log")));
        Assert.Contains("contracts actor", File.ReadAllText(Path.Combine(actor, "meshsec.log")));
    }

    [Fact]
    public async Task A_slash_is_reported_with_every_consumer_it_reached_and_its_latency()
    {
        var dir = RepoFiles.TempDir();
        var (code, _, _) = await Meshsec("run", RepoFiles.Scenario("slash-propagation.conf"), "--out", dir, "--journal", "memory");
        Assert.Equal(ExitCodes.Ok, code);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        var cross = report.RootElement.GetProperty("slashes").EnumerateArray().First(s => s.GetProperty("source").GetString() == "slasher");
        Assert.Equal(5, cross.GetProperty("reached").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(cross.GetProperty("emulated_latency").GetString()));
    }

    [Fact]
    public async Task A_link_whose_packets_expire_before_they_arrive_is_refused_by_validate_or_ends_the_run_with_a_hint()
    {
        var dir = RepoFiles.TempDir();
        var scenario = File.ReadAllText(RepoFiles.Scenario("claims.conf"));
        string Link(string settings) => scenario.Replace("unbonding-period = 1h\n    validators = [\n      { name = osmo-val-1",
                "unbonding-period = 1h\n    block-time = 1s\n    validators = [\n      { name = osmo-val-1", StringComparison.Ordinal)
            .Replace("consumer = juno, exchange-rate = \"1\", staking-funds = 1000000000 }",
                "consumer = juno, exchange-rate = \"1\", staking-funds = 1000000000, " + settings + " }", StringComparison.Ordinal);
        // 1 s provider blocks, 6 s consumer blocks, a 5 s lifetime and an instant relayer: a packet that lands just after a
        // block of juno waits 6 s for the next one, and the set-up's would (on 51f12a3 validate let it through)
        var tight = Path.Combine(dir, "tight.conf");
        File.WriteAllText(tight, Link("packet-lifetime = 5s, relayer.latency { kind = constant, value = 0s }"));
        var refused = await Meshsec("validate", tight);
        Assert.Equal(ExitCodes.BadInput, refused.Code);
        Assert.Contains("tight.conf:61:91: links[0].packet-lifetime: a packet lifetime of 5s can run out before the packet is received",
            refused.Err + refused.Out);

        // a lognormal relayer whose floor and blocks fit in 8 s, but whose draws around 30 s do not: only the run can tell
        var slow = Path.Combine(dir, "slow.conf");
        File.WriteAllText(slow, Link("packet-lifetime = 8s, relayer { min-latency = 1s, latency { kind = lognormal, mean = 30s, " +
            "spread = \"1\" } }"));
        Assert.Equal(ExitCodes.Ok, (await Meshsec("validate", slow)).Code);
        var (code, _, errors) = await Meshsec("run", slow, "--out", Path.Combine(dir, "out"), "--journal", "memory");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("a link could not be set up: the validators of juno never reached their providers", errors);
        Assert.Contains("longer packet-lifetime", errors);
    }

    [Fact]
    public async Task A_failed_expectation_exits_with_1_and_names_it()
    {
        var dir = RepoFiles.TempDir();
        var scenario = File.ReadAllText(RepoFiles.Scenario("claims.conf"));
        var broken = Path.Combine(dir, "broken.conf");
        // one expectation made false: the free balance after the three claims is 300, not 301
        File.WriteAllText(broken, scenario.Replace("what = lockup-free, chain = osmosis, account = alice, equals = 300000000",
            "what = lockup-free, chain = osmosis, account = alice, equals = 300000001", StringComparison.Ordinal));
        Assert.NotEqual(scenario, File.ReadAllText(broken));

        var (code, output, _) = await Meshsec("run", broken, "--out", Path.Combine(dir, "out"), "--journal", "memory", "--failures-only");

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("failed: 16 of 17 expectations met, 1 failed; 14 of 14 invariants hold (1 did not apply);", output);
        Assert.Contains("✗ broken.conf:92:3 at 15m: osmosis lockup free of alice: expected 300000001, got 300000000", output);
        // failures only: the one failing row, none of the 16 that held
        Assert.Single(output.Split('\n'), l => l.Contains("FAILED", StringComparison.Ordinal));
        Assert.DoesNotContain("│ ok ", output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "report.json")));
        var failed = report.RootElement.GetProperty("expectations").EnumerateArray().Where(e => !e.GetProperty("ok").GetBoolean()).ToList();
        var only = Assert.Single(failed);
        Assert.Equal("300000001", only.GetProperty("expected").GetString());
        Assert.Equal("300000000", only.GetProperty("actual").GetString());
    }

    [Fact]
    public async Task A_link_on_an_ordered_channel_is_refused_by_the_contracts_and_the_run_exits_with_1()
    {
        var dir = RepoFiles.TempDir();
        var ordered = Path.Combine(dir, "ordered.conf");
        File.WriteAllText(ordered, File.ReadAllText(RepoFiles.Scenario("claims.conf")).Replace(
            "{ provider = osmosis, consumer = juno, exchange-rate = \"1\"", "{ provider = osmosis, consumer = juno, ordering = ordered, exchange-rate = \"1\"", StringComparison.Ordinal));

        var (code, output, _) = await Meshsec("run", ordered, "--journal", "memory", "--out", Path.Combine(dir, "out"));

        // the run ends with a report that names the refused handshake, and every expectation unread
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("set-up: channel osmosis-juno/mesh: channel_open_init refused: provider:InvalidChannelOrder", output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "report.json")));
        var result = report.RootElement.GetProperty("result");
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Contains("InvalidChannelOrder", result.GetProperty("setup_refused").GetString());
        Assert.All(report.RootElement.GetProperty("expectations").EnumerateArray(),
            e => Assert.Equal("not read: the links were not set up", e.GetProperty("actual").GetString()));
    }

    [Fact]
    public async Task Bad_input_exits_with_2_and_says_where()
    {
        var dir = RepoFiles.TempDir();
        var bad = Path.Combine(dir, "bad.conf");
        File.WriteAllText(bad, "scenario { name = x, colour = blue }\n");
        var (code, _, errors) = await Meshsec("run", bad, "--journal", "memory", "--out", dir);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("bad.conf:1:", errors);
        Assert.Contains("colour", errors);

        var (validateCode, _, validateErrors) = await Meshsec("validate", bad);
        Assert.Equal(ExitCodes.BadInput, validateCode);
        Assert.Contains("colour", validateErrors);

        var (speedCode, _, speedErrors) = await Meshsec("run", RepoFiles.Scenario("claims.conf"), "--speed", "fast");
        Assert.Equal(ExitCodes.BadInput, speedCode);
        Assert.Contains("--speed", speedErrors);
    }

    [Fact]
    public async Task Validate_accepts_the_examples_and_gen_writes_a_scenario_that_validates_and_runs()
    {
        foreach (var example in new[] { "quickstart.conf", "claims.conf", "slash-propagation.conf" })
            Assert.Equal(ExitCodes.Ok, (await Meshsec("validate", RepoFiles.Scenario(example))).Code);

        var dir = RepoFiles.TempDir();
        var file = Path.Combine(dir, "star.conf");
        var written = await Meshsec("gen", "--topology", "star", "--chains", "4", "--seed", "3", "--out", file);
        Assert.Equal(ExitCodes.Ok, written.Code);
        Assert.Contains($"wrote {file} (star, 4 chains); run it with: meshsec run {file}", written.Out, StringComparison.Ordinal);
        var again = Path.Combine(dir, "star2.conf");
        Assert.Equal(ExitCodes.Ok, (await Meshsec("gen", "--topology", "star", "--chains", "4", "--seed", "3", "--out", again)).Code);
        Assert.Equal(File.ReadAllText(file), File.ReadAllText(again));
        // a file gen wrote is generated again in place; a file of the user's is never overwritten (JournalSafetyTests)
        Assert.Equal(ExitCodes.Ok, (await Meshsec("gen", "--topology", "ring", "--chains", "5", "--out", again)).Code);
        Assert.Contains("--topology ring --chains 5", File.ReadLines(again).First(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await Meshsec("validate", file)).Code);
        var (code, output, errors) = await Meshsec("run", file, "--journal", "memory", "--out", Path.Combine(dir, "out"));
        Assert.True(code == ExitCodes.Ok, $"{output}\n{errors}");
    }

    [Fact]
    public async Task Resume_continues_a_run_from_its_output_folder_and_gives_the_same_report()
    {
        var dir = RepoFiles.TempDir();
        var (code, _, _) = await Meshsec("run", RepoFiles.Scenario("claims.conf"), "--out", dir);
        Assert.Equal(ExitCodes.Ok, code);
        var first = File.ReadAllText(Path.Combine(dir, "report.json"));
        Assert.True(File.Exists(Path.Combine(dir, "journal.db")));

        var (resumed, output, errors) = await Meshsec("run", "--resume", dir);

        Assert.True(resumed == ExitCodes.Ok, $"{output}\n{errors}");
        Assert.Equal(first, File.ReadAllText(Path.Combine(dir, "report.json")));
    }
}
