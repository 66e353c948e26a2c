using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// A fault a scenario injects (a `chaos` step or the nemesis): a closed family, named as `meshsec chaos` names them
/// (family.fault). Lasting faults hold until their `for` ends or a heal; the others act once.
/// </summary>
public abstract partial record ChaosSpec
{
    private ChaosSpec() { }

    /// <summary>The name written in a scenario file.</summary>
    public abstract string Name { get; }

    /// <summary>True when the fault holds until it ends (a `for`, or a heal); false when it acts once.</summary>
    public virtual bool Lasting => true;

    /// <summary>The chains it concerns, for the report's charts.</summary>
    public abstract ImmutableArray<string> Chains { get; }

    /// <summary>How the report and events name it, e.g. "relayer.stop osmosis->juno".</summary>
    public abstract string Describe();

    /// <summary>The keys of a chaos step that injects it, as a scenario file writes them (the nemesis' draws, written out).</summary>
    public abstract string ToHocon();

    private protected string OnLink(string provider, string consumer) => $"chaos = {Name}, provider = {provider}, consumer = {consumer}";

    /// <summary>The link's two relayers stop: they neither watch nor submit; at the end they clear and go on.</summary>
    public sealed record RelayerStop(string Provider, string Consumer) : ChaosSpec
    {
        public override string Name => "relayer.stop";
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer}";
        public override string ToHocon() => OnLink(Provider, Consumer);
    }

    /// <summary>The link's relayer processes crash and restart, clearing what is pending from both chains.</summary>
    public sealed record RelayerCrash(string Provider, string Consumer) : ChaosSpec
    {
        public override string Name => "relayer.crash";
        public override bool Lasting => false;
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer}";
        public override string ToHocon() => OnLink(Provider, Consumer);
    }

    /// <summary>The link's relayers submit every batch with packets twice; the copies must have no effect.</summary>
    public sealed record RelayerDuplicate(string Provider, string Consumer) : ChaosSpec
    {
        public override string Name => "relayer.duplicate";
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer}";
        public override string ToHocon() => OnLink(Provider, Consumer);
    }

    /// <summary>Everything the link's relayers submit lands <paramref name="Delay"/> later than its latency draw.</summary>
    public sealed record RelayerLag(string Provider, string Consumer, Duration Delay) : ChaosSpec
    {
        public override string Name => "relayer.lag";
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer} {Delay}";
        public override string ToHocon() => $"{OnLink(Provider, Consumer)}, delay = {Delay}";
    }

    /// <summary>The link's relayers submit at most <paramref name="Size"/> packets per transaction.</summary>
    public sealed record RelayerBatchSize(string Provider, string Consumer, int Size) : ChaosSpec
    {
        public override string Name => "relayer.batch-size";
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer} {Size}";
        public override string ToHocon() => $"{OnLink(Provider, Consumer)}, size = {Size}";
    }

    /// <summary>The link's relayers never relay packets of <paramref name="Packet"/>'s kind: each times out on its source.</summary>
    public sealed record RelayerCensor(string Provider, string Consumer, string Packet) : ChaosSpec
    {
        public override string Name => "relayer.censor";
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer} {Packet}";
        public override string ToHocon() => $"{OnLink(Provider, Consumer)}, packet = {Packet}";
    }

    /// <summary>
    /// The chain a packet of <paramref name="Packet"/>'s kind travels to answers each with an error acknowledgement, as if
    /// its application had failed: the source's contract rolls it back as it would a real error ack. A transfer is
    /// refused on both ends of the link's ICS-20 channel.
    /// </summary>
    public sealed record IbcErrorAck(string Provider, string Consumer, string Packet) : ChaosSpec
    {
        public override string Name => "ibc.error-ack";
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer} {Packet}";
        public override string ToHocon() => $"{OnLink(Provider, Consumer)}, packet = {Packet}";
    }

    /// <summary>
    /// The light clients the <paramref name="Side"/> chain (both, when null) keeps of the other for the link's channels
    /// expire: frozen, they take no header and verify no proof, so nothing is relayed to that chain and no ack or timeout
    /// is proven there. When it ends governance recovers each with a fresh header of the other chain (MsgRecoverClient)
    /// and the link's relayers restart, clearing what is pending from both chains.
    /// </summary>
    public sealed record IbcClientExpire(string Provider, string Consumer, LinkSide? Side) : ChaosSpec
    {
        public override string Name => "ibc.client-expire";
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer}{(Side is { } s ? " " + s.ToString().ToLowerInvariant() : "")}";
        public override string ToHocon() =>
            OnLink(Provider, Consumer) + (Side is { } s ? $", side = {s.ToString().ToLowerInvariant()}" : "");
    }

    /// <summary>
    /// The <paramref name="Side"/> chain closes its end of the link's mesh channel, as a close-channel step does (packets
    /// in flight time out on close); when the fault ends (its `for`, or a heal) the link reopens a new mesh channel, as a
    /// reopen-channel step does. Without either it stays closed.
    /// </summary>
    public sealed record IbcCloseChannel(string Provider, string Consumer, LinkSide Side) : ChaosSpec
    {
        public override string Name => "ibc.close-channel";
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer} {Side.ToString().ToLowerInvariant()}";
        public override string ToHocon() => $"{OnLink(Provider, Consumer)}, side = {Side.ToString().ToLowerInvariant()}";
    }

    /// <summary>
    /// A validator of each chain listed signs two blocks at one height, all at once (a slash storm when there are several);
    /// the evidence goes to the chain and to every provider's slasher for it, as a double-sign step's does.
    /// </summary>
    public sealed record DoubleSign(ImmutableArray<(string Chain, string Validator)> Offenders, bool Storm) : ChaosSpec
    {
        public override string Name => Storm ? "econ.slash-storm" : "validator.double-sign";
        public override bool Lasting => false;
        public override ImmutableArray<string> Chains => [.. Offenders.Select(o => o.Chain)];
        public override string Describe() => $"{Name} {string.Join(",", Offenders.Select(o => $"{o.Chain}/{o.Validator}"))}";
        public override string ToHocon() => !Storm
            ? $"chaos = {Name}, chain = {Offenders[0].Chain}, validator = {Offenders[0].Validator}"
            : $"chaos = {Name}, validators = [{string.Join(", ", Offenders.Select(o => $"\"{o.Chain}/{o.Validator}\""))}]";
    }

    /// <summary>
    /// On the links listed (provider, consumer), each packet is lost before it is received with probability
    /// <paramref name="Fraction"/>; a lost packet times out on its source.
    /// </summary>
    public sealed record NetLoss(ImmutableArray<(string Provider, string Consumer)> Links, Dec Fraction) : ChaosSpec
    {
        public override string Name => "net.loss";
        public override ImmutableArray<string> Chains => [.. Links.SelectMany(l => new[] { l.Provider, l.Consumer }).Distinct()];
        public override string Describe() => $"{Name} {string.Join(",", Links.Select(l => $"{l.Provider}->{l.Consumer}"))} {Fraction}";
        public override string ToHocon() => Links.Length == 1
            ? $"{OnLink(Links[0].Provider, Links[0].Consumer)}, fraction = \"{Fraction}\""
            : $"chaos = {Name}, fraction = \"{Fraction}\"";
    }

    /// <summary>
    /// The chains split into <paramref name="Groups"/>: no relayer carries anything between two groups (every link across
    /// stops); links within a group go on.
    /// </summary>
    public sealed record NetPartition(ImmutableArray<ImmutableArray<string>> Groups) : ChaosSpec
    {
        public override string Name => "net.partition";
        /// <summary>The first side (the chains cut off, when the file lists them with `chains`).</summary>
        public override ImmutableArray<string> Chains => Groups[0];
        public override string Describe() => $"{Name} {string.Join(" | ", Groups.Select(g => string.Join(",", g)))}";
        public override string ToHocon() =>
            $"chaos = {Name}, groups = [{string.Join(", ", Groups.Select(g => $"[{string.Join(", ", g)}]"))}]";

        /// <summary>True when the two chains are on different sides.</summary>
        public bool Splits(string a, string b) => Groups.First(g => g.Contains(a)) != Groups.First(g => g.Contains(b));
    }

    /// <summary>The chain's actor crashes and rebuilds itself from its snapshot and journal; the history does not change.</summary>
    public sealed record ChainCrash(string Chain) : ChaosSpec
    {
        public override string Name => "chain.crash";
        public override bool Lasting => false;
        public override ImmutableArray<string> Chains => [Chain];
        public override string Describe() => $"{Name} {Chain}";
        public override string ToHocon() => $"chaos = {Name}, chain = {Chain}";
    }

    /// <summary>
    /// The chain's entity is handed off in place between windows, as its shard moving to another member would hand it off:
    /// it journals what it took in since its last block and stops, then starts again from its snapshot and journal,
    /// nothing lost or applied twice. It needs a journal that outlives the actor's memory (SQLite or PostgreSQL). On a
    /// cluster run the chain's shard moves to <paramref name="Member"/> (an address or host:port), or when null to the next
    /// member after the chain's in address order.
    /// </summary>
    public sealed record ShardHandOff(string Chain, string? Member = null) : ChaosSpec
    {
        public override string Name => "shard.handoff";
        public override bool Lasting => false;
        public override ImmutableArray<string> Chains => [Chain];
        public override string Describe() => Member is null ? $"{Name} {Chain}" : $"{Name} {Chain} to {Member}";
        public override string ToHocon() => $"chaos = {Name}, chain = {Chain}" + (Member is null ? "" : $", member = \"{Member}\"");
    }

    /// <summary>
    /// The chain halts: none of its validators signs, so it makes no block, receives no packet and its clock stands
    /// still (a packet to it times out only once it makes blocks past the timeout). When it ends the chain makes its next
    /// block at the first slot after.
    /// </summary>
    public sealed record ChainHalt(string Chain) : ChaosSpec
    {
        public override string Name => "chain.halt";
        public override ImmutableArray<string> Chains => [Chain];
        public override string Describe() => $"{Name} {Chain}";
        public override string ToHocon() => $"chaos = {Name}, chain = {Chain}";
    }

    /// <summary>The chain makes a block every <paramref name="BlockTime"/> instead of its own block time.</summary>
    public sealed record ChainBlockTime(string Chain, Duration BlockTime) : ChaosSpec
    {
        public override string Name => "chain.block-time";
        public override ImmutableArray<string> Chains => [Chain];
        public override string Describe() => $"{Name} {Chain} {BlockTime}";
        public override string ToHocon() => $"chaos = {Name}, chain = {Chain}, block-time = {BlockTime}";
    }

    /// <summary>
    /// The validator stops signing: each block's commit lacks it, and the chain's slashing rule (more than 50 of the last
    /// 100 blocks missed) slashes it for downtime and jails it, which the chain's validator-set update tells the mesh.
    /// When it ends the validator signs again and, jailed, sends an unjail once its jail time is over.
    /// </summary>
    public sealed record ValidatorDowntime(string Chain, string Validator) : ChaosSpec
    {
        public override string Name => "validator.downtime";
        public override ImmutableArray<string> Chains => [Chain];
        public override string Describe() => $"{Name} {Chain}/{Validator}";
        public override string ToHocon() => $"chaos = {Name}, chain = {Chain}, validator = {Validator}";
    }

    /// <summary>
    /// The validator flaps: offline for the first half of every <paramref name="Period"/> (missing blocks until the chain
    /// jails it), back for the second half, when it sends an unjail that lands once its jail time is over.
    /// </summary>
    public sealed record ValidatorJailFlap(string Chain, string Validator, Duration Period) : ChaosSpec
    {
        public override string Name => "validator.jail-flap";
        public override ImmutableArray<string> Chains => [Chain];
        public override string Describe() => $"{Name} {Chain}/{Validator} {Period}";
        public override string ToHocon() => $"chaos = {Name}, chain = {Chain}, validator = {Validator}, period = {Period}";

        /// <summary>True while the validator is offline, <paramref name="since"/> after the fault began.</summary>
        public bool OfflineAt(Duration since) => since.Nanos / (Period.Nanos / 2) % 2 == 0;
    }

    /// <summary>The validator is tombstoned at the chain's next block (its key retired, jailed for ever), without a slash.</summary>
    public sealed record ValidatorTombstone(string Chain, string Validator) : ChaosSpec
    {
        public override string Name => "validator.tombstone";
        public override bool Lasting => false;
        public override ImmutableArray<string> Chains => [Chain];
        public override string Describe() => $"{Name} {Chain}/{Validator}";
        public override string ToHocon() => $"chaos = {Name}, chain = {Chain}, validator = {Validator}";
    }

    /// <summary>Ends every fault the scenario put in force.</summary>
    public sealed record Heal : ChaosSpec
    {
        public override string Name => "heal";
        public override bool Lasting => false;
        public override ImmutableArray<string> Chains => [];
        public override string Describe() => Name;
        public override string ToHocon() => $"chaos = {Name}";
    }
}
