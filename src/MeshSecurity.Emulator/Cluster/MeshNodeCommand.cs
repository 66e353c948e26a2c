using System.Collections.Immutable;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>What a driver asks of every member's <see cref="MeshNode"/>.</summary>
public abstract record MeshNodeCommand : IMeshProtocolMember
{
    private MeshNodeCommand() { }

    /// <summary>Starts the run's shard regions and its clock singleton here (once). Answer: <see cref="MeshNodeReply.Hosted"/>.</summary>
    public sealed record HostRun(RunSpec Spec) : MeshNodeCommand;

    /// <summary>
    /// The run's chain ids, so channels (named "provider-consumer/port") can be placed with their provider chain. Answer:
    /// <see cref="MeshNodeReply.ChainsKnown"/>.
    /// </summary>
    public sealed record KnowChains(string RunId, ImmutableArray<string> Chains) : MeshNodeCommand;

    /// <summary>
    /// The run is over: its shard regions hand their entities off and stop, and its clock singleton's manager stops, so
    /// a long-lived cluster does not keep every past run's chains. Answer: <see cref="MeshNodeReply.Ended"/>.
    /// </summary>
    public sealed record EndRun(string RunId) : MeshNodeCommand;

    /// <summary>
    /// Moves the run's shard <paramref name="Shard"/> of chains to the member at <paramref name="To"/> at the coordinator's next
    /// rebalance (shard.handoff): every member's placement strategy is told, since the coordinator's may be any of them.
    /// Answer: <see cref="MeshNodeReply.MoveNoted"/>.
    /// </summary>
    public sealed record MoveShard(string RunId, string Shard, string To) : MeshNodeCommand;

    /// <summary>
    /// Which journal this member writes the run's chains to (shard.handoff asks both ends of a move first).
    /// Answer: <see cref="MeshNodeReply.JournalIs"/>.
    /// </summary>
    public sealed record DescribeJournal(string RunId) : MeshNodeCommand;
}
