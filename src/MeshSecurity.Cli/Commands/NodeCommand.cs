using System.CommandLine;
using Akka.Actor;
using Akka.Cluster;
using MeshSecurity.Cli.Cluster;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace MeshSecurity.Cli.Commands;

/// <summary>meshsec node: a cluster member that hosts the chains, channels and clocks of the runs drivers start on it.</summary>
public static class NodeCommand
{
    public static Command Create()
    {
        var options = new NodeOptions();
        var logLevel = new Option<string>("--log-level")
        {
            Description = "verbose, debug, information, warning or error.", DefaultValueFactory = _ => "information",
        };
        var command = new Command("node",
            "Joins (or starts) a cluster as a member that hosts chains, channels and clocks of the runs started with " +
            "'meshsec run --cluster'. Each flag falls back to its MESHSEC_* variable. SIGTERM or Ctrl-C leaves the cluster " +
            "gracefully (its shards are handed off) and exits 0.\n\nExamples:\n" +
            "  meshsec node --port 4053 --journal 'postgres:Host=127.0.0.1;Port=5433;Username=akka;Password=akka;Database=akka'\n" +
            "  meshsec node --port 4054 --control-port 4081 --seeds akka.tcp://meshsec@127.0.0.1:4053" + ExitCodes.Help);
        var logFormat = new Option<string?>("--log-format") { Description = LogFormats.Help };
        foreach (var o in options.All) command.Options.Add(o);
        command.Options.Add(logLevel);
        command.Options.Add(logFormat);
        command.SetAction(async (parse, ct) =>
        {
            NodeSettings settings;
            LogEventLevel level;
            LogFormat format;
            try
            {
                settings = options.Resolve(parse, Environment.GetEnvironmentVariable, new NodeSettings());
                level = RunSettings.ParseLevel(parse.GetValue(logLevel)!);
                format = LogFormats.Parse(parse.GetValue(logFormat));
                ClusterHost.ResolveHostname(settings.Hostname);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException)
            {
                Console.Error.WriteLine($"meshsec node: {ex.Message}");
                return ExitCodes.BadInput;
            }
            return await RunAsync(settings, level, format, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(NodeSettings settings, LogEventLevel level, LogFormat format, CancellationToken ct)
    {
        if (PortProbe.Taken(settings) is { } taken)
        {
            Console.Error.WriteLine($"meshsec node: {taken}");
            return ExitCodes.BadInput;
        }
        if (await NodeHost.ProbeJournalAsync(settings.Journal, ct) is { } problem)
        {
            Console.Error.WriteLine($"meshsec node: {problem}");
            return ExitCodes.BadInput;
        }
        using var logger = new LoggerConfiguration().MinimumLevel.Is(level)
            .WriteTo.Console(format, level, "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        using var loggers = new SerilogLoggerFactory(logger);
        ActorSystem system;
        try
        {
            system = ClusterHost.Start(settings, loggers, level >= LogEventLevel.Warning ? "WARNING" : "INFO");
        }
        catch (Exception ex) when (PortProbe.RemotingTaken(ex, settings) is { } lost)
        {
            Console.Error.WriteLine($"meshsec node: {lost}");
            return ExitCodes.BadInput;
        }
        system.ActorOf(MeshNode.Props(MeshContracts.Codes()), MeshNode.Name);
        var cluster = Akka.Cluster.Cluster.Get(system);
        cluster.RegisterOnMemberUp(() => Console.Error.WriteLine($"meshsec node: {cluster.SelfAddress} is up " +
            $"(roles {string.Join(",", settings.Roles)}, journal {settings.Journal})"));
        // SIGTERM, or the chaos fault node.leave: a graceful leave
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(ct);
        WebApplication? api;
        try
        {
            api = settings.ControlPort is not null ? await ControlApi.StartAsync(system, settings, loggers, () => leave.Cancel()) : null;
        }
        catch (Exception ex) when (PortProbe.ControlTaken(ex, settings) is { } lost)
        {
            Console.Error.WriteLine($"meshsec node: {lost}");
            await system.Terminate();
            return ExitCodes.BadInput;
        }
        await using var control = api;
        // one line on stdout with what was bound: how a script finds a node started on port 0 (docs/cluster.md)
        var urls = control is null ? "none" : control.Urls.Single();
        Console.Out.WriteLine($"meshsec node: listening on {cluster.SelfAddress}, control API {urls}");
        Console.Out.Flush();
        var stopped = system.WhenTerminated;
        await Task.WhenAny(stopped, Task.Delay(Timeout.Infinite, leave.Token));
        if (stopped.IsCompleted)
        {
            // downed by the split-brain resolver, or removed: a supervisor (compose's restart: on-failure) starts it again
            Console.Error.WriteLine($"meshsec node: {cluster.SelfAddress} was removed from the cluster");
            return ExitCodes.Failed;
        }
        Console.Error.WriteLine($"meshsec node: leaving the cluster");
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        return ExitCodes.Ok;
    }
}
