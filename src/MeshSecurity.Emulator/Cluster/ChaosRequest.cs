using Akka.Actor;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>What a member's control API asks of its own <see cref="MeshNode"/> (local: never crosses members).</summary>
public abstract record ChaosRequest : INoSerializationVerificationNeeded
{
    private ChaosRequest() { }

    /// <summary>
    /// A link or chain fault on a run this member hosts (<paramref name="RunId"/> may be left out when it hosts one);
    /// validator faults name the validator, chain.block-time the block time in whole seconds, shard.handoff the member
    /// (address or host:port) the chain moves to.
    /// Answer: <see cref="ChaosReply.Done"/> or <see cref="ChaosReply.Refused"/>.
    /// </summary>
    public sealed record Inject(string? RunId, ChaosFault Fault, string? Provider, string? Consumer, string? Chain,
        string? Validator = null, string? BlockTime = null, string? Member = null) : ChaosRequest
    {
        /// <summary>The fault's own settings (delay, packet, fraction, groups...), checked for form.</summary>
        public ChaosArgs Args { get; init; } = ChaosArgs.None;
    }

    /// <summary>
    /// Undoes what this member injected into a run: relayers started, duplication off, chains' validators back online
    /// (unjailing those a downtime jailed) at their configured block time. Answer: <see cref="ChaosReply.Done"/>.
    /// </summary>
    public sealed record Heal(string? RunId) : ChaosRequest;

    /// <summary>A fault on the member itself (node.*): it goes into the history of every run this member hosts. No answer.</summary>
    public sealed record RecordMemberFault(string Fault, System.Collections.Immutable.ImmutableArray<string> Targets) : ChaosRequest;

    /// <summary>
    /// The runs this member hosts and the faults injected through it still in force. Answer: <see cref="ChaosReply.Status"/>.
    /// </summary>
    public sealed record GetStatus : ChaosRequest;
}
