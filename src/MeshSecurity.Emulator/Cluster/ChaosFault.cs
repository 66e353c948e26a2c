using System.Collections.Immutable;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// A fault `meshsec chaos` injects into a run on a live cluster, through a member's control API: its name
/// (family.fault), what it needs, and what it does. Node faults act on the member that is asked; the others act on the
/// run's entities wherever they are.
/// </summary>
public sealed record ChaosFault(string Name, ChaosTarget Target, string Does)
{
    public static readonly ImmutableArray<ChaosFault> All =
    [
        new("relayer.stop", ChaosTarget.Link, "the link's two relayers (mesh and transfer) stop: they neither watch nor submit"),
        new("relayer.start", ChaosTarget.Link, "the link's relayers start again, first clearing what is pending from both chains"),
        new("relayer.crash", ChaosTarget.Link, "the link's relayer processes crash and restart, clearing from both chains"),
        new("relayer.duplicate", ChaosTarget.Link, "the link's relayers deliver every packet twice (until heal)"),
        new("chain.crash", ChaosTarget.Chain, "the chain's actor crashes; it rebuilds itself from its snapshot and journal"),
        new("chain.halt", ChaosTarget.Chain, "every validator of the chain stops signing: it makes no block until heal"),
        new("chain.block-time", ChaosTarget.Chain, "the chain's blocks come --block-time seconds apart (1 to 3600), until heal"),
        new("validator.downtime", ChaosTarget.Chain, "--validator (its name) stops signing; past the chain's missed-block limit it " +
            "is slashed for downtime and jailed; heal brings it back and unjails it once its jail time is over"),
        new("validator.tombstone", ChaosTarget.Chain, "--validator (its name) is tombstoned at the chain's next block: jailed for good"),
        new("shard.handoff", ChaosTarget.Chain, "the chain's shard moves to --member (default: the next member that hosts the " +
            "run's chains) between two windows; the chain rebuilds itself there from its snapshot and journal and the run goes on"),
        new("node.leave", ChaosTarget.Node, "this member leaves the cluster gracefully; a run on it starts again on the others"),
        new("node.crash", ChaosTarget.Node, "this member's process ends at once, without leaving; the others notice and down it"),
        new("node.pause", ChaosTarget.Node, "this member's process is stopped (SIGSTOP) for --for seconds, then continues; a pause " +
            "longer than the failure detector allows gets it downed"),
        new("node.partition", ChaosTarget.Node, "the transport between this member and --member (default: every other) drops " +
            "everything both ways, until heal (needs --transport-faults)"),
        new("node.throttle", ChaosTarget.Node, "the transport between this member and --member (default: every other) carries at " +
            "most --rate bytes per second each way, until heal (needs --transport-faults)"),
    ];

    public static ChaosFault? Named(string name) => All.FirstOrDefault(f => f.Name == name);
}
