using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Akka.Actor;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace MeshSecurity.Cli.Cluster;

/// <summary>
/// The chaos endpoints' faults on the member itself that leave it running: node.pause (its process stopped for a while)
/// and the transport faults node.partition and node.throttle (<see cref="MemberFaults"/>). Each goes into the history of
/// the runs the member hosts.
/// </summary>
internal sealed class MemberChaos(ActorSystem system, NodeSettings node, ActorSelection mesh)
{
    /// <summary>The longest pause: beyond minutes the member is long downed and the pause only hides a crash.</summary>
    public const int MaxPauseSeconds = 600;

    private readonly MemberFaults _faults = new(system);

    /// <summary>The member's part of /chaos/status.</summary>
    public JsonObject Describe() => new()
    {
        ["address"] = Akka.Cluster.Cluster.Get(system).SelfAddress.ToString(),
        ["transport_faults"] = _faults.Available,
        ["faults"] = new JsonArray([.. _faults.InForce.Select(f => JsonValue.Create(f))]),
    };

    public async Task<ImmutableArray<string>> HealAsync()
    {
        var healed = await _faults.HealAsync();
        if (!healed.IsEmpty) mesh.Tell(new ChaosRequest.RecordMemberFault("heal", healed));
        return healed;
    }

    /// <summary>The answer to node.pause, node.partition or node.throttle; null for any other fault.</summary>
    public async Task<IResult?> InjectAsync(string fault, JsonObject body)
    {
        switch (fault)
        {
            case "node.pause":
                return Pause(body);
            case "node.partition" or "node.throttle":
                if (!_faults.Available)
                    return ChaosApi.Error(400, $"{fault} needs every member started with --transport-faults " +
                        $"(or {NodeSettings.Environment.TransportFaults}=1); this one was not");
                long rate = 0;
                if (fault == "node.throttle" && !TryRate(body, out rate))
                    return ChaosApi.Error(400, $"node.throttle needs --rate, bytes per second, at least {MemberFaults.MinRate}");
                var (members, problem) = _faults.Targets(ChaosApi.Text(body, "member"));
                if (problem is not null) return ChaosApi.Error(400, $"{fault}: {problem}");
                var done = fault == "node.partition"
                    ? await _faults.PartitionAsync(members)
                    : await _faults.ThrottleAsync(members, rate);
                mesh.Tell(new ChaosRequest.RecordMemberFault(fault, done));
                return ChaosApi.Answer(new ChaosReply.Done("", fault, done));
            default:
                return null;
        }
    }

    private IResult Pause(JsonObject body)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return ChaosApi.Error(400, "node.pause stops the process with SIGSTOP: it needs a Unix system");
        if (ChaosApi.Text(body, "for") is not { } text
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > MaxPauseSeconds)
            return ChaosApi.Error(400, $"node.pause needs --for, whole seconds from 1 to {MaxPauseSeconds}");
        var pid = Environment.ProcessId;
        mesh.Tell(new ChaosRequest.RecordMemberFault($"node.pause {seconds}s", [node.Address]));
        // a shell outside this process stops it once the answer is on its way, and lets it go on after the pause
        using var shell = Process.Start(new ProcessStartInfo("/bin/sh",
            ["-c", $"sleep 0.3; kill -STOP {pid}; sleep {seconds}; kill -CONT {pid}"]) { UseShellExecute = false });
        return ChaosApi.Json(new JsonObject
        {
            ["fault"] = "node.pause", ["member"] = node.Address, ["done"] = $"stopped for {seconds}s from now",
        });
    }

    private static bool TryRate(JsonObject body, out long rate) =>
        long.TryParse(ChaosApi.Text(body, "rate"), NumberStyles.None, CultureInfo.InvariantCulture, out rate)
        && rate >= MemberFaults.MinRate;
}
