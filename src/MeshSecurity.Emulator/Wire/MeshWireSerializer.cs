using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Emulator.Protocol;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Wire;

/// <summary>
/// Writes every message between entities (<see cref="IMeshProtocolMember"/>, bound in hocon/node.conf) as JSON generated
/// at build time (<see cref="WireJsonContext"/>), under a short versioned string manifest per type. A message whose form
/// changes gets a new version; a manifest this build does not know is refused, naming it.
/// </summary>
/// <remarks>
/// Registering a message: one line in <see cref="Table"/>, <c>Add&lt;T&gt;("family.name.v1")</c>; the generator also needs
/// <c>[JsonSerializable(typeof(T))]</c> on <see cref="WireJsonContext"/> (the line fails at start-up without it, and
/// tests/MeshSecurity.Emulator.Tests/Wire fails for a protocol type missing here).
/// </remarks>
public sealed class MeshWireSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer's id in hocon/node.conf (the journal's is 4711; 0 to 40 belong to Akka).</summary>
    public const int Id = 4712;

    private static readonly Dictionary<Type, (string Manifest, JsonTypeInfo Info)> ByType = Table();

    private static readonly Dictionary<string, JsonTypeInfo> ByManifest = ByType.Values.ToDictionary(v => v.Manifest, v => v.Info);

    /// <summary>Every message type with its manifest (for the round-trip tests).</summary>
    public static IReadOnlyDictionary<Type, string> Manifests { get; } = ByType.ToDictionary(kv => kv.Key, kv => kv.Value.Manifest);

    public override int Identifier => Id;

    public override string Manifest(object o) => Entry(o).Manifest;

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, Entry(obj).Info);

    public override object FromBinary(byte[] bytes, string manifest) =>
        JsonSerializer.Deserialize(bytes, InfoOf(manifest)) ?? throw new ArgumentException($"an empty {manifest} message");

    /// <summary>The generated JSON of a manifest, or an error naming it (a message from a newer or older meshsec).</summary>
    internal static JsonTypeInfo InfoOf(string manifest) =>
        ByManifest.TryGetValue(manifest, out var info) ? info
            : throw new ArgumentException($"unknown mesh wire manifest \"{manifest}\": the sender runs another version of meshsec");

    internal static (string Manifest, JsonTypeInfo Info) Entry(object o) =>
        ByType.TryGetValue(o.GetType(), out var m) ? m
            : throw new ArgumentException($"{o.GetType()} has no mesh wire manifest: register it in {nameof(MeshWireSerializer)}");

    private static Dictionary<Type, (string, JsonTypeInfo)> Table()
    {
        var table = new Dictionary<Type, (string, JsonTypeInfo)>();
        void Add<T>(string manifest) => table.Add(typeof(T), (manifest, WireJsonContext.Default.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T)} has no [JsonSerializable] line in {nameof(WireJsonContext)}")));

        Add<ChainCommand.Init>("chain.init.v1");
        Add<ChainCommand.SubmitTx>("chain.submit-tx.v1");
        Add<ChainCommand.SubmitTxs>("chain.submit-txs.v1");
        Add<ChainCommand.Observe>("chain.observe.v1");
        Add<ChainCommand.GetEnd>("chain.get-end.v1");
        Add<ChainCommand.QueryContract>("chain.query-contract.v1");
        Add<ChainCommand.GetState>("chain.get-state.v1");
        Add<ChainCommand.DoubleSign>("chain.double-sign.v1");
        Add<ChainCommand.CrashContractActor>("chain.crash-contract-actor.v1");
        Add<ChainCommand.Crash>("chain.crash.v2");
        Add<ChainCommand.SetConsensus>("chain.set-consensus.v1");
        Add<ChainReply.Ready>("chain-reply.ready.v1");
        Add<ChainReply.Accepted>("chain-reply.accepted.v1");
        Add<ChainReply.AcceptedAll>("chain-reply.accepted-all.v1");
        Add<ChainReply.Observed>("chain-reply.observed.v1");
        Add<ChainReply.EndState>("chain-reply.end-state.v1");
        Add<ChainReply.QueryResult>("chain-reply.query-result.v1");
        Add<ChainReply.State>("chain-reply.state.v1");
        Add<ChainReply.Evidence>("chain-reply.evidence.v1");
        Add<ChainReply.ConsensusSet>("chain-reply.consensus-set.v1");
        Add<ChainReply.NotInitialised>("chain-reply.not-initialised.v1");
        Add<ChainDefinition>("chain.definition.v1");
        Add<DigestObserved>("chain.digest-observed.v1");
        Add<DigestAck>("chain.digest-ack.v1");
        Add<ChannelCommand.Open>("channel.open.v1");
        Add<ChannelCommand.Pause>("channel.pause.v1");
        Add<ChannelCommand.Resume>("channel.resume.v1");
        Add<ChannelCommand.GetInfo>("channel.get-info.v1");
        Add<ChannelCommand.DuplicateDeliveries>("channel.duplicate-deliveries.v1");
        Add<ChannelCommand.SetFaults>("channel.set-faults.v1");
        Add<ChannelCommand.Crash>("channel.crash.v1");
        Add<ChannelReply.Opening>("channel-reply.opening.v1");
        Add<ChannelReply.Opened>("channel-reply.opened.v1");
        Add<ChannelReply.Refused>("channel-reply.refused.v1");
        Add<ChannelReply.Info>("channel-reply.info.v1");
        Add<EmulatorEvent.BlockCommitted>("event.block-committed.v1");
        Add<EmulatorEvent.TxExecuted>("event.tx-executed.v1");
        Add<EmulatorEvent.HookExecuted>("event.hook-executed.v1");
        Add<EmulatorEvent.PacketSent>("event.packet-sent.v1");
        Add<EmulatorEvent.AcknowledgementWritten>("event.ack-written.v1");
        Add<EmulatorEvent.PacketAcknowledged>("event.packet-acked.v1");
        Add<EmulatorEvent.PacketTimedOut>("event.packet-timed-out.v1");
        Add<EmulatorEvent.ValidatorPowerChanged>("event.power-changed.v1");
        Add<EmulatorEvent.SlashApplied>("event.slash-applied.v1");
        Add<EmulatorEvent.ChainHalted>("event.chain-halted.v1");
        Add<EmulatorEvent.ReplayDiverged>("event.replay-diverged.v1");
        Add<EmulatorEvent.ChaosInjected>("event.chaos-injected.v1");
        Add<BlockEvents>("event.block-events.v1");
        Add<WindowEvents>("event.window-events.v1");
        Add<ChainRecovered>("event.chain-recovered.v1");
        Add<JournalFailed>("event.journal-failed.v1");
        Add<ClockCommand.Register>("clock.register.v1");
        Add<ClockCommand.SetLookahead>("clock.set-lookahead.v1");
        Add<ClockCommand.RunUntil>("clock.run-until.v1");
        Add<ClockCommand.RestartPacing>("clock.restart-pacing.v1");
        Add<ClockCommand.GetStatus>("clock.get-status.v1");
        Add<ClockCommand.RecordChaos>("clock.record-chaos.v2");
        Add<ClockCommand.Hold>("clock.hold.v1");
        Add<ClockCommand.Release>("clock.release.v1");
        Add<ClockCommand.Resend>("clock.resend.v1");
        Add<ClockStatus>("clock.status.v1");
        Add<OpenWindow>("time.open-window.v1");
        Add<WindowDone>("time.window-done.v1");
        Add<WindowTick>("time.window-tick.v1");
        Add<ChainWindowDone>("time.chain-window-done.v1");
        Add<RelayWindow>("time.relay-window.v1");
        Add<RelayWindowDone>("time.relay-window-done.v1");
        Add<SealWindow>("time.seal-window.v1");
        Add<WindowSealed>("time.window-sealed.v1");
        Add<Stalled>("time.stalled.v1");
        Add<ClockCommand.SubscribeEvents>("clock.subscribe-events.v1");
        Add<EventsSubscribed>("clock.events-subscribed.v1");
        Add<ClockSettings>("clock.settings.v1");
        Add<RunSpec>("cluster.run-spec.v1");
        Add<MeshNodeCommand.HostRun>("cluster.host-run.v1");
        Add<MeshNodeCommand.KnowChains>("cluster.know-chains.v1");
        Add<MeshNodeReply.Hosted>("cluster.hosted.v1");
        Add<MeshNodeReply.ChainsKnown>("cluster.chains-known.v1");
        Add<MeshNodeReply.UnknownRun>("cluster.unknown-run.v1");
        Add<MeshNodeCommand.EndRun>("cluster.end-run.v1");
        Add<MeshNodeCommand.MoveShard>("cluster.move-shard.v1");
        Add<MeshNodeReply.MoveNoted>("cluster.move-noted.v1");
        Add<MeshNodeReply.Ended>("cluster.ended.v1");
        Add<MeshNodeCommand.DescribeJournal>("cluster.describe-journal.v1");
        Add<MeshNodeReply.JournalIs>("cluster.journal-is.v1");
        Add<MemberLeaving>("cluster.member-leaving.v1");
        Add<LeaveHeld>("cluster.leave-held.v1");
        Add<DriverChaos.Inject>("cluster.driver-chaos-inject.v2");
        Add<DriverChaos.Heal>("cluster.driver-chaos-heal.v2");
        Add<DriverChaosReply.Done>("cluster.driver-chaos-done.v1");
        Add<DriverChaosReply.Refused>("cluster.driver-chaos-refused.v1");
        Add<ChainCheckpoint.Capture>("chain.checkpoint-capture.v1");
        Add<ChainCheckpoint.Captured>("chain.checkpoint-captured.v1");
        Add<ChainCheckpoint.Restore>("chain.checkpoint-restore.v1");
        Add<ChannelCheckpoint.Capture>("channel.checkpoint-capture.v1");
        Add<ChannelCheckpoint.Captured>("channel.checkpoint-captured.v1");
        Add<ChannelCheckpoint.Restore>("channel.checkpoint-restore.v1");
        return table;
    }
}
