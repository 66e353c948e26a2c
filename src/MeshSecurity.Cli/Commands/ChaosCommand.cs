using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MeshSecurity.Emulator.Cluster;
using Env = MeshSecurity.Emulator.Hosting.NodeSettings.Environment;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// meshsec chaos: injects a fault into a run on a live cluster through a member's control API (docs/cluster.md,
/// "Chaos"), lists the faults, shows what is in force, or heals it.
/// </summary>
public static class ChaosCommand
{
    public static Command Create()
    {
        var what = new Argument<string>("fault")
        {
            Description = "list, status, heal, or a fault: " + string.Join(", ", ChaosFault.All.Select(f => f.Name)) + ".",
        };
        var control = new Option<string>("--control")
        {
            Description = $"The member's control API (default http://127.0.0.1:4080, or the port in ${Env.ControlPort}).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(Env.ControlPort) is { Length: > 0 } p
                ? $"http://127.0.0.1:{p}" : "http://127.0.0.1:4080",
        };
        var token = new Option<string?>("--token") { Description = $"The node's --control-token (${Env.ControlToken})." };
        var run = new Option<string?>("--run") { Description = "The run's id (needed when the member hosts several)." };
        var provider = new Option<string?>("--provider") { Description = "A link's provider chain (relayer faults)." };
        var consumer = new Option<string?>("--consumer") { Description = "A link's consumer chain (relayer faults)." };
        var chain = new Option<string?>("--chain") { Description = "A chain (chain faults)." };
        var member = new Option<string?>("--member")
        {
            Description = "The other member a transport fault cuts or slows this one from (address or HOST:PORT; default: all), " +
                "or the member shard.handoff moves --chain to (default: the next one).",
        };
        var validator = new Option<string?>("--validator")
        {
            Description = "validator.downtime, validator.tombstone: the validator's name on --chain (as in the scenario); " +
                "econ.withdraw-race: the consumer's validator staked to (default its first).",
        };
        var blockTime = new Option<string?>("--block-time") { Description = "chain.block-time: seconds between blocks (1 to 3600)." };
        var rate = new Option<string?>("--rate") { Description = "node.throttle: bytes per second each way (at least 1000)." };
        var lasting = new Option<string?>("--for") { Description = "node.pause: how long the process stays stopped, in seconds." };
        // the faults' own keys, named as their scenario keys (docs/scenarios.md, "Chaos steps")
        Option<string?> Key(string name, string description) => new("--" + name) { Description = description };
        var keys = new[]
        {
            Key("channel", "relayer.pause: mesh, ics20 or both (default)."),
            Key("direction", "relayer.pause, relayer.starve: to-consumer, to-provider or both (default)."),
            Key("packet", "relayer.censor, relayer.starve, ibc.error-ack: a packet kind (stake, unstake, transfer, ...)."),
            Key("interval", "relayer.clear-interval: how often the relayer clears (a duration: 30s, 2m)."),
            Key("delay", "relayer.lag: how much later the relayer's submissions land (a duration)."),
            Key("size", "relayer.batch-size: packets per transaction (1 to 10000)."),
            Key("relayers", "relayer.race: how many relayers race on the link (2 to 8, default 2)."),
            Key("latency", "net.latency: the links' latency, as its step's object: kind=uniform,min=5s,max=30s (or kind=constant," +
                "value=40s; kind=lognormal,mean=3s,spread=0.5)."),
            Key("min-latency", "net.latency: a lognormal latency's floor (a duration)."),
            Key("window", "net.reorder: deliveries go alone, each up to this much later (a duration; default: reorder each batch)."),
            Key("side", "ibc.client-expire: provider or consumer (default both); ibc.close-channel: the side that closes " +
                "(default provider)."),
            Key("fraction", "net.loss: the share of packets lost, above 0 and at most 1 (\"0.5\")."),
            Key("chains", "net.partition: the chains cut off from the rest, separated by commas."),
            Key("offset", "chain.clock-skew: \"+30s\" (clocks ahead) or \"-30s\" (behind); write --offset=-30s."),
            Key("by", "chain.clock-jump: how far the clocks jump ahead (a duration)."),
            Key("period", "validator.jail-flap: offline for the first half of each period, back for the second (a duration)."),
            Key("validators", "econ.slash-storm: chain/validator of distinct chains, separated by commas."),
            Key("factor", "econ.price-shock: what the link's oracle price is multiplied by until heal (above 0: \"0.4\")."),
            Key("account", "econ.withdraw-race: the provider's account that stakes and withdraws the same collateral at once."),
        };
        var groups = new Option<string[]>("--groups")
        {
            Description = "net.partition: one side's chains, separated by commas; give it once per side.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("chaos",
            "Injects a fault into a run on a live cluster, through a member's control API (meshsec node): relayers stopped, " +
            "paused, starved, lagging or censoring, packets lost, chains partitioned, error acks, expired clients, a chain " +
            "crashed, halted, slowed, handed off to another member or its clock skewed, validators down, double-signing or " +
            "tombstoned, a mesh channel closed, a price shocked, a withdrawal racing a stake, the member leaving, " +
            "crashing or pausing, its transport to the others cut or " +
            "throttled. Prints the member's JSON answer.\n\n" +
            "Examples:\n  meshsec chaos list\n  meshsec chaos relayer.stop --provider osmosis --consumer juno\n" +
            "  meshsec chaos chain.crash --chain juno --control http://127.0.0.1:4081\n  meshsec chaos chain.halt --chain juno\n" +
            "  meshsec chaos validator.downtime --chain juno --validator juno-val-1\n  meshsec chaos status\n" +
            "  meshsec chaos relayer.lag --provider osmosis --consumer juno --delay 30s\n" +
            "  meshsec chaos net.partition --chains juno\n" +
            "  meshsec chaos net.latency --latency kind=uniform,min=5s,max=30s\n" +
            "  meshsec chaos ibc.error-ack --provider osmosis --consumer juno --packet stake\n" +
            "  meshsec chaos shard.handoff --chain juno\n  meshsec chaos node.throttle --rate 20000\n  meshsec chaos node.pause --for 5\n" +
            "  meshsec chaos heal\n\nExit codes: 0 done, 2 refused (bad fault, flag, run or chain; no token; nothing answers).")
        {
            what, control, token, run, provider, consumer, chain, validator, blockTime, member, rate, lasting, groups,
        };
        foreach (var key in keys) command.Options.Add(key);
        command.SetAction(async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetValue(control), UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            {
                Console.Error.WriteLine($"meshsec chaos: --control must be an http URL, got '{parse.GetValue(control)}'");
                return ExitCodes.BadInput;
            }
            var fault = parse.GetValue(what)!;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            if ((parse.GetValue(token) ?? Environment.GetEnvironmentVariable(Env.ControlToken)) is { Length: > 0 } bearer)
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            var body = new JsonObject();
            foreach (var (key, option) in new[]
                     {
                         ("run", run), ("provider", provider), ("consumer", consumer), ("chain", chain), ("validator", validator),
                         ("block-time", blockTime), ("member", member), ("rate", rate), ("for", lasting),
                     })
                if (parse.GetValue(option) is { } value) body[key] = value;
            foreach (var key in keys)
                if (parse.GetValue(key) is { } value) body[key.Name[2..]] = value;
            if (parse.GetValue(groups) is { Length: > 0 } sides)
                body["groups"] = new JsonArray([.. sides.Select(g => JsonValue.Create(g))]);
            try
            {
                using var response = fault switch
                {
                    "list" => await http.GetAsync(new Uri(baseUri, "/chaos"), ct),
                    "status" => await http.GetAsync(new Uri(baseUri, "/chaos/status"), ct),
                    _ => await http.PostAsync(new Uri(baseUri, $"/chaos/{Uri.EscapeDataString(fault)}"),
                        new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct),
                };
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    Console.WriteLine(text);
                    return ExitCodes.Ok;
                }
                var error = JsonNode.Parse(text)?["error"]?.GetValue<string>() ?? text;
                Console.Error.WriteLine($"meshsec chaos {fault}: {error} ({(int)response.StatusCode} {response.StatusCode})");
                return response.StatusCode is HttpStatusCode.InternalServerError ? ExitCodes.Failed : ExitCodes.BadInput;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Console.Error.WriteLine($"meshsec chaos: no node answers at {baseUri}: {ex.Message}");
                return ExitCodes.BadInput;
            }
            catch (System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"meshsec chaos {fault}: the member's answer is not JSON");
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
