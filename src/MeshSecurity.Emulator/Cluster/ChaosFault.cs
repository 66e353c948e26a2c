using System.Collections.Immutable;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// A fault `meshsec chaos` injects into a run on a live cluster, through a member's control API: its name
/// (family.fault), what it needs, and what it does. Node faults act on the member that is asked; the others act on the
/// run's entities wherever they are.
/// </summary>
/// <param name="Flags">The keys it takes besides `run` (`meshsec chaos` flags, the scenario's keys where it has them).</param>
public sealed record ChaosFault(string Name, ChaosTarget Target, ImmutableArray<string> Flags, string Does)
{
    public static readonly ImmutableArray<ChaosFault> All =
    [
        new("relayer.stop", ChaosTarget.Link, ["provider", "consumer"],
            "the link's two relayers (mesh and transfer) stop: they neither watch nor submit"),
        new("relayer.start", ChaosTarget.Link, ["provider", "consumer"],
            "the link's relayers start again, first clearing what is pending from both chains"),
        new("relayer.crash", ChaosTarget.Link, ["provider", "consumer"],
            "the link's relayer processes crash and restart, clearing from both chains"),
        new("relayer.duplicate", ChaosTarget.Link, ["provider", "consumer"],
            "the link's relayers deliver every packet twice (until heal)"),
        new("relayer.pause", ChaosTarget.Link, ["provider", "consumer", "channel", "direction"],
            "the link's relayer holds back what it would submit on --channel (mesh, ics20; default both) going " +
            "--direction (to-consumer, to-provider; default both), still watching; it delivers all at heal"),
        new("relayer.starve", ChaosTarget.Link, ["provider", "consumer", "direction", "packet"],
            "the link's relayer withholds the first packet it sees going --direction (default either) of kind " +
            "--packet (default any mesh packet) until it times out on its source"),
        new("relayer.clear-interval", ChaosTarget.Link, ["provider", "consumer", "interval"],
            "the link's relayers submit only every --interval (a duration, at least 1s: hermes' " +
            "clear_interval), all they owe at once; per block again at heal"),
        new("relayer.lag", ChaosTarget.Link, ["provider", "consumer", "delay"],
            "everything the link's relayers submit lands --delay (a duration) later, until heal"),
        new("relayer.batch-size", ChaosTarget.Link, ["provider", "consumer", "size"],
            "the link's relayers submit at most --size packets (1 to 10000) per transaction"),
        new("relayer.censor", ChaosTarget.Link, ["provider", "consumer", "packet"],
            "the link's relayers never relay packets of kind --packet: each times out on its source"),
        new("relayer.race", ChaosTarget.Link, ["provider", "consumer", "relayers"],
            "--relayers (2 to 8, default 2) relayers serve the link at once, each with its own latency draws: the chains " +
            "take the first copy of each and answer the others as redundant relays (counted), until heal"),
        new("ibc.error-ack", ChaosTarget.Link, ["provider", "consumer", "packet"],
            "the chain packets of kind --packet travel to answers each with an error acknowledgement " +
            "(governance's switch); the source rolls them back; heal switches it off"),
        new("ibc.client-expire", ChaosTarget.Link, ["provider", "consumer", "side"],
            "the light clients the --side chain (provider, consumer; default both) keeps of the other for the " +
            "link are frozen; heal recovers them with a fresh header and restarts the link's relayers"),
        new("ibc.close-channel", ChaosTarget.Link, ["provider", "consumer", "side"],
            "the --side chain (provider, consumer; default provider) closes its end of the link's mesh channel; heal opens " +
            "a new one over the same connection, which the run follows from then on (the run's driver does both)"),
        new("net.loss", ChaosTarget.Link, ["provider", "consumer", "fraction"],
            "each packet on the link (every link when --provider and --consumer are left out) is lost with " +
            "probability --fraction (above 0, at most 1) and times out on its source, until heal"),
        new("net.reorder", ChaosTarget.Link, ["provider", "consumer", "window"],
            "the link's relayers (every link's when --provider and --consumer are left out) submit each batch in an order " +
            "drawn from the seed or, with --window (a duration), each delivery alone up to --window later, until heal"),
        new("net.latency", ChaosTarget.Link, ["provider", "consumer", "latency", "min-latency"],
            "the link's relayers (every link's when --provider and --consumer are left out) draw their latency from --latency " +
            "(kind=constant,value=40s; kind=uniform,min=5s,max=30s; kind=lognormal,mean=3s,spread=0.5, with --min-latency) " +
            "until heal; never below the run's lookahead (the links' smallest floor)"),
        new("net.partition", ChaosTarget.Run, ["chains", "groups"],
            "--chains (cut off from the rest) or --groups (each a side) split the run: every link across stops " +
            "relaying until heal; links within a side go on"),
        new("chain.crash", ChaosTarget.Chain, ["chain"],
            "the chain's actor crashes; it rebuilds itself from its snapshot and journal"),
        new("chain.halt", ChaosTarget.Chain, ["chain"],
            "every validator of the chain stops signing: it makes no block until heal"),
        new("chain.block-time", ChaosTarget.Chain, ["chain", "block-time"],
            "the chain's blocks come --block-time seconds apart (1 to 3600), until heal"),
        new("validator.downtime", ChaosTarget.Chain, ["chain", "validator"],
            "--validator (its name) stops signing; past the chain's missed-block limit it is slashed for " +
            "downtime and jailed; heal brings it back and unjails it once its jail time is over"),
        new("chain.clock-skew", ChaosTarget.Chain, ["chain", "offset"],
            "the chain's validators' clocks run --offset (\"+30s\" ahead, \"-30s\" behind, at most a day) off: " +
            "its header times, and every timeout measured on it, until heal"),
        new("chain.clock-jump", ChaosTarget.Chain, ["chain", "by"],
            "the chain's clocks jump --by (a duration, at most a day) ahead at its next block, once"),
        new("validator.double-sign", ChaosTarget.Chain, ["chain", "validator"],
            "--validator (its name) signs two blocks at one height; the evidence goes to the chain and to each " +
            "provider's slasher for it"),
        new("econ.slash-storm", ChaosTarget.Run, ["validators"],
            "--validators (\"chain/validator\", one per chain) double-sign at once, each as " +
            "validator.double-sign"),
        new("econ.withdraw-race", ChaosTarget.Link, ["provider", "consumer", "account", "validator"],
            "--account (on the provider) cross-stakes all its free collateral to --validator (on the consumer; default its " +
            "first) and withdraws the same collateral in one block, in an order drawn from the seed (the run's driver does it)"),
        new("econ.price-shock", ChaosTarget.Link, ["provider", "consumer", "factor"],
            "the priced link's oracle publishes the path's price x --factor (above 0) at once and at every slot, until " +
            "heal, which publishes the path's own price again (the run's driver is the oracle)"),
        new("validator.jail-flap", ChaosTarget.Chain, ["chain", "validator", "period"],
            "--validator (its name) is offline for the first half of every --period (a duration, at least 2s) and back " +
            "for the second, unjailing once its jail time is over, until heal"),
        new("validator.tombstone", ChaosTarget.Chain, ["chain", "validator"],
            "--validator (its name) is tombstoned at the chain's next block: jailed for good"),
        new("shard.handoff", ChaosTarget.Chain, ["chain", "member"],
            "the chain's shard moves to --member (default: the next member that hosts the run's chains) between two " +
            "windows; the chain rebuilds itself there from its snapshot and journal and the run goes on"),
        new("node.leave", ChaosTarget.Node, [],
            "this member leaves the cluster gracefully; a run on it starts again on the others"),
        new("node.crash", ChaosTarget.Node, [],
            "this member's process ends at once, without leaving; the others notice and down it"),
        new("node.pause", ChaosTarget.Node, ["for"],
            "this member's process is stopped (SIGSTOP) for --for seconds, then continues; a pause longer than " +
            "the failure detector allows gets it downed"),
        new("node.partition", ChaosTarget.Node, ["member"],
            "the transport between this member and --member (default: every other) drops everything both ways, " +
            "until heal (needs --transport-faults)"),
        new("node.throttle", ChaosTarget.Node, ["member", "rate"],
            "the transport between this member and --member (default: every other) carries at most --rate bytes " +
            "per second each way, until heal (needs --transport-faults)"),
    ];

    public static ChaosFault? Named(string name) => All.FirstOrDefault(f => f.Name == name);
}
