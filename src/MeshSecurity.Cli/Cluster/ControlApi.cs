using System.Net;
using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Cluster;
using MeshSecurity.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MeshSecurity.Cli.Cluster;

/// <summary>
/// A member's HTTP control endpoint: GET /health (200 once the member is Up in the cluster, 503 before and after), GET
/// /status (this member and the members it sees) and the chaos endpoints (<see cref="ChaosApi"/>). On loopback unless the
/// node binds elsewhere (a container's healthcheck runs inside it).
/// </summary>
public static class ControlApi
{
    /// <summary>
    /// <paramref name="leave"/> makes the node leave its cluster and exit (the chaos fault node.leave). A control port of 0
    /// takes any free one: <see cref="Port"/> says which.
    /// </summary>
    public static async Task<WebApplication> StartAsync(ActorSystem system, NodeSettings node, ILoggerFactory loggers, Action leave)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var bind = node.BindHostname is { } b ? ClusterHost.ResolveHostname(b) : "127.0.0.1";
        var address = IPAddress.TryParse(bind, out var ip) ? ip : IPAddress.Loopback;
        var port = node.ControlPort ?? throw new ArgumentException("the node has no control port", nameof(node));
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, port));
        var app = builder.Build();
        var cluster = Akka.Cluster.Cluster.Get(system);
        app.MapGet("/health", () =>
        {
            var status = cluster.SelfMember.Status;
            var body = new JsonObject { ["status"] = status == MemberStatus.Up ? "up" : status.ToString().ToLowerInvariant(),
                ["address"] = cluster.SelfAddress.ToString() };
            return Results.Text(body.ToJsonString(), "application/json", statusCode: status == MemberStatus.Up ? 200 : 503);
        });
        app.MapGet("/status", () => Results.Text(Status(cluster).ToJsonString(), "application/json"));
        ChaosApi.Map(app, system, node, IPAddress.IsLoopback(address), leave);
        await app.StartAsync();
        loggers.CreateLogger("MeshSecurity.Cli.Node").LogInformation("control API on port {Port}", Port(app));
        return app;
    }

    /// <summary>The port the started API listens on (the one it took when asked for 0).</summary>
    public static int Port(WebApplication app) => new Uri(app.Urls.Single()).Port;

    private static JsonObject Status(Akka.Cluster.Cluster cluster)
    {
        var state = cluster.State;
        var members = new JsonArray();
        foreach (var m in state.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal))
        {
            members.Add(new JsonObject
            {
                ["address"] = m.Address.ToString(),
                ["status"] = m.Status.ToString().ToLowerInvariant(),
                ["roles"] = new JsonArray([.. m.Roles.Order(StringComparer.Ordinal).Select(r => JsonValue.Create(r))]),
                ["reachable"] = !state.Unreachable.Contains(m),
            });
        }
        return new JsonObject
        {
            ["address"] = cluster.SelfAddress.ToString(),
            ["status"] = cluster.SelfMember.Status.ToString().ToLowerInvariant(),
            ["roles"] = new JsonArray([.. cluster.SelfRoles.Order(StringComparer.Ordinal).Select(r => JsonValue.Create(r))]),
            ["leader"] = state.Leader?.ToString(),
            ["members"] = members,
        };
    }
}
