using System.Text.Json.Serialization;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Wire;

/// <summary>
/// The JSON of the messages between entities, generated at build time. The journal's conventions (snake_case, nulls
/// written, strict on read); computed properties (a command's ChainId, a result's IsSuccess) are left out, the record's
/// own fields carry them. Core values the generator cannot describe go through the converters listed here.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    IgnoreReadOnlyProperties = true,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    Converters =
    [
        typeof(TxMsgsConverter), typeof(ImmutableArrayConverterFactory), typeof(SortedCollectionsConverterFactory),
        typeof(StateJsonConverter<ChainState>), typeof(StateJsonConverter<LatencyModel>), typeof(MeshErrorConverter),
        typeof(TxResultConverter), typeof(ChainSnapshotConverter),
        typeof(EmulatorEventConverter), typeof(QueryContractConverter), typeof(QueryResultConverter),
    ])]
[JsonSerializable(typeof(ChainCommand.Init))]
[JsonSerializable(typeof(ChainCommand.SubmitTx))]
[JsonSerializable(typeof(ChainCommand.SubmitTxs))]
[JsonSerializable(typeof(ChainCommand.Observe))]
[JsonSerializable(typeof(ChainCommand.GetEnd))]
[JsonSerializable(typeof(ChainCommand.QueryContract))]
[JsonSerializable(typeof(ChainCommand.GetState))]
[JsonSerializable(typeof(ChainCommand.DoubleSign))]
[JsonSerializable(typeof(ChainCommand.CrashContractActor))]
[JsonSerializable(typeof(ChainCommand.Crash), TypeInfoPropertyName = "ChainCrash")]
[JsonSerializable(typeof(ChainReply.Ready))]
[JsonSerializable(typeof(ChainReply.Accepted))]
[JsonSerializable(typeof(ChainReply.AcceptedAll))]
[JsonSerializable(typeof(ChainReply.Observed))]
[JsonSerializable(typeof(ChainReply.EndState))]
[JsonSerializable(typeof(ChainReply.QueryResult))]
[JsonSerializable(typeof(ChainReply.State))]
[JsonSerializable(typeof(ChainReply.Evidence))]
[JsonSerializable(typeof(ChainReply.ConsensusSet))]
[JsonSerializable(typeof(ChainCommand.SetConsensus))]
[JsonSerializable(typeof(ChainReply.NotInitialised))]
[JsonSerializable(typeof(ChainDefinition))]
[JsonSerializable(typeof(DigestAck))]
[JsonSerializable(typeof(DigestObserved))]
[JsonSerializable(typeof(ChannelCommand.Open))]
[JsonSerializable(typeof(ChannelCommand.Pause))]
[JsonSerializable(typeof(ChannelCommand.Resume))]
[JsonSerializable(typeof(ChannelCommand.GetInfo))]
[JsonSerializable(typeof(ChannelCommand.DuplicateDeliveries))]
[JsonSerializable(typeof(ChannelCommand.SetFaults))]
[JsonSerializable(typeof(ChannelCommand.Crash), TypeInfoPropertyName = "ChannelCrash")]
[JsonSerializable(typeof(ChannelReply.Opening))]
[JsonSerializable(typeof(ChannelReply.Opened))]
[JsonSerializable(typeof(ChannelReply.Refused))]
[JsonSerializable(typeof(ChannelReply.Info))]
[JsonSerializable(typeof(EmulatorEvent.BlockCommitted))]
[JsonSerializable(typeof(EmulatorEvent.TxExecuted))]
[JsonSerializable(typeof(EmulatorEvent.HookExecuted))]
[JsonSerializable(typeof(EmulatorEvent.PacketSent))]
[JsonSerializable(typeof(EmulatorEvent.AcknowledgementWritten))]
[JsonSerializable(typeof(EmulatorEvent.PacketAcknowledged))]
[JsonSerializable(typeof(EmulatorEvent.PacketTimedOut))]
[JsonSerializable(typeof(EmulatorEvent.ValidatorPowerChanged))]
[JsonSerializable(typeof(EmulatorEvent.SlashApplied))]
[JsonSerializable(typeof(EmulatorEvent.ChainHalted))]
[JsonSerializable(typeof(EmulatorEvent.ReplayDiverged))]
[JsonSerializable(typeof(EmulatorEvent.ChaosInjected))]
[JsonSerializable(typeof(BlockEvents))]
[JsonSerializable(typeof(WindowEvents))]
[JsonSerializable(typeof(ChainRecovered))]
[JsonSerializable(typeof(JournalFailed))]
[JsonSerializable(typeof(ClockCommand.Register))]
[JsonSerializable(typeof(ClockCommand.SetLookahead))]
[JsonSerializable(typeof(ClockCommand.RunUntil))]
[JsonSerializable(typeof(ClockCommand.RestartPacing))]
[JsonSerializable(typeof(ClockCommand.GetStatus))]
[JsonSerializable(typeof(ClockCommand.RecordChaos))]
[JsonSerializable(typeof(ClockCommand.Hold))]
[JsonSerializable(typeof(ClockCommand.Release))]
[JsonSerializable(typeof(ClockCommand.Resend))]
[JsonSerializable(typeof(ClockStatus))]
[JsonSerializable(typeof(OpenWindow))]
[JsonSerializable(typeof(WindowDone))]
[JsonSerializable(typeof(WindowTick))]
[JsonSerializable(typeof(ChainWindowDone))]
[JsonSerializable(typeof(RelayWindow))]
[JsonSerializable(typeof(RelayWindowDone))]
[JsonSerializable(typeof(SealWindow))]
[JsonSerializable(typeof(WindowSealed))]
[JsonSerializable(typeof(Stalled))]
[JsonSerializable(typeof(ClockCommand.SubscribeEvents))]
[JsonSerializable(typeof(EventsSubscribed))]
[JsonSerializable(typeof(ClockSettings))]
[JsonSerializable(typeof(RunSpec))]
[JsonSerializable(typeof(MeshNodeCommand.HostRun))]
[JsonSerializable(typeof(MeshNodeCommand.KnowChains))]
[JsonSerializable(typeof(MeshNodeReply.Hosted))]
[JsonSerializable(typeof(MeshNodeReply.ChainsKnown))]
[JsonSerializable(typeof(MeshNodeReply.UnknownRun))]
[JsonSerializable(typeof(MeshNodeCommand.EndRun))]
[JsonSerializable(typeof(MeshNodeCommand.MoveShard))]
[JsonSerializable(typeof(MeshNodeReply.MoveNoted))]
[JsonSerializable(typeof(MeshNodeReply.Ended))]
[JsonSerializable(typeof(MeshNodeCommand.DescribeJournal))]
[JsonSerializable(typeof(MeshNodeReply.JournalIs))]
[JsonSerializable(typeof(MemberLeaving))]
[JsonSerializable(typeof(LeaveHeld))]
[JsonSerializable(typeof(DriverChaos.Inject), TypeInfoPropertyName = "DriverChaosInject")]
[JsonSerializable(typeof(DriverChaos.Heal), TypeInfoPropertyName = "DriverChaosHeal")]
[JsonSerializable(typeof(DriverChaosReply.Done), TypeInfoPropertyName = "DriverChaosDone")]
[JsonSerializable(typeof(DriverChaosReply.Refused), TypeInfoPropertyName = "DriverChaosRefused")]
// a network checkpoint's parts: a relayer's state is made of the values its messages carry, so it is written with their
// conventions; a chain's snapshot as the journal writes it (ChainSnapshotConverter)
[JsonSerializable(typeof(ChannelSnapshot))]
[JsonSerializable(typeof(StoredChannelSnapshot))]
[JsonSerializable(typeof(DigestKept))]
[JsonSerializable(typeof(WindowRelayed))]
[JsonSerializable(typeof(ChannelSwitched))]
// a clock singleton handed over to the next oldest member (ClockHost.HandOver.cs)
[JsonSerializable(typeof(ClockSnapshot))]
[JsonSerializable(typeof(ChainCheckpoint.Capture), TypeInfoPropertyName = "ChainCheckpointCapture")]
[JsonSerializable(typeof(ChainCheckpoint.Captured), TypeInfoPropertyName = "ChainCheckpointCaptured")]
[JsonSerializable(typeof(ChainCheckpoint.Restore), TypeInfoPropertyName = "ChainCheckpointRestore")]
[JsonSerializable(typeof(ChannelCheckpoint.Capture), TypeInfoPropertyName = "ChannelCheckpointCapture")]
[JsonSerializable(typeof(ChannelCheckpoint.Captured), TypeInfoPropertyName = "ChannelCheckpointCaptured")]
[JsonSerializable(typeof(ChannelCheckpoint.Restore), TypeInfoPropertyName = "ChannelCheckpointRestore")]
[JsonSerializable(typeof(byte[]))]
// the parts the converters write: a transaction's result and the data its messages returned
[JsonSerializable(typeof(TxResultJson))]
[JsonSerializable(typeof(QueryContractJson))]
[JsonSerializable(typeof(QueryResultJson))]
[JsonSerializable(typeof(InstantiateResult))]
[JsonSerializable(typeof(Timestamp))]
[JsonSerializable(typeof(Coins))]
[JsonSerializable(typeof(List<Coin>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ulong))]
// sorted sets are written as lists (SortedCollectionsConverterFactory)
[JsonSerializable(typeof(List<ulong>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
