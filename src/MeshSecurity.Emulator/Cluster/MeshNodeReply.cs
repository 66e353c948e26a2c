using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>Answers of a member's <see cref="MeshNode"/>, naming the member.</summary>
public abstract record MeshNodeReply : IMeshProtocolMember
{
    private MeshNodeReply() { }

    /// <param name="MemoryJournal">The member journals in memory: a chain moved off it would start elsewhere without its history.</param>
    public sealed record Hosted(string RunId, string Address, bool MemoryJournal = false) : MeshNodeReply;

    public sealed record ChainsKnown(string RunId, string Address) : MeshNodeReply;

    public sealed record Ended(string RunId, string Address) : MeshNodeReply;

    /// <summary>This member's placement strategy for the run will move the shard (it may not be the coordinator's).</summary>
    public sealed record MoveNoted(string RunId, string Address) : MeshNodeReply;

    /// <summary>The member's journal, as <see cref="JournalIdentity"/> names it.</summary>
    public sealed record JournalIs(string RunId, string Address, string Journal) : MeshNodeReply;

    /// <summary>A run this member has not been asked to host.</summary>
    public sealed record UnknownRun(string RunId, string Address) : MeshNodeReply;
}
