using System.Collections.Immutable;
using Akka.Actor;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>Answers to a <see cref="ChaosRequest"/>.</summary>
public abstract record ChaosReply : INoSerializationVerificationNeeded
{
    private ChaosReply() { }

    /// <summary>The fault is in force (or healed) on <paramref name="Targets"/> of run <paramref name="RunId"/>.</summary>
    public sealed record Done(string RunId, string Fault, ImmutableArray<string> Targets) : ChaosReply;

    /// <summary>Nothing was done: <paramref name="Reason"/> says why; <paramref name="NotFound"/> when the run is unknown.</summary>
    public sealed record Refused(string Reason, bool NotFound = false) : ChaosReply;

    /// <summary>Each hosted run (id, attempt, placement, chains) and the faults in force, as "fault target".</summary>
    public sealed record Status(ImmutableArray<RunFaults> Runs) : ChaosReply;

    public sealed record RunFaults(string RunId, int Attempt, string Placement, int Chains, ImmutableArray<string> Faults);
}
