using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Akka.Actor;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MeshSecurity.Cli.Cluster;

/// <summary>
/// The control API's chaos endpoints (`meshsec chaos`): GET /chaos lists the faults; GET /chaos/status names the runs this
/// member hosts and the faults injected through it; POST /chaos/heal undoes them; POST /chaos/{fault} injects one, with a
/// JSON body naming the run (optional when the member hosts one) and the link (provider, consumer) or chain. Answers are
/// JSON: 200 done, 400 a request that cannot be done (with why), 401 without the bearer token when one is required, 404
/// an unknown fault or run.
/// </summary>
public static class ChaosApi
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(40);

    public static void Map(WebApplication app, ActorSystem system, NodeSettings node, bool loopback, Action leave)
    {
        var mesh = system.ActorSelection($"/user/{MeshNode.Name}");
        var chaos = app.MapGroup("/chaos");
        chaos.AddEndpointFilter(async (context, next) =>
            Refusal(context.HttpContext.Request, node.ControlToken, loopback) is { } refused ? refused : await next(context));
        chaos.MapGet("", () => Json(new JsonObject { ["faults"] = new JsonArray([.. ChaosFault.All.Select(f => new JsonObject
        {
            ["name"] = f.Name, ["target"] = f.Target.ToString().ToLowerInvariant(),
            ["flags"] = new JsonArray([.. f.Flags.Select(k => JsonValue.Create("--" + k))]), ["does"] = f.Does,
        })]) }));
        var member = new MemberChaos(system, node, mesh);
        chaos.MapGet("/status", async () =>
            Answer(await mesh.Ask<ChaosReply>(new ChaosRequest.GetStatus(), AskTimeout), member.Describe()));
        chaos.MapPost("/{fault}", async (string fault, HttpRequest request) =>
        {
            if (await BodyAsync(request) is not { } body) return Error(400, "the body must be a JSON object");
            var run = Text(body, "run");
            if (fault == "heal")
            {
                var healed = await member.HealAsync();
                var reply = await mesh.Ask<ChaosReply>(new ChaosRequest.Heal(run), AskTimeout);
                // a member's own faults heal whether or not it hosts a run
                return reply is ChaosReply.Refused { NotFound: true } && run is null && !healed.IsEmpty
                    ? Answer(new ChaosReply.Done("", "heal", healed))
                    : Answer(reply is ChaosReply.Done d ? d with { Targets = d.Targets.AddRange(healed) } : reply);
            }
            if (ChaosFault.Named(fault) is not { } known)
                return Error(404, $"no fault '{fault}': one of {string.Join(", ", ChaosFault.All.Select(f => f.Name))}, or heal");
            if (await member.InjectAsync(known.Name, body) is { } done) return done;
            switch (known.Name)
            {
                case "node.leave":
                    leave();
                    return Json(new JsonObject { ["fault"] = known.Name, ["member"] = node.Address, ["done"] = "leaving the cluster" });
                case "node.crash":
                    // after the answer is on its way: the process ends as a kill would end it, without leaving
                    _ = Task.Delay(300).ContinueWith(_ => Environment.Exit(137), TaskScheduler.Default);
                    return Json(new JsonObject { ["fault"] = known.Name, ["member"] = node.Address, ["done"] = "ending at once" });
            }
            if (ChaosArgsReader.Read(known.Name, body, out var wrong) is not { } args) return Error(400, wrong!);
            var inject = new ChaosRequest.Inject(run, known, Text(body, "provider"), Text(body, "consumer"), Text(body, "chain"),
                Text(body, "validator"), Text(body, "block-time"), Text(body, "member")) { Args = args };
            return Answer(await mesh.Ask<ChaosReply>(inject, AskTimeout));
        });
    }

    /// <summary>Null when the request may go on; a 401 when a token is required and not the one given.</summary>
    private static IResult? Refusal(HttpRequest request, string? token, bool loopback)
    {
        if (token is null && loopback) return null;
        if (token is null) return Error(401, "the control API is bound beyond loopback: start the node with --control-token to use chaos");
        var given = request.Headers.Authorization.ToString();
        var expected = "Bearer " + token;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected))
            ? null
            : Error(401, "missing or wrong bearer token (meshsec chaos --token, or MESHSEC_CONTROL_TOKEN)");
    }

    private static async Task<JsonObject?> BodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        if (string.IsNullOrWhiteSpace(text)) return [];
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    internal static string? Text(JsonObject body, string key) =>
        body[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    internal static IResult Answer(ChaosReply reply, JsonObject? member = null) => reply switch
    {
        ChaosReply.Done d => Json(Done(d)),
        ChaosReply.Refused r => Error(r.NotFound ? 404 : 400, r.Reason),
        ChaosReply.Status s => Json(new JsonObject
        {
            ["member"] = member, ["runs"] = new JsonArray([.. s.Runs.Select(r => new JsonObject
            {
                ["run"] = r.RunId, ["attempt"] = r.Attempt, ["placement"] = r.Placement, ["chains"] = r.Chains,
                ["faults"] = new JsonArray([.. r.Faults.Select(f => JsonValue.Create(f))]),
            })]),
        }),
        _ => Error(500, $"unexpected answer {reply.GetType().Name}"),
    };

    /// <summary>What was done: the run it was done to (none for a member's own fault), the fault and its targets.</summary>
    private static JsonObject Done(ChaosReply.Done d)
    {
        var done = new JsonObject();
        if (d.RunId.Length > 0) done["run"] = d.RunId;
        done["fault"] = d.Fault;
        done["targets"] = new JsonArray([.. d.Targets.Select(t => JsonValue.Create(t))]);
        return done;
    }

    /// <summary>Indented, and with quotes and arrows as they are: people read these answers.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Readable =
        new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static IResult Json(JsonObject body, int status = 200) =>
        Results.Text(body.ToJsonString(Readable), "application/json", statusCode: status);

    internal static IResult Error(int status, string message) => Json(new JsonObject { ["error"] = message }, status);
}
