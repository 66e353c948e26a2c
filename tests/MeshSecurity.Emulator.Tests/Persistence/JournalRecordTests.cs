using System.Collections.Immutable;
using System.Text;
using Akka.Actor;
using MeshSecurity.Core;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Tests.Persistence;

/// <summary>
/// Every journal record type round-trips and matches its golden file byte for byte: the stored format changes only
/// with a new manifest version (set MESHSEC_WRITE_GOLDEN=1 to write the files of a new version).
/// </summary>
public sealed class JournalRecordTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("journal-records");
    private JournalSerializer Serializer => new((ExtendedActorSystem)_system);

    private static readonly Addr Alice = Addr.Derive("osmo", "alice");

    private static readonly IbcPacket Packet = new(
        new IbcEndpoint("mesh-provider", "channel-0"), new IbcEndpoint("mesh-consumer", "channel-1"), 7,
        Encoding.UTF8.GetBytes("""{"stake":{"validator":"v1","stake":"400"}}"""), IbcTimeout.AtTime(Timestamp.FromSeconds(1_700_000_600)));

    private static IReadOnlyList<CosmosMsg> Msgs() =>
    [
        new CosmosMsg.BankSend(Addr.Derive("osmo", "bob"), Coins.Of(new Coin("uosmo", 5))),
        new CosmosMsg.WasmExecute(Addr.Derive("osmo", "lockup"), new LockupMsg.Execute.Unbond(250), Coins.Empty),
        new CosmosMsg.IbcTransfer("channel-2", "juno1bob", new Coin("uosmo", 100), IbcTimeout.AtTime(Timestamp.FromSeconds(1_700_000_900))),
        new CosmosMsg.Relay(new IbcRelayMsg.RecvPacket(Packet, 12, Alice)),
    ];

    private static readonly ChainDefinition Definition = new(
        new ChainConfig { ChainId = "osmosis", AddressPrefix = "osmo", BondDenom = "uosmo", BlockTimeSeconds = 5 },
        [new GenesisAccount(Alice, Coins.Of(new Coin("uosmo", 1_000_000)))], [new GenesisValidator("osmo-val-1", 100)], "seed-1", 0.25);

    private static ChainSnapshot Snapshot()
    {
        var (state, _) = ChainGenesis.Build(Definition.Config, Definition.Accounts, Definition.Validators, Definition.KeySeed);
        var pending = new MempoolEntry(Timestamp.FromSeconds(1_700_000_055), "network", "k1", 11, new Tx(Alice, [.. Msgs()], "osmosis/1"));
        return ChainSnapshot.Capture(Definition, state, "ABCDEF", false, [], [pending], ["osmosis/0"],
            [new KeyValuePair<string, IbcEndpoint?>("osmosis-juno/mesh", null)],
            [new HeaderRecord(0, state.Time, "GENESIS")]);
    }

    public static TheoryData<string, IJournalRecord> Samples() => new()
    {
        { "chain-started.v1", new ChainStarted(Definition) },
        { "chain-snapshot.v2", Snapshot() },
        { "block-recorded.v2", new BlockRecorded(12, Timestamp.FromSeconds(1_700_000_060), "ABCDEF",
            [new TxRecord("osmosis/1", Timestamp.FromSeconds(1_700_000_055), "network", "k1", null),
             new TxRecord("a-b/juno/00000000000000000011/0000", Timestamp.FromSeconds(1_700_000_058), "a-b", "k2",
                 "insufficient funds")]) },
        { "tx-accepted.v1", new TxAccepted(Timestamp.FromSeconds(1_700_000_055), "network", "k1", 11, "osmosis/1", Alice.Value, Msgs()) },
        { "admitted.v1", new Admitted([
            new TxAccepted(Timestamp.FromSeconds(1_700_000_058), "a-b", "k2", 12, "a-b/1", Alice.Value, [Msgs()[3]]),
            new TxAccepted(Timestamp.FromSeconds(1_700_000_058), "a-b", "k3", 12, "a-b/2", Alice.Value, [Msgs()[0]])],
            [new ObserverAdded("a-b/mesh", new IbcEndpoint("mesh-provider", "channel-0"))]) },
        { "observer-added.v1", new ObserverAdded("osmosis-juno/mesh", new IbcEndpoint("mesh-provider", "channel-0")) },
        { "consensus-changed.v1", new ConsensusChanged(12, [Alice.Value], []) { BlockNanos = 30_000_000_000 } },
        { "slots-skipped.v1", new SlotsSkipped(12, Timestamp.FromSeconds(1_700_000_090)) },
        { "crashes-applied.v1", new CrashesApplied(["driver/1", "akka.tcp://meshsec@n1:4053#-1790141553/chaos/2"]) },
        { "digest-kept.v1", new DigestKept(new BlockDigest("juno", new ClientHeader("juno", 13, Timestamp.FromSeconds(1_700_000_065),
            ImmutableSortedDictionary<string, byte[]>.Empty.Add("val-1", [1, 2, 3])), [new PacketEvent(PacketEventKind.Send, Packet)], [],
            Timestamp.FromSeconds(1_700_000_070))) },
        { "window-relayed.v1", new WindowRelayed(42, ["juno", "osmosis"]) },
        { "channel-switched.v1", new ChannelSwitched(Paused: true, Duplicate: false,
            new RelayFaults(LagNanos: 2_000_000_000, Censor: "unstake"), "driver/3") },
    };

    [Fact]
    public void Every_record_type_has_a_sample_and_a_golden_file()
    {
        var sampled = Samples().Select(row => (string)row[0]).ToHashSet();
        Assert.Equal(JournalSerializer.Manifests.Values.Order(), sampled.Order());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_record_is_written_as_its_golden_file_and_reads_back_to_the_same_bytes(string manifest, IJournalRecord record)
    {
        Assert.Equal(manifest, Serializer.Manifest(record));
        var bytes = Serializer.ToBinary(record);
        var golden = Path.Combine(AppContext.BaseDirectory, "Persistence", "Golden", manifest + ".json");
        if (Environment.GetEnvironmentVariable("MESHSEC_WRITE_GOLDEN") == "1")
            File.WriteAllBytes(Path.Combine(SourceDir(), "Persistence", "Golden", manifest + ".json"), bytes);
        Assert.Equal(File.ReadAllText(golden), Encoding.UTF8.GetString(bytes));

        var back = Serializer.FromBinary(File.ReadAllBytes(golden), manifest);
        Assert.IsType(record.GetType(), back);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(Serializer.ToBinary(back)));
    }

    [Fact]
    public void A_contract_message_reads_back_as_the_json_its_contract_decodes()
    {
        var record = new TxAccepted(Timestamp.FromSeconds(1), "network", "k", 0, "id", Alice.Value, Msgs());
        var back = (TxAccepted)Serializer.FromBinary(Serializer.ToBinary(record), "tx-accepted.v1");
        var execute = Assert.IsType<CosmosMsg.WasmExecute>(back.Msgs[1]);
        var json = Assert.IsType<string>(execute.Msg);
        Assert.Equal(new LockupMsg.Execute.Unbond(250), Core.Wire.Decode<LockupMsg.Execute>(Encoding.UTF8.GetBytes(json)));
        var relay = Assert.IsType<CosmosMsg.Relay>(back.Msgs[3]);
        var recv = Assert.IsType<IbcRelayMsg.RecvPacket>(relay.Msg);
        Assert.Equal(Packet, recv.Packet);
    }

    [Fact]
    public void A_record_of_a_retired_version_is_refused_with_the_reason()
    {
        var ex = Assert.Throws<ArgumentException>(() => Serializer.FromBinary("{}"u8.ToArray(), "block-recorded.v1"));
        Assert.Contains("earlier meshsec", ex.Message);
        Assert.Contains("cannot be re-executed", ex.Message);
    }

    /// <summary>A reward rate is written only when set (the golden file above has none) and reads back.</summary>
    [Fact]
    public void A_snapshot_keeps_the_redundant_relays_a_chain_counted_and_leaves_them_out_while_there_are_none()
    {
        // two chains: a state is written in place, so the one counted is no longer the one without counts
        var state = ChainGenesis.Build(Definition.Config, Definition.Accounts, Definition.Validators, Definition.KeySeed).State;
        var counted = ChainGenesis.Build(Definition.Config, Definition.Accounts, Definition.Validators, Definition.KeySeed).State;
        counted.WithIbc(
            counted.Ibc.CountRedundant(Packet.Destination, DeliveryKind.Recv).CountRedundant(Packet.Destination, DeliveryKind.Ack));
        ChainSnapshot Of(ChainState s) => ChainSnapshot.Capture(Definition, s, "ABCDEF", false, [], [], [], [], []);

        var bytes = Serializer.ToBinary(Of(counted));
        var back = Assert.IsType<ChainSnapshot>(Serializer.FromBinary(bytes, "chain-snapshot.v2")).RestoreState();

        Assert.Equal(new RedundantRelayCount(Receives: 1, Acks: 1), back.Ibc.RedundantRelays["mesh-consumer/channel-1"]);
        Assert.DoesNotContain("redundant_relays", Encoding.UTF8.GetString(Serializer.ToBinary(Of(state))), StringComparison.Ordinal);
    }

    /// <summary>A v1 snapshot (every receipt kept, no marks) still restores: its receipts count as they did.</summary>
    [Fact]
    public void A_version_1_snapshot_still_restores()
    {
        var golden = Path.Combine(AppContext.BaseDirectory, "Persistence", "Golden", "chain-snapshot.v1.json");
        var back = Assert.IsType<ChainSnapshot>(Serializer.FromBinary(File.ReadAllBytes(golden), "chain-snapshot.v1"));
        Assert.Equal(Snapshot().RestoreState().ChainId, back.RestoreState().ChainId);
        Assert.Equal(Encoding.UTF8.GetString(Serializer.ToBinary(Snapshot())), Encoding.UTF8.GetString(Serializer.ToBinary(back)));
    }

    /// <summary>
    /// A resume reads each checkpoint snapshot's state before its network starts and its chain takes that copy: once, as
    /// a new state after it, and the record stays equal to and written as it was (the copy is kept beside it).
    /// </summary>
    [Fact]
    public void A_validated_snapshot_hands_over_its_state_once_and_is_compared_and_written_as_before()
    {
        var snapshot = Snapshot();
        var copy = snapshot with { };
        var written = Encoding.UTF8.GetString(Serializer.ToBinary(snapshot));

        Assert.Same(snapshot, snapshot.Validate());
        var first = snapshot.RestoreState();
        var second = snapshot.RestoreState();

        Assert.NotSame(first, second);
        Assert.Equal(first.ChainId, second.ChainId);
        Assert.Equal(first.Height, second.Height);
        Assert.Equal(copy, snapshot);
        Assert.Equal(written, Encoding.UTF8.GetString(Serializer.ToBinary(snapshot)));
        var wrong = snapshot with { State = System.Text.Json.JsonDocument.Parse("[1]").RootElement };
        Assert.Throws<System.Text.Json.JsonException>(() => wrong.Validate());
    }

    /// <summary>
    /// The crash ids a chain applied are written only when it has some (the golden file above has none) and read back, so a
    /// chain recovering from the snapshot answers a late copy of a crash without crashing again.
    /// </summary>
    [Fact]
    public void A_snapshot_keeps_the_crash_ids_the_chain_applied()
    {
        var crashed = Snapshot() with { Crashes = ["driver/1", "driver/2"] };

        var back = Assert.IsType<ChainSnapshot>(Serializer.FromBinary(Serializer.ToBinary(crashed), "chain-snapshot.v2"));

        Assert.Equal(["driver/1", "driver/2"], back.Crashes);
        Assert.Null(Assert.IsType<ChainSnapshot>(Serializer.FromBinary(Serializer.ToBinary(Snapshot()), "chain-snapshot.v2")).Crashes);
    }

    /// <summary>The marks pruning keeps (receipt and settled marks) are stored and read back with the state.</summary>
    [Fact]
    public void A_snapshot_keeps_the_receipt_and_settled_marks()
    {
        var (state, _) = ChainGenesis.Build(Definition.Config, Definition.Accounts, Definition.Validators, Definition.KeySeed);
        var end = ("mesh-consumer", "channel-1");
        var marked = state.WithIbc(state.Ibc with
        {
            ReceiptMarks = new(state.Ibc.ReceiptMarks.Comparer, [new(end, 41UL)]),
            SettledMarks = new(state.Ibc.SettledMarks.Comparer, [new(end, 37UL)]),
        });
        var bytes = Serializer.ToBinary(ChainSnapshot.Capture(Definition, marked, "ABCDEF", false, [], [], [], [], []));
        var back = Assert.IsType<ChainSnapshot>(Serializer.FromBinary(bytes, "chain-snapshot.v2")).RestoreState();

        Assert.True(back.Ibc.HasReceipt("mesh-consumer", "channel-1", 40));
        Assert.False(back.Ibc.HasReceipt("mesh-consumer", "channel-1", 41));
        Assert.Equal(37UL, back.Ibc.SettledMarks[end]);
    }

    /// <summary>A client update journaled with the header's settled marks reads back with them (the chain prunes by them).</summary>
    [Fact]
    public void A_client_update_keeps_the_settled_marks_of_its_header()
    {
        var header = new ClientHeader("juno", 40, Timestamp.FromSeconds(1_700_000_200), ImmutableSortedDictionary<string, byte[]>.Empty)
        {
            Settled = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("mesh-consumer/channel-1", 9UL)]),
        };
        var record = new TxAccepted(Timestamp.FromSeconds(1), "a-b", "k", 0, "a-b/1", Alice.Value,
            [new CosmosMsg.Relay(new IbcRelayMsg.UpdateClient("07-tendermint-0", header))]);
        var back = Assert.IsType<TxAccepted>(Serializer.FromBinary(Serializer.ToBinary(record), "tx-accepted.v1"));
        var update = Assert.IsType<IbcRelayMsg.UpdateClient>(Assert.IsType<CosmosMsg.Relay>(Assert.Single(back.Msgs)).Msg);
        Assert.Equal(9UL, update.Header.Settled!["mesh-consumer/channel-1"]);
    }

    [Fact]
    public void A_chain_with_a_reward_rate_is_journaled_with_it()
    {
        var config = new ChainConfig
        {
            ChainId = "cosmos", AddressPrefix = "cosmos", BondDenom = "ustake", BlockRewardRate = Dec.Parse("0.5256"),
        };
        var record = new ChainStarted(new ChainDefinition(config, [], [new GenesisValidator("val-1", 100)], "seed", 0));
        var bytes = Serializer.ToBinary(record);
        Assert.Contains("\"block_reward_rate\":\"0.5256\"", Encoding.UTF8.GetString(bytes));
        var back = Assert.IsType<ChainStarted>(Serializer.FromBinary(bytes, "chain-started.v1"));
        Assert.Equal(Dec.Parse("0.5256"), back.Definition.Config.BlockRewardRate);
    }

    [Fact]
    public void A_mint_transaction_is_journaled_and_read_back()
    {
        var to = Addr.Derive("cosmos", "alice");
        var gov = ModuleAccounts.Gov("cosmos").Value;
        var mint = new CosmosMsg.GovMint(to, Coins.Of(new Coin("ustake", 500)));
        var record = new TxAccepted(Timestamp.FromSeconds(1), "network", "k", 0, "cosmos/1", gov, [mint]);
        var back = Assert.IsType<TxAccepted>(Serializer.FromBinary(Serializer.ToBinary(record), "tx-accepted.v1"));
        Assert.Equal(new CosmosMsg.GovMint(to, Coins.Of(new Coin("ustake", 500))), Assert.Single(back.Msgs));
    }

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(file))!;

    public void Dispose() => _system.Dispose();
}
