using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using MeshSecurity.Cli.Cluster;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// meshsec chaos's endpoints on a member's control API, against a run on a loopback cluster: a relayer fault reaches the
/// run's channels wherever they are, status names it, heal undoes it; misuse gets 400 or 404 with why; beyond loopback
/// nothing passes without the bearer token.
/// </summary>
public sealed partial class ChaosApiTests : IAsyncLifetime
{
    private LoopbackCluster _cluster = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public Task InitializeAsync()
    {
        _cluster = LoopbackCluster.Start(2);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_relayer_fault_reaches_the_runs_channels_status_names_it_and_heal_undoes_it()
    {
        using var stop = new CancellationTokenSource();
        var (api, runner, run, running) = await StartedAsync(stop.Token);
        await using var _ = api;

        var (stopped, said) = await PostAsync(running, "relayer.stop", new() { ["provider"] = "osmosis", ["consumer"] = "juno" });
        Assert.True(stopped == 200, said.ToJsonString());
        Assert.Equal(["osmosis-juno/mesh", "osmosis-juno/transfer"], said["targets"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True((await runner.Network.ChannelInfoAsync("osmosis-juno/mesh")).Paused, "the mesh relayer stopped");
        Assert.True((await runner.Network.ChannelInfoAsync("osmosis-juno/transfer")).Paused, "the transfer relayer stopped");
        var status = JsonNode.Parse(await _http.GetStringAsync(new Uri(running, "/chaos/status")))!;
        Assert.Equal("relayer.stop osmosis->juno", status["runs"]![0]!["faults"]![0]!.GetValue<string>());

        var (code, healed) = await PostAsync(running, "heal", []);
        Assert.Equal(200, code);
        Assert.Equal("heal", healed["fault"]!.GetValue<string>());
        Assert.False((await runner.Network.ChannelInfoAsync("osmosis-juno/mesh")).Paused, "heal started the relayer again");
        status = JsonNode.Parse(await _http.GetStringAsync(new Uri(running, "/chaos/status")))!;
        Assert.Empty(status["runs"]![0]!["faults"]!.AsArray());

        await stop.CancelAsync();
        await run;
        // both went into the run's history, stamped with its time
        var chaos = (await File.ReadAllLinesAsync(Path.Combine(_out, "events.jsonl")))
            .Select(l => JsonNode.Parse(l)!).Where(e => e["type"]!.GetValue<string>() == "chaos_injected").ToList();
        Assert.Equal(["relayer.stop", "heal"], chaos.Select(e => e["fault"]!.GetValue<string>()));
        Assert.Equal("osmosis", chaos[0]["chain"]!.GetValue<string>());
        Assert.Equal("osmosis-juno/transfer", chaos[0]["targets"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task A_halted_chain_makes_no_block_until_heal_and_validator_faults_name_what_they_lack()
    {
        using var stop = new CancellationTokenSource();
        var (api, runner, run, running) = await StartedAsync(stop.Token);
        await using var _ = api;

        Refused(await PostAsync(running, "validator.downtime", new() { ["chain"] = "juno" }), "needs --validator");
        Refused(await PostAsync(running, "validator.downtime", new() { ["chain"] = "juno", ["validator"] = "ghost" }),
            "no validator 'ghost'");
        Refused(await PostAsync(running, "chain.block-time", new() { ["chain"] = "juno", ["block-time"] = "0" }), "--block-time");

        var (code, said) = await PostAsync(running, "chain.halt", new() { ["chain"] = "juno" });
        Assert.True(code == 200, said.ToJsonString());
        var halted = (await runner.Network.StateAsync("juno")).Height;
        var status = JsonNode.Parse(await _http.GetStringAsync(new Uri(running, "/chaos/status")))!;
        Assert.Equal("chain.halt juno", status["runs"]![0]!["faults"]![0]!.GetValue<string>());
        await _emulated.Passing(TimeSpan.FromMinutes(3));
        // the change holds from the block after the one the chain was making
        Assert.InRange((await runner.Network.StateAsync("juno")).Height, halted, halted + 1);

        (code, said) = await PostAsync(running, "heal", []);
        Assert.True(code == 200, said.ToJsonString());
        Assert.Equal(["chain.halt juno"], said["targets"]!.AsArray().Select(t => t!.GetValue<string>()));
        var healed = (await runner.Network.StateAsync("juno")).Height;
        await _emulated.Passing(TimeSpan.FromMinutes(3));
        Assert.True((await runner.Network.StateAsync("juno")).Height > healed + 10, "juno makes blocks again after heal");

        (code, said) = await PostAsync(running, "validator.downtime", new() { ["chain"] = "juno", ["validator"] = "juno-val-2" });
        Assert.True(code == 200, said.ToJsonString());
        Assert.Equal(["juno/juno-val-2"], said["targets"]!.AsArray().Select(t => t!.GetValue<string>()));
        (code, said) = await PostAsync(running, "heal", []);
        Assert.Equal(["validator.downtime juno/juno-val-2"], said["targets"]!.AsArray().Select(t => t!.GetValue<string>()));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Relayer_network_and_ibc_faults_act_live_status_lists_them_and_heal_ends_them()
    {
        using var stop = new CancellationTokenSource();
        var (api, runner, run, running) = await StartedAsync(stop.Token);
        await using var _ = api;
        Refused(await PostAsync(running, "net.partition", new() { ["chains"] = "ghost" }), "the run has no chain 'ghost'");
        // a member knows the chains made so far, so it cannot tell a typo from a chain the set-up has not made: it says both
        Refused(await PostAsync(running, "relayer.stop", new() { ["provider"] = "ghost", ["consumer"] = "juno" }),
            "has no chain 'ghost' (the chains it has made: juno, osmosis, stars; a run on a cluster makes its chains one by one " +
            "as it sets up: if 'ghost' is in the scenario, ask again once the run has started)");
        Refused(await PostAsync(running, "relayer.lag", new() { ["provider"] = "juno", ["consumer"] = "osmosis", ["delay"] = "30s" }),
            "the run has no link juno->osmosis (links: osmosis->juno, osmosis->stars)");
        Refused(await PostAsync(running, "net.loss", new() { ["fraction"] = "2" }), "above 0 and at most 1");
        // quickstart's links' smallest floor is 1s: the clock's lookahead, which a live latency may not undercut
        Refused(await PostAsync(running, "net.latency", new() { ["latency"] = "kind=uniform,min=500ms,max=5s" }),
            "net.latency: expected a latency that never draws below 1s, the run's clock lookahead (the smallest floor of the " +
            "links' relayers), got one with a floor of 500ms; raise its min");

        Done(await PostAsync(running, "net.partition", new() { ["chains"] = "juno" }), "osmosis-juno/mesh", "osmosis-juno/transfer");
        Assert.True((await runner.Network.ChannelInfoAsync("osmosis-juno/mesh")).Paused, "the link across the partition stops");
        Assert.False((await runner.Network.ChannelInfoAsync("osmosis-stars/mesh")).Paused, "the link within a side goes on");
        var (code, said) = await PostAsync(running, "ibc.error-ack",
            new() { ["provider"] = "osmosis", ["consumer"] = "stars", ["packet"] = "stake" });
        Assert.True(code == 200, said.ToJsonString());
        Assert.EndsWith("/stake", said["targets"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Done(await PostAsync(running, "relayer.lag", new() { ["provider"] = "osmosis", ["consumer"] = "stars", ["delay"] = "30s" }),
            "osmosis-stars/mesh", "osmosis-stars/transfer");
        Done(await PostAsync(running, "net.loss", new() { ["fraction"] = "0.5" }),
            "osmosis-juno/mesh", "osmosis-juno/transfer", "osmosis-stars/mesh", "osmosis-stars/transfer");
        Done(await PostAsync(running, "relayer.race", new() { ["provider"] = "osmosis", ["consumer"] = "stars", ["relayers"] = "3" }),
            "osmosis-stars/mesh", "osmosis-stars/transfer");
        Done(await PostAsync(running, "net.reorder", new() { ["provider"] = "osmosis", ["consumer"] = "stars", ["window"] = "20s" }),
            "osmosis-stars/mesh", "osmosis-stars/transfer");
        Done(await PostAsync(running, "net.latency", new() { ["provider"] = "osmosis", ["consumer"] = "stars",
            ["latency"] = "kind=uniform,min=1s,max=40s" }), "osmosis-stars/mesh", "osmosis-stars/transfer");
        await _emulated.Passing(TimeSpan.FromMinutes(1));
        // governance's switch went into stars' next block: stake packets arriving there get an error ack
        Assert.Contains((await runner.Network.StateAsync("stars")).Ibc.InjectedErrorAcks,
            k => k.EndsWith("/stake", StringComparison.Ordinal));
        string[] inForce = ["net.partition juno | osmosis,stars", "relayer.lag osmosis->stars 30s",
            "net.loss osmosis->juno,osmosis->stars 0.5", "relayer.race osmosis->stars 3 relayers", "net.reorder osmosis->stars 20s",
            "net.latency osmosis->stars uniform 1s..40s",
            "ibc.error-ack osmosis->stars stake"];
        Assert.Equal(inForce, await StatusAsync(running));

        (code, said) = await PostAsync(running, "heal", []);
        Assert.True(code == 200, said.ToJsonString());
        Assert.Equal(inForce, said["targets"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.False((await runner.Network.ChannelInfoAsync("osmosis-juno/mesh")).Paused, "heal joined the partition again");
        await _emulated.Passing(TimeSpan.FromMinutes(1));
        Assert.Empty((await runner.Network.StateAsync("stars")).Ibc.InjectedErrorAcks);
        Assert.Empty(await StatusAsync(running));
        await stop.CancelAsync();
        await run;
        await RecordedAsync("net.partition", "ibc.error-ack", "relayer.lag", "net.loss", "relayer.race", "net.reorder",
            "net.latency");
    }

    [Fact]
    public async Task Clock_client_and_double_sign_faults_act_live_and_heal_recovers_the_clients()
    {
        using var stop = new CancellationTokenSource();
        var (api, runner, run, running) = await StartedAsync(stop.Token);
        await using var _ = api;
        Refused(await PostAsync(running, "chain.clock-skew", new() { ["chain"] = "juno", ["offset"] = "1h" }), "the sign is missing");
        Refused(await PostAsync(running, "validator.double-sign", new() { ["chain"] = "juno", ["validator"] = "ghost" }),
            "juno has no validator 'ghost'");

        Done(await PostAsync(running, "chain.clock-skew", new() { ["chain"] = "juno", ["offset"] = "+1h" }), "juno");
        var (code, said) = await PostAsync(running, "ibc.client-expire",
            new() { ["provider"] = "osmosis", ["consumer"] = "juno", ["side"] = "consumer" });
        Assert.True(code == 200, said.ToJsonString());
        var clients = said["targets"]!.AsArray().Select(t => t!.GetValue<string>().Split('/')[1]).ToList();
        Done(await PostAsync(running, "validator.double-sign", new() { ["chain"] = "juno", ["validator"] = "juno-val-1" }),
            "juno/juno-val-1");
        Done(await PostAsync(running, "validator.jail-flap",
                new() { ["chain"] = "stars", ["validator"] = "stars-val-2", ["period"] = "10m" }),
            "stars/stars-val-2");
        // read once the chain has the fault (it answered): blocks made while the request travelled do not count
        var stars = (await runner.Network.StateAsync("stars")).Height;
        var restarts = (await runner.Network.ChannelInfoAsync("osmosis-juno/mesh")).Restarts;
        await _emulated.Passing(TimeSpan.FromMinutes(1));
        var juno = await runner.Network.StateAsync("juno");
        var osmosis = await runner.Network.StateAsync("osmosis");
        Assert.True(juno.Time.Nanos > osmosis.Time.Nanos + 55 * 60_000_000_000UL, "juno's header times run an hour ahead");
        Assert.All(clients, c => Assert.True(juno.Ibc.Clients[c].Frozen, $"juno's client {c} of osmosis is frozen"));
        Assert.True(juno.Staking.Validator(Core.Chain.ChainGenesis.ValidatorAddress("juno", "juno-val-1"))!.Tombstoned,
            "the double-sign's evidence tombstoned the validator");
        // stars has two equal validators: with one offline, no block commits for the first half of the period
        Assert.InRange((await runner.Network.StateAsync("stars")).Height, stars, stars + 1);
        Assert.Equal(["chain.clock-skew juno +1h", "validator.jail-flap stars/stars-val-2 10m", "ibc.client-expire osmosis->juno consumer"],
            await StatusAsync(running));
        await _emulated.Passing(TimeSpan.FromMinutes(7));
        Assert.True((await runner.Network.StateAsync("stars")).Height > stars + 5, "the flapping validator is back for the second half");

        (code, said) = await PostAsync(running, "heal", []);
        Assert.True(code == 200, said.ToJsonString());
        await _emulated.Passing(TimeSpan.FromMinutes(1));
        juno = await runner.Network.StateAsync("juno");
        Assert.All(clients, c => Assert.False(juno.Ibc.Clients[c].Frozen, $"heal recovered juno's client {c}"));
        Assert.True((await runner.Network.ChannelInfoAsync("osmosis-juno/mesh")).Restarts > restarts, "the link's relayers restarted");
        Assert.Empty(await StatusAsync(running));
        await stop.CancelAsync();
        await run;
        await RecordedAsync("chain.clock-skew", "ibc.client-expire", "validator.double-sign", "validator.jail-flap");
    }

    private static void Done((int Status, JsonObject Body) answer, params string[] targets)
    {
        Assert.True(answer.Status == 200, answer.Body.ToJsonString());
        Assert.Equal(targets, answer.Body["targets"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    private async Task<List<string>> StatusAsync(Uri api) =>
        [.. JsonNode.Parse(await _http.GetStringAsync(new Uri(api, "/chaos/status")))!["runs"]![0]!["faults"]!.AsArray()
            .Select(f => f!.GetValue<string>())];

    /// <summary>
    /// The run's events.jsonl has a chaos_injected line for each fault, then one for the heal (faults injected at one
    /// emulated instant are in the history's order for that instant, not necessarily the order they were asked in).
    /// </summary>
    private async Task RecordedAsync(params string[] faults)
    {
        var live = (await File.ReadAllLinesAsync(Path.Combine(_out, "events.jsonl"))).Select(l => JsonNode.Parse(l)!)
            .Where(e => e["type"]!.GetValue<string>() == "chaos_injected").Select(e => e["fault"]!.GetValue<string>()).ToList();
        Assert.Equal(faults.Order(StringComparer.Ordinal), live.SkipLast(1).Order(StringComparer.Ordinal));
        Assert.Equal("heal", live[^1]);
    }

    private readonly string _out = Directory.CreateTempSubdirectory("meshsec-chaos-").FullName;

    [Theory]
    [InlineData("relayer.stop", """{"provider":"osmosis"}""", 404, "hosts no run")]
    [InlineData("no.such", "{}", 404, "no fault 'no.such'")]
    [InlineData("relayer.stop", "[1,2]", 400, "must be a JSON object")]
    [InlineData("relayer.stop", "{not json", 400, "must be a JSON object")]
    [InlineData("node.partition", "{}", 400, "needs every member started with --transport-faults")]
    [InlineData("node.throttle", """{"rate":"20000"}""", 400, "needs every member started with --transport-faults")]
    [InlineData("node.pause", "{}", 400, "node.pause needs --for, whole seconds from 1 to 600")]
    [InlineData("node.pause", """{"for":"601"}""", 400, "node.pause needs --for")]
    public async Task Misuse_gets_400_or_404_saying_why(string fault, string body, int status, string said)
    {
        await using var api = await Api(new NodeSettings { ControlPort = 0 });

        var response = await _http.PostAsync(new Uri(new Uri(api.Urls.First()), $"/chaos/{fault}"),
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(said, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Beyond_loopback_chaos_needs_the_bearer_token_and_health_does_not()
    {
        await using var api = await Api(new NodeSettings { ControlPort = 0, BindHostname = "0.0.0.0", ControlToken = "s3cret" });
        var url = new Uri($"http://127.0.0.1:{ControlApi.Port(api)}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync(new Uri(url, "/chaos"))).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/chaos"));
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(wrong)).StatusCode);
        using var right = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/chaos"));
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        var listed = await _http.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Contains("relayer.stop", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await _http.GetAsync(new Uri(url, "/health"))).StatusCode);
    }

    [Fact]
    public async Task Beyond_loopback_without_a_token_chaos_is_refused_saying_what_to_set()
    {
        await using var api = await Api(new NodeSettings { ControlPort = 0, BindHostname = "0.0.0.0" });

        var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{ControlApi.Port(api)}/chaos"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("--control-token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A control API on the first member and the quickstart running on the cluster, its links set up.</summary>
    private async Task<(WebApplication Api, ScenarioRunner Runner, Task Run, Uri Running)> StartedAsync(CancellationToken stop,
        Scenarios.Model.Scenario? scenario = null)
    {
        var api = await Api(new NodeSettings { ControlPort = 0 });
        var (runner, run, ready) = StartQuickstart(stop, scenario);
        await Task.WhenAny(run, ready);
        // a run that failed to start says why (its exception), not just that it ended
        if (run.IsCompleted) await run;
        Assert.False(run.IsCompleted, "the run ended before the fault");
        return (api, runner, run, new Uri(api.Urls.First()));
    }

    private Task<WebApplication> Api(NodeSettings node) =>
        ControlApi.StartAsync(_cluster.Members[0], node, NullLoggerFactory.Instance, () => { });

    /// <summary>
    /// The quickstart (or <paramref name="scenario"/>) on the cluster, paced so that it is still running while the test
    /// injects faults; ready once its links are set up.
    /// </summary>
    private (ScenarioRunner Runner, Task Run, Task Ready) StartQuickstart(CancellationToken stop, Scenarios.Model.Scenario? scenario)
    {
        var seed = Akka.Cluster.Cluster.Get(_cluster.Members[0]).SelfAddress.ToString();
        var options = new RunOptions(JournalSettings.Memory, OutDir: _out, Speed: 200, Cluster: new ClusterTarget([seed], MinMembers: 2));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new ScenarioRunner(scenario ?? ScenarioParser.ParseFile(RepoFiles.Scenario("quickstart.conf")), options,
            NullLoggerFactory.Instance, new OnProgress(p =>
            {
                if (p.Phase != "running") return;
                ready.TrySetResult();
                _emulated.Reached((long)p.Elapsed.Nanos);
            }));
        return (runner, runner.RunAsync(stop), ready.Task);
    }

    private static void Refused((int Status, JsonObject Body) answer, string why)
    {
        Assert.True(answer.Status == 400, answer.Body.ToJsonString());
        Assert.Contains(why, answer.Body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private readonly EmulatedTime _emulated = new();

    /// <summary>The run's emulated time as its progress reports it, and waits for it to pass (no wall-clock sleep).</summary>
    private sealed class EmulatedTime
    {
        private readonly object _gate = new();
        private long _now;
        private readonly List<(long At, TaskCompletionSource Done)> _waits = [];

        public void Reached(long nanos)
        {
            List<TaskCompletionSource> due;
            lock (_gate)
            {
                _now = System.Math.Max(_now, nanos);
                due = [.. _waits.Where(w => w.At <= _now).Select(w => w.Done)];
                _waits.RemoveAll(w => w.At <= _now);
            }
            foreach (var d in due) d.TrySetResult();
        }

        /// <summary>Completes once the run's time is <paramref name="span"/> past where it is now (within a minute of wall time).</summary>
        public Task Passing(TimeSpan span)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate) _waits.Add((_now + span.Ticks * 100, done));
            return done.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    private sealed class OnProgress(Action<RunProgress> handle) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => handle(value);
    }

    private async Task<(int Status, JsonObject Body)> PostAsync(Uri api, string fault, JsonObject body)
    {
        var response = await _http.PostAsync(new Uri(api, $"/chaos/{fault}"),
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }


    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _cluster.DisposeAsync();
        Directory.Delete(_out, recursive: true);
    }
}
