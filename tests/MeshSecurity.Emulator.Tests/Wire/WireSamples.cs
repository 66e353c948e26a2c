using System.Collections.Immutable;
using System.Text;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Bank;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Crypto;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Emulator.Protocol;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Tests.Wire;

/// <summary>
/// A sample of every message between entities, with the hard parts filled in (contract messages and results as objects,
/// a whole chain state, digests with packets, errors, nulls, default arrays): the wire tests round-trip each.
/// </summary>
public static class WireSamples
{
    public const string Chain = "osmosis";
    public const string Channel = "osmosis-juno/mesh";

    public static readonly Addr Alice = Addr.Derive("osmo", "alice");
    public static readonly Addr Lockup = Addr.Derive("osmo", "lockup");
    private static readonly Timestamp T = Timestamp.FromSeconds(1_700_000_060);

    private static readonly RunSpec Run = new("r1", MeshPlacement.Spread, ContractExecution.Actor, 500, new ClockSettings(60), T);

    public static readonly IbcPacket Packet = new(
        new IbcEndpoint("mesh-provider", "channel-0"), new IbcEndpoint("mesh-consumer", "channel-1"), 7,
        Encoding.UTF8.GetBytes("""{"stake":{"validator":"v1","stake":"400"}}"""), IbcTimeout.AtTime(Timestamp.FromSeconds(1_700_000_600)));

    public static readonly ChainDefinition Definition = new(
        new ChainConfig { ChainId = Chain, AddressPrefix = "osmo", BondDenom = "uosmo", BlockTimeSeconds = 5, BlockRewardRate = Dec.Parse("0.05") },
        [new GenesisAccount(Alice, Coins.Of(new Coin("uosmo", 1_000_000)))], [new GenesisValidator("osmo-val-1", 100)], "seed-1", 0.25);

    public static ChainState State() =>
        ChainGenesis.Build(Definition.Config, Definition.Accounts, Definition.Validators, Definition.KeySeed).State;

    private static ClientHeader Header() => ChainGenesis.HeaderOf(State());

    /// <summary>A transfer of one coin: the SubmitTxs measured in the note (bytes per message).</summary>
    public static ChainCommand.SubmitTxs OneTransfer() => new(Chain, "osmosis-juno/transfer",
        [new TxSubmission(new Tx(Alice, [new CosmosMsg.BankSend(Addr.Derive("osmo", "bob"), Coins.Of(new Coin("uosmo", 5)))], "t/1"),
            T, "k/0001")]);

    /// <summary>A digest with one packet sent: the DigestObserved measured in the note.</summary>
    public static DigestObserved OnePacket() => new(Channel, new BlockDigest(Chain, Header(),
        [new PacketEvent(PacketEventKind.Send, Packet)], [new RelayTxOutcome("r/1", null, ["channel-0"])], T));

    public static TxResult FailedTx() => new("osmosis/3", new LockupError.ClaimsLocked(250), 1, [], []);

    public static TxResult InstantiateTx() => new("osmosis/4", null, -1,
        [new Event("instantiate", ("_contract_address", Lockup.Value), ("code_id", "mesh-lockup"))],
        [new InstantiateResult(Lockup), 7UL, "channel-0", T, Coins.Of(new Coin("uosmo", 9)), null]);

    public static IEnumerable<IMeshProtocolMember> All()
    {
        var header = Header();
        var ends = new ChannelEnds("osmosis", "07-tendermint-0", "connection-0", "mesh-provider", "channel-0",
            "juno", "07-tendermint-1", "connection-1", "mesh-consumer", "channel-1");
        var (a, b) = SignedHeader.DoubleSign(Chain, 3, T, "ABCDEF", "osmovaloper1", ConsensusKey.FromSeed("osmosis/v/seed"));
        var end = new EndSnapshot(header,
            new ChannelEnd(Packet.Source, ChannelState.Open, IbcOrder.Unordered, Packet.Destination, "connection-0", "mesh-v1", 8, 3, 5),
            [Packet], [1UL, 2UL], ImmutableSortedDictionary<ulong, byte[]>.Empty.Add(2, [1, 2, 3]));
        var spec = new ChannelSpec("osmosis", "mesh-provider", "juno", "mesh-consumer", "mesh-v1", IbcOrder.Ordered,
            new LatencyModel.LogNormal(2, 0.5, 1), 10, "seed", ends, "mesh-v2");
        var hook = new TxResult("osmosis/hook/3", null, -1, [new Event("wasm", ("action", "slash"))], [null]);
        return
        [
            new ChainCommand.Init(Chain, Definition),
            new ChainCommand.SubmitTx(Chain, new Tx(Alice, [
                    new CosmosMsg.WasmExecute(Lockup, new LockupMsg.Execute.Unbond(250), Coins.Empty),
                    new CosmosMsg.Relay(new IbcRelayMsg.RecvPacket(Packet, 12, Alice))], "osmosis/1"),
                T, "network", "k1"),
            OneTransfer(),
            new ChainCommand.Observe(Chain, Channel, Packet.Source, 7),
            new ChainCommand.Observe(Chain, Channel),
            new ChainCommand.GetEnd(Chain, "mesh-provider", "channel-0"),
            new ChainCommand.QueryContract(Chain, Lockup, new LockupMsg.Query.Balance(Alice.Value)),
            new ChainCommand.GetState(Chain),
            new ChainCommand.DoubleSign(Chain, Alice, 3),
            new ChainCommand.CrashContractActor(Chain, Lockup, "chaos"),
            new ChainCommand.Crash(Chain, "akka.tcp://meshsec@n1:4053/chaos/2", "meshsec chaos chain.crash"),
            new ChainCommand.SetConsensus(Chain, [Alice], [], 30_000_000_000),
            new ChainReply.Ready(Chain, 3, T, T.PlusSeconds(5)),
            new ChainReply.Accepted(Chain, "osmosis/1", true),
            new ChainReply.AcceptedAll(Chain, 2, 5),
            new ChainReply.Observed(Chain, Channel, new RelayEnd(header, "osmo", 86_400), 6),
            new ChainReply.EndState(Chain, end),
            new ChainReply.QueryResult(Chain, new LockupMsg.BalanceResponse(5_000, 1_663, [new LockupMsg.ClaimResponse(Lockup, 3_337)]), null),
            new ChainReply.QueryResult(Chain, null, "lockup:UnknownAccount: unknown account"),
            new ChainReply.State(Chain, State(), "ABCDEF"),
            new ChainReply.Evidence(Chain, a, b),
            new ChainReply.NotInitialised(Chain),
            new ChainReply.ConsensusSet(Chain, 3),
            Definition,
            OnePacket(),
            new DigestAck(Channel, Chain, 3, true),
            new ChannelCommand.Open(Channel, spec),
            new ChannelCommand.Open(Channel, spec with { Latency = null, Connection = null, VersionB = null }),
            new ChannelCommand.Pause(Channel),
            new ChannelCommand.Resume(Channel),
            new ChannelCommand.GetInfo(Channel),
            new ChannelCommand.DuplicateDeliveries(Channel, true),
            new ChannelCommand.SetFaults(Channel, new RelayFaults(90_000_000_000, 0.3, 5, "burn")),
            new ChannelCommand.SetFaults(Channel, RelayFaults.None),
            new ChannelCommand.SetFaults(Channel, new RelayFaults(PausedTo: ["osmo-1", "juno-1"], Starve: new("osmo-1", "stake"),
                ClearIntervalNanos: 600_000_000_000, ClearFromNanos: 1_700_000_000_000_000_000)),
            new ChannelCommand.SetFaults(Channel, new RelayFaults(Racers: 3, Latency: new LatencyModel.Uniform(2, 60), Reorder: true,
                ReorderWindowNanos: 30_000_000_000)),
            new ChannelCommand.Crash(Channel, "driver/1"),
            new ChannelReply.Opening(Channel),
            new ChannelReply.Opened(Channel, ends),
            new ChannelReply.Refused(Channel, "chan-open-try", "ibc:InvalidVersion: mesh-v2"),
            new ChannelReply.Info(Channel, ends, true, false, 5, 4, 3, 1, 0, 1, 2, "step", "error"),
            new ChannelReply.Info(Channel, null, false, true, 0, 0, 0, 0, 0, 0, 0),
            new EmulatorEvent.BlockCommitted(Chain, 3, T, 2, "ABCDEF"),
            new EmulatorEvent.ChaosInjected(Chain, 0, T, "chain.crash", [Chain], "akka.tcp://meshsec@n1:4053"),
            new EmulatorEvent.TxExecuted(Chain, 3, T, InstantiateTx()),
            new EmulatorEvent.TxExecuted(Chain, 3, T, FailedTx()),
            new EmulatorEvent.HookExecuted(Chain, 3, T, hook),
            new EmulatorEvent.PacketSent(Chain, 3, T, Packet),
            new EmulatorEvent.AcknowledgementWritten(Chain, 3, T, Packet, true),
            new EmulatorEvent.PacketAcknowledged(Chain, 3, T, Packet, false),
            new EmulatorEvent.PacketTimedOut(Chain, 3, T, Packet),
            new EmulatorEvent.ValidatorPowerChanged(Chain, 3, T, "osmovaloper1", 100),
            new EmulatorEvent.SlashApplied(Chain, 3, T, "osmovaloper1", Dec.Parse("0.05"), "50uosmo"),
            new EmulatorEvent.ChainHalted(Chain, 3, T),
            new EmulatorEvent.ReplayDiverged(Chain, 3, T, "ABCDEF", "FEDCBA"),
            new BlockEvents([new EmulatorEvent.BlockCommitted(Chain, 3, T, 1, "ABCDEF"), new EmulatorEvent.TxExecuted(Chain, 3, T, FailedTx())]),
            new WindowEvents([new BlockEvents([new EmulatorEvent.BlockCommitted(Chain, 3, T, 1, "ABCDEF")]),
                new BlockEvents([new EmulatorEvent.BlockCommitted("juno", 7, T, 1, "FEDCBA"),
                    new EmulatorEvent.TxExecuted("juno", 7, T, FailedTx())])]),
            new ChainRecovered(Chain, 10, 12),
            new JournalFailed(Chain, 4, 3, false, "unknown journal manifest x", Replaying: true),
            new ClockCommand.Register(Chain, T),
            new ClockCommand.SetLookahead(2_000_000_000),
            new ClockCommand.RunUntil(T),
            new ClockCommand.RecordChaos(Chain, "relayer.stop", ["osmosis-juno/mesh", "osmosis-juno/transfer"],
                "akka.tcp://meshsec@n1:4053", "akka.tcp://meshsec@n1:4053/record/3"),
            new ClockCommand.RestartPacing(),
            new ClockCommand.Hold("shard.handoff juno"),
            new ClockCommand.Release("shard.handoff juno"),
            new ClockCommand.Resend("member akka.tcp://meshsec@127.0.0.1:4054 was downed"),
            new ClockCommand.GetStatus(),
            new ClockStatus(T, 4, 9, true, 0.5, ["osmosis", "juno"], new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero))
                { LookaheadNanos = 1_500_000_000 },
            new ClockStatus(T, 0, 0, false, 0, [], null),
            new ClockStatus(T, 4, 0, true, 0, ["juno"], null) { Undelivered = "window 4: no answer to WindowTick from juno" },
            new OpenWindow(4, T, T.PlusSeconds(2)),
            new WindowDone(4, T, 2),
            new WindowDone(4, null, 0),
            new WindowTick(Chain, 4, T),
            new ChainWindowDone(4, Chain, T, [Channel]),
            new ChainWindowDone(4, Chain, null, []),
            new RelayWindow(Channel, 4),
            new RelayWindowDone(4, Channel, ["osmosis", "juno"]),
            new RelayWindowDone(4, Channel),
            new SealWindow(Chain, 4),
            new WindowSealed(4, Chain),
            new Stalled(4, ["osmosis"], new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero)),
            new Stalled(4, ["osmosis"], new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero)) { GaveUp = "window 4: no answer" },
            new ClockCommand.SubscribeEvents(),
            new EventsSubscribed(),
            new ClockSettings(3600, TimeSpan.FromSeconds(5), 1) { HoldEvents = true },
            new ClockSettings(),
            new ClockSettings(StallTimeout: TimeSpan.FromMilliseconds(20)) { MaxResends = 500 },
            Run,
            Run with { Hop = HopFault.DropFirst },
            new MeshNodeCommand.HostRun(Run),
            new MeshNodeCommand.HostRun(Run.Next(T.PlusNanos(3_600 * Timestamp.NanosPerSecond))),
            new MeshNodeCommand.KnowChains("r1", ["osmosis", "juno"]),
            new MeshNodeReply.Hosted("r1", "akka.tcp://meshsec@127.0.0.1:4053", MemoryJournal: true),
            new MeshNodeReply.ChainsKnown("r1", "akka.tcp://meshsec@127.0.0.1:4053"),
            new MeshNodeReply.UnknownRun("r2", "akka.tcp://meshsec@127.0.0.1:4054"),
            new MeshNodeCommand.EndRun("r1"),
            new MeshNodeCommand.MoveShard("r1", "juno", "akka.tcp://meshsec@127.0.0.1:4054"),
            new MeshNodeReply.MoveNoted("r1", "akka.tcp://meshsec@127.0.0.1:4053"),
            new MeshNodeReply.Ended("r1", "akka.tcp://meshsec@127.0.0.1:4053"),
            new MeshNodeCommand.DescribeJournal("r1"),
            new MeshNodeReply.JournalIs("r1", "akka.tcp://meshsec@127.0.0.1:4053", "sqlite:127.0.0.1:/var/lib/meshsec/journal.db"),
            new MemberLeaving("r1", "akka.tcp://meshsec@127.0.0.1:4053"),
            new LeaveHeld("r1", "akka.tcp://meshsec@127.0.0.1:4053"),
            new DriverChaos.Inject("r1-2", "econ.price-shock", "osmosis", "akash", null, "0.4", null, null,
                "akka.tcp://meshsec@127.0.0.1:4053", "akka.tcp://meshsec@127.0.0.1:4053/driver/1"),
            new DriverChaos.Inject("r1", "econ.withdraw-race", "osmosis", "juno", "consumer", null, "alice", "juno-val-2", "m",
                "m/driver/2"),
            new DriverChaos.Heal("r1", "akka.tcp://meshsec@127.0.0.1:4053", "akka.tcp://meshsec@127.0.0.1:4053/driver/3"),
            new DriverChaosReply.Done("r1", "ibc.close-channel", ["osmosis-juno/mesh"], ["ibc.close-channel osmosis->juno provider"]),
            new DriverChaosReply.Done("r1", "heal", [], []),
            new DriverChaosReply.Refused("r1", "the run has no link juno->osmosis"),
            new ChainCheckpoint.Capture(Chain),
            new ChainCheckpoint.Captured(Chain, 42, Snapshot()),
            new ChainCheckpoint.Restore(Chain, 42, Snapshot(), Fresh: true),
            new ChannelCheckpoint.Capture(Channel),
            new ChannelCheckpoint.Captured(ChannelPart(spec)),
            new ChannelCheckpoint.Restore(ChannelPart(spec)),
        ];
    }

    /// <summary>A chain's checkpoint part: its genesis state, a transaction id it has seen and one header.</summary>
    private static ChainSnapshot Snapshot() =>
        ChainSnapshot.Capture(Definition, State(), "ABCDEF", false, [], [], ["osmosis/0"], [], []) with
        {
            Headers = [new HeaderRecord(1, T, "ABCDEF")],
        };

    /// <summary>A channel's checkpoint part: opened, paused, watching an end of one chain and the blocks of the other.</summary>
    private static ChannelSnapshot ChannelPart(ChannelSpec spec) =>
        new(Channel, spec, null, Paused: true, Duplicate: false, RelayFaults.None, 1, null, null,
            [new ChannelSnapshot.Watch("osmosis", Packet.Source), new ChannelSnapshot.Watch("juno", null)], []);
}
