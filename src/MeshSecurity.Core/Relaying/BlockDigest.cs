using System.Collections.Immutable;
using System.Runtime.InteropServices;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// A block as one relayer needs it: the chain's header after the block, that channel end's packet events, the outcomes
/// of the relayer's own transactions in it, and when the chain makes its next block (null when its driver does not say).
/// Never the block result or the chain's state.
/// </summary>
public sealed record BlockDigest(
    string ChainId, ClientHeader Header, ImmutableArray<PacketEvent> Events, ImmutableArray<RelayTxOutcome> Outcomes,
    Types.Timestamp? NextBlockAt = null)
{
    public ulong Height => Header.Height;

    /// <summary>The emulated instant the block was made, when its header time differs from it (a clock skew); else null.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Types.Timestamp? MadeAt { get; init; }

    /// <summary>When the block was made: a relayer acts on what it reads from then on, whatever the chain's clock says.</summary>
    public Types.Timestamp Instant => MadeAt ?? Header.Time;

    /// <summary>
    /// Cuts the digest of <paramref name="block"/> for the channel end <paramref name="end"/> (null while its channel id is
    /// not known: only the header and outcomes then), keeping the transactions <paramref name="isOwn"/> accepts.
    /// </summary>
    public static BlockDigest Of(BlockResult block, ClientHeader header, IbcEndpoint? end, Func<TxResult, bool> isOwn)
    {
        var outcomes = ImmutableArray.CreateBuilder<RelayTxOutcome>();
        foreach (var tx in block.TxResults)
            if (isOwn(tx)) outcomes.Add(OutcomeOf(tx));
        var events = ImmutableArray.CreateBuilder<PacketEvent>();
        if (end is { } e)
            foreach (var ev in block.AllEvents)
                if (Classify(ev) is { } c && c.End == e) events.Add(c.Event);
        return new BlockDigest(block.ChainId, header, events.ToImmutable(), outcomes.ToImmutable()) { MadeAt = block.MadeAt };
    }

    /// <summary>
    /// Cuts the digests of one block for all its observers (observer to its channel end, or null), in the observers'
    /// order, in one pass over the block's events and transactions, not one per observer: a provider with a thousand
    /// links has two thousand. <paramref name="submitters"/> names who submitted each transaction id; an observer gets
    /// its own outcomes.
    /// </summary>
    /// <remarks>
    /// Every chain cuts this every block (docs/bench.md, figure e, session 18): an event's end is matched against the
    /// observers' ends in place rather than through a dictionary keyed by ends (two strings hashed per event), and the
    /// lists are made only for the observers a block has something for; most blocks have nothing for most observers.
    /// </remarks>
    public static (string Observer, BlockDigest Digest)[] ForObservers(BlockResult block, ClientHeader header,
        IReadOnlyDictionary<string, IbcEndpoint?> observers, IReadOnlyDictionary<string, string> submitters,
        Types.Timestamp? nextBlockAt = null)
    {
        var names = new string[observers.Count];
        var ends = new IbcEndpoint?[observers.Count];
        var n = 0;
        foreach (var (observer, end) in observers)
        {
            names[n] = observer;
            ends[n++] = end;
        }
        ImmutableArray<PacketEvent>.Builder?[]? events = null;
        foreach (var ev in block.AllEvents)
        {
            if (Classify(ev) is not { } c) continue;
            for (var i = 0; i < n; i++)
            {
                if (ends[i] is not { } e || !e.Equals(c.End)) continue;
                events ??= new ImmutableArray<PacketEvent>.Builder?[n];
                (events[i] ??= ImmutableArray.CreateBuilder<PacketEvent>()).Add(c.Event);
            }
        }
        ImmutableArray<RelayTxOutcome>.Builder?[]? outcomes = null;
        foreach (var tx in block.TxResults)
        {
            if (!submitters.TryGetValue(tx.TxId, out var who)) continue;
            var i = Array.IndexOf(names, who);
            if (i < 0) continue;
            outcomes ??= new ImmutableArray<RelayTxOutcome>.Builder?[n];
            (outcomes[i] ??= ImmutableArray.CreateBuilder<RelayTxOutcome>()).Add(OutcomeOf(tx));
        }
        var digests = new (string, BlockDigest)[n];
        for (var i = 0; i < n; i++)
            digests[i] = (names[i], new BlockDigest(block.ChainId, header, events?[i]?.ToImmutable() ?? [],
                outcomes?[i]?.ToImmutable() ?? [], nextBlockAt) { MadeAt = block.MadeAt });
        return digests;
    }

    private static RelayTxOutcome OutcomeOf(TxResult tx)
    {
        var data = new string[tx.MsgData.Length];
        for (var i = 0; i < data.Length; i++) data[i] = tx.MsgData[i] as string ?? "";
        return new(tx.TxId, tx.Error?.ToString(), ImmutableCollectionsMarshal.AsImmutableArray(data));
    }

    /// <summary>The channel end an event belongs to and what it says, or null for an event no relayer reads.</summary>
    private static (IbcEndpoint End, PacketEvent Event)? Classify(Types.Event ev)
    {
        (IbcEndpoint, PacketEvent) Packet(PacketEventKind kind, bool atSource, byte[]? ack = null)
        {
            var p = IbcEvents.ToPacket(ev);
            return (atSource ? p.Source : p.Destination, new PacketEvent(kind, p, ack));
        }
        return ev.Type switch
        {
            IbcEvents.SendPacket => Packet(PacketEventKind.Send, atSource: true),
            IbcEvents.RecvPacket => Packet(PacketEventKind.Receive, atSource: false),
            IbcEvents.WriteAcknowledgement =>
                Packet(PacketEventKind.WriteAck, atSource: false, ev.ValueOf(IbcEvents.AckHex)!.Value.AsBytes()),
            IbcEvents.AcknowledgePacket => Packet(PacketEventKind.Acknowledge, atSource: true),
            IbcEvents.TimeoutPacket => Packet(PacketEventKind.Timeout, atSource: true),
            IbcEvents.ChannelClosed or IbcEvents.ChannelCloseInit or IbcEvents.ChannelCloseConfirm =>
                (new IbcEndpoint(ev.Get("port_id") ?? "", ev.Get("channel_id") ?? ""), new PacketEvent(PacketEventKind.ChannelClosed, null)),
            _ => null,
        };
    }
}
