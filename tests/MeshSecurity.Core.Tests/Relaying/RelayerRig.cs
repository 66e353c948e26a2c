using System.Collections.Immutable;
using System.Text;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.RelayerMachine;

/// <summary>
/// A <see cref="Relayer"/> machine fed by hand, with no chain and no actor: two chains "a-1" and "b-1" whose blocks are
/// hand-built digests (heights count up from 10, times are given in seconds), and helpers to answer the machine's
/// submissions with outcomes and to read the relayer messages it submitted.
/// </summary>
internal sealed class RelayerRig
{
    public const string A = "a-1";
    public const string B = "b-1";
    public const string PortA = "wasm.a1app";
    public const string PortB = "wasm.b1app";
    public const string ClientA = "07-tendermint-0";
    public const string ClientB = "07-tendermint-1";
    public const string ConnA = "connection-0";
    public const string ConnB = "connection-1";
    public const string ChanA = "channel-0";
    public const string ChanB = "channel-3";
    public const ulong StartSeconds = 1_000;

    /// <summary>The default unbonding period of both chains: light clients trust 14 days, so no refresh interferes.</summary>
    public const ulong Weeks3 = 21 * 24 * 3600;

    /// <summary>The open connection a path reuses (a chain pair has one connection, many channels).</summary>
    public static readonly ChannelEnds Connection = new(A, ClientA, ConnA, PortA, "", B, ClientB, ConnB, PortB, "");

    public static readonly Addr RelayerA = Addr.Derive("a", "relayer");
    public static readonly Addr RelayerB = Addr.Derive("b", "relayer");

    private readonly Dictionary<string, ulong> _heights = new(StringComparer.Ordinal) { [A] = 10, [B] = 10 };

    public RelayerRig(ChannelSpec? spec = null, string pathId = "path-1", int generation = 0) =>
        Machine = new Relayer(pathId, spec ?? Spec(), generation);

    public Relayer Machine { get; }

    /// <summary>A channel over <see cref="Connection"/> (or new clients and connection when <paramref name="reuse"/> is false).</summary>
    public static ChannelSpec Spec(LatencyModel? latency = null, int batchSize = 30, IbcOrder order = IbcOrder.Unordered, bool reuse = true,
        string? versionB = null, string seed = "") =>
        new(A, PortA, B, PortB, "v1", order, latency, batchSize, seed, reuse ? Connection : null, versionB);

    public static ClientHeader Header(string chain, ulong height, ulong seconds) =>
        new(chain, height, Timestamp.FromSeconds(seconds), ImmutableSortedDictionary<string, byte[]>.Empty);

    public static Timestamp At(ulong seconds) => Timestamp.FromSeconds(seconds);

    /// <summary>The height of the last block of <paramref name="chain"/> fed to the machine (or of the header it started from).</summary>
    public ulong Height(string chain) => _heights[chain];

    /// <summary>Starts the machine from both chains' headers at <see cref="StartSeconds"/>, with their unbonding periods.</summary>
    public IReadOnlyList<RelaySubmission> Start(bool openChannel = true, ulong unbondingA = Weeks3, ulong unbondingB = Weeks3) =>
        Machine.Start(new RelayEnd(Header(A, _heights[A], StartSeconds), "a", unbondingA),
            new RelayEnd(Header(B, _heights[B], StartSeconds), "b", unbondingB), At(StartSeconds), openChannel);

    /// <summary>Feeds the next block of <paramref name="chain"/>, at <paramref name="seconds"/>.</summary>
    public IReadOnlyList<RelaySubmission> Block(
        string chain, ulong seconds, IEnumerable<PacketEvent>? events = null, params RelayTxOutcome[] outcomes) =>
        Machine.Observe(Digest(chain, ++_heights[chain], seconds, events, outcomes));

    public static BlockDigest Digest(
        string chain, ulong height, ulong seconds, IEnumerable<PacketEvent>? events = null, params RelayTxOutcome[] outcomes) =>
        new(chain, Header(chain, height, seconds), [.. events ?? []], [.. outcomes]);

    /// <summary>Starts over <see cref="Connection"/> and answers the four channel steps with success: the channel is open.</summary>
    public void Open(ulong unbondingA = Weeks3, ulong unbondingB = Weeks3)
    {
        var init = Assert.Single(Start(unbondingA: unbondingA, unbondingB: unbondingB));
        var tryOpen = Assert.Single(Block(A, StartSeconds + 5, null, Ok(init, "", ChanA)));
        var ack = Assert.Single(Block(B, StartSeconds + 10, null, Ok(tryOpen, "", ChanB)));
        var confirm = Assert.Single(Block(A, StartSeconds + 15, null, Ok(ack)));
        Assert.Empty(Block(B, StartSeconds + 20, null, Ok(confirm)));
        Assert.True(Machine.IsOpen);
    }

    public static RelayTxOutcome Ok(RelaySubmission s, params string[] data) => new(s.Tx.Id, null, [.. data]);

    public static RelayTxOutcome Failed(RelaySubmission s, string error = "ibc:Boom: refused") => new(s.Tx.Id, error, []);

    /// <summary>The relayer messages of a submission, in order.</summary>
    public static IReadOnlyList<IbcRelayMsg> Msgs(RelaySubmission s) => [.. s.Tx.Msgs.Select(m => Assert.IsType<CosmosMsg.Relay>(m).Msg)];

    /// <summary>The messages after the leading client update (what a packet batch carries).</summary>
    public static IReadOnlyList<IbcRelayMsg> Body(RelaySubmission s)
    {
        var msgs = Msgs(s);
        Assert.IsType<IbcRelayMsg.UpdateClient>(msgs[0]);
        return [.. msgs.Skip(1)];
    }

    /// <summary>A packet from A's end to B's (or B's to A's), timing out at <paramref name="timeoutSeconds"/> on the destination.</summary>
    public static IbcPacket Packet(ulong sequence, ulong timeoutSeconds = StartSeconds + 3_600, bool fromA = true)
    {
        var (src, dst) = (new IbcEndpoint(PortA, ChanA), new IbcEndpoint(PortB, ChanB));
        return new IbcPacket(fromA ? src : dst, fromA ? dst : src, sequence, Encoding.UTF8.GetBytes($"data {sequence}"),
            IbcTimeout.AtTime(At(timeoutSeconds)));
    }

    public static PacketEvent Sent(IbcPacket p) => new(PacketEventKind.Send, p);

    public static PacketEvent Received(IbcPacket p) => new(PacketEventKind.Receive, p);

    public static PacketEvent AckWritten(IbcPacket p, string ack = "ok") => new(PacketEventKind.WriteAck, p, Encoding.UTF8.GetBytes(ack));

    public static PacketEvent Acknowledged(IbcPacket p) => new(PacketEventKind.Acknowledge, p);

    public static PacketEvent TimedOut(IbcPacket p) => new(PacketEventKind.Timeout, p);

    public static PacketEvent Closed() => new(PacketEventKind.ChannelClosed, null);
}
